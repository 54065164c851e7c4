import { defineEntity, p } from '@mikro-orm/core';

const KnownAreaSchema = defineEntity({
  name: 'KnownArea',
  tableName: 'known_area',
  properties: {
    id: p.string().length(64).primary(),
    path: p.string().length(512).index('known_area_path_idx'),
    name: p.string().length(100),
    closed: p.boolean(),
  },
});

/** Projection of the party service's areas: notices go only to areas that exist. */
export class KnownArea extends KnownAreaSchema.class {}
KnownAreaSchema.setClass(KnownArea);

const ResidentSchema = defineEntity({
  name: 'Resident',
  tableName: 'resident',
  properties: {
    householdId: p.string().length(64).primary(),
    personId: p.string().length(64).primary().index('resident_person_idx'),
    name: p.string().length(64).nullable(),
    phone: p.string().length(32).nullable(),
    hasAccount: p.boolean(),
    areaPath: p.string().length(512).index('resident_area_path_idx'),
    estateId: p.string().length(64).nullable(),
    buildingId: p.string().length(64).nullable(),
    stairwellId: p.string().length(64).nullable(),
    unitId: p.string().length(64).nullable(),
  },
});

/** Projection of the estate register (property events): who lives where, and whether they are reachable online. */
export class Resident extends ResidentSchema.class {}
ResidentSchema.setClass(Resident);

const RoleHolderSchema = defineEntity({
  name: 'RoleHolder',
  tableName: 'role_holder',
  properties: {
    postId: p.string().length(128).primary(),
    personId: p.string().length(64),
    role: p.string().length(32),
    areaPath: p.string().length(512).index('role_holder_area_path_idx'),
    buildingId: p.string().length(64).nullable().index('role_holder_building_idx'),
  },
});

/** Projection of posts (party events): role audiences, and the building leaders who get door-to-door lists. */
export class RoleHolder extends RoleHolderSchema.class {}
RoleHolderSchema.setClass(RoleHolder);

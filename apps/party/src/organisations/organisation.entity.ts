import { OrganisationType } from '@gov/contracts-party';
import { defineEntity, p } from '@mikro-orm/core';

const OrganisationSchema = defineEntity({
  name: 'Organisation',
  tableName: 'party_organisation',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(100),
    type: p.enum(OrganisationType.options),
    parentId: p.uuid().nullable().index('party_organisation_parent_idx'),
    /** Materialised path of ids, `/<root id>/<child id>/`, for subtrees and cycle checks. */
    path: p.string().length(1024).unique('party_organisation_path_unique'),
    areaId: p.uuid().index('party_organisation_area_idx'),
    /** Copy of the area's path, kept in step when areas move; scope checks are prefix checks on it. */
    areaPath: p.string().length(512).index('party_organisation_area_path_idx'),
    secretaryName: p.string().length(50).nullable(),
    secretaryPersonId: p.string().length(64).nullable(),
    status: p.enum(['ACTIVE', 'DISSOLVED'] as const),
    foundedOn: p.string().length(10).nullable(),
    dissolvedOn: p.string().length(10).nullable(),
    dissolveReason: p.string().length(500).nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().length(3),
    updatedAt: p.datetime().length(3),
  },
  indexes: [
    {
      name: 'party_organisation_sibling_name_unique',
      expression:
        'create unique index "party_organisation_sibling_name_unique" on "party_organisation" ("parent_id", "name") nulls not distinct where "status" = \'ACTIVE\'',
    },
  ],
});

/** A node of the party organisation tree (committee → general branch → branch → group → central household). */
export class Organisation extends OrganisationSchema.class {}
OrganisationSchema.setClass(Organisation);

import { CareRiskColour } from '@gov/contracts-tickets';
import { defineEntity, p } from '@mikro-orm/core';
import type { ScheduleEntry } from './care.rules';

const CareProfileSchema = defineEntity({
  name: 'CareProfile',
  tableName: 'care_profile',
  properties: {
    id: p.uuid().primary(),
    areaPath: p.string().length(512).index('care_profile_area_path_idx'),
    householdId: p.string().length(64).nullable(),
    personId: p.string().length(64).nullable(),
    name: p.string().length(64),
    careTags: p.json<string[]>(),
    careRiskColour: p.enum(CareRiskColour.options),
    visitStreams: p.json<string[]>(),
    visitors: p.json<string[]>(),
    schedule: p.json<ScheduleEntry[]>(),
    /** Earliest due time not yet reported overdue; the sweeper's index. */
    nextCareCheckAt: p.datetime().length(3).nullable().index('care_profile_next_check_idx'),
    /** Earliest due time of any stream; the visit list's order. */
    nextDueAt: p.datetime().length(3).index('care_profile_next_due_idx'),
    createdAt: p.datetime().length(3),
    updatedAt: p.datetime().length(3),
    version: p.integer().version(),
  },
});

/** A vulnerable resident under care (关爱对象) and the schedule of each visit stream. */
export class CareProfile extends CareProfileSchema.class {}
CareProfileSchema.setClass(CareProfile);

const CareVisitSchema = defineEntity({
  name: 'CareVisit',
  tableName: 'care_visit',
  properties: {
    id: p.uuid().primary(),
    profileId: p.uuid().index('care_visit_profile_idx'),
    stream: p.string().length(32),
    by: p.string().length(128),
    at: p.datetime().length(3),
    changes: p.text().nullable(),
    opinions: p.text().nullable(),
    hazards: p.json<{ title: string; ticketId: string }[]>(),
    onTime: p.boolean(),
  },
});

/** One visit to a profile by one stream: what changed, what the resident said, hazards found. */
export class CareVisit extends CareVisitSchema.class {}
CareVisitSchema.setClass(CareVisit);

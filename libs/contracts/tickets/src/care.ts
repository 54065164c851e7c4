import { AreaPath, brandedId, defineCommand, defineEvent, defineQuery, IdempotencyKey, page } from '@gov/contracts-core';
import { z } from 'zod';
import { Location, TicketId } from './tickets';

export const CareProfileId = brandedId('CareProfileId');
export const CareVisitId = brandedId('CareVisitId');

/** The care categories from the sources (Xiangdong's "key categories" and other lectures). */
export const CareTag = z.enum([
  'ELDERLY_ALONE',
  'VERY_OLD',
  'ELDERLY_ONLY_HOUSEHOLD',
  'DISABLED',
  'VETERAN',
  'COMMUNITY_CORRECTION',
  'RELEASED_PRISONER',
  'MENTAL_ILLNESS',
  'MINOR',
  'CHILD_IN_DIFFICULTY',
  'BEREAVED_ONLY_CHILD',
  'HARDSHIP',
  'PREGNANT',
  'UNEMPLOYED',
]);

/** Minyi's red/yellow/green tags on vulnerable residents; they set how often each stream visits. Not the triage colour. */
export const CareRiskColour = z.enum(['RED', 'YELLOW', 'GREEN']);
export type CareRiskColour = z.infer<typeof CareRiskColour>;

/** Minyi's triple mechanism plus paired party members: who keeps an eye on the household, and how often. */
export const VisitStream = z.enum(['PROPERTY_DAILY_PATROL', 'RC_FOLLOW_UP', 'VOLUNTEER_WEEKLY', 'PAIRED_MEMBER']);
export type VisitStream = z.infer<typeof VisitStream>;

/** SCHEDULED → DUE (the last seventh of the interval) → DONE (a visit, which schedules the next) | OVERDUE. */
export const CareVisitStatus = z.enum(['SCHEDULED', 'DUE', 'OVERDUE']);
export type CareVisitStatus = z.infer<typeof CareVisitStatus>;

const Instant = z.iso.datetime({ offset: true });

export const CareScheduleEntry = z.object({
  stream: VisitStream,
  dueAt: Instant,
  lastVisitAt: Instant.nullable(),
  status: CareVisitStatus,
});
export type CareScheduleEntry = z.infer<typeof CareScheduleEntry>;

export const CareProfile = z.object({
  id: CareProfileId,
  areaPath: AreaPath.describe('Where the household lives: the grid, or a building below it'),
  householdId: z.string().nullable(),
  personId: z.string().nullable(),
  name: z.string().describe('The cared-for resident; only RC staff, grid workers in scope and assigned visitors see profiles'),
  careTags: z.array(CareTag),
  careRiskColour: CareRiskColour,
  visitStreams: z.array(VisitStream),
  visitors: z.array(z.string()).describe('Person ids assigned to visit (volunteers, paired party members, property staff)'),
  schedule: z.array(CareScheduleEntry),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type CareProfile = z.infer<typeof CareProfile>;

export const CareVisit = z.object({
  id: CareVisitId,
  profileId: CareProfileId,
  stream: VisitStream,
  by: z.string(),
  at: Instant,
  changes: z.string().nullable(),
  opinions: z.string().nullable(),
  hazards: z.array(z.object({ title: z.string(), ticketId: TicketId })),
  onTime: z.boolean().describe('Made no later than the stream was due'),
});
export type CareVisit = z.infer<typeof CareVisit>;

const ProfileFields = {
  careTags: z.array(CareTag).min(1).max(CareTag.options.length),
  careRiskColour: CareRiskColour,
  visitStreams: z.array(VisitStream).min(1).max(VisitStream.options.length),
  visitors: z.array(z.string().min(1).max(128)).max(20).default([]),
};

const distinct = (values: readonly string[]) => new Set(values).size === values.length;

export const CreateCareProfileCommand = defineCommand({
  subject: 'tickets.care-profile.create',
  description: 'Register a vulnerable resident for care visits (关爱对象); each visit stream is scheduled from the care-risk colour.',
  request: z
    .object({
      areaPath: AreaPath,
      householdId: z.string().min(1).max(64).optional(),
      personId: z.string().min(1).max(64).optional(),
      name: z.string().trim().min(1).max(64),
      ...ProfileFields,
      idempotencyKey: IdempotencyKey.optional(),
    })
    .refine((r) => distinct(r.careTags), { message: 'each care tag once', path: ['careTags'] })
    .refine((r) => distinct(r.visitStreams), { message: 'each visit stream once', path: ['visitStreams'] }),
  response: CareProfile,
  errors: ['TICKETS.IDEMPOTENCY_KEY_REUSED'],
});

export const UpdateCareProfileCommand = defineCommand({
  subject: 'tickets.care-profile.update',
  description: 'Change tags, colour, streams or visitors; a new colour reschedules every stream from its last visit.',
  request: z
    .object({
      id: CareProfileId,
      expectedVersion: z.number().int().min(1).describe('The version you read; a stale one is refused with CONFLICT'),
      careTags: ProfileFields.careTags.optional(),
      careRiskColour: CareRiskColour.optional(),
      visitStreams: ProfileFields.visitStreams.optional(),
      visitors: z.array(z.string().min(1).max(128)).max(20).optional(),
    })
    .refine((r) => !r.careTags || distinct(r.careTags), { message: 'each care tag once', path: ['careTags'] })
    .refine((r) => !r.visitStreams || distinct(r.visitStreams), { message: 'each visit stream once', path: ['visitStreams'] }),
  response: CareProfile,
  errors: ['TICKETS.CARE_PROFILE_NOT_FOUND', 'CONFLICT'],
});

export const GetCareProfileQuery = defineQuery({
  subject: 'tickets.care-profile.get',
  description: 'One care profile with its visit schedule.',
  request: z.object({ id: CareProfileId }),
  response: CareProfile,
  errors: ['TICKETS.CARE_PROFILE_NOT_FOUND'],
});

export const ListCareProfilesQuery = defineQuery({
  subject: 'tickets.care-profile.list',
  description: 'Care profiles in an area, soonest due first: the visit list of a grid, or what is overdue.',
  request: z.object({
    areaPath: AreaPath,
    status: CareVisitStatus.optional().describe('Only profiles with a stream in this state'),
    careRiskColour: CareRiskColour.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    cursor: z.string().max(100).optional(),
  }),
  response: page(CareProfile),
});

export const RecordCareVisitCommand = defineCommand({
  subject: 'tickets.care-visit.record',
  description: 'Record a care visit: it schedules the stream’s next visit, and each hazard found becomes a proactive ticket (channel VISIT).',
  request: z.object({
    profileId: CareProfileId,
    stream: VisitStream,
    at: Instant.describe('When the visit took place; not in the future'),
    changes: z.string().trim().max(1_000).optional().describe('What changed in the household'),
    opinions: z.string().trim().max(1_000).optional().describe('What the resident asked for or said'),
    hazards: z
      .array(
        z.object({
          title: z.string().trim().min(1).max(100),
          description: z.string().trim().min(1).max(2_000),
          location: Location.optional().describe('Defaults to the household’s area'),
          categoryCode: z.string().max(64).optional(),
        }),
      )
      .max(20)
      .default([]),
    idempotencyKey: IdempotencyKey.optional(),
  }),
  response: CareVisit,
  errors: ['TICKETS.CARE_PROFILE_NOT_FOUND', 'TICKETS.STREAM_NOT_SCHEDULED', 'TICKETS.VISIT_IN_FUTURE', 'TICKETS.UNKNOWN_CATEGORY'],
});

export const ListCareVisitsQuery = defineQuery({
  subject: 'tickets.care-visit.list',
  description: 'The visits of one profile, newest first.',
  request: z.object({ profileId: CareProfileId, limit: z.number().int().min(1).max(500).default(100) }),
  response: z.object({ items: z.array(CareVisit) }),
  errors: ['TICKETS.CARE_PROFILE_NOT_FOUND'],
});

export const CareSummaryQuery = defineQuery({
  subject: 'tickets.care-profile.summary',
  description: 'Care KPIs for an area at an instant: profiles by colour, streams overdue, and coverage (profiles visited at least once in the past year).',
  request: z.object({ areaPath: AreaPath }),
  response: z.object({
    profiles: z.number().int(),
    byColour: z.object({ RED: z.number().int(), YELLOW: z.number().int(), GREEN: z.number().int() }),
    overdueStreams: z.number().int().describe('Visit streams past their due time'),
    profilesWithOverdue: z.number().int(),
    visitedWithinYear: z.number().int(),
    coverage: z.number().min(0).max(1).nullable().describe('visitedWithinYear / profiles; null without profiles'),
    visitsLast30Days: z.number().int(),
    onTimeShareLast30Days: z.number().min(0).max(1).nullable(),
  }),
});

export const CareVisitOverdueEvent = defineEvent({
  subject: 'evt.tickets.care-visit.overdue.v1',
  description: 'A care visit stream passed its due time without a visit (once per due time).',
  payload: z.object({ profileId: CareProfileId, areaPath: AreaPath, stream: VisitStream, dueAt: Instant, visitors: z.array(z.string()) }),
});

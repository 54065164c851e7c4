import { AreaPath, brandedId, defineCommand, defineEvent, defineQuery, IdempotencyKey, page } from '@gov/contracts-core';
import { z } from 'zod';

export const TicketId = brandedId('TicketId');
export type TicketId = z.infer<typeof TicketId>;

/** The lifecycle; see apps/tickets/src/tickets/ticket.rules.ts for who may move a ticket where. */
export const TicketStatus = z.enum([
  'SUBMITTED',
  'ACKNOWLEDGED',
  'TRIAGED',
  'DISPATCHED',
  'IN_PROGRESS',
  'WAITING_FOR_RESIDENT',
  'DEFERRED',
  'ESCALATED',
  'RESOLVED',
  'RATED',
  'REOPENED',
  'CLOSED',
  'REJECTED',
  'CANCELLED',
  'MERGED',
]);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** Intake channels from the domain guide (tickets §2). */
export const Channel = z.enum([
  'STAIRWELL_GROUP',
  'GRID_QR',
  'PHONE',
  'HOTLINE_12345',
  'PATROL',
  'VISIT',
  'BUILDING_LEADER_WEEKLY',
  'NEEDS_QR_CARD',
  'SUGGESTION_BOX',
  'MESSAGE_BOARD',
  'OFFICIAL_ACCOUNT',
  'WALK_IN',
  'MEETING',
  'SENSOR_ALERT',
]);
export type Channel = z.infer<typeof Channel>;

/** Channels where staff found the problem before anyone complained (未诉先办). */
export const PROACTIVE_CHANNELS: readonly Channel[] = ['PATROL', 'VISIT', 'BUILDING_LEADER_WEEKLY', 'SENSOR_ALERT'];

export const ReporterType = z.enum(['RESIDENT', 'OWNER', 'TENANT', 'MERCHANT', 'RIDER', 'TOURIST', 'PARTY_MEMBER', 'STAFF', 'ANONYMOUS']);
export const ResponseLevel = z.enum(['L1_URGENT', 'L2_ROUTINE', 'L3_COMPLEX']);
export type ResponseLevel = z.infer<typeof ResponseLevel>;
export const TriageColour = z.enum(['RED', 'YELLOW', 'GREEN']);
export const HandlerKind = z.enum(['PERSON', 'PROPERTY_COMPANY', 'PARTNER_UNIT', 'DEPARTMENT']);

const Reason = z.string().trim().min(1).max(500);
const Version = z.number().int().min(1).describe('Optimistic-lock version; send the one you read');

export const Reporter = z.object({
  type: ReporterType,
  personId: z.string().max(64).optional().describe('Required unless anonymous'),
  name: z.string().max(50).optional(),
  contact: z.string().max(64).optional(),
});

export const Location = z.object({
  areaPath: AreaPath.describe('Area path down to the grid, e.g. /310117/310117001/310117001001/G01/'),
  buildingId: z.string().max(64).optional(),
  stairwellId: z.string().max(64).optional(),
  unitId: z.string().max(64).optional(),
  freeText: z.string().trim().min(1).max(200).describe('Where, in words: 171号楼2单元'),
  coordinates: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
});

export const Attachment = z.object({
  url: z.url().refine((u) => /^https?:/.test(u), 'http(s) only'),
  type: z.string().max(100).describe('MIME type'),
  size: z.number().int().min(0).max(50 * 1024 * 1024),
});

export const Handler = z.object({
  kind: HandlerKind,
  id: z.string().min(1).max(64),
  name: z.string().max(100).optional(),
});

export const Milestone = z.enum([
  'ON_SITE',
  'CONTROLLED',
  'REVISIT',
  'COMPLETED_WITH_FEEDBACK',
  'PLAN_AGREED',
  'WHISTLE_ACKNOWLEDGED',
  'SUPERVISION_DEADLINE',
  'HOTLINE_DEADLINE',
]);
export type Milestone = z.infer<typeof Milestone>;

export const SlaClock = z.object({
  milestone: Milestone,
  dueAt: z.iso.datetime({ offset: true }),
  warnedAt: z.iso.datetime({ offset: true }).nullable(),
  breachedAt: z.iso.datetime({ offset: true }).nullable(),
  metAt: z.iso.datetime({ offset: true }).nullable(),
});
export type SlaClock = z.infer<typeof SlaClock>;

export const Ticket = z.object({
  id: TicketId,
  status: TicketStatus,
  channel: Channel,
  reporter: Reporter,
  location: Location,
  categoryCode: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  title: z.string(),
  description: z.string(),
  attachments: z.array(Attachment),
  responseLevel: ResponseLevel.nullable(),
  triageColour: TriageColour.nullable(),
  firstContactOwnerId: z.string().nullable(),
  handler: Handler.nullable(),
  escalation: z
    .object({ departmentId: z.string(), reason: z.string(), raisedAt: z.string(), acknowledgeBy: z.string(), acknowledgedAt: z.string().nullable() })
    .nullable(),
  deferredUntil: z.iso.date().nullable(),
  reopenCount: z.number().int(),
  rating: z.object({ score: z.number().int(), fixed: z.boolean(), reasons: z.array(z.string()), at: z.string() }).nullable(),
  proactive: z.boolean().describe('Found before any complaint (patrol, visit, weekly round, sensor)'),
  ruleProposal: z
    .object({ type: z.enum(['CONVENTION', 'PROCEDURE', 'POLICY_PROPOSAL']), text: z.string() })
    .nullable()
    .describe('From one case to a class of cases (一件事 → 一类事)'),
  meTooCount: z.number().int().describe('Duplicates merged into this ticket ("me too")'),
  supervised: z
    .object({ departmentId: z.string(), deadline: z.iso.date(), reason: z.string(), listedAt: z.string(), listedBy: z.string() })
    .nullable()
    .describe('Listed for supervision (挂牌督办): the responsible department and the deadline'),
  hotline: z
    .object({
      externalNo: z.string(),
      externalDeadline: z.iso.datetime({ offset: true }),
      kind: z.enum(['COMPLAINT', 'COMMENDATION']),
      syncStatus: z.enum(['PENDING', 'SYNCED', 'FAILED']),
      lastSyncedAt: z.string().nullable(),
      syncNote: z.string().nullable(),
    })
    .nullable()
    .describe('The mirrored 12345 hotline case, if the ticket came from one'),
  plan: z
    .object({ text: z.string(), responsible: z.string(), deadline: z.iso.date(), agreedAt: z.string(), agreedBy: z.string() })
    .nullable()
    .describe("An L3 case's plan from the joint meeting"),
  revisits: z.array(z.object({ at: z.string(), by: z.string(), outcome: z.enum(['STABLE', 'RELAPSED']), note: z.string() })),
  duplicateOfId: TicketId.nullable(),
  related: z.array(TicketId).describe('Tickets linked as related (not merged)'),
  sla: z.array(SlaClock).describe('Deadlines of the response level, set at triage; paused time pushes them back'),
  overdue: z.boolean().describe('A deadline has passed unmet'),
  finishedLate: z.boolean().nullable().describe('Resolved after a deadline; null while unresolved'),
  version: z.number().int(),
  reportedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  resolvedAt: z.iso.datetime({ offset: true }).nullable(),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Ticket = z.infer<typeof Ticket>;

const ticketErrors = ['TICKETS.TICKET_NOT_FOUND', 'TICKETS.TRANSITION_NOT_ALLOWED'] as const;

export const SubmitTicketCommand = defineCommand({
  subject: 'tickets.ticket.submit',
  description: 'Take in a demand from any channel.',
  request: z.object({
    channel: Channel,
    reporter: Reporter,
    location: Location,
    categoryCode: z.string().max(64).optional().describe("A code from the district's service catalogue"),
    attributes: z
      .record(z.string().max(64), z.union([z.string().max(2_000), z.number(), z.array(z.string().max(64)).max(100)]))
      .default({})
      .describe("Answers to the category's attributes, by attribute code"),
    title: z.string().trim().min(1).max(100),
    description: z.string().trim().min(1).max(4_000),
    attachments: z.array(Attachment).max(20).default([]),
    idempotencyKey: IdempotencyKey.optional(),
  }).refine((r) => r.reporter.type === 'ANONYMOUS' || r.reporter.personId, {
    message: 'personId is required unless the reporter is anonymous',
    path: ['reporter', 'personId'],
  }),
  response: Ticket,
  errors: ['TICKETS.IDEMPOTENCY_KEY_REUSED', 'TICKETS.DAILY_LIMIT_REACHED', 'TICKETS.UNKNOWN_CATEGORY', 'TICKETS.ATTRIBUTE_REQUIRED', 'TICKETS.ATTRIBUTE_INVALID'],
});

const transition = <S extends z.ZodRawShape>(action: string, description: string, shape: S, extraErrors: string[] = []) =>
  defineCommand({
    subject: `tickets.ticket.${action}`,
    description,
    request: z.object({ id: TicketId, expectedVersion: Version.optional(), ...shape }),
    response: Ticket,
    errors: [...ticketErrors, ...extraErrors],
  });

export const AcknowledgeTicketCommand = transition('acknowledge', 'Receive a ticket; the receiver owns it to the end (首问负责制).', {});
export const TriageTicketCommand = transition('triage', 'Set the response level, ownership colour and category.', {
  responseLevel: ResponseLevel,
  triageColour: TriageColour.optional(),
  categoryCode: z.string().max(64).optional(),
}, ['TICKETS.UNKNOWN_CATEGORY']);
export const DispatchTicketCommand = transition('dispatch', 'Give the ticket to a handler: a named one (ASSIGN), or the next one on duty with room (ROUND_ROBIN).', {
  mode: z.enum(['ASSIGN', 'ROUND_ROBIN']).default('ASSIGN'),
  handler: Handler.optional().describe('Required for ASSIGN'),
  reason: Reason.optional().describe('Required when re-dispatching (transfer)'),
}, ['TICKETS.REASON_REQUIRED', 'TICKETS.HANDLER_REQUIRED', 'TICKETS.HANDLER_AT_CAPACITY', 'TICKETS.NO_HANDLER_ON_DUTY', 'TICKETS.RED_NEEDS_DEPARTMENT']);
export const ClaimTicketCommand = transition('claim', 'A staff member of the area takes a triaged ticket for themselves (抢单).', {}, [
  'TICKETS.HANDLER_AT_CAPACITY',
  'TICKETS.RED_NEEDS_DEPARTMENT',
]);
export const TransferOwnershipCommand = transition('transfer-ownership', 'A supervisor moves first-contact ownership to someone else, with a reason.', {
  newOwnerId: z.string().min(1).max(128),
  reason: Reason,
});
export const StartTicketCommand = transition('start', 'The handler accepts the ticket and starts (接单).', {});
export const ReturnTicketCommand = transition('return', 'The handler gives the ticket back, with a reason.', { reason: Reason });
export const WaitForResidentCommand = transition('wait-for-resident', 'Pause the clock while waiting for the resident.', { reason: Reason });
export const ResumeTicketCommand = transition('resume', 'Resume work after waiting or a deferral.', {});
export const DeferTicketCommand = transition('defer', 'Defer until a date; the clock pauses and the ticket reopens itself then.', {
  until: z.iso.date(),
  reason: Reason,
}, ['TICKETS.DEFER_DATE_IN_PAST', 'TICKETS.DEFER_DATE_TOO_FAR']);
export const EscalateTicketCommand = transition('escalate', 'Blow the whistle: a department must acknowledge in time (吹哨报到).', {
  departmentId: z.string().min(1).max(64),
  reason: Reason,
});
export const AcknowledgeEscalationCommand = transition('acknowledge-escalation', 'The department reports: it takes the ticket on.', {});
export const RuleProposal = z.object({
  type: z.enum(['CONVENTION', 'PROCEDURE', 'POLICY_PROPOSAL']).describe('A convention, a written procedure, or a policy proposal'),
  text: z.string().trim().min(1).max(4_000),
});

export const ResolveTicketCommand = transition('resolve', 'Record the result with evidence, and perhaps a rule the case suggests.', {
  summary: z.string().trim().min(1).max(2_000),
  evidence: z.array(Attachment).max(20).default([]),
  ruleProposal: RuleProposal.optional(),
});
export const MergeTicketCommand = transition('merge', 'Merge a duplicate into the ticket it repeats; that one counts a "me too".', {
  intoId: TicketId,
  reason: Reason.optional(),
}, ['TICKETS.DUPLICATE_TARGET_INVALID']);
export const RateTicketCommand = transition('rate', 'The reporter rates the result; "not fixed" reopens the ticket.', {
  score: z.number().int().min(1).max(5),
  fixed: z.boolean(),
  reasons: z.array(z.string().trim().min(1).max(200)).max(10).default([]),
}, ['TICKETS.ANONYMOUS_NO_FEEDBACK']);
export const CloseTicketCommand = transition('close', 'Close a resolved or rated ticket.', {});
export const RejectTicketCommand = transition('reject', 'Refuse a ticket that is not ours, with a reason.', { reason: Reason });
export const CancelTicketCommand = transition('cancel', 'Withdraw a ticket, with a reason.', { reason: Reason });

const DateList = z.array(z.iso.date()).max(400);

export const WorkingCalendar = z.object({
  districtCode: z.string().regex(/^[A-Za-z0-9-]{1,32}$/),
  holidays: DateList.describe('Public holidays (YYYY-MM-DD)'),
  workingWeekends: DateList.describe('Weekend days made working days (调休)'),
  version: z.number().int(),
});

export const SetCalendarCommand = defineCommand({
  subject: 'tickets.calendar.set',
  description: "Set a district's working calendar: its public holidays and adjusted working weekend days.",
  request: z.object({
    districtCode: z.string().regex(/^[A-Za-z0-9-]{1,32}$/).describe('The district code, the first segment of area paths'),
    holidays: DateList,
    workingWeekends: DateList,
  })
    .refine((r) => r.workingWeekends.every((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())), {
      message: 'an adjusted working day must fall on a Saturday or Sunday',
      path: ['workingWeekends'],
    })
    .refine((r) => !r.holidays.some((d) => r.workingWeekends.includes(d)), {
      message: 'a day cannot be both a holiday and a working weekend day',
      path: ['holidays'],
    }),
  response: WorkingCalendar,
});

export const GetCalendarQuery = defineQuery({
  subject: 'tickets.calendar.get',
  description: "A district's working calendar (Monday to Friday when none was set).",
  request: z.object({ districtCode: z.string().regex(/^[A-Za-z0-9-]{1,32}$/) }),
  response: WorkingCalendar,
});

export const LinkTicketCommand = transition('link', 'Link two tickets as related without merging them; both show the link.', {
  relatedId: TicketId,
}, ['TICKETS.DUPLICATE_TARGET_INVALID']);
export const AgreePlanCommand = transition('agree-plan', 'Record the plan a joint meeting agreed for a complex case: what, who is responsible, by when.', {
  text: z.string().trim().min(1).max(4_000),
  responsible: z.string().trim().min(1).max(100).describe('The party or department responsible'),
  deadline: z.iso.date(),
}, ['TICKETS.DEADLINE_IN_PAST']);

export const NoteVisibility = z.enum(['PUBLIC', 'INTERNAL']);
export const TicketNote = z.object({
  id: z.uuid(),
  ticketId: TicketId,
  visibility: NoteVisibility,
  text: z.string(),
  authorId: z.string(),
  at: z.iso.datetime({ offset: true }),
});
export type TicketNote = z.infer<typeof TicketNote>;

export const AddNoteCommand = defineCommand({
  subject: 'tickets.ticket.add-note',
  description: 'A progress note: PUBLIC ones the reporter sees (e.g. "物业已联系，下午2点上门"), INTERNAL ones only staff.',
  request: z.object({ id: TicketId, visibility: NoteVisibility, text: z.string().trim().min(1).max(2_000) }),
  response: TicketNote,
  errors: ['TICKETS.TICKET_NOT_FOUND'],
});

export const ListNotesQuery = defineQuery({
  subject: 'tickets.ticket.notes',
  description: "A ticket's progress notes the caller may see, oldest first.",
  request: z.object({ id: TicketId }),
  response: z.object({ items: z.array(TicketNote) }),
  errors: ['TICKETS.TICKET_NOT_FOUND'],
});

export const SuperviseTicketCommand = transition('supervise', 'List a case for supervision (挂牌督办): a responsible department and a deadline, reviewed at the monthly joint meeting.', {
  departmentId: z.string().min(1).max(64),
  deadline: z.iso.date(),
  reason: Reason,
}, ['TICKETS.DEADLINE_IN_PAST']);
export const RecordRevisitCommand = transition('record-revisit', 'Record a revisit (回访): stable, or relapsed, which reopens the ticket.', {
  outcome: z.enum(['STABLE', 'RELAPSED']),
  note: z.string().trim().min(1).max(1_000),
});

const ExternalNo = z.string().regex(/^[A-Za-z0-9._:-]{4,64}$/).describe('The 12345 case number');

export const ImportHotlineCaseCommand = defineCommand({
  subject: 'tickets.hotline.import',
  description: 'Mirror a 12345 hotline case as a ticket; importing the same case number again returns the same ticket.',
  request: z.object({
    externalNo: ExternalNo,
    receivedAt: z.iso.datetime({ offset: true }),
    externalDeadline: z.iso.datetime({ offset: true }).describe("The hotline's own deadline for the case"),
    kind: z.enum(['COMPLAINT', 'COMMENDATION']).default('COMPLAINT'),
    location: Location,
    categoryCode: z.string().max(64).optional(),
    title: z.string().trim().min(1).max(100),
    text: z.string().trim().min(1).max(4_000),
    caller: Reporter.optional().describe('Anonymous when absent'),
  }),
  response: Ticket,
  errors: ['TICKETS.UNKNOWN_CATEGORY'],
});

export const RecordHotlineSyncCommand = defineCommand({
  subject: 'tickets.hotline.record-sync',
  description: 'Record whether the reply to the 12345 platform went through.',
  request: z.object({ externalNo: ExternalNo, status: z.enum(['SYNCED', 'FAILED']), note: z.string().trim().max(500).optional() }),
  response: Ticket,
  errors: ['TICKETS.TICKET_NOT_FOUND'],
});

export const DutyRoster = z.object({
  areaPath: AreaPath,
  handlers: z.array(Handler).max(200).describe('Handlers on duty, in round-robin order'),
  version: z.number().int(),
});

export const SetDutyRosterCommand = defineCommand({
  subject: 'tickets.duty.set',
  description: 'Set who is on duty for an area, for round-robin dispatch (the roster of the nearest area above a ticket applies).',
  request: z.object({ areaPath: AreaPath, handlers: z.array(Handler).max(200) }),
  response: DutyRoster,
});

export const GetTicketQuery = defineQuery({
  subject: 'tickets.ticket.get',
  description: 'One ticket by id.',
  request: z.object({ id: TicketId }),
  response: Ticket,
  errors: ['TICKETS.TICKET_NOT_FOUND'],
});

export const ListTicketsQuery = defineQuery({
  subject: 'tickets.ticket.list',
  description: 'Tickets the caller may see, newest first, filtered; a page at a time.',
  request: z.object({
    ids: z.array(TicketId).max(100).optional(),
    areaPath: AreaPath.optional().describe('Only tickets at or below this area'),
    categoryCode: z.string().max(64).optional(),
    statuses: z.array(TicketStatus).max(14).optional(),
    reportedFrom: z.iso.datetime({ offset: true }).optional(),
    reportedTo: z.iso.datetime({ offset: true }).optional(),
    supervisedOnly: z.boolean().default(false).describe('Only cases listed for supervision (the monthly joint-meeting agenda)'),
    limit: z.number().int().min(1).max(1_000).default(100),
    cursor: z.string().max(100).optional().describe('From the previous page'),
  }),
  response: page(Ticket),
});

export const TicketHistoryQuery = defineQuery({
  subject: 'tickets.ticket.history',
  description: 'Every transition of a ticket: who, as what, when, from and to, why.',
  request: z.object({ id: TicketId }),
  response: z.object({
    items: z.array(
      z.object({
        action: z.string(),
        from: TicketStatus.nullable(),
        to: TicketStatus,
        actorId: z.string(),
        actorRoles: z.array(z.string()),
        reason: z.string().nullable(),
        at: z.iso.datetime({ offset: true }),
      }),
    ),
  }),
  errors: ['TICKETS.TICKET_NOT_FOUND'],
});

const event = (past: string, description: string) =>
  defineEvent({ subject: `evt.tickets.ticket.${past}.v1`, description, payload: Ticket });

export const TicketSubmittedEvent = event('submitted', 'A ticket was taken in.');
export const TicketAcknowledgedEvent = event('acknowledged', 'A ticket has its first-contact owner.');
export const TicketTriagedEvent = event('triaged', 'A ticket has its level and colour.');
export const TicketDispatchedEvent = event('dispatched', 'A ticket went to a handler.');
export const TicketEscalatedEvent = event('escalated', 'A ticket was escalated to a department.');
export const TicketResolvedEvent = event('resolved', 'A ticket was resolved.');
export const TicketRatedEvent = event('rated', 'The reporter rated a ticket.');
export const TicketReopenedEvent = event('reopened', 'A ticket was reopened (rated not fixed).');
export const TicketClosedEvent = event('closed', 'A ticket was closed.');
export const TicketRuleProposedEvent = defineEvent({
  subject: 'evt.tickets.ticket.rule-proposed.v1',
  description: 'A resolved case proposes a convention, procedure or policy (事→制→治).',
  payload: z.object({ ticket: Ticket, proposal: RuleProposal }),
});

export const TicketNoteAddedEvent = defineEvent({
  subject: 'evt.tickets.ticket.note-added.v1',
  description: 'A public progress note was added (for the reporter and the stairwell group).',
  payload: z.object({ ticket: Ticket, note: TicketNote }),
});

const SlaEventPayload = z.object({ ticket: Ticket, milestone: Milestone, dueAt: z.iso.datetime({ offset: true }) });
export const TicketSlaWarnedEvent = defineEvent({
  subject: 'evt.tickets.ticket.sla-warned.v1',
  description: 'Most of the time allowed for a milestone has gone (default 75%).',
  payload: SlaEventPayload,
});
export const TicketSlaBreachedEvent = defineEvent({
  subject: 'evt.tickets.ticket.sla-breached.v1',
  description: 'A milestone passed its deadline unmet (including a whistle the department did not acknowledge in time).',
  payload: SlaEventPayload,
});

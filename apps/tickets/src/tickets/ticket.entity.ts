import { Channel, ResponseLevel, TicketStatus, TriageColour, type SlaClock, type Ticket as TicketView } from '@gov/contracts-tickets';
import { defineEntity, p } from '@mikro-orm/core';

type Json<K extends keyof TicketView> = NonNullable<TicketView[K]>;

const TicketSchema = defineEntity({
  name: 'Ticket',
  tableName: 'ticket',
  properties: {
    id: p.uuid().primary(),
    status: p.enum(TicketStatus.options).index('ticket_status_idx'),
    channel: p.enum(Channel.options),
    reporter: p.json<Json<'reporter'>>(),
    /** The reporter's person id, for "my tickets" (null when anonymous). */
    reporterPersonId: p.string().length(64).nullable().index('ticket_reporter_idx'),
    location: p.json<Json<'location'>>(),
    /** Copy of location.areaPath; scope checks are prefix checks on it. */
    areaPath: p.string().length(512).index('ticket_area_path_idx'),
    categoryCode: p.string().length(64).nullable(),
    /** Answers to the category's attributes. */
    attributes: p.json<Record<string, string | number | string[]>>(),
    title: p.string().length(100),
    description: p.text(),
    attachments: p.json<TicketView['attachments']>(),
    responseLevel: p.enum(ResponseLevel.options).nullable(),
    triageColour: p.enum(TriageColour.options).nullable(),
    firstContactOwnerId: p.string().length(128).nullable(),
    handler: p.json<Json<'handler'>>().nullable(),
    handlerId: p.string().length(64).nullable().index('ticket_handler_idx'),
    escalation: p.json<Json<'escalation'>>().nullable(),
    deferredUntil: p.string().length(10).nullable(),
    reopenCount: p.integer(),
    rating: p.json<Json<'rating'>>().nullable(),
    resolution: p.json<{ summary: string; evidence: TicketView['attachments'] }>().nullable(),
    ruleProposal: p.json<Json<'ruleProposal'>>().nullable(),
    meTooCount: p.integer(),
    supervised: p.json<Json<'supervised'>>().nullable(),
    plan: p.json<Json<'plan'>>().nullable(),
    revisits: p.json<TicketView['revisits']>(),
    hotline: p.json<Json<'hotline'>>().nullable(),
    duplicateOfId: p.uuid().nullable(),
    related: p.json<string[]>(),
    /** Who typed it in (the reporter, or staff on their behalf); daily limits count by it. */
    submittedBy: p.string().length(128).index('ticket_submitted_by_idx'),
    proactive: p.boolean(),
    /** Seconds the SLA clock has stood still (waiting for the resident, deferred). */
    pausedSeconds: p.integer(),
    pausedSince: p.datetime().length(3).nullable(),
    /** The response level's deadlines, set at triage (and a whistle's acknowledgement deadline). */
    sla: p.json<SlaClock[]>(),
    /** When the SLA sweeper should look at this ticket next; null when no clock is pending. */
    nextSlaCheckAt: p.datetime().length(3).nullable().index('ticket_next_sla_check_idx'),
    /** When the current clocks started: the report, or the last reopening. */
    clocksFrom: p.datetime().length(3),
    version: p.integer().version(),
    reportedAt: p.datetime().length(3),
    updatedAt: p.datetime().length(3),
    resolvedAt: p.datetime().length(3).nullable(),
    closedAt: p.datetime().length(3).nullable(),
  },
  indexes: [
    {
      name: 'ticket_hotline_no_unique',
      expression: `create unique index "ticket_hotline_no_unique" on "ticket" (("hotline"->>'externalNo')) where "hotline" is not null`,
    },
  ],
});

/** A resident demand or work order (工单). */
export class Ticket extends TicketSchema.class {}
TicketSchema.setClass(Ticket);

const TicketTransitionSchema = defineEntity({
  name: 'TicketTransition',
  tableName: 'ticket_transition',
  properties: {
    id: p.uuid().primary(),
    ticketId: p.uuid().index('ticket_transition_ticket_idx'),
    action: p.string().length(32),
    fromStatus: p.enum(TicketStatus.options).nullable(),
    toStatus: p.enum(TicketStatus.options),
    actorId: p.string().length(128),
    actorRoles: p.json<string[]>(),
    reason: p.string().length(500).nullable(),
    at: p.datetime().length(3),
  },
});

/** One line of a ticket's history: who, as what, when, from and to, why (全程留痕). */
export class TicketTransition extends TicketTransitionSchema.class {}
TicketTransitionSchema.setClass(TicketTransition);

const DistrictCalendarSchema = defineEntity({
  name: 'DistrictCalendar',
  tableName: 'district_calendar',
  properties: {
    districtCode: p.string().length(32).primary(),
    holidays: p.json<string[]>(),
    workingWeekends: p.json<string[]>(),
    version: p.integer().version(),
    updatedAt: p.datetime().length(3),
  },
});

/** A district's working calendar: public holidays and adjusted working weekend days. */
export class DistrictCalendar extends DistrictCalendarSchema.class {}
DistrictCalendarSchema.setClass(DistrictCalendar);

const TicketNoteSchema = defineEntity({
  name: 'TicketNote',
  tableName: 'ticket_note',
  properties: {
    id: p.uuid().primary(),
    ticketId: p.uuid().index('ticket_note_ticket_idx'),
    visibility: p.enum(['PUBLIC', 'INTERNAL'] as const),
    text: p.string().length(2_000),
    authorId: p.string().length(128),
    at: p.datetime().length(3),
  },
});

/** A progress note on a ticket; public ones are for the reporter, internal ones for staff. */
export class TicketNote extends TicketNoteSchema.class {}
TicketNoteSchema.setClass(TicketNote);

import type { TicketStatus } from '@gov/contracts-tickets';

/**
 * How an actor stands to a ticket. A transition names the relations that may make it:
 * STAFF any community staff role; OWNER the first-contact owner (首问负责人); SUPERVISOR a party secretary or
 * district operator; HANDLER whoever the ticket is dispatched to; DEPARTMENT the department a whistle was
 * blown to; REPORTER the (named) reporter; SYSTEM the service's own timers.
 */
export type Relation = 'STAFF' | 'OWNER' | 'SUPERVISOR' | 'HANDLER' | 'DEPARTMENT' | 'REPORTER' | 'SYSTEM';

export type TicketAction =
  | 'acknowledge'
  | 'triage'
  | 'dispatch'
  | 'start'
  | 'return'
  | 'wait-for-resident'
  | 'resume'
  | 'defer'
  | 'escalate'
  | 'acknowledge-escalation'
  | 'resolve'
  | 'rate-fixed'
  | 'rate-not-fixed'
  | 'close'
  | 'reject'
  | 'cancel'
  | 'merge'
  | 'supervise'
  | 'revisit-stable'
  | 'revisit-relapsed'
  | 'transfer-ownership'
  | 'claim'
  | 'link'
  | 'agree-plan';

export interface TransitionContext {
  /** The ticket has a handler to go back to. */
  hasHandler: boolean;
  /** Where the ticket is now (for moves that leave it there). */
  status?: TicketStatus;
}

interface Rule {
  action: TicketAction;
  from: readonly TicketStatus[];
  to: TicketStatus | ((context: TransitionContext) => TicketStatus);
  by: readonly Relation[];
  /** Stops the SLA clock while the ticket stays in the target state. */
  pausesClock?: boolean;
}

const OPEN_WORK = ['TRIAGED', 'DISPATCHED', 'IN_PROGRESS'] as const;
const OPEN = ['SUBMITTED', 'ACKNOWLEDGED', 'TRIAGED', 'DISPATCHED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT', 'DEFERRED', 'ESCALATED', 'REOPENED'] as const;
const stays = ({ status }: TransitionContext): TicketStatus => status!;

/** The ticket lifecycle, one row per allowed move. Anything not listed is refused. */
export const TRANSITIONS: readonly Rule[] = [
  { action: 'acknowledge', from: ['SUBMITTED'], to: 'ACKNOWLEDGED', by: ['STAFF'] },
  { action: 'triage', from: ['ACKNOWLEDGED', 'REOPENED'], to: 'TRIAGED', by: ['OWNER', 'SUPERVISOR'] },
  // From DISPATCHED or IN_PROGRESS this is a transfer, which needs a reason (checked by the use case).
  { action: 'dispatch', from: ['TRIAGED', 'REOPENED', 'DISPATCHED', 'IN_PROGRESS'], to: 'DISPATCHED', by: ['OWNER', 'SUPERVISOR'] },
  // Grabbing (抢单): staff of the area take a triaged ticket for themselves.
  { action: 'claim', from: ['TRIAGED', 'REOPENED'], to: 'DISPATCHED', by: ['STAFF'] },
  { action: 'start', from: ['DISPATCHED'], to: 'IN_PROGRESS', by: ['HANDLER'] },
  { action: 'return', from: ['DISPATCHED', 'IN_PROGRESS'], to: 'TRIAGED', by: ['HANDLER'] },
  { action: 'wait-for-resident', from: ['IN_PROGRESS'], to: 'WAITING_FOR_RESIDENT', by: ['HANDLER', 'OWNER'], pausesClock: true },
  {
    action: 'resume',
    from: ['WAITING_FOR_RESIDENT', 'DEFERRED'],
    to: ({ hasHandler }) => (hasHandler ? 'IN_PROGRESS' : 'TRIAGED'),
    by: ['HANDLER', 'OWNER', 'SUPERVISOR', 'SYSTEM'],
  },
  { action: 'defer', from: OPEN_WORK, to: 'DEFERRED', by: ['OWNER', 'SUPERVISOR'], pausesClock: true },
  { action: 'escalate', from: OPEN_WORK, to: 'ESCALATED', by: ['OWNER', 'SUPERVISOR'] },
  { action: 'acknowledge-escalation', from: ['ESCALATED'], to: 'IN_PROGRESS', by: ['DEPARTMENT'] },
  // From ACKNOWLEDGED: a quick fix on the spot by the receiver (小事快办).
  { action: 'resolve', from: ['IN_PROGRESS'], to: 'RESOLVED', by: ['HANDLER', 'OWNER'] },
  { action: 'resolve', from: ['ACKNOWLEDGED'], to: 'RESOLVED', by: ['OWNER'] },
  { action: 'rate-fixed', from: ['RESOLVED'], to: 'RATED', by: ['REPORTER'] },
  { action: 'rate-not-fixed', from: ['RESOLVED'], to: 'REOPENED', by: ['REPORTER'] },
  { action: 'close', from: ['RESOLVED', 'RATED'], to: 'CLOSED', by: ['OWNER', 'SUPERVISOR', 'SYSTEM'] },
  { action: 'reject', from: ['SUBMITTED'], to: 'REJECTED', by: ['STAFF'] },
  { action: 'reject', from: ['ACKNOWLEDGED', 'TRIAGED'], to: 'REJECTED', by: ['OWNER', 'SUPERVISOR'] },
  { action: 'cancel', from: ['SUBMITTED', 'ACKNOWLEDGED', 'TRIAGED', 'DISPATCHED'], to: 'CANCELLED', by: ['REPORTER', 'OWNER', 'SUPERVISOR'] },
  { action: 'merge', from: OPEN, to: 'MERGED', by: ['STAFF', 'OWNER', 'SUPERVISOR'] },
  // An L3 case's plan from the joint meeting (联席会议): responsible party and deadline; the work goes on.
  { action: 'agree-plan', from: ['TRIAGED', 'DISPATCHED', 'IN_PROGRESS', 'ESCALATED'], to: stays, by: ['SUPERVISOR'] },
  // Linking notes a related ticket on both; each goes on by itself.
  { action: 'link', from: [...OPEN, 'RESOLVED', 'RATED'], to: stays, by: ['STAFF', 'OWNER', 'SUPERVISOR'] },
  // Listing a case for supervision (挂牌督办) changes who watches it, not where it is.
  { action: 'supervise', from: OPEN, to: stays, by: ['SUPERVISOR'] },
  // First-contact ownership (首问负责制) stays with the first receiver; only a supervisor moves it, with a reason.
  { action: 'transfer-ownership', from: [...OPEN.filter((s) => s !== 'SUBMITTED'), 'RESOLVED', 'RATED'], to: stays, by: ['SUPERVISOR'] },
  // A revisit (回访) after the result: stable leaves it be; a relapse reopens it.
  { action: 'revisit-stable', from: ['RESOLVED', 'RATED'], to: stays, by: ['OWNER', 'STAFF'] },
  { action: 'revisit-relapsed', from: ['RESOLVED', 'RATED'], to: 'REOPENED', by: ['OWNER', 'STAFF'] },
];

export const PAUSED_STATES: readonly TicketStatus[] = ['WAITING_FOR_RESIDENT', 'DEFERRED'];
export const FINAL_STATES: readonly TicketStatus[] = ['CLOSED', 'REJECTED', 'CANCELLED', 'MERGED'];

export type Decision =
  | { ok: true; to: TicketStatus }
  | { ok: false; code: 'TICKETS.TRANSITION_NOT_ALLOWED' | 'FORBIDDEN' };

/** Whether `action` may move a ticket in `status`, for an actor with `relations`; and to where. */
export function decide(
  status: TicketStatus,
  action: TicketAction,
  relations: ReadonlySet<Relation>,
  context: TransitionContext,
): Decision {
  const rows = TRANSITIONS.filter((rule) => rule.action === action && rule.from.includes(status));
  if (rows.length === 0) return { ok: false, code: 'TICKETS.TRANSITION_NOT_ALLOWED' };
  const row = rows.find((rule) => rule.by.some((relation) => relations.has(relation)));
  if (!row) return { ok: false, code: 'FORBIDDEN' };
  return { ok: true, to: typeof row.to === 'function' ? row.to(context) : row.to };
}

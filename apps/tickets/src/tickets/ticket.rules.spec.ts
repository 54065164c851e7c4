import { TicketStatus } from '@gov/contracts-tickets';
import { decide, TRANSITIONS, type Relation, type TicketAction } from './ticket.rules';

const ALL_RELATIONS = new Set<Relation>(['STAFF', 'OWNER', 'SUPERVISOR', 'HANDLER', 'DEPARTMENT', 'REPORTER', 'SYSTEM']);

/** Moves that leave a ticket where it is, from each of these states. */
const staysIn = (...states: TicketStatus[]) => Object.fromEntries(states.map((state) => [state, state])) as Partial<Record<TicketStatus, TicketStatus>>;
const OPEN_STATES: TicketStatus[] = ['SUBMITTED', 'ACKNOWLEDGED', 'TRIAGED', 'DISPATCHED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT', 'DEFERRED', 'ESCALATED', 'REOPENED'];

/** Written out by hand from the issue and the domain guide, independently of the rules table. */
const EXPECTED: Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>> = {
  acknowledge: { SUBMITTED: 'ACKNOWLEDGED' },
  triage: { ACKNOWLEDGED: 'TRIAGED', REOPENED: 'TRIAGED' },
  dispatch: { TRIAGED: 'DISPATCHED', REOPENED: 'DISPATCHED', DISPATCHED: 'DISPATCHED', IN_PROGRESS: 'DISPATCHED' },
  claim: { TRIAGED: 'DISPATCHED', REOPENED: 'DISPATCHED' },
  start: { DISPATCHED: 'IN_PROGRESS' },
  return: { DISPATCHED: 'TRIAGED', IN_PROGRESS: 'TRIAGED' },
  'wait-for-resident': { IN_PROGRESS: 'WAITING_FOR_RESIDENT' },
  resume: { WAITING_FOR_RESIDENT: 'IN_PROGRESS', DEFERRED: 'IN_PROGRESS' },
  defer: { TRIAGED: 'DEFERRED', DISPATCHED: 'DEFERRED', IN_PROGRESS: 'DEFERRED' },
  escalate: { TRIAGED: 'ESCALATED', DISPATCHED: 'ESCALATED', IN_PROGRESS: 'ESCALATED' },
  'acknowledge-escalation': { ESCALATED: 'IN_PROGRESS' },
  resolve: { IN_PROGRESS: 'RESOLVED', ACKNOWLEDGED: 'RESOLVED' },
  'rate-fixed': { RESOLVED: 'RATED' },
  'rate-not-fixed': { RESOLVED: 'REOPENED' },
  close: { RESOLVED: 'CLOSED', RATED: 'CLOSED' },
  reject: { SUBMITTED: 'REJECTED', ACKNOWLEDGED: 'REJECTED', TRIAGED: 'REJECTED' },
  cancel: { SUBMITTED: 'CANCELLED', ACKNOWLEDGED: 'CANCELLED', TRIAGED: 'CANCELLED', DISPATCHED: 'CANCELLED' },
  supervise: staysIn(...OPEN_STATES),
  'revisit-stable': staysIn('RESOLVED', 'RATED'),
  'agree-plan': staysIn('TRIAGED', 'DISPATCHED', 'IN_PROGRESS', 'ESCALATED'),
  link: staysIn(...OPEN_STATES, 'RESOLVED', 'RATED'),
  'transfer-ownership': staysIn(...OPEN_STATES.filter((state) => state !== 'SUBMITTED'), 'RESOLVED', 'RATED'),
  'revisit-relapsed': { RESOLVED: 'REOPENED', RATED: 'REOPENED' },
  merge: Object.fromEntries(OPEN_STATES.map((state) => [state, 'MERGED'])),
};

/** Who may make each move (for moves that differ by the state they start from, keyed `action@STATE`). */
const WHO: Record<string, Relation[]> = {
  acknowledge: ['STAFF'],
  triage: ['OWNER', 'SUPERVISOR'],
  dispatch: ['OWNER', 'SUPERVISOR'],
  claim: ['STAFF'],
  start: ['HANDLER'],
  return: ['HANDLER'],
  'wait-for-resident': ['HANDLER', 'OWNER'],
  resume: ['HANDLER', 'OWNER', 'SUPERVISOR', 'SYSTEM'],
  defer: ['OWNER', 'SUPERVISOR'],
  escalate: ['OWNER', 'SUPERVISOR'],
  'acknowledge-escalation': ['DEPARTMENT'],
  'resolve@IN_PROGRESS': ['HANDLER', 'OWNER'],
  'resolve@ACKNOWLEDGED': ['OWNER'],
  'rate-fixed': ['REPORTER'],
  'rate-not-fixed': ['REPORTER'],
  close: ['OWNER', 'SUPERVISOR', 'SYSTEM'],
  'reject@SUBMITTED': ['STAFF'],
  'reject@ACKNOWLEDGED': ['OWNER', 'SUPERVISOR'],
  'reject@TRIAGED': ['OWNER', 'SUPERVISOR'],
  cancel: ['REPORTER', 'OWNER', 'SUPERVISOR'],
  merge: ['STAFF', 'OWNER', 'SUPERVISOR'],
  link: ['STAFF', 'OWNER', 'SUPERVISOR'],
  'agree-plan': ['SUPERVISOR'],
  supervise: ['SUPERVISOR'],
  'transfer-ownership': ['SUPERVISOR'],
  'revisit-stable': ['OWNER', 'STAFF'],
  'revisit-relapsed': ['OWNER', 'STAFF'],
};

const actions = Object.keys(EXPECTED) as TicketAction[];
const cases = actions.flatMap((action) => TicketStatus.options.map((status) => [action, status] as const));

describe('ticket state machine', () => {
  it.each(cases)('%s from %s: allowed exactly where the lifecycle says, to the right state', (action, status) => {
    const decision = decide(status, action, ALL_RELATIONS, { hasHandler: true, status });
    const expected = EXPECTED[action][status];
    if (expected) expect(decision).toEqual({ ok: true, to: expected });
    else expect(decision).toEqual({ ok: false, code: 'TICKETS.TRANSITION_NOT_ALLOWED' });
  });

  const allowedMoves = cases.filter(([action, status]) => EXPECTED[action][status]);
  it.each(allowedMoves)('%s from %s: only the named relations may do it', (action, status) => {
    const who = WHO[`${action}@${status}`] ?? WHO[action];
    for (const relation of ALL_RELATIONS) {
      const decision = decide(status, action, new Set([relation]), { hasHandler: true, status });
      expect({ relation, ok: decision.ok }).toEqual({ relation, ok: who.includes(relation) });
      if (!decision.ok) expect(decision.code).toBe('FORBIDDEN');
    }
  });

  it('resumes to triage when there is no handler to go back to', () => {
    expect(decide('DEFERRED', 'resume', new Set(['SYSTEM']), { hasHandler: false })).toEqual({ ok: true, to: 'TRIAGED' });
  });

  it('never moves a closed, rejected, cancelled or merged ticket', () => {
    for (const rule of TRANSITIONS) expect(rule.from).not.toEqual(expect.arrayContaining(['CLOSED']));
    for (const action of actions) {
      for (const status of ['CLOSED', 'REJECTED', 'CANCELLED', 'MERGED'] as const) {
        expect(decide(status, action, ALL_RELATIONS, { hasHandler: true }).ok).toBe(false);
      }
    }
  });
});

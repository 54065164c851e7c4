import type { RequestOf } from '@gov/contracts-core';
import {
  AcknowledgeEscalationCommand,
  AddNoteCommand,
  AgreePlanCommand,
  AcknowledgeTicketCommand,
  CancelTicketCommand,
  ClaimTicketCommand,
  CloseTicketCommand,
  DeferTicketCommand,
  DispatchTicketCommand,
  EscalateTicketCommand,
  GetTicketQuery,
  LinkTicketCommand,
  ListNotesQuery,
  ListTicketsQuery,
  MergeTicketCommand,
  RateTicketCommand,
  RecordRevisitCommand,
  RejectTicketCommand,
  ResolveTicketCommand,
  ResumeTicketCommand,
  ReturnTicketCommand,
  StartTicketCommand,
  SetDutyRosterCommand,
  SubmitTicketCommand,
  SuperviseTicketCommand,
  TicketHistoryQuery,
  TicketKpisQuery,
  TicketRuleProposedEvent,
  TransferOwnershipCommand,
  TriageTicketCommand,
  WaitForResidentCommand,
} from '@gov/contracts-tickets';
import { DomainError, Handles, recordEvent, SERVICE_CONFIG, type Call } from '@gov/platform';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { districtOf } from '../calendar/calendar';
import { categoryFor } from '../catalogue/catalogue';
import { Category } from '../catalogue/category.entity';
import { Ticket } from './ticket.entity';
import { FINAL_STATES } from './ticket.rules';
import { toView } from './ticket.view';
import { localDate, nextLocalDate, startOfLocalDay } from '../sla/sla.rules';
import type { TicketsEnv } from '../config';
import { TicketKpis } from '../kpis/ticket-kpis';
import { assertRoom, DutyRosters, nextOnDuty } from './duty';
import { TicketNotes } from './notes';
import { ReadTickets } from './read-tickets';
import { SubmitTicket } from './submit-ticket';
import { TransitionTicket } from './transition-ticket';

const MAX_DEFER_DAYS = 366;

/** Transport only: each subject maps onto submit, a lifecycle move (with its data) or a read. */
@Controller()
export class TicketsHandler {
  constructor(
    private readonly submitTicket: SubmitTicket,
    private readonly transition: TransitionTicket,
    private readonly read: ReadTickets,
    private readonly kpis: TicketKpis,
    private readonly duty: DutyRosters,
    private readonly notes: TicketNotes,
    @Inject(SERVICE_CONFIG) private readonly config: TicketsEnv,
  ) {}

  @Handles(SubmitTicketCommand)
  submit(@Payload() request: RequestOf<typeof SubmitTicketCommand>, @Ctx() call: Call) {
    return this.submitTicket.run(request, call.actor, call.idempotencyKey);
  }

  @Handles(AcknowledgeTicketCommand)
  acknowledge(@Payload() r: RequestOf<typeof AcknowledgeTicketCommand>, @Ctx() call: Call) {
    return this.transition.run(
      { action: 'acknowledge', ...r, apply: (ticket) => void (ticket.firstContactOwnerId = call.actor.id) },
      call.actor,
    );
  }

  @Handles(TriageTicketCommand)
  triage(@Payload() r: RequestOf<typeof TriageTicketCommand>, @Ctx() call: Call) {
    return this.transition.run(
      {
        action: 'triage',
        ...r,
        apply: (ticket) => {
          ticket.responseLevel = r.responseLevel;
          ticket.triageColour = r.triageColour ?? null;
          if (r.categoryCode) ticket.categoryCode = r.categoryCode;
        },
        prepare: async (em, ticket) => {
          // Re-categorising at triage: the new category must be in the district's catalogue.
          if (r.categoryCode && r.categoryCode !== ticket.categoryCode) await categoryFor(em, ticket.areaPath, r.categoryCode);
        },
      },
      call.actor,
    );
  }

  @Handles(DispatchTicketCommand)
  dispatch(@Payload() r: RequestOf<typeof DispatchTicketCommand>, @Ctx() call: Call) {
    let handler = r.handler;
    return this.transition.run(
      {
        action: 'dispatch',
        ...r,
        prepare: async (em, ticket) => {
          // Taking a ticket from one handler to another is a transfer: it must say why.
          if ((ticket.status === 'DISPATCHED' || ticket.status === 'IN_PROGRESS') && !r.reason) {
            throw new DomainError('TICKETS.REASON_REQUIRED', 'a transfer needs a reason');
          }
          // A public matter (RED, 公家事) is led by a department (domain guide, tickets §4.1).
          const red = ticket.triageColour === 'RED';
          if (r.mode === 'ROUND_ROBIN') {
            handler = await nextOnDuty(em, ticket.areaPath, this.config.MAX_OPEN_PER_HANDLER, red ? ['DEPARTMENT'] : undefined);
          } else if (!handler) throw new DomainError('TICKETS.HANDLER_REQUIRED', 'say whom to assign it to, or dispatch round-robin');
          else {
            if (red && handler.kind !== 'DEPARTMENT') throw new DomainError('TICKETS.RED_NEEDS_DEPARTMENT', 'a RED ticket goes to a department');
            await assertRoom(em, handler.id, this.config.MAX_OPEN_PER_HANDLER);
          }
        },
        apply: (ticket) => {
          ticket.handler = handler!;
          ticket.handlerId = handler!.id;
        },
      },
      call.actor,
    );
  }

  @Handles(ClaimTicketCommand)
  claim(@Payload() r: RequestOf<typeof ClaimTicketCommand>, @Ctx() call: Call) {
    return this.transition.run(
      {
        action: 'claim',
        ...r,
        prepare: async (em, ticket) => {
          if (ticket.triageColour === 'RED') throw new DomainError('TICKETS.RED_NEEDS_DEPARTMENT', 'a RED ticket goes to a department, not a claim');
          await assertRoom(em, call.actor.id, this.config.MAX_OPEN_PER_HANDLER);
        },
        apply: (ticket) => {
          ticket.handler = { kind: 'PERSON', id: call.actor.id, ...(call.actor.name ? { name: call.actor.name } : {}) };
          ticket.handlerId = call.actor.id;
        },
      },
      call.actor,
    );
  }

  @Handles(TransferOwnershipCommand)
  transferOwnership(@Payload() r: RequestOf<typeof TransferOwnershipCommand>, @Ctx() call: Call) {
    return this.transition.run({ action: 'transfer-ownership', ...r, apply: (ticket) => void (ticket.firstContactOwnerId = r.newOwnerId) }, call.actor);
  }

  @Handles(SetDutyRosterCommand)
  setDuty(@Payload() r: RequestOf<typeof SetDutyRosterCommand>, @Ctx() call: Call) {
    return this.duty.set(r, call.actor);
  }

  @Handles(StartTicketCommand)
  start(@Payload() r: RequestOf<typeof StartTicketCommand>, @Ctx() call: Call) {
    return this.transition.run({ action: 'start', ...r }, call.actor);
  }

  @Handles(ReturnTicketCommand)
  giveBack(@Payload() r: RequestOf<typeof ReturnTicketCommand>, @Ctx() call: Call) {
    return this.transition.run(
      {
        action: 'return',
        ...r,
        apply: (ticket) => {
          ticket.handler = null;
          ticket.handlerId = null;
        },
      },
      call.actor,
    );
  }

  @Handles(WaitForResidentCommand)
  waitForResident(@Payload() r: RequestOf<typeof WaitForResidentCommand>, @Ctx() call: Call) {
    return this.transition.run({ action: 'wait-for-resident', ...r }, call.actor);
  }

  @Handles(ResumeTicketCommand)
  resume(@Payload() r: RequestOf<typeof ResumeTicketCommand>, @Ctx() call: Call) {
    return this.transition.run({ action: 'resume', ...r, apply: (ticket) => void (ticket.deferredUntil = null) }, call.actor);
  }

  @Handles(DeferTicketCommand)
  defer(@Payload() r: RequestOf<typeof DeferTicketCommand>, @Ctx() call: Call) {
    return this.transition.run(
      {
        action: 'defer',
        ...r,
        apply: (ticket, now) => {
          if (r.until <= localDate(now)) throw new DomainError('TICKETS.DEFER_DATE_IN_PAST', `${r.until} is not after today`);
          // [design assumption] a deferral longer than a year is a different decision (reject, or a project).
          if (r.until > localDate(new Date(now.getTime() + MAX_DEFER_DAYS * 86_400_000))) {
            throw new DomainError('TICKETS.DEFER_DATE_TOO_FAR', `${r.until} is more than ${MAX_DEFER_DAYS} days away`);
          }
          ticket.deferredUntil = r.until;
        },
      },
      call.actor,
    );
  }

  @Handles(EscalateTicketCommand)
  escalate(@Payload() r: RequestOf<typeof EscalateTicketCommand>, @Ctx() call: Call) {
    return this.transition.run(
      {
        action: 'escalate',
        ...r,
        apply: (ticket, now) => {
          const acknowledgeBy = new Date(now.getTime() + this.config.WHISTLE_ACK_MINUTES * 60_000);
          ticket.escalation = {
            departmentId: r.departmentId,
            reason: r.reason,
            raisedAt: now.toISOString(),
            acknowledgeBy: acknowledgeBy.toISOString(),
            acknowledgedAt: null,
          };
        },
      },
      call.actor,
    );
  }

  @Handles(AcknowledgeEscalationCommand)
  acknowledgeEscalation(@Payload() r: RequestOf<typeof AcknowledgeEscalationCommand>, @Ctx() call: Call) {
    return this.transition.run(
      {
        action: 'acknowledge-escalation',
        ...r,
        apply: (ticket, now) => {
          const escalation = ticket.escalation!;
          ticket.escalation = { ...escalation, acknowledgedAt: now.toISOString() };
          ticket.handler = { kind: 'DEPARTMENT', id: escalation.departmentId };
          ticket.handlerId = escalation.departmentId;
        },
      },
      call.actor,
    );
  }

  @Handles(ResolveTicketCommand)
  resolve(@Payload() r: RequestOf<typeof ResolveTicketCommand>, @Ctx() call: Call) {
    let revisitWithinDays: number | null = null;
    return this.transition.run(
      {
        action: 'resolve',
        ...r,
        prepare: async (em, ticket) => {
          if (ticket.categoryCode) {
            const category = await em.findOne(Category, { districtCode: districtOf(ticket.areaPath), code: ticket.categoryCode });
            revisitWithinDays = category?.revisitWithinDays ?? null;
          }
        },
        apply: (ticket, now) => {
          ticket.resolution = { summary: r.summary, evidence: r.evidence };
          ticket.ruleProposal = r.ruleProposal ?? null;
          ticket.resolvedAt = now;
          // Categories such as disputes are revisited a while after they are settled (Xinkai: within a month).
          if (revisitWithinDays && !ticket.sla.some((clock) => clock.milestone === 'REVISIT' && !clock.metAt)) {
            const dueAt = new Date(now.getTime() + revisitWithinDays * 86_400_000).toISOString();
            ticket.sla = [...ticket.sla, { milestone: 'REVISIT', dueAt, warnedAt: null, breachedAt: null, metAt: null }];
          }
        },
        after: (em, ticket, now) => {
          if (r.ruleProposal) {
            recordEvent(em, TicketRuleProposedEvent, { ticket: toView(ticket), proposal: r.ruleProposal }, { subject: ticket.id, time: now });
          }
        },
      },
      call.actor,
    );
  }

  @Handles(RateTicketCommand)
  rate(@Payload() r: RequestOf<typeof RateTicketCommand>, @Ctx() call: Call) {
    return this.transition.run(
      {
        action: r.fixed ? 'rate-fixed' : 'rate-not-fixed',
        ...r,
        check: (ticket) => {
          if (ticket.reporter.type === 'ANONYMOUS') {
            throw new DomainError('TICKETS.ANONYMOUS_NO_FEEDBACK', 'an anonymous ticket gets no feedback or rating');
          }
        },
        reason: r.reasons.join('；') || undefined,
        apply: (t, now) => {
          t.rating = { score: r.score, fixed: r.fixed, reasons: r.reasons, at: now.toISOString() };
          if (!r.fixed) {
            t.reopenCount += 1;
            t.resolvedAt = null;
          }
        },
      },
      call.actor,
    );
  }

  @Handles(CloseTicketCommand)
  close(@Payload() r: RequestOf<typeof CloseTicketCommand>, @Ctx() call: Call) {
    return this.transition.run({ action: 'close', ...r }, call.actor);
  }

  @Handles(RejectTicketCommand)
  reject(@Payload() r: RequestOf<typeof RejectTicketCommand>, @Ctx() call: Call) {
    return this.transition.run({ action: 'reject', ...r }, call.actor);
  }

  @Handles(CancelTicketCommand)
  cancel(@Payload() r: RequestOf<typeof CancelTicketCommand>, @Ctx() call: Call) {
    return this.transition.run({ action: 'cancel', ...r }, call.actor);
  }

  @Handles(MergeTicketCommand)
  merge(@Payload() r: RequestOf<typeof MergeTicketCommand>, @Ctx() call: Call) {
    return this.transition.run(
      {
        action: 'merge',
        ...r,
        prepare: async (em, ticket) => {
          const target = r.intoId === ticket.id ? null : await em.findOne(Ticket, { id: r.intoId });
          if (!target || FINAL_STATES.includes(target.status) || districtOf(target.areaPath) !== districtOf(ticket.areaPath)) {
            throw new DomainError('TICKETS.DUPLICATE_TARGET_INVALID', 'merge into another open ticket of the same district', {
              intoId: r.intoId,
            });
          }
        },
        apply: (ticket) => void (ticket.duplicateOfId = r.intoId),
        // A counter, not a decision: no version bump, so merges never conflict with work on the target.
        after: (em) => em.execute('update ticket set me_too_count = me_too_count + 1 where id = ?', [r.intoId]).then(() => undefined),
      },
      call.actor,
    );
  }

  @Handles(AgreePlanCommand)
  agreePlan(@Payload() r: RequestOf<typeof AgreePlanCommand>, @Ctx() call: Call) {
    return this.transition.run(
      {
        action: 'agree-plan',
        ...r,
        reason: r.text,
        apply: (ticket, now) => {
          if (r.deadline <= localDate(now)) throw new DomainError('TICKETS.DEADLINE_IN_PAST', `the deadline ${r.deadline} is not after today`);
          ticket.plan = { text: r.text, responsible: r.responsible, deadline: r.deadline, agreedAt: now.toISOString(), agreedBy: call.actor.id };
        },
      },
      call.actor,
    );
  }

  @Handles(AddNoteCommand)
  addNote(@Payload() r: RequestOf<typeof AddNoteCommand>, @Ctx() call: Call) {
    return this.notes.add(r, call.actor);
  }

  @Handles(ListNotesQuery)
  listNotes(@Payload() r: RequestOf<typeof ListNotesQuery>, @Ctx() call: Call) {
    return this.notes.list(r, call.actor);
  }

  @Handles(LinkTicketCommand)
  link(@Payload() r: RequestOf<typeof LinkTicketCommand>, @Ctx() call: Call) {
    return this.transition.run(
      {
        action: 'link',
        ...r,
        prepare: async (em, ticket) => {
          const other = r.relatedId === ticket.id ? null : await em.findOne(Ticket, { id: r.relatedId });
          if (!other || districtOf(other.areaPath) !== districtOf(ticket.areaPath)) {
            throw new DomainError('TICKETS.DUPLICATE_TARGET_INVALID', 'link to another ticket of the same district', { relatedId: r.relatedId });
          }
        },
        apply: (ticket) => void (ticket.related = [...new Set([...ticket.related, r.relatedId])]),
        // The link shows on the other ticket too; like the me-too count, it is not a decision on it.
        after: (em, ticket) =>
          em
            .execute(
              `update ticket set related = related || to_jsonb(?::text) where id = ? and not related @> to_jsonb(?::text)`,
              [ticket.id, r.relatedId, ticket.id],
            )
            .then(() => undefined),
      },
      call.actor,
    );
  }

  @Handles(SuperviseTicketCommand)
  supervise(@Payload() r: RequestOf<typeof SuperviseTicketCommand>, @Ctx() call: Call) {
    return this.transition.run(
      {
        action: 'supervise',
        ...r,
        apply: (ticket, now) => {
          if (r.deadline <= localDate(now)) throw new DomainError('TICKETS.DEADLINE_IN_PAST', `the deadline ${r.deadline} is not after today`);
          ticket.supervised = { departmentId: r.departmentId, deadline: r.deadline, reason: r.reason, listedAt: now.toISOString(), listedBy: call.actor.id };
          ticket.sla = [
            ...ticket.sla.filter((clock) => clock.milestone !== 'SUPERVISION_DEADLINE'),
            // The deadline is a date: the case is due by the end of it (Shanghai time).
            { milestone: 'SUPERVISION_DEADLINE', dueAt: startOfLocalDay(nextLocalDate(r.deadline)).toISOString(), warnedAt: null, breachedAt: null, metAt: null },
          ];
        },
      },
      call.actor,
    );
  }

  @Handles(RecordRevisitCommand)
  revisit(@Payload() r: RequestOf<typeof RecordRevisitCommand>, @Ctx() call: Call) {
    return this.transition.run(
      {
        action: r.outcome === 'STABLE' ? 'revisit-stable' : 'revisit-relapsed',
        ...r,
        reason: r.note,
        apply: (ticket, now) => {
          ticket.revisits = [...ticket.revisits, { at: now.toISOString(), by: call.actor.id, outcome: r.outcome, note: r.note }];
          if (r.outcome === 'RELAPSED') {
            ticket.reopenCount += 1;
            ticket.resolvedAt = null;
          }
        },
      },
      call.actor,
    );
  }

  @Handles(GetTicketQuery)
  get(@Payload() r: RequestOf<typeof GetTicketQuery>, @Ctx() call: Call) {
    return this.read.get(r.id, call.actor);
  }

  @Handles(ListTicketsQuery)
  list(@Payload() r: RequestOf<typeof ListTicketsQuery>, @Ctx() call: Call) {
    return this.read.list(r, call.actor);
  }

  @Handles(TicketKpisQuery)
  report(@Payload() r: RequestOf<typeof TicketKpisQuery>, @Ctx() call: Call) {
    return this.kpis.report(r, call.actor);
  }

  @Handles(TicketHistoryQuery)
  history(@Payload() r: RequestOf<typeof TicketHistoryQuery>, @Ctx() call: Call) {
    return this.read.history(r.id, call.actor);
  }
}

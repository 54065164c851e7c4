import { TicketSlaBreachedEvent, TicketSlaWarnedEvent } from '@gov/contracts-tickets';
import { DomainError, LOGGER, Periodic, recordEvent, SERVICE_CONFIG, type Logger } from '@gov/platform';
import { RequestContext } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/sql';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CareSchedules } from '../care/care';
import type { TicketsEnv } from '../config';
import { Ticket } from '../tickets/ticket.entity';
import { CLOCK, SYSTEM_ACTOR, TransitionTicket, type Clock } from '../tickets/transition-ticket';
import { toView } from '../tickets/ticket.view';
import { dueAlerts, localDate, nextCheck } from './sla.rules';

export interface SweepResult {
  warned: number;
  breached: number;
  resumed: number;
  closed: number;
  /** Care visit streams reported overdue. */
  careOverdue: number;
}

const BATCH = 200;

/**
 * The service's own timers, run every SLA_SWEEP_MS (time injected through `sweep(now)`): warnings and
 * breaches of SLA clocks (once each, as events), deferred tickets reopening on their date, resolved tickets
 * nobody rated closing themselves, care visits overdue. Rows are claimed with SKIP LOCKED, so replicas can all sweep.
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: Periodic;

  constructor(
    private readonly orm: MikroORM,
    private readonly transition: TransitionTicket,
    private readonly care: CareSchedules,
    @Inject(CLOCK) clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: TicketsEnv,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.periodic = new Periodic('SLA sweep', config.SLA_SWEEP_MS, () => this.sweep(clock.now()), logger);
  }

  onApplicationBootstrap() {
    this.periodic.start();
  }

  onApplicationShutdown() {
    return this.periodic.stop();
  }

  sweep(now: Date): Promise<SweepResult> {
    return RequestContext.create(this.orm.em, async () => {
      const { warned, breached } = await this.alerts(now);
      const resumed = await this.moveAll(
        'resume',
        "select id from ticket where status = 'DEFERRED' and deferred_until <= ? limit ?",
        [localDate(now), BATCH],
        now,
      );
      const closeBefore = new Date(now.getTime() - this.config.AUTO_CLOSE_DAYS * 86_400_000);
      const closed = await this.moveAll(
        'close',
        // A ticket with a revisit still to do waits for it (resolved → revisited → closed).
        `select id from ticket where status = 'RESOLVED' and resolved_at <= ?
           and not exists (select 1 from jsonb_array_elements(sla) c where c->>'milestone' = 'REVISIT' and c->>'metAt' is null)
         limit ?`,
        [closeBefore, BATCH],
        now,
      );
      const careOverdue = await this.care.sweepOverdue(now, BATCH);
      return { warned, breached, resumed, closed, careOverdue };
    });
  }

  private alerts(now: Date) {
    return this.orm.em.fork().transactional(async (em) => {
      const rows = await em.execute<{ id: string }[]>(
        'select id from ticket where next_sla_check_at <= ? order by next_sla_check_at limit ? for update skip locked',
        [now, BATCH],
      );
      let warned = 0;
      let breached = 0;
      if (rows.length === 0) return { warned, breached };
      const tickets = await em.find(Ticket, { id: { $in: rows.map((row) => row.id) } });
      for (const ticket of tickets) {
        const due = dueAlerts(ticket.sla, ticket.clocksFrom, now, this.config.SLA_WARN_SHARE);
        ticket.sla = due.clocks;
        ticket.nextSlaCheckAt = nextCheck(due.clocks, ticket.clocksFrom, this.config.SLA_WARN_SHARE);
        const view = toView(ticket);
        for (const clock of due.warned) {
          recordEvent(em, TicketSlaWarnedEvent, { ticket: view, milestone: clock.milestone, dueAt: clock.dueAt }, { subject: ticket.id, time: now });
        }
        for (const clock of due.breached) {
          recordEvent(em, TicketSlaBreachedEvent, { ticket: view, milestone: clock.milestone, dueAt: clock.dueAt }, { subject: ticket.id, time: now });
        }
        warned += due.warned.length;
        breached += due.breached.length;
      }
      return { warned, breached };
    });
  }

  /** Makes a system move on every ticket the query finds; one another replica got to first is skipped. */
  private async moveAll(action: 'resume' | 'close', sql: string, params: unknown[], now: Date): Promise<number> {
    const rows = await this.orm.em.fork().execute<{ id: string }[]>(sql, params);
    let moved = 0;
    for (const { id } of rows) {
      try {
        await this.transition.run(
          { action, id, reason: action === 'close' ? 'auto-closed: no rating in time' : 'deferral ended', apply: (t) => void (t.deferredUntil = null) },
          SYSTEM_ACTOR,
          now,
        );
        moved++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    return moved;
  }
}

import { randomUUID } from 'node:crypto';
import { hasAnyRole, inScope, type Actor, type RequestOf } from '@gov/contracts-core';
import {
  DeliveryStatus,
  NoticeApprovedEvent,
  NoticePublishedEvent,
  NoticeRetractedEvent,
  type Channel,
  type NoticeDeliveryReportQuery,
  type PublishNoticeCommand,
  type ResendNoticeCommand,
} from '@gov/contracts-notifications';
import { claimIdempotency, completeIdempotency, DomainError, EntityManager, forbidden, notFound, recordEvent, sqlArray } from '@gov/platform';
import { LockMode } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock';
import { FanoutWorker } from './fanout';
import { DoorToDoorTask, Notice } from './notice.entities';
import { noticeView } from './notice.view';
import { APPROVED_KINDS, APPROVER_ROLES, audienceFilter, defaultChannels, MIN_PUBLICATION_DAYS, publicationShortfall, PUBLISHER_ROLES } from './notice.rules';

const unknownAudience = (field: string, why: string, details: Record<string, unknown> = {}) =>
  new DomainError('NOTIFICATIONS.UNKNOWN_AUDIENCE', why, { field, ...details });

/** Publishing notices, reading them and their delivery report, resending what failed. */
@Injectable()
export class Notices {
  constructor(
    private readonly em: EntityManager,
    private readonly fanout: FanoutWorker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async publish(request: RequestOf<typeof PublishNoticeCommand>, actor: Actor, idempotencyKey?: string) {
    if (!hasAnyRole(actor, PUBLISHER_ROLES) || !inScope(actor, request.audience.areaPath)) {
      throw forbidden('community staff publish notices to their own area');
    }
    const now = this.clock.now();
    // Election, fee-rule, convention and village-affairs notices wait for the party secretary (an approver
    // publishing one approves it); an emergency never waits.
    const approver = hasAnyRole(actor, APPROVER_ROLES);
    const pending = APPROVED_KINDS.includes(request.kind) && !approver && request.priority !== 'EMERGENCY';
    const scheduledAt = request.scheduledAt && Date.parse(request.scheduledAt) > now.getTime() ? new Date(request.scheduledAt) : now;
    const validUntil = request.validUntil ? new Date(request.validUntil) : null;
    const shortfall = publicationShortfall(request.kind, scheduledAt, validUntil);
    if (shortfall) {
      throw new DomainError('NOTIFICATIONS.PUBLICATION_TOO_SHORT', `${request.kind} notices stay up at least ${shortfall.minDays} days`, {
        field: 'validUntil',
        minDays: shortfall.minDays,
      });
    }
    const key = request.idempotencyKey ?? idempotencyKey;
    const notice = await this.em.transactional(async (em) => {
      const scope = `notifications.notice.publish:${actor.id}`;
      const prior = await claimIdempotency(em, scope, key, request, 'NOTIFICATIONS.IDEMPOTENCY_KEY_REUSED');
      if (prior) return em.findOneOrFail(Notice, prior);
      await this.assertAudience(em, request.audience);
      const created = em.create(Notice, {
        id: randomUUID(),
        kind: request.kind,
        priority: request.priority,
        audience: request.audience,
        content: request.content,
        channels: request.channels ? [...new Set(request.channels)] : defaultChannels(request.priority),
        status: pending ? 'PENDING_APPROVAL' : 'SCHEDULED',
        approval: APPROVED_KINDS.includes(request.kind) && approver ? { by: actor.id, at: now.toISOString() } : null,
        retraction: null,
        publishedBy: actor.id,
        scheduledAt,
        validUntil,
        minPublicationDays: MIN_PUBLICATION_DAYS[request.kind],
        cursor: null,
        recipients: 0,
        doorToDoorHouseholds: 0,
        createdAt: now,
        dispatchedAt: null,
      });
      em.persist(created);
      recordEvent(em, NoticePublishedEvent, noticeView(created), { subject: created.id, time: now });
      await completeIdempotency(em, scope, key, created.id);
      return created;
    });
    this.fanout.nudge();
    return noticeView(notice);
  }

  /** The party secretary approves a notice waiting for it; it goes out at its time (now, if that has passed). */
  async approve(id: string, actor: Actor) {
    const notice = await this.em.transactional(async (em) => {
      const notice = await this.loadIn(em, id, actor, LockMode.PESSIMISTIC_WRITE);
      if (!hasAnyRole(actor, APPROVER_ROLES) || !inScope(actor, notice.audience.areaPath)) throw forbidden('the party secretary of the area approves notices');
      if (notice.status !== 'PENDING_APPROVAL') {
        throw new DomainError('NOTIFICATIONS.NOTICE_NOT_PENDING', `the notice is ${notice.status}`, { status: notice.status });
      }
      const now = this.clock.now();
      if (notice.scheduledAt < now) notice.scheduledAt = now;
      const shortfall = publicationShortfall(notice.kind, notice.scheduledAt, notice.validUntil ?? null);
      if (shortfall) {
        throw new DomainError('NOTIFICATIONS.PUBLICATION_TOO_SHORT', `${notice.kind} notices stay up at least ${shortfall.minDays} days`, {
          field: 'validUntil',
          minDays: shortfall.minDays,
        });
      }
      notice.status = 'SCHEDULED';
      notice.approval = { by: actor.id, at: now.toISOString() };
      recordEvent(em, NoticeApprovedEvent, noticeView(notice), { subject: notice.id, time: now });
      return notice;
    });
    this.fanout.nudge();
    return noticeView(notice);
  }

  /** Withdraws a notice that has not started going out, by its publisher or an approver of the area. */
  retract(id: string, reason: string, actor: Actor) {
    return this.em.transactional(async (em) => {
      const notice = await this.loadIn(em, id, actor, LockMode.PESSIMISTIC_WRITE);
      if (notice.publishedBy !== actor.id && !(hasAnyRole(actor, APPROVER_ROLES) && inScope(actor, notice.audience.areaPath))) {
        throw forbidden('a notice is withdrawn by its publisher or the party secretary of the area');
      }
      if (notice.status !== 'PENDING_APPROVAL' && notice.status !== 'SCHEDULED') {
        throw new DomainError('NOTIFICATIONS.NOTICE_ALREADY_SENT', `the notice is ${notice.status}`, { status: notice.status });
      }
      const now = this.clock.now();
      notice.status = 'RETRACTED';
      notice.retraction = { by: actor.id, at: now.toISOString(), reason };
      recordEvent(em, NoticeRetractedEvent, noticeView(notice), { subject: notice.id, time: now });
      return noticeView(notice);
    });
  }

  /** The area must be known and open; named estates, buildings and stairwells must lie in it; someone must be reached. */
  private async assertAudience(em: EntityManager, audience: RequestOf<typeof PublishNoticeCommand>['audience']) {
    const [area] = await em.execute<{ closed: boolean }[]>('select closed from known_area where path = ?', [audience.areaPath]);
    if (!area || area.closed) throw unknownAudience('audience.areaPath', `no open area ${audience.areaPath}`);
    for (const [field, column, ids] of [
      ['audience.estateIds', 'estate_id', audience.estateIds],
      ['audience.buildingIds', 'building_id', audience.buildingIds],
      ['audience.stairwellIds', 'stairwell_id', audience.stairwellIds],
    ] as const) {
      if (!ids) continue;
      const found = await em.execute<{ id: string }[]>(`select distinct ${column} as id from resident where area_path like ? and ${column} = any(?::text[])`, [
        `${audience.areaPath}%`,
        sqlArray(ids),
      ]);
      const unknown = ids.filter((id) => !found.some((row) => row.id === id));
      if (unknown.length > 0) throw unknownAudience(field, `not in ${audience.areaPath}: ${unknown.join(', ')}`, { unknown });
    }
    const filter = audienceFilter(audience);
    const [someone] = await em.execute(`select 1 from ${filter.table} r where ${filter.where} limit 1`, filter.params);
    if (!someone) throw new DomainError('NOTIFICATIONS.AUDIENCE_EMPTY', 'the audience reaches nobody', { field: 'audience' });
  }

  private load(id: string, actor: Actor) {
    return this.loadIn(this.em, id, actor);
  }

  private async loadIn(em: EntityManager, id: string, actor: Actor, lockMode?: LockMode) {
    // The fan-out holds a due notice's row while it works on it; a retraction waits for that batch.
    const notice = await em.findOne(Notice, { id }, lockMode ? { lockMode } : {});
    if (!notice) throw notFound('NOTIFICATIONS.NOTICE_NOT_FOUND', id);
    if (notice.publishedBy !== actor.id && !(hasAnyRole(actor, PUBLISHER_ROLES) && inScope(actor, notice.audience.areaPath))) {
      throw forbidden('notices are followed by their publisher and the staff of their area');
    }
    return notice;
  }

  async get(id: string, actor: Actor) {
    return noticeView(await this.load(id, actor));
  }

  async report(request: RequestOf<typeof NoticeDeliveryReportQuery>, actor: Actor) {
    const notice = await this.load(request.id, actor);
    const rows = await this.em.execute<{ channel: Channel; status: DeliveryStatus; n: string }[]>(
      'select channel, status, count(*) as n from delivery where notice_id = ? group by channel, status',
      [notice.id],
    );
    // The notice's channels, and any a person added for themselves.
    const used = [...new Set([...notice.channels, ...rows.map((row) => row.channel)])];
    const channels = used.map((channel) => ({
      channel,
      counts: Object.fromEntries(DeliveryStatus.options.map((status) => [status, Number(rows.find((r) => r.channel === channel && r.status === status)?.n ?? 0)])) as Record<
        DeliveryStatus,
        number
      >,
    }));
    const tasks = await this.em.find(DoorToDoorTask, { noticeId: notice.id });
    const households = tasks.flatMap((task) => task.households);
    const count = (result: string | null) => households.filter((h) => h.result === result).length;
    return {
      notice: noticeView(notice),
      channels,
      doorToDoor: {
        tasks: tasks.length,
        households: households.length,
        done: count('DONE'),
        notHome: count('NOT_HOME'),
        refused: count('REFUSED'),
        moved: count('MOVED'),
        pending: count(null),
      },
    };
  }

  /** Failed or throttled deliveries go again: outbound ones are queued, in-app ones land in the inbox now. */
  async resend(request: RequestOf<typeof ResendNoticeCommand>, actor: Actor) {
    const notice = await this.load(request.id, actor);
    const now = this.clock.now();
    const requeued = await this.em.transactional(async (em) => {
      const outbound = await em.execute<{ id: string }[]>(
        `update delivery set status = 'QUEUED', attempts = 0, reason = null, not_before = ?
          where notice_id = ? and channel <> 'IN_APP' and status = any(?::text[]) returning id`,
        [now, notice.id, sqlArray(request.statuses)],
      );
      const inApp = await em.execute<{ id: string }[]>(
        `with due as (
           select id, gen_random_uuid() as inbox_id from delivery where notice_id = ? and channel = 'IN_APP' and status = any(?::text[])
         ), inserted as (
           insert into inbox_message (id, recipient_id, type, locale, title, body, ticket_id, notice_id, dedupe_key, created_at)
           select due.inbox_id, d.recipient_id, d.message_type, d.locale, d.title, d.body, null, d.notice_id, d.dedupe_key, ?
             from due join delivery d on d.id = due.id
           on conflict (dedupe_key) do nothing
         )
         update delivery d set status = 'DELIVERED', reason = null, inbox_message_id = due.inbox_id from due where d.id = due.id returning d.id`,
        [notice.id, sqlArray(request.statuses), now],
      );
      return outbound.length + inApp.length;
    });
    return { requeued };
  }
}

import { randomUUID } from 'node:crypto';
import { NoticeDispatchedEvent, type Locale } from '@gov/contracts-notifications';
import { LOGGER, Periodic, recordEvent, SERVICE_CONFIG, sqlArray, type EntityManager, type Logger } from '@gov/platform';
import { RequestContext } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/sql';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NotificationsEnv } from '../config';
import { deliver, type Outgoing } from '../deliveries/deliver';
import { REACHING } from '../deliveries/dispatch.rules';
import { DoorToDoorTask, Notice } from './notice.entities';
import { audienceFilter } from './notice.rules';
import { noticeView } from './notice.view';

interface Candidate {
  person_id: string;
  has_account: boolean;
  phone: string | null;
}

/**
 * Fans notices out to their audiences, a batch of recipients per transaction: the batch's deliveries and inbox
 * messages, and the notice's cursor, commit together. A crash loses at most the batch in flight, which the
 * next run (on any replica: the notice row is claimed with SKIP LOCKED) redoes; dedupe keys make a repeat a
 * no-op. After the last batch, households nobody in them was reached become door-to-door visit lists.
 */
@Injectable()
export class FanoutWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: Periodic;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsEnv,
  ) {
    this.periodic = new Periodic('fan-out', config.FANOUT_MS, () => this.drain(new Date()), logger);
  }

  onApplicationBootstrap() {
    this.periodic.start();
  }

  onApplicationShutdown() {
    this.stopped = true;
    return this.periodic.stop();
  }

  /** Runs the fan-out soon (after a publish); a no-op when the timer is off, as in tests that drive `drain`. */
  nudge() {
    this.periodic.wake();
  }

  /** Runs batches until no notice due at `now` has recipients left; returns how many batches ran. */
  async drain(now: Date): Promise<number> {
    let batches = 0;
    while (!this.stopped && (await this.batch(now))) batches++;
    return batches;
  }

  private batch(now: Date): Promise<boolean> {
    return RequestContext.create(this.orm.em, () =>
      this.orm.em.fork().transactional(async (em) => {
        const [due] = await em.execute<{ id: string }[]>(
          `select id from notice where status in ('SCHEDULED', 'DISPATCHING') and scheduled_at <= ?
            order by scheduled_at limit 1 for update skip locked`,
          [now],
        );
        if (!due) return false;
        const notice = await em.findOneOrFail(Notice, { id: due.id });
        const filter = audienceFilter(notice.audience);
        const reach = filter.table === 'resident' ? 'bool_or(r.has_account) as has_account, max(r.phone) as phone' : 'true as has_account, null as phone';
        const candidates = await em.execute<Candidate[]>(
          `select r.person_id, ${reach} from ${filter.table} r
            where ${filter.where} and r.person_id > ? group by r.person_id order by r.person_id limit ?`,
          [...filter.params, notice.cursor ?? '', this.config.FANOUT_BATCH],
        );
        const emergency = notice.priority === 'EMERGENCY';
        const textFor = (locale: Locale) => notice.content[locale] ?? notice.content['zh-CN'];
        const outgoing: Outgoing[] = candidates.map((c) => ({
          recipientId: c.person_id,
          type: emergency ? 'NOTICE_EMERGENCY' : 'NOTICE_PUBLISHED',
          data: textFor,
          sourceKey: `notice:${notice.id}`,
          noticeId: notice.id,
          channels: notice.channels,
          emergency,
          reach: { hasAccount: c.has_account, phone: c.phone },
        }));
        const tally = await deliver(em, outgoing, { throttlePerHour: this.config.THROTTLE_PER_HOUR }, now);
        notice.status = 'DISPATCHING';
        notice.recipients += tally.reached.size;
        if (candidates.length > 0) notice.cursor = candidates[candidates.length - 1].person_id;
        if (candidates.length < this.config.FANOUT_BATCH) await this.finish(em, notice, now);
        return true;
      }),
    );
  }

  /** Door-to-door lists for the households nobody was reached in, one per building, for its building leaders. */
  private async finish(em: EntityManager, notice: Notice, now: Date) {
    let households = 0;
    if (!notice.audience.roles) {
      const filter = audienceFilter(notice.audience);
      const unreached = await em.execute<{ household_id: string; area_path: string; building_id: string | null; unit_id: string | null }[]>(
        // One index probe per member (the deliveries were just written, so their statistics are stale and a
        // join may be planned as a nested loop over the whole table).
        `select r.household_id, min(r.area_path) as area_path, min(r.building_id) as building_id, min(r.unit_id) as unit_id
           from resident r
          where ${filter.where}
          group by r.household_id
         having not bool_or(exists (select 1 from delivery d where d.notice_id = ? and d.recipient_id = r.person_id and d.status = any(?::text[])))
          order by r.household_id`,
        [...filter.params, notice.id, sqlArray(REACHING)],
      );
      const groups = new Map<string, typeof unreached>();
      for (const row of unreached) {
        const key = `${row.area_path}|${row.building_id ?? ''}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      const buildings = [...new Set(unreached.map((row) => row.building_id).filter((id): id is string => Boolean(id)))];
      const leaders = buildings.length
        ? await em.execute<{ person_id: string; building_id: string }[]>(
            `select person_id, building_id from role_holder where role in ('BUILDING_LEADER', 'SECOND_BUILDING_LEADER') and building_id = any(?::text[]) order by person_id`,
            [sqlArray(buildings)],
          )
        : [];
      for (const rows of groups.values()) {
        const { area_path: areaPath, building_id: buildingId } = rows[0];
        em.persist(
          em.create(DoorToDoorTask, {
            id: randomUUID(),
            noticeId: notice.id,
            areaPath,
            buildingId,
            assignees: [...new Set(leaders.filter((l) => l.building_id === buildingId).map((l) => l.person_id))],
            households: rows.map((row) => ({ householdId: row.household_id, unitId: row.unit_id, result: null, attempts: 0, at: null, by: null })),
            status: 'ASSIGNED',
            createdAt: now,
          }),
        );
      }
      households = unreached.length;
    }
    notice.doorToDoorHouseholds = households;
    notice.status = 'DISPATCHED';
    notice.dispatchedAt = now;
    recordEvent(em, NoticeDispatchedEvent, noticeView(notice), { subject: notice.id, time: now });
  }
}

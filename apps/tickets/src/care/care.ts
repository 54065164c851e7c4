import { randomUUID } from 'node:crypto';
import { hasAnyRole, inScope, type Actor, type RequestOf, type Role } from '@gov/contracts-core';
import {
  CareVisitOverdueEvent,
  type CareProfile as CareProfileView,
  type CareVisit as CareVisitView,
  type CreateCareProfileCommand,
  type ListCareProfilesQuery,
  type ListCareVisitsQuery,
  type RecordCareVisitCommand,
  type UpdateCareProfileCommand,
  type VisitStream,
} from '@gov/contracts-tickets';
import { claimIdempotency, completeIdempotency, DomainError, EntityManager, forbidden, notFound, recordEvent, SERVICE_CONFIG } from '@gov/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { TicketsEnv } from '../config';
import { STAFF_ROLES } from '../tickets/authorisation';
import { SubmitTicket } from '../tickets/submit-ticket';
import { CLOCK, type Clock } from '../tickets/transition-ticket';
import { CareProfile, CareVisit } from './care.entity';
import { afterVisit, DEFAULT_VISIT_DAYS, intervalMs, nextCareCheck, overdueNow, reschedule, statusOf, type VisitDays } from './care.rules';

/** Care profiles are sensitive: RC staff and the grid workers of the area see them, besides the assigned visitors. */
export const CARE_ROLES: readonly Role[] = ['PARTY_SECRETARY', 'RC_STAFF', 'GRID_LEADER', 'GRID_WORKER'];
/** A visit can record any instant up to this far ahead, for clock skew between phones and the server. */
const SKEW_MS = 5 * 60_000;

type Access = 'MANAGE' | 'VISIT' | 'NONE';

function accessTo(actor: Actor, profile: Pick<CareProfile, 'areaPath' | 'visitors'>): Access {
  if (hasAnyRole(actor, CARE_ROLES) && inScope(actor, profile.areaPath)) return 'MANAGE';
  return profile.visitors.includes(actor.id) ? 'VISIT' : 'NONE';
}

function assertManages(actor: Actor, areaPath: string) {
  if (!hasAnyRole(actor, CARE_ROLES) || !inScope(actor, areaPath)) {
    throw forbidden('care profiles are kept by RC staff and the grid workers of the area');
  }
}

export function visitDays(config: Pick<TicketsEnv, 'CARE_VISIT_DAYS'>): VisitDays {
  const days = structuredClone(DEFAULT_VISIT_DAYS);
  for (const [stream, byColour] of Object.entries(config.CARE_VISIT_DAYS)) Object.assign(days[stream as VisitStream], byColour);
  return days;
}

/** Care profiles, their visit schedules and visits (§ CareProfile and CareVisit, § 4.6). */
@Injectable()
export class CareSchedules {
  private readonly days: VisitDays;

  constructor(
    private readonly em: EntityManager,
    private readonly submit: SubmitTicket,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: TicketsEnv,
  ) {
    this.days = visitDays(config);
  }

  create(request: RequestOf<typeof CreateCareProfileCommand>, actor: Actor, idempotencyKey?: string) {
    assertManages(actor, request.areaPath);
    const key = request.idempotencyKey ?? idempotencyKey;
    return this.em.transactional(async (em) => {
      const scope = `tickets.care.profile.create:${actor.id}`;
      const prior = await claimIdempotency(em, scope, key, request, 'TICKETS.IDEMPOTENCY_KEY_REUSED');
      if (prior) return this.toView(await this.load(em, prior));
      const now = this.clock.now();
      const schedule = reschedule([], request.visitStreams, request.careRiskColour, this.days, now);
      const profile = em.create(CareProfile, {
        id: randomUUID(),
        areaPath: request.areaPath,
        householdId: request.householdId ?? null,
        personId: request.personId ?? null,
        name: request.name,
        careTags: request.careTags,
        careRiskColour: request.careRiskColour,
        visitStreams: request.visitStreams,
        visitors: request.visitors,
        schedule,
        nextCareCheckAt: nextCareCheck(schedule),
        nextDueAt: earliestDue(schedule),
        createdAt: now,
        updatedAt: now,
      });
      em.persist(profile);
      await completeIdempotency(em, scope, key, profile.id);
      await em.flush();
      return this.toView(profile);
    });
  }

  update(request: RequestOf<typeof UpdateCareProfileCommand>, actor: Actor) {
    return this.em.transactional(async (em) => {
      const profile = await this.load(em, request.id);
      assertManages(actor, profile.areaPath);
      if (profile.version !== request.expectedVersion) {
        throw new DomainError('CONFLICT', 'the profile was changed since you read it', { expectedVersion: request.expectedVersion, version: profile.version });
      }
      const now = this.clock.now();
      if (request.careTags) profile.careTags = request.careTags;
      if (request.visitors) profile.visitors = request.visitors;
      const colour = request.careRiskColour ?? profile.careRiskColour;
      const streams = (request.visitStreams ?? profile.visitStreams) as VisitStream[];
      if (colour !== profile.careRiskColour || request.visitStreams) {
        // Already-visited streams count from their last visit, the others from now.
        profile.schedule = reschedule(profile.schedule, streams, colour, this.days, now);
        profile.careRiskColour = colour;
        profile.visitStreams = streams;
        profile.nextCareCheckAt = nextCareCheck(profile.schedule);
        profile.nextDueAt = earliestDue(profile.schedule);
      }
      profile.updatedAt = now;
      await em.flush();
      return this.toView(profile);
    });
  }

  async get(id: string, actor: Actor) {
    const profile = await this.load(this.em, id);
    if (accessTo(actor, profile) === 'NONE') throw forbidden('care profiles are seen by RC staff, grid workers in scope and assigned visitors');
    return this.toView(profile);
  }

  /** The visit list of an area, soonest due first; filtered by status, which is a function of time. */
  async list(request: RequestOf<typeof ListCareProfilesQuery>, actor: Actor) {
    assertManages(actor, request.areaPath);
    const now = this.clock.now();
    const [cursorAt, cursorId] = request.cursor?.split('|') ?? [];
    const window = request.status ? this.statusWindow(request.status, now) : {};
    const rows = await this.em.find(
      CareProfile,
      {
        areaPath: { $like: `${request.areaPath}%` },
        ...(request.careRiskColour ? { careRiskColour: request.careRiskColour } : {}),
        ...(cursorAt && cursorId ? { $or: [{ nextDueAt: { $gt: new Date(cursorAt) } }, { nextDueAt: new Date(cursorAt), id: { $gt: cursorId } }] } : {}),
        ...window,
      },
      { orderBy: { nextDueAt: 'asc', id: 'asc' }, limit: request.limit + 1 },
    );
    const views = rows.map((row) => this.toView(row, now)).filter((view) => !request.status || view.schedule.some((s) => s.status === request.status));
    const more = rows.length > request.limit;
    const items = more ? views.slice(0, request.limit) : views;
    const last = rows[Math.min(rows.length, request.limit) - 1];
    return { items, nextCursor: more && last ? `${last.nextDueAt.toISOString()}|${last.id}` : null };
  }

  recordVisit(request: RequestOf<typeof RecordCareVisitCommand>, actor: Actor, idempotencyKey?: string) {
    const key = request.idempotencyKey ?? idempotencyKey;
    return this.em.transactional(async (em) => {
      const scope = `tickets.care.visit.record:${actor.id}`;
      const prior = await claimIdempotency(em, scope, key, request, 'TICKETS.IDEMPOTENCY_KEY_REUSED');
      if (prior) return visitView(await em.findOneOrFail(CareVisit, prior));
      const profile = await this.load(em, request.profileId);
      if (accessTo(actor, profile) === 'NONE') throw forbidden('visits are recorded by RC staff, grid workers in scope and assigned visitors');
      const entry = profile.schedule.find((s) => s.stream === request.stream);
      if (!entry) throw new DomainError('TICKETS.STREAM_NOT_SCHEDULED', `${request.stream} does not visit this profile`, { stream: request.stream });
      const now = this.clock.now();
      const at = new Date(request.at);
      if (at.getTime() > now.getTime() + SKEW_MS) throw new DomainError('TICKETS.VISIT_IN_FUTURE', 'a visit cannot be recorded before it happens', { at: request.at });
      const hazards = [];
      for (const hazard of request.hazards) {
        const ticket = await this.submit.createIn(
          em,
          {
            channel: 'VISIT',
            reporter: { type: reporterType(actor, request.stream), personId: actor.id, ...(actor.name ? { name: actor.name } : {}) },
            location: hazard.location ?? { areaPath: profile.areaPath, freeText: '关爱走访 / care visit' },
            ...(hazard.categoryCode ? { categoryCode: hazard.categoryCode } : {}),
            attributes: {},
            title: hazard.title,
            description: hazard.description,
            attachments: [],
          },
          actor,
        );
        hazards.push({ title: hazard.title, ticketId: ticket.id });
      }
      const visit = em.create(CareVisit, {
        id: randomUUID(),
        profileId: profile.id,
        stream: request.stream,
        by: actor.id,
        at,
        changes: request.changes ?? null,
        opinions: request.opinions ?? null,
        hazards,
        onTime: at.getTime() <= Date.parse(entry.dueAt),
      });
      em.persist(visit);
      profile.schedule = afterVisit(profile.schedule, request.stream, at, profile.careRiskColour, this.days);
      profile.nextCareCheckAt = nextCareCheck(profile.schedule);
      profile.nextDueAt = earliestDue(profile.schedule);
      profile.updatedAt = now;
      await completeIdempotency(em, scope, key, visit.id);
      return visitView(visit);
    });
  }

  /** Care KPIs (domain §6): colours, what is overdue now, coverage over the past year, recent visits on time. */
  async summary(areaPath: string, actor: Actor) {
    assertManages(actor, areaPath);
    const now = this.clock.now();
    const like = `${areaPath}%`;
    const [profiles] = await this.em.execute<{ total: string; red: string; yellow: string; green: string; overdue_streams: string; with_overdue: string }[]>(
      `select count(*) as total,
              count(*) filter (where care_risk_colour = 'RED') as red,
              count(*) filter (where care_risk_colour = 'YELLOW') as yellow,
              count(*) filter (where care_risk_colour = 'GREEN') as green,
              coalesce(sum((select count(*) from jsonb_array_elements(schedule) e where (e->>'dueAt')::timestamptz < ?)), 0) as overdue_streams,
              count(*) filter (where next_due_at < ?) as with_overdue
         from care_profile where area_path like ?`,
      [now, now, like],
    );
    const [visits] = await this.em.execute<{ covered: string; recent: string; on_time: string }[]>(
      `select count(distinct v.profile_id) filter (where v.at > ?) as covered,
              count(*) filter (where v.at > ?) as recent,
              count(*) filter (where v.at > ? and v.on_time) as on_time
         from care_visit v join care_profile p on p.id = v.profile_id
        where p.area_path like ? and v.at <= ?`,
      [new Date(now.getTime() - 365 * 86_400_000), new Date(now.getTime() - 30 * 86_400_000), new Date(now.getTime() - 30 * 86_400_000), like, now],
    );
    const total = Number(profiles.total);
    const recent = Number(visits.recent);
    return {
      profiles: total,
      byColour: { RED: Number(profiles.red), YELLOW: Number(profiles.yellow), GREEN: Number(profiles.green) },
      overdueStreams: Number(profiles.overdue_streams),
      profilesWithOverdue: Number(profiles.with_overdue),
      visitedWithinYear: Number(visits.covered),
      coverage: total === 0 ? null : Number(visits.covered) / total,
      visitsLast30Days: recent,
      onTimeShareLast30Days: recent === 0 ? null : Number(visits.on_time) / recent,
    };
  }

  async listVisits(request: RequestOf<typeof ListCareVisitsQuery>, actor: Actor) {
    await this.get(request.profileId, actor);
    const visits = await this.em.find(CareVisit, { profileId: request.profileId }, { orderBy: { at: 'desc', id: 'desc' }, limit: request.limit });
    return { items: visits.map(visitView) };
  }

  /** Reports each stream that passed its due time without a visit, once per due time (the sweeper's step). */
  sweepOverdue(now: Date, batch: number): Promise<number> {
    return this.em.fork().transactional(async (em) => {
      const rows = await em.execute<{ id: string }[]>(
        'select id from care_profile where next_care_check_at < ? order by next_care_check_at limit ? for update skip locked',
        [now, batch],
      );
      if (rows.length === 0) return 0;
      let reported = 0;
      for (const profile of await em.find(CareProfile, { id: { $in: rows.map((row) => row.id) } })) {
        const due = overdueNow(profile.schedule, now);
        profile.schedule = due.schedule;
        profile.nextCareCheckAt = nextCareCheck(due.schedule);
        for (const entry of due.overdue) {
          recordEvent(
            em,
            CareVisitOverdueEvent,
            { profileId: profile.id as never, areaPath: profile.areaPath, stream: entry.stream, dueAt: entry.dueAt, visitors: profile.visitors },
            { subject: profile.id, time: now },
          );
        }
        reported += due.overdue.length;
      }
      return reported;
    });
  }

  private async load(em: EntityManager, id: string) {
    const profile = await em.findOne(CareProfile, { id });
    if (!profile) throw notFound('TICKETS.CARE_PROFILE_NOT_FOUND', id);
    return profile;
  }

  private statusWindow(status: 'SCHEDULED' | 'DUE' | 'OVERDUE', now: Date) {
    // A cheap pre-filter on the earliest due time; the exact status per stream is decided in toView.
    return status === 'OVERDUE' ? { nextDueAt: { $lt: now } } : {};
  }

  private toView(profile: CareProfile, now = this.clock.now()): CareProfileView {
    const colour = profile.careRiskColour;
    return {
      id: profile.id as CareProfileView['id'],
      areaPath: profile.areaPath,
      householdId: profile.householdId ?? null,
      personId: profile.personId ?? null,
      name: profile.name,
      careTags: profile.careTags as CareProfileView['careTags'],
      careRiskColour: colour,
      visitStreams: profile.visitStreams as VisitStream[],
      visitors: profile.visitors,
      schedule: profile.schedule.map((entry) => ({
        stream: entry.stream,
        dueAt: entry.dueAt,
        lastVisitAt: entry.lastVisitAt,
        status: statusOf(entry, intervalMs(this.days, entry.stream, colour), now),
      })),
      version: profile.version,
      createdAt: profile.createdAt.toISOString(),
      updatedAt: profile.updatedAt.toISOString(),
    };
  }
}

function earliestDue(schedule: readonly { dueAt: string }[]): Date {
  return new Date(Math.min(...schedule.map((entry) => Date.parse(entry.dueAt))));
}

function reporterType(actor: Actor, stream: VisitStream) {
  if (hasAnyRole(actor, STAFF_ROLES)) return 'STAFF' as const;
  return stream === 'PAIRED_MEMBER' ? ('PARTY_MEMBER' as const) : ('RESIDENT' as const);
}

function visitView(visit: CareVisit): CareVisitView {
  return {
    id: visit.id as CareVisitView['id'],
    profileId: visit.profileId as CareVisitView['profileId'],
    stream: visit.stream as VisitStream,
    by: visit.by,
    at: visit.at.toISOString(),
    changes: visit.changes ?? null,
    opinions: visit.opinions ?? null,
    hazards: visit.hazards as CareVisitView['hazards'],
    onTime: visit.onTime,
  };
}

import { hasAnyRole, inScope, type Actor, type RequestOf } from '@gov/contracts-core';
import type { TicketKpisQuery } from '@gov/contracts-tickets';
import { EntityManager, forbidden } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { STAFF_ROLES } from '../tickets/authorisation';
import { computeKpis, type KpiRow } from './kpis.rules';

interface Row {
  status: KpiRow['status'];
  category_code: string | null;
  channel: string;
  response_level: string | null;
  proactive: boolean;
  reopen_count: number;
  rating: KpiRow['rating'] | string | null;
  sla: KpiRow['sla'] | string;
  reported_at: Date | string;
  acknowledged_at: Date | string | null;
  resolved_at: Date | string | null;
  ever_resolved: boolean;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const date = (value: Date | string | null) => (value === null ? null : new Date(value));

/** KPIs for staff over their area: one query for the rows, the figures from the pure rules. */
@Injectable()
export class TicketKpis {
  constructor(private readonly em: EntityManager) {}

  async report(request: RequestOf<typeof TicketKpisQuery>, actor: Actor) {
    if (!hasAnyRole(actor, STAFF_ROLES) || !inScope(actor, request.areaPath)) {
      throw forbidden('KPIs are for staff, over their own area');
    }
    const rows = await this.em.execute<Row[]>(
      `select t.status, t.category_code, t.channel, t.response_level, t.proactive, t.reopen_count, t.rating, t.sla,
              t.reported_at, t.resolved_at,
              (select min(h.at) from ticket_transition h where h.ticket_id = t.id and h.action = 'acknowledge') as acknowledged_at,
              exists (select 1 from ticket_transition h where h.ticket_id = t.id and h.to_status = 'RESOLVED') as ever_resolved
         from ticket t
        where t.area_path like ? and t.reported_at >= ? and t.reported_at < ?`,
      [`${request.areaPath}%`, new Date(request.from), new Date(request.to)],
    );
    return computeKpis(
      rows.map((row) => ({
        status: row.status,
        categoryCode: row.category_code,
        channel: row.channel,
        responseLevel: row.response_level,
        proactive: row.proactive,
        reopenCount: row.reopen_count,
        rating: row.rating ? json(row.rating) : null,
        sla: json(row.sla),
        reportedAt: new Date(row.reported_at),
        acknowledgedAt: date(row.acknowledged_at),
        resolvedAt: date(row.resolved_at),
        everResolved: row.ever_resolved,
      })),
      { areaPath: request.areaPath, from: request.from, to: request.to },
    );
  }
}

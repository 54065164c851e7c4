import type { Role } from '@gov/contracts-core';
import { sqlArray } from '@gov/platform';
import type { Audience, Channel, NoticeKind, NoticePriority } from '@gov/contracts-notifications';

const DAY = 86_400_000;

/**
 * Minimum public-notice periods (公示期). Village affairs stay up at least 30 days (四议两公开, Huangqiao);
 * election, fee-rule and convention notices at least 7 [design assumption: the sources give no figure].
 */
export const MIN_PUBLICATION_DAYS: Record<NoticeKind, number> = {
  GENERAL: 0,
  OUTAGE: 0,
  WEATHER_WARNING: 0,
  ANTI_FRAUD: 0,
  WORKS: 0,
  CONSULTATION: 0,
  ELECTION: 7,
  FEE_RULE: 7,
  CONVENTION: 7,
  VILLAGE_AFFAIRS: 30,
};

/** Kinds that need approval (domain §3 Notice.approval) by the party secretary; others' drafts wait for it. */
export const APPROVED_KINDS: readonly NoticeKind[] = ['ELECTION', 'FEE_RULE', 'CONVENTION', 'VILLAGE_AFFAIRS'];
export const APPROVER_ROLES: readonly Role[] = ['PARTY_SECRETARY', 'DISTRICT_OPERATOR'];
export const PUBLISHER_ROLES: readonly Role[] = ['DISTRICT_OPERATOR', 'PARTY_SECRETARY', 'RC_STAFF', 'GRID_LEADER'];

export function defaultChannels(priority: NoticePriority): Channel[] {
  return priority === 'EMERGENCY' ? ['IN_APP', 'WECHAT', 'SMS'] : ['IN_APP', 'WECHAT'];
}

/** Null when the period is long enough; otherwise how short it falls. */
export function publicationShortfall(kind: NoticeKind, from: Date, until: Date | null): { minDays: number } | null {
  const minDays = MIN_PUBLICATION_DAYS[kind];
  if (minDays === 0) return null;
  if (until && until.getTime() - from.getTime() >= minDays * DAY) return null;
  return { minDays };
}

/** The SQL that finds an audience's people: households' members, or the holders of some roles. */
export function audienceFilter(audience: Audience, alias = 'r'): { table: 'resident' | 'role_holder'; where: string; params: unknown[] } {
  const params: unknown[] = [`${audience.areaPath}%`];
  if (audience.roles) {
    let where = `${alias}.area_path like ? and ${alias}.role = any(?::text[])`;
    params.push(sqlArray(audience.roles));
    if (audience.buildingIds) {
      where += ` and ${alias}.building_id = any(?::text[])`;
      params.push(sqlArray(audience.buildingIds));
    }
    return { table: 'role_holder', where, params };
  }
  const places: string[] = [];
  for (const [column, ids] of [
    ['estate_id', audience.estateIds],
    ['building_id', audience.buildingIds],
    ['stairwell_id', audience.stairwellIds],
  ] as const) {
    if (!ids) continue;
    places.push(`${alias}.${column} = any(?::text[])`);
    params.push(sqlArray(ids));
  }
  const where = `${alias}.area_path like ?${places.length ? ` and (${places.join(' or ')})` : ''}`;
  return { table: 'resident', where, params };
}

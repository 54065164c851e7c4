import type { Actor, RequestOf } from '@gov/contracts-core';
import { hasAnyRole, inScope } from '@gov/contracts-core';
import type { GetCalendarQuery, SetCalendarCommand } from '@gov/contracts-tickets';
import { EntityManager, forbidden } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { WorkingCalendar } from '../sla/sla.rules';
import { DistrictCalendar } from '../tickets/ticket.entity';

/** The district of an area path is its first segment. */
export function districtOf(areaPath: string): string {
  return areaPath.split('/')[1] ?? '';
}

/** The working calendar of the ticket's district; Monday to Friday where the district set none. */
export async function calendarFor(em: EntityManager, areaPath: string): Promise<WorkingCalendar> {
  const stored = await em.findOne(DistrictCalendar, { districtCode: districtOf(areaPath) });
  return new WorkingCalendar(stored ? { holidays: stored.holidays, workingWeekends: stored.workingWeekends } : {});
}

function view(districtCode: string, stored: DistrictCalendar | null) {
  return {
    districtCode,
    holidays: stored?.holidays ?? [],
    workingWeekends: stored?.workingWeekends ?? [],
    version: stored?.version ?? 0,
  };
}

/** District operators keep their district's calendar; anyone may read it. */
@Injectable()
export class DistrictCalendars {
  constructor(private readonly em: EntityManager) {}

  set(request: RequestOf<typeof SetCalendarCommand>, actor: Actor) {
    if (!hasAnyRole(actor, ['DISTRICT_OPERATOR']) || !inScope(actor, `/${request.districtCode}/`)) {
      throw forbidden("only the district's operators set its working calendar");
    }
    return this.em.transactional(async (em) => {
      let stored = await em.findOne(DistrictCalendar, { districtCode: request.districtCode });
      const data = {
        holidays: [...new Set(request.holidays)].sort(),
        workingWeekends: [...new Set(request.workingWeekends)].sort(),
        updatedAt: new Date(),
      };
      if (stored) Object.assign(stored, data);
      else {
        stored = em.create(DistrictCalendar, { districtCode: request.districtCode, ...data, version: 1 });
        em.persist(stored);
      }
      await em.flush();
      return view(request.districtCode, stored);
    });
  }

  async get(request: RequestOf<typeof GetCalendarQuery>) {
    return view(request.districtCode, await this.em.findOne(DistrictCalendar, { districtCode: request.districtCode }));
  }
}

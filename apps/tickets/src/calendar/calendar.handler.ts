import type { RequestOf } from '@gov/contracts-core';
import { GetCalendarQuery, SetCalendarCommand } from '@gov/contracts-tickets';
import { Handles, type Call } from '@gov/platform';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { DistrictCalendars } from './calendar';

@Controller()
export class CalendarHandler {
  constructor(private readonly calendars: DistrictCalendars) {}

  @Handles(SetCalendarCommand)
  set(@Payload() request: RequestOf<typeof SetCalendarCommand>, @Ctx() call: Call) {
    return this.calendars.set(request, call.actor);
  }

  @Handles(GetCalendarQuery)
  get(@Payload() request: RequestOf<typeof GetCalendarQuery>) {
    return this.calendars.get(request);
  }
}

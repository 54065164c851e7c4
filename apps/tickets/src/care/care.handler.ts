import type { RequestOf } from '@gov/contracts-core';
import {
  CareSummaryQuery,
  CreateCareProfileCommand,
  GetCareProfileQuery,
  ListCareProfilesQuery,
  ListCareVisitsQuery,
  RecordCareVisitCommand,
  UpdateCareProfileCommand,
} from '@gov/contracts-tickets';
import { Handles, type Call } from '@gov/platform';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CareSchedules } from './care';

@Controller()
export class CareHandler {
  constructor(private readonly care: CareSchedules) {}

  @Handles(CreateCareProfileCommand)
  create(@Payload() request: RequestOf<typeof CreateCareProfileCommand>, @Ctx() call: Call) {
    return this.care.create(request, call.actor, call.idempotencyKey);
  }

  @Handles(UpdateCareProfileCommand)
  update(@Payload() request: RequestOf<typeof UpdateCareProfileCommand>, @Ctx() call: Call) {
    return this.care.update(request, call.actor);
  }

  @Handles(GetCareProfileQuery)
  get(@Payload() request: RequestOf<typeof GetCareProfileQuery>, @Ctx() call: Call) {
    return this.care.get(request.id, call.actor);
  }

  @Handles(ListCareProfilesQuery)
  list(@Payload() request: RequestOf<typeof ListCareProfilesQuery>, @Ctx() call: Call) {
    return this.care.list(request, call.actor);
  }

  @Handles(RecordCareVisitCommand)
  recordVisit(@Payload() request: RequestOf<typeof RecordCareVisitCommand>, @Ctx() call: Call) {
    return this.care.recordVisit(request, call.actor, call.idempotencyKey);
  }

  @Handles(CareSummaryQuery)
  summary(@Payload() request: RequestOf<typeof CareSummaryQuery>, @Ctx() call: Call) {
    return this.care.summary(request.areaPath, call.actor);
  }

  @Handles(ListCareVisitsQuery)
  listVisits(@Payload() request: RequestOf<typeof ListCareVisitsQuery>, @Ctx() call: Call) {
    return this.care.listVisits(request, call.actor);
  }
}

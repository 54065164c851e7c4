import type { RequestOf } from '@gov/contracts-core';
import { RecordPatrolCommand } from '@gov/contracts-tickets';
import { Handles, type Call } from '@gov/platform';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { RecordPatrol } from './patrols';

@Controller()
export class PatrolsHandler {
  constructor(private readonly recordPatrol: RecordPatrol) {}

  @Handles(RecordPatrolCommand)
  record(@Payload() request: RequestOf<typeof RecordPatrolCommand>, @Ctx() call: Call) {
    return this.recordPatrol.run(request, call.actor);
  }
}

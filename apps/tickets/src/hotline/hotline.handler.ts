import type { RequestOf } from '@gov/contracts-core';
import { ImportHotlineCaseCommand, RecordHotlineSyncCommand } from '@gov/contracts-tickets';
import { Handles, type Call } from '@gov/platform';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { HotlineMirror } from './hotline';

@Controller()
export class HotlineHandler {
  constructor(private readonly mirror: HotlineMirror) {}

  @Handles(ImportHotlineCaseCommand)
  import(@Payload() request: RequestOf<typeof ImportHotlineCaseCommand>, @Ctx() call: Call) {
    return this.mirror.import(request, call.actor);
  }

  @Handles(RecordHotlineSyncCommand)
  recordSync(@Payload() request: RequestOf<typeof RecordHotlineSyncCommand>, @Ctx() call: Call) {
    return this.mirror.recordSync(request, call.actor);
  }
}

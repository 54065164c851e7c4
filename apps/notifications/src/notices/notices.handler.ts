import type { RequestOf } from '@gov/contracts-core';
import {
  ApproveNoticeCommand,
  GetNoticeQuery,
  ListDoorToDoorTasksQuery,
  NoticeDeliveryReportQuery,
  PublishNoticeCommand,
  RecordVisitOutcomeCommand,
  ResendNoticeCommand,
  RetractNoticeCommand,
} from '@gov/contracts-notifications';
import { Handles, type Call } from '@gov/platform';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { DoorToDoor } from './door-to-door';
import { Notices } from './notices';

@Controller()
export class NoticesHandler {
  constructor(
    private readonly notices: Notices,
    private readonly doorToDoor: DoorToDoor,
  ) {}

  @Handles(PublishNoticeCommand)
  publish(@Payload() request: RequestOf<typeof PublishNoticeCommand>, @Ctx() call: Call) {
    return this.notices.publish(request, call.actor, call.idempotencyKey);
  }

  @Handles(ApproveNoticeCommand)
  approve(@Payload() request: RequestOf<typeof ApproveNoticeCommand>, @Ctx() call: Call) {
    return this.notices.approve(request.id, call.actor);
  }

  @Handles(RetractNoticeCommand)
  retract(@Payload() request: RequestOf<typeof RetractNoticeCommand>, @Ctx() call: Call) {
    return this.notices.retract(request.id, request.reason, call.actor);
  }

  @Handles(GetNoticeQuery)
  get(@Payload() request: RequestOf<typeof GetNoticeQuery>, @Ctx() call: Call) {
    return this.notices.get(request.id, call.actor);
  }

  @Handles(NoticeDeliveryReportQuery)
  report(@Payload() request: RequestOf<typeof NoticeDeliveryReportQuery>, @Ctx() call: Call) {
    return this.notices.report(request, call.actor);
  }

  @Handles(ResendNoticeCommand)
  resend(@Payload() request: RequestOf<typeof ResendNoticeCommand>, @Ctx() call: Call) {
    return this.notices.resend(request, call.actor);
  }

  @Handles(ListDoorToDoorTasksQuery)
  listTasks(@Payload() request: RequestOf<typeof ListDoorToDoorTasksQuery>, @Ctx() call: Call) {
    return this.doorToDoor.list(request, call.actor);
  }

  @Handles(RecordVisitOutcomeCommand)
  record(@Payload() request: RequestOf<typeof RecordVisitOutcomeCommand>, @Ctx() call: Call) {
    return this.doorToDoor.record(request, call.actor);
  }
}

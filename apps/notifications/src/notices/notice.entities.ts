import { NoticeKind, NoticePriority, NoticeStatus, type Audience, type Channel, type DoorToDoorTask as TaskView, type Notice as NoticeView } from '@gov/contracts-notifications';
import { defineEntity, p } from '@mikro-orm/core';

const NoticeSchema = defineEntity({
  name: 'Notice',
  tableName: 'notice',
  properties: {
    id: p.uuid().primary(),
    kind: p.enum(NoticeKind.options),
    priority: p.enum(NoticePriority.options),
    audience: p.json<Audience>(),
    content: p.json<NoticeView['content']>(),
    channels: p.json<Channel[]>(),
    status: p.enum(NoticeStatus.options),
    publishedBy: p.string().length(128),
    scheduledAt: p.datetime().length(3),
    validUntil: p.datetime().length(3).nullable(),
    minPublicationDays: p.integer(),
    /** The last person id fanned out to; the fan-out resumes after it. */
    cursor: p.string().length(64).nullable(),
    recipients: p.integer(),
    doorToDoorHouseholds: p.integer(),
    createdAt: p.datetime().length(3),
    dispatchedAt: p.datetime().length(3).nullable(),
    approval: p.json<NonNullable<NoticeView['approval']>>().nullable(),
    retraction: p.json<NonNullable<NoticeView['retraction']>>().nullable(),
  },
  indexes: [
    {
      name: 'notice_due_idx',
      expression: `create index "notice_due_idx" on "notice" ("scheduled_at") where "status" in ('SCHEDULED', 'DISPATCHING')`,
    },
  ],
});

/** A notice (公告/公示) to an audience, and how far its fan-out has come. */
export class Notice extends NoticeSchema.class {}
NoticeSchema.setClass(Notice);

const DoorToDoorTaskSchema = defineEntity({
  name: 'DoorToDoorTask',
  tableName: 'door_to_door_task',
  properties: {
    id: p.uuid().primary(),
    noticeId: p.uuid().index('door_to_door_task_notice_idx'),
    areaPath: p.string().length(512),
    buildingId: p.string().length(64).nullable(),
    assignees: p.json<string[]>(),
    households: p.json<TaskView['households']>(),
    status: p.string().length(16),
    createdAt: p.datetime().length(3),
    version: p.integer().version(),
  },
});

/** A visit list for a building leader: households of a notice's audience with no digital channel. */
export class DoorToDoorTask extends DoorToDoorTaskSchema.class {}
DoorToDoorTaskSchema.setClass(DoorToDoorTask);

import { AreaPath, brandedId, defineCommand, defineQuery } from '@gov/contracts-core';
import { z } from 'zod';
import { NoticeId } from './notices';

export const DoorToDoorTaskId = brandedId('DoorToDoorTaskId');

export const VisitResult = z.enum(['DONE', 'NOT_HOME', 'REFUSED', 'MOVED']);

/** ASSIGNED → IN_PROGRESS → COMPLETED once every household has an outcome other than NOT_HOME. */
export const DoorToDoorStatus = z.enum(['ASSIGNED', 'IN_PROGRESS', 'COMPLETED']);

export const DoorToDoorTask = z.object({
  id: DoorToDoorTaskId,
  noticeId: NoticeId,
  purpose: z.literal('DELIVER_NOTICE'),
  areaPath: AreaPath,
  buildingId: z.string().nullable(),
  assignees: z.array(z.string()).describe('The building leaders (and second building leaders) of the building; empty means the grid staff'),
  households: z.array(
    z.object({
      householdId: z.string(),
      unitId: z.string().nullable(),
      result: VisitResult.nullable(),
      attempts: z.number().int(),
      at: z.iso.datetime({ offset: true }).nullable(),
      by: z.string().nullable(),
    }),
  ),
  status: DoorToDoorStatus,
  createdAt: z.iso.datetime({ offset: true }),
});
export type DoorToDoorTask = z.infer<typeof DoorToDoorTask>;

export const ListDoorToDoorTasksQuery = defineQuery({
  subject: 'notifications.door-to-door.list',
  description: 'Visit lists: yours as a building leader, or a notice’s for staff of its area.',
  request: z.object({ noticeId: NoticeId.optional(), openOnly: z.boolean().default(false) }),
  response: z.object({ items: z.array(DoorToDoorTask) }),
});

export const RecordVisitOutcomeCommand = defineCommand({
  subject: 'notifications.door-to-door.record',
  description: 'Mark a household of a visit list: done, not home (visit again), refused, moved.',
  request: z.object({ taskId: DoorToDoorTaskId, householdId: z.string().min(1).max(64), result: VisitResult }),
  response: DoorToDoorTask,
  errors: ['NOTIFICATIONS.TASK_NOT_FOUND', 'NOTIFICATIONS.HOUSEHOLD_NOT_IN_TASK'],
});

import { hasAnyRole, inScope, type Actor, type RequestOf } from '@gov/contracts-core';
import type { DoorToDoorTask as TaskView, ListDoorToDoorTasksQuery, RecordVisitOutcomeCommand } from '@gov/contracts-notifications';
import { DomainError, EntityManager, forbidden, notFound } from '@gov/platform';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock';
import { DoorToDoorTask, Notice } from './notice.entities';
import { PUBLISHER_ROLES } from './notice.rules';

/** Staff of the area, besides the grid workers who stand in where a building has no leader. */
const VISIT_STAFF = [...PUBLISHER_ROLES, 'GRID_WORKER' as const];

function taskView(task: DoorToDoorTask): TaskView {
  return {
    id: task.id as TaskView['id'],
    noticeId: task.noticeId as TaskView['noticeId'],
    purpose: 'DELIVER_NOTICE',
    areaPath: task.areaPath,
    buildingId: task.buildingId ?? null,
    assignees: task.assignees,
    households: task.households,
    status: task.status as TaskView['status'],
    createdAt: task.createdAt.toISOString(),
  };
}

const isStaffFor = (actor: Actor, areaPath: string) => hasAnyRole(actor, VISIT_STAFF) && inScope(actor, areaPath);

/** Visit lists for households without a digital channel; building leaders mark each household. */
@Injectable()
export class DoorToDoor {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(request: RequestOf<typeof ListDoorToDoorTasksQuery>, actor: Actor) {
    let tasks: DoorToDoorTask[];
    if (request.noticeId) {
      const notice = await this.em.findOne(Notice, { id: request.noticeId });
      if (!notice) throw notFound('NOTIFICATIONS.NOTICE_NOT_FOUND', request.noticeId);
      tasks = (await this.em.find(DoorToDoorTask, { noticeId: notice.id }, { orderBy: { areaPath: 'asc', buildingId: 'asc' } })).filter(
        (task) => task.assignees.includes(actor.id) || isStaffFor(actor, task.areaPath),
      );
    } else {
      const ids = await this.em.execute<{ id: string }[]>('select id from door_to_door_task where assignees @> ?::jsonb order by created_at desc limit 200', [
        JSON.stringify([actor.id]),
      ]);
      tasks = ids.length ? await this.em.find(DoorToDoorTask, { id: { $in: ids.map((row) => row.id) } }, { orderBy: { createdAt: 'desc' } }) : [];
    }
    return { items: tasks.filter((task) => !request.openOnly || task.status !== 'COMPLETED').map(taskView) };
  }

  record(request: RequestOf<typeof RecordVisitOutcomeCommand>, actor: Actor) {
    return this.em.transactional(async (em) => {
      const task = await em.findOne(DoorToDoorTask, { id: request.taskId });
      if (!task) throw notFound('NOTIFICATIONS.TASK_NOT_FOUND', request.taskId);
      if (!task.assignees.includes(actor.id) && !isStaffFor(actor, task.areaPath)) {
        throw forbidden('visit lists are marked by their building leaders and the staff of the area');
      }
      const index = task.households.findIndex((h) => h.householdId === request.householdId);
      if (index < 0) {
        throw new DomainError('NOTIFICATIONS.HOUSEHOLD_NOT_IN_TASK', `${request.householdId} is not on this list`, { field: 'householdId' });
      }
      const households = task.households.slice();
      const entry = households[index];
      households[index] = { ...entry, result: request.result, attempts: entry.attempts + 1, at: this.clock.now().toISOString(), by: actor.id };
      task.households = households;
      task.status = households.every((h) => h.result !== null && h.result !== 'NOT_HOME') ? 'COMPLETED' : 'IN_PROGRESS';
      await em.flush();
      return taskView(task);
    });
  }
}

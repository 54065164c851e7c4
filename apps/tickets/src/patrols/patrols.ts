import { randomUUID } from 'node:crypto';
import { hasAnyRole, inScope, type Actor, type RequestOf } from '@gov/contracts-core';
import type { Patrol as PatrolView, RecordPatrolCommand } from '@gov/contracts-tickets';
import { EntityManager, forbidden } from '@gov/platform';
import { defineEntity, p } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { STAFF_ROLES } from '../tickets/authorisation';
import { SubmitTicket } from '../tickets/submit-ticket';
import { TransitionTicket } from '../tickets/transition-ticket';

const PatrolSchema = defineEntity({
  name: 'Patrol',
  tableName: 'patrol',
  properties: {
    id: p.uuid().primary(),
    type: p.string().length(32),
    areaPath: p.string().length(512).index('patrol_area_path_idx'),
    members: p.json<string[]>(),
    startedAt: p.datetime().length(3),
    endedAt: p.datetime().length(3),
    findings: p.json<PatrolView['findings']>(),
    recordedBy: p.string().length(128),
  },
});

/** A patrol or care visit and what it found (未诉先办). */
export class Patrol extends PatrolSchema.class {}
PatrolSchema.setClass(Patrol);

function toView(patrol: Patrol): PatrolView {
  return {
    id: patrol.id as PatrolView['id'],
    type: patrol.type as PatrolView['type'],
    areaPath: patrol.areaPath,
    members: patrol.members,
    startedAt: patrol.startedAt.toISOString(),
    endedAt: patrol.endedAt.toISOString(),
    findings: patrol.findings,
    recordedBy: patrol.recordedBy,
  };
}

/**
 * Records a patrol: the patrol and one ticket per finding commit together (channel PATROL, or VISIT for a
 * care visit, so they count as proactive). Quick fixes then go through the lifecycle — acknowledged and
 * resolved on the spot by the patroller — so their history reads like any other ticket's.
 */
@Injectable()
export class RecordPatrol {
  constructor(
    private readonly em: EntityManager,
    private readonly submit: SubmitTicket,
    private readonly transition: TransitionTicket,
  ) {}

  async run(request: RequestOf<typeof RecordPatrolCommand>, actor: Actor) {
    if (!hasAnyRole(actor, STAFF_ROLES) || !inScope(actor, request.areaPath)) throw forbidden('staff record patrols in their own area');
    const channel = request.type === 'CARE_VISIT' ? ('VISIT' as const) : ('PATROL' as const);
    const patrol = await this.em.transactional(async (em) => {
      const findings: PatrolView['findings'] = [];
      for (const finding of request.findings) {
        const ticket = await this.submit.createIn(
          em,
          {
            channel,
            reporter: { type: 'STAFF', personId: actor.id, ...(actor.name ? { name: actor.name } : {}) },
            location: finding.location,
            ...(finding.categoryCode ? { categoryCode: finding.categoryCode } : {}),
            attributes: {},
            title: finding.title,
            description: finding.description,
            attachments: [],
          },
          actor,
        );
        findings.push({ title: finding.title, ticketId: ticket.id as PatrolView['findings'][number]['ticketId'], quickFix: Boolean(finding.quickFix) });
      }
      const record = em.create(Patrol, {
        id: randomUUID(),
        type: request.type,
        areaPath: request.areaPath,
        members: request.members,
        startedAt: new Date(request.startedAt),
        endedAt: new Date(request.endedAt),
        findings,
        recordedBy: actor.id,
      });
      em.persist(record);
      return record;
    });
    for (const [index, finding] of request.findings.entries()) {
      if (!finding.quickFix) continue;
      const id = patrol.findings[index].ticketId;
      await this.transition.run({ action: 'acknowledge', id, apply: (t) => void (t.firstContactOwnerId = actor.id) }, actor);
      await this.transition.run(
        {
          action: 'resolve',
          id,
          reason: 'quick fix on the spot',
          apply: (t, now) => {
            t.resolution = { summary: finding.quickFix!, evidence: [] };
            t.resolvedAt = now;
          },
        },
        actor,
      );
    }
    return toView(patrol);
  }
}

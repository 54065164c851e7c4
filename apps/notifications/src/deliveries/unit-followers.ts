import { hasAnyRole, type Actor, type RequestOf } from '@gov/contracts-core';
import { FollowUnitCommand } from '@gov/contracts-notifications';
import { EntityManager, forbidden, Handles, type Call } from '@gov/platform';
import { defineEntity, p } from '@mikro-orm/core';
import { Controller, Injectable } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';

const UnitFollowerSchema = defineEntity({
  name: 'UnitFollower',
  tableName: 'unit_follower',
  properties: {
    unitId: p.string().length(128).primary(),
    personId: p.string().length(128).primary(),
    since: p.datetime().length(3),
  },
});

/** A department officer who hears of the whistles blown to their department. */
export class UnitFollower extends UnitFollowerSchema.class {}
UnitFollowerSchema.setClass(UnitFollower);

/** Officers follow only the unit their identity says they act for. */
@Injectable()
export class UnitFollowers {
  constructor(private readonly em: EntityManager) {}

  async follow(request: RequestOf<typeof FollowUnitCommand>, actor: Actor) {
    if (actor.kind !== 'user' || !actor.unitId || !hasAnyRole(actor, ['DEPARTMENT_OFFICER'])) {
      throw forbidden('department officers follow their own department');
    }
    if (request.follow) {
      await this.em.execute('insert into unit_follower (unit_id, person_id, since) values (?, ?, now()) on conflict do nothing', [actor.unitId, actor.id]);
    } else {
      await this.em.execute('delete from unit_follower where unit_id = ? and person_id = ?', [actor.unitId, actor.id]);
    }
    return { unitId: actor.unitId, following: request.follow };
  }
}

@Controller()
export class UnitFollowersHandler {
  constructor(private readonly followers: UnitFollowers) {}

  @Handles(FollowUnitCommand)
  follow(@Payload() request: RequestOf<typeof FollowUnitCommand>, @Ctx() call: Call) {
    return this.followers.follow(request, call.actor);
  }
}

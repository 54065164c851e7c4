import type { Actor, RequestOf } from '@gov/contracts-core';
import type { GetAreaQuery } from '@gov/contracts-party';
import { EntityManager } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { assertMayRead } from '../authorisation';
import { loadArea, toView } from './area.view';

@Injectable()
export class GetArea {
  constructor(private readonly em: EntityManager) {}

  async run(request: RequestOf<typeof GetAreaQuery>, actor: Actor) {
    const area = await loadArea(this.em, request.id);
    assertMayRead(actor, area.path);
    return toView(area);
  }
}

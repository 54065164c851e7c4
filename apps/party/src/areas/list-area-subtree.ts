import type { Actor, RequestOf } from '@gov/contracts-core';
import type { ListAreaSubtreeQuery } from '@gov/contracts-party';
import { EntityManager } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { assertMayRead, mayRead } from '../authorisation';
import { Area } from './area.entity';
import { loadArea, toView } from './area.view';

/** The subtree in path order; the cursor is the last path returned. Areas outside the caller's scope are left out. */
@Injectable()
export class ListAreaSubtree {
  constructor(private readonly em: EntityManager) {}

  async run(request: RequestOf<typeof ListAreaSubtreeQuery>, actor: Actor) {
    const root = await loadArea(this.em, request.id);
    assertMayRead(actor, root.path);
    const rows = await this.em.find(
      Area,
      {
        path: { $like: `${root.path}%`, ...(request.cursor ? { $gt: request.cursor } : {}) },
        ...(request.includeClosed ? {} : { status: 'ACTIVE' as const }),
        ...(request.types ? { type: { $in: request.types } } : {}),
      },
      { orderBy: { path: 'asc' }, limit: request.limit + 1 },
    );
    const more = rows.length > request.limit;
    const pageRows = more ? rows.slice(0, request.limit) : rows;
    return {
      items: pageRows.filter((area) => mayRead(actor, area.path)).map(toView),
      nextCursor: more ? pageRows[pageRows.length - 1].path : null,
    };
  }
}

import type { RequestOf } from '@gov/contracts-core';
import {
  CloseAreaCommand,
  CreateAreaCommand,
  GetAreaQuery,
  ListAreaSubtreeQuery,
  MoveAreaCommand,
  RenameAreaCommand,
} from '@gov/contracts-party';
import { Handles, type Call } from '@gov/platform';
import { Controller } from '@nestjs/common';
import { CloseArea } from './close-area';
import { CreateArea } from './create-area';
import { GetArea } from './get-area';
import { ListAreaSubtree } from './list-area-subtree';
import { MoveArea } from './move-area';
import { RenameArea } from './rename-area';

/** Transport only: each method answers one subject with the use case of the same name. */
@Controller()
export class AreasHandler {
  constructor(
    private readonly createArea: CreateArea,
    private readonly renameArea: RenameArea,
    private readonly moveArea: MoveArea,
    private readonly closeArea: CloseArea,
    private readonly getArea: GetArea,
    private readonly listAreaSubtree: ListAreaSubtree,
  ) {}

  @Handles(CreateAreaCommand)
  create(request: RequestOf<typeof CreateAreaCommand>, call: Call) {
    return this.createArea.run(request, call.actor, call.idempotencyKey);
  }

  @Handles(RenameAreaCommand)
  rename(request: RequestOf<typeof RenameAreaCommand>, call: Call) {
    return this.renameArea.run(request, call.actor);
  }

  @Handles(MoveAreaCommand)
  move(request: RequestOf<typeof MoveAreaCommand>, call: Call) {
    return this.moveArea.run(request, call.actor);
  }

  @Handles(CloseAreaCommand)
  close(request: RequestOf<typeof CloseAreaCommand>, call: Call) {
    return this.closeArea.run(request, call.actor);
  }

  @Handles(GetAreaQuery)
  get(request: RequestOf<typeof GetAreaQuery>, call: Call) {
    return this.getArea.run(request, call.actor);
  }

  @Handles(ListAreaSubtreeQuery)
  listSubtree(request: RequestOf<typeof ListAreaSubtreeQuery>, call: Call) {
    return this.listAreaSubtree.run(request, call.actor);
  }
}

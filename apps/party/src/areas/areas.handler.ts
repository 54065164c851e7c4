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
import { Ctx, Payload } from '@nestjs/microservices';
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
  create(@Payload() request: RequestOf<typeof CreateAreaCommand>, @Ctx() call: Call) {
    return this.createArea.run(request, call.actor, call.idempotencyKey);
  }

  @Handles(RenameAreaCommand)
  rename(@Payload() request: RequestOf<typeof RenameAreaCommand>, @Ctx() call: Call) {
    return this.renameArea.run(request, call.actor);
  }

  @Handles(MoveAreaCommand)
  move(@Payload() request: RequestOf<typeof MoveAreaCommand>, @Ctx() call: Call) {
    return this.moveArea.run(request, call.actor);
  }

  @Handles(CloseAreaCommand)
  close(@Payload() request: RequestOf<typeof CloseAreaCommand>, @Ctx() call: Call) {
    return this.closeArea.run(request, call.actor);
  }

  @Handles(GetAreaQuery)
  get(@Payload() request: RequestOf<typeof GetAreaQuery>, @Ctx() call: Call) {
    return this.getArea.run(request, call.actor);
  }

  @Handles(ListAreaSubtreeQuery)
  listSubtree(@Payload() request: RequestOf<typeof ListAreaSubtreeQuery>, @Ctx() call: Call) {
    return this.listAreaSubtree.run(request, call.actor);
  }
}

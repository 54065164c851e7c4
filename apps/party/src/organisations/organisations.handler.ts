import type { RequestOf } from '@gov/contracts-core';
import {
  CloseOrganisationCommand,
  CreateOrganisationCommand,
  GetOrganisationQuery,
  GetOrganisationTreeQuery,
  MoveOrganisationCommand,
  RenameOrganisationCommand,
  SetSecretaryCommand,
} from '@gov/contracts-party';
import { Handles, type Call } from '@gov/platform';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CloseOrganisation, RenameOrganisation, SetSecretary } from './change-organisation';
import { CreateOrganisation } from './create-organisation';
import { MoveOrganisation } from './move-organisation';
import { GetOrganisation, GetOrganisationTree } from './read-organisations';

/** Transport only: each method answers one subject with its use case. */
@Controller()
export class OrganisationsHandler {
  constructor(
    private readonly createOrganisation: CreateOrganisation,
    private readonly renameOrganisation: RenameOrganisation,
    private readonly moveOrganisation: MoveOrganisation,
    private readonly setSecretary: SetSecretary,
    private readonly closeOrganisation: CloseOrganisation,
    private readonly getOrganisation: GetOrganisation,
    private readonly getOrganisationTree: GetOrganisationTree,
  ) {}

  @Handles(CreateOrganisationCommand)
  create(@Payload() request: RequestOf<typeof CreateOrganisationCommand>, @Ctx() call: Call) {
    return this.createOrganisation.run(request, call.actor, call.idempotencyKey);
  }

  @Handles(RenameOrganisationCommand)
  rename(@Payload() request: RequestOf<typeof RenameOrganisationCommand>, @Ctx() call: Call) {
    return this.renameOrganisation.run(request, call.actor);
  }

  @Handles(MoveOrganisationCommand)
  move(@Payload() request: RequestOf<typeof MoveOrganisationCommand>, @Ctx() call: Call) {
    return this.moveOrganisation.run(request, call.actor);
  }

  @Handles(SetSecretaryCommand)
  assignSecretary(@Payload() request: RequestOf<typeof SetSecretaryCommand>, @Ctx() call: Call) {
    return this.setSecretary.run(request, call.actor);
  }

  @Handles(CloseOrganisationCommand)
  close(@Payload() request: RequestOf<typeof CloseOrganisationCommand>, @Ctx() call: Call) {
    return this.closeOrganisation.run(request, call.actor);
  }

  @Handles(GetOrganisationQuery)
  get(@Payload() request: RequestOf<typeof GetOrganisationQuery>, @Ctx() call: Call) {
    return this.getOrganisation.run(request, call.actor);
  }

  @Handles(GetOrganisationTreeQuery)
  tree(@Payload() request: RequestOf<typeof GetOrganisationTreeQuery>, @Ctx() call: Call) {
    return this.getOrganisationTree.run(request, call.actor);
  }
}

import { Module } from '@nestjs/common';
import { AreasHandler } from './areas/areas.handler';
import { CloseArea } from './areas/close-area';
import { CreateArea } from './areas/create-area';
import { GetArea } from './areas/get-area';
import { ListAreaSubtree } from './areas/list-area-subtree';
import { MoveArea } from './areas/move-area';
import { RenameArea } from './areas/rename-area';
import { CloseOrganisation, RenameOrganisation, SetSecretary } from './organisations/change-organisation';
import { CreateOrganisation } from './organisations/create-organisation';
import { MoveOrganisation } from './organisations/move-organisation';
import { OrganisationsHandler } from './organisations/organisations.handler';
import { GetOrganisation, GetOrganisationTree } from './organisations/read-organisations';

@Module({
  controllers: [AreasHandler, OrganisationsHandler],
  providers: [
    CreateArea,
    RenameArea,
    MoveArea,
    CloseArea,
    GetArea,
    ListAreaSubtree,
    CreateOrganisation,
    RenameOrganisation,
    MoveOrganisation,
    SetSecretary,
    CloseOrganisation,
    GetOrganisation,
    GetOrganisationTree,
  ],
})
export class PartyModule {}

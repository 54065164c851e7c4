import type { RequestOf } from '@gov/contracts-core';
import { DefineCategoryCommand, GetCategoryQuery, ListCategoriesQuery } from '@gov/contracts-tickets';
import { Handles, type Call } from '@gov/platform';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Catalogue } from './catalogue';

@Controller()
export class CatalogueHandler {
  constructor(private readonly catalogue: Catalogue) {}

  @Handles(DefineCategoryCommand)
  define(@Payload() request: RequestOf<typeof DefineCategoryCommand>, @Ctx() call: Call) {
    return this.catalogue.define(request, call.actor);
  }

  @Handles(ListCategoriesQuery)
  list(@Payload() request: RequestOf<typeof ListCategoriesQuery>) {
    return this.catalogue.list(request);
  }

  @Handles(GetCategoryQuery)
  get(@Payload() request: RequestOf<typeof GetCategoryQuery>) {
    return this.catalogue.get(request);
  }
}

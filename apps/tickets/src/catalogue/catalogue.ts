import type { Actor, RequestOf } from '@gov/contracts-core';
import { hasAnyRole, inScope } from '@gov/contracts-core';
import type { Category as CategoryView, DefineCategoryCommand, GetCategoryQuery, ListCategoriesQuery } from '@gov/contracts-tickets';
import { DomainError, EntityManager, forbidden } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { districtOf } from '../calendar/calendar';
import { checkAttributes } from './catalogue.rules';
import { Category } from './category.entity';

export function toView(category: Category): CategoryView {
  return {
    districtCode: category.districtCode,
    code: category.code,
    name: category.name,
    description: category.description,
    group: category.group,
    keywords: category.keywords,
    defaultLevel: category.defaultLevel,
    attributes: [...category.attributes].sort((a, b) => a.order - b.order),
    revisitWithinDays: category.revisitWithinDays ?? null,
    active: category.active,
    version: category.version,
  };
}

/** The active category a ticket at `areaPath` names, or TICKETS.UNKNOWN_CATEGORY. */
export async function categoryFor(em: EntityManager, areaPath: string, code: string): Promise<Category> {
  const category = await em.findOne(Category, { districtCode: districtOf(areaPath), code, active: true });
  if (!category) throw new DomainError('TICKETS.UNKNOWN_CATEGORY', `no active category ${code} in this district`, { categoryCode: code });
  return category;
}

/** Refuses a ticket whose answers do not fit its category; names the first offending attribute. */
export function assertAttributes(category: Category | null, values: Record<string, string | number | string[]>): void {
  const problems = checkAttributes(category?.attributes ?? [], values);
  if (problems.length > 0) {
    const [first] = problems;
    throw new DomainError(first.code, first.message, { attribute: first.attribute, problems });
  }
}

/** District operators keep their district's catalogue; everyone may read it. */
@Injectable()
export class Catalogue {
  constructor(private readonly em: EntityManager) {}

  define(request: RequestOf<typeof DefineCategoryCommand>, actor: Actor) {
    if (!hasAnyRole(actor, ['DISTRICT_OPERATOR']) || !inScope(actor, `/${request.districtCode}/`)) {
      throw forbidden("only the district's operators change its service catalogue");
    }
    return this.em.transactional(async (em) => {
      const { districtCode, code, ...fields } = request;
      let category = await em.findOne(Category, { districtCode, code });
      if (category) Object.assign(category, { ...fields, updatedAt: new Date() });
      else {
        category = em.create(Category, { districtCode, code, ...fields, version: 1, updatedAt: new Date() });
        em.persist(category);
      }
      await em.flush();
      return toView(category);
    });
  }

  async list(request: RequestOf<typeof ListCategoriesQuery>) {
    const rows = await this.em.find(
      Category,
      { districtCode: request.districtCode, ...(request.includeInactive ? {} : { active: true }) },
      { orderBy: { group: 'asc', code: 'asc' } },
    );
    return { items: rows.map(toView) };
  }

  async get(request: RequestOf<typeof GetCategoryQuery>) {
    const category = await this.em.findOne(Category, { districtCode: request.districtCode, code: request.code });
    if (!category) throw new DomainError('TICKETS.UNKNOWN_CATEGORY', `no category ${request.code}`, { categoryCode: request.code });
    return toView(category);
  }
}

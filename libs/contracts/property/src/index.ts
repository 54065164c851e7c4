import { AreaPath, defineEvent, defineErrors, type ServiceContracts } from '@gov/contracts-core';
import { z } from 'zod';

/**
 * The property service's estate register (estate → zone → building → stairwell → unit/household). The service
 * itself is not built yet; these are the facts it will publish, which other services already keep projections
 * of (notifications resolves notice audiences from them).
 */
export const HouseholdMember = z.object({
  personId: z.string().min(1).max(64),
  name: z.string().max(64).optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9-]{5,20}$/)
    .optional(),
  hasAccount: z.boolean().default(false).describe('Uses the residents’ app, so is reachable in-app'),
});
export type HouseholdMember = z.infer<typeof HouseholdMember>;

export const Occupancy = z.enum(['OWNER_OCCUPIED', 'TENANT', 'GROUP_RENTAL', 'VACANT']);

export const Household = z.object({
  id: z.string().min(1).max(64),
  areaPath: AreaPath.describe('The grid (or micro-grid) the household lies in'),
  estateId: z.string().max(64).nullable(),
  buildingId: z.string().max(64).nullable(),
  stairwellId: z.string().max(64).nullable(),
  unitId: z.string().max(64).nullable(),
  occupancy: Occupancy,
  members: z.array(HouseholdMember).max(50),
});
export type Household = z.infer<typeof Household>;

export const HouseholdCreatedEvent = defineEvent({
  subject: 'evt.property.household.created.v1',
  description: 'A household was registered in the estate register.',
  payload: Household,
});
export const HouseholdUpdatedEvent = defineEvent({
  subject: 'evt.property.household.updated.v1',
  description: 'A household moved or its members or contacts changed; the payload is the whole household.',
  payload: Household,
});
export const HouseholdRemovedEvent = defineEvent({
  subject: 'evt.property.household.removed.v1',
  description: 'A household left the register.',
  payload: z.object({ id: z.string().min(1).max(64) }),
});

export const PropertyContracts: ServiceContracts = {
  service: 'property',
  requests: [],
  events: [HouseholdCreatedEvent, HouseholdUpdatedEvent, HouseholdRemovedEvent],
  errors: defineErrors('property', {}),
};

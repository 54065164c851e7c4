import { z } from 'zod';

/** A uuid branded with the aggregate it names, so an AreaId cannot be passed where an OrganisationId goes. */
export function brandedId<const Brand extends string>(brand: Brand) {
  return z.uuid().brand<Brand>().describe(`${brand} (uuid)`);
}

/** The optional idempotency key of a create command: the same key returns the first result. */
export const IdempotencyKey = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/)
  .describe('Client-chosen key; repeating it returns the record created the first time');

import type { ServiceContracts } from '@gov/contracts-core';
import * as areas from './areas';
import { PartyErrors } from './errors';
import * as organisations from './organisations';
import * as posts from './posts';

export * from './areas';
export * from './errors';
export * from './organisations';
export * from './posts';

const all = [...Object.values(areas), ...Object.values(organisations), ...Object.values(posts)];

/** Every subject of the party service. */
export const PartyContracts: ServiceContracts = {
  service: 'party',
  requests: all.filter((c): c is Extract<typeof c, { kind: 'command' | 'query' }> =>
    typeof c === 'object' && c !== null && 'kind' in c && (c.kind === 'command' || c.kind === 'query'),
  ),
  events: all.filter((c): c is Extract<typeof c, { kind: 'event' }> =>
    typeof c === 'object' && c !== null && 'kind' in c && c.kind === 'event',
  ),
  errors: PartyErrors,
};

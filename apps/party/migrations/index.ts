// The party service's migrations, in order. New ones: `npm run migration:create -- party`.
import { Migration20261122030733 } from './Migration20261122030733';
import { Migration20261122073211 } from './Migration20261122073211';

export const migrations = [Migration20261122030733, Migration20261122073211];

// The notifications service's migrations, in order. New ones: `npm run migration:create -- notifications`.
import { Migration20261122044909 } from './Migration20261122044909';
import { Migration20261122045556 } from './Migration20261122045556';
import { Migration20261122052204 } from './Migration20261122052204';
import { Migration20261122053556 } from './Migration20261122053556';
import { Migration20261122055204 } from './Migration20261122055204';
import { Migration20261122055411 } from './Migration20261122055411';
import { Migration20261122063230 } from './Migration20261122063230';
import { Migration20261122073214 } from './Migration20261122073214';

export const migrations = [Migration20261122044909, Migration20261122045556, Migration20261122052204, Migration20261122053556, Migration20261122055204, Migration20261122055411, Migration20261122063230, Migration20261122073214];

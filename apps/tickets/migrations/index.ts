// The tickets service's migrations, in order. New ones: `npm run migration:create -- tickets`.
import { Migration20261122034600 } from './Migration20261122034600';
import { Migration20261122035338 } from './Migration20261122035338';
import { Migration20261122035807 } from './Migration20261122035807';
import { Migration20261122040440 } from './Migration20261122040440';
import { Migration20261122041146 } from './Migration20261122041146';
import { Migration20261122041411 } from './Migration20261122041411';
import { Migration20261122041813 } from './Migration20261122041813';
import { Migration20261122042017 } from './Migration20261122042017';
import { Migration20261122043821 } from './Migration20261122043821';
import { Migration20261122043924 } from './Migration20261122043924';
import { Migration20261122044116 } from './Migration20261122044116';
import { Migration20261122051129 } from './Migration20261122051129';
import { Migration20261122073213 } from './Migration20261122073213';

export const migrations = [Migration20261122034600, Migration20261122035338, Migration20261122035807, Migration20261122040440, Migration20261122041146, Migration20261122041411, Migration20261122041813, Migration20261122042017, Migration20261122043821, Migration20261122043924, Migration20261122044116, Migration20261122051129, Migration20261122073213];

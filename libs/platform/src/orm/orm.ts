import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Constructor, EntityClass } from '@mikro-orm/core';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { MikroORM as PgliteMikroORM } from '@mikro-orm/pglite';
import { MikroORM as PostgresMikroORM } from '@mikro-orm/postgresql';
import type { MikroORM } from '@mikro-orm/sql';
import { platformEntities } from './platform-entities';

export type Orm = MikroORM;
export { EntityManager } from '@mikro-orm/sql';

export interface OrmSpec {
  service: string;
  entities: EntityClass<object>[];
  /** Committed migrations in order; a deploy step runs them, never the service on boot. */
  migrations: Constructor<Migration>[];
  /** Where `npm run migration:create` writes new migrations. */
  migrationsPath?: string;
}

export interface OrmEnv {
  DATABASE_URL?: string;
  DATA_DIR: string;
  DB_POOL_MAX: number;
}

/** PostgreSQL from DATABASE_URL; without it, PGlite (the same SQL and migrations) under DATA_DIR/<service>. */
export async function createOrm(
  spec: OrmSpec,
  env: OrmEnv,
  options: { debug?: boolean; logger?: (message: string) => void } = {},
): Promise<Orm> {
  const common = {
    entities: [...spec.entities, ...platformEntities],
    extensions: [Migrator],
    allowGlobalContext: false,
    debug: options.debug ?? false,
    // MikroORM's own lines (e.g. the migrator's) go where the caller says, not to stdout.
    logger: options.logger ?? (() => undefined),
    forceUtcTimezone: true,
    migrations: {
      path: spec.migrationsPath,
      migrationsList: spec.migrations.map((migration) => ({ name: migration.name, class: migration })),
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts' as const,
    },
  };
  if (env.DATABASE_URL) {
    return (await PostgresMikroORM.init({
      ...common,
      clientUrl: env.DATABASE_URL,
      pool: { min: 0, max: env.DB_POOL_MAX },
    })) as unknown as Orm;
  }
  const dataDir = path.resolve(env.DATA_DIR, spec.service);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  return (await PgliteMikroORM.init({ ...common, dbName: dataDir })) as unknown as Orm;
}

import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { DomainError } from '../domain-error';
import { OutboxMessage } from './platform-entities';

/** Told of outbox rows written: at once, or with the transaction they wait for (nudge at its commit). */
type Listener = (transaction?: EntityManager) => void;
const outboxListeners = new WeakMap<object, Listener>();

/** The outbox relay of an ORM listens here for rows written by `insertTogether` (they bypass flush events). */
export function onOutboxInsert(config: object, listener: Listener) {
  outboxListeners.set(config, listener);
}

interface Column {
  property: string;
  quoted: string;
  toDatabase: (value: unknown) => unknown;
}
/** An entity's columns, and the start of its INSERT statement up to `values (`. */
interface Shape {
  table: string;
  columns: Column[];
  head: string;
  /** The single primary key column, and the version column of optimistic locking, where the entity has them. */
  primary?: Column;
  version?: Column;
}
const shapes = new WeakMap<object, Shape>();

/** A new row of an entity, as plain data carrying every value (ids, versions, defaults). */
export interface NewRow {
  type: abstract new (...args: never[]) => object;
  data: object;
}

/** Per entity class, once: its table and its scalar columns with their conversion to database values. */
function shapeOf(em: EntityManager, type: NewRow['type']): Shape {
  const known = shapes.get(type);
  if (known) return known;
  const meta = em.getMetadata().get(type as new () => object);
  const platform = em.getPlatform();
  const columns: Column[] = [];
  for (const prop of meta.props) {
    if (prop.persist === false || prop.kind !== 'scalar' || prop.fieldNames?.length !== 1) continue;
    const customType = prop.customType;
    columns.push({
      property: prop.name,
      quoted: platform.quoteIdentifier(prop.fieldNames[0]),
      toDatabase: customType ? (value) => customType.convertToDatabaseValue(value, platform, { mode: 'query' }) : (value) => value,
    });
  }
  const table = platform.quoteIdentifier(meta.tableName);
  const shape = {
    table,
    columns,
    head: `insert into ${table} (${columns.map((c) => c.quoted).join(', ')}) values (`,
    primary: meta.primaryKeys.length === 1 ? columns.find((c) => c.property === meta.primaryKeys[0]) : undefined,
    version: meta.versionProperty ? columns.find((c) => c.property === meta.versionProperty) : undefined,
  };
  shapes.set(type, shape);
  return shape;
}

/**
 * A string as a PostgreSQL literal, as libpq's PQescapeLiteral writes it (quotes doubled; with a backslash,
 * an E'' literal with backslashes doubled). Native replaceAll: MikroORM's escape goes character by character,
 * which was most of a submit's own CPU for a kilobyte of event payload.
 */
export function quoteLiteral(text: string): string {
  const quoted = text.includes("'") ? text.replaceAll("'", "''") : text;
  return text.includes('\\') ? ` E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/** A database value (after its column type's conversion) as a SQL literal. */
function literalOf(em: EntityManager, value: unknown): string {
  if (value === undefined || value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quoteLiteral(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : quoteLiteral(String(value));
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  const platform = em.getPlatform();
  if (value instanceof Date && platform.getTimezone() === 'Z') return quoteLiteral(value.toISOString());
  return String(platform.quoteValue(value));
}

/** A column's value as a SQL literal: converted by the column's type, then quoted. */
function columnLiteral(em: EntityManager, column: Column, value: unknown): string {
  return value === undefined || value === null ? 'null' : literalOf(em, column.toDatabase(value));
}

/** The INSERT statements of new rows, values inlined and quoted. */
export function insertStatements(em: EntityManager, rows: readonly NewRow[]): string[] {
  return rows.map(({ type, data }) => {
    const { columns, head } = shapeOf(em, type);
    const row = data as Record<string, unknown>;
    return `${head}${columns.map((column) => columnLiteral(em, column, row[column.property])).join(', ')})`;
  });
}

interface NativePool {
  query(query: string | { name: string; text: string; values: unknown[] }): Promise<unknown>;
}

/** A database value (after its column type's conversion) as a parameter of a prepared statement. */
function parameterOf(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
    case 'bigint':
      return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value;
  return JSON.stringify(value);
}

/** Per sequence of entity types: the one statement inserting a row of each (a CTE per row but the last). */
const preparedInserts = new Map<string, { name: string; text: string }>();

function preparedInsertOf(em: EntityManager, rows: readonly NewRow[]): { name: string; text: string } {
  const shapesOfRows = rows.map((row) => shapeOf(em, row.type));
  const key = shapesOfRows.map((shape) => shape.head).join(';');
  let prepared = preparedInserts.get(key);
  if (!prepared) {
    let next = 0;
    const inserts = shapesOfRows.map((shape) => `${shape.head}${shape.columns.map(() => `$${++next}`).join(', ')})`);
    const text = inserts.length === 1 ? inserts[0]! : `with ${inserts.slice(0, -1).map((insert, i) => `r${i} as (${insert})`).join(', ')} ${inserts.at(-1)}`;
    prepared = { name: `insert-together-${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text };
    preparedInserts.set(key, prepared);
  }
  return prepared;
}

/** The parameters of `preparedInsertOf` for these rows, in its order. */
function parametersOf(em: EntityManager, rows: readonly NewRow[]): unknown[] {
  const values: unknown[] = [];
  for (const { type, data } of rows) {
    const row = data as Record<string, unknown>;
    for (const column of shapeOf(em, type).columns) {
      const value = row[column.property];
      values.push(value === undefined || value === null ? null : parameterOf(column.toDatabase(value)));
    }
  }
  return values;
}

/** The `pg` pool under the ORM's PostgreSQL connection. */
function nativePoolOf(em: EntityManager): Promise<NativePool> {
  return (em.getConnection() as unknown as { getNativeClient(): Promise<NativePool> }).getNativeClient();
}

function sendsPreparedStatements(em: EntityManager): boolean {
  return /pglite/i.test(em.getDriver().constructor.name);
}

/**
 * Writes new rows in one round trip and all or nothing: outside a transaction as one prepared statement,
 * inside one as a multi-statement query on the transaction's connection. For create paths that only insert — a record,
 * its history line and its outbox row — where a socket write per statement (BEGIN, each INSERT, COMMIT) costs
 * more than the work itself on small machines (see tools/bench). The rows are plain data (no entity is
 * built, nothing is read back) and carry every value themselves: ids, versions, defaults. Called with the
 * EntityManager of a transaction, the rows join that transaction, and the relay is nudged at its commit.
 */
export async function insertTogether(em: EntityManager, rows: readonly NewRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (!em.isInTransaction() && !sendsPreparedStatements(em)) {
    // Outside a transaction: one statement (the rows as data-modifying CTEs, all or nothing), prepared once per
    // connection and sent straight to the driver's pool with the values as parameters, so PostgreSQL neither
    // parses nor plans it again and nothing is quoted here. Errors are converted as the ORM converts them.
    const pool = await nativePoolOf(em);
    try {
      await pool.query({ ...preparedInsertOf(em, rows), values: parametersOf(em, rows) });
    } catch (error) {
      throw em.getDriver().convertException(error as Error);
    }
    if (rows.some((row) => row.type === OutboxMessage)) outboxListeners.get(em.config)?.();
    return;
  }
  const statements = insertStatements(em, rows);
  if (sendsPreparedStatements(em)) {
    // PGlite (the zero-setup default) prepares every query, which refuses several commands in one.
    await em.transactional(async (tx) => {
      for (const statement of statements) await tx.execute(statement);
    });
  } else {
    // Inside the caller's transaction, on its connection: the statements as one multi-statement query.
    await em.execute(statements.join(';\n'));
  }
  if (rows.some((row) => row.type === OutboxMessage)) outboxListeners.get(em.config)?.(em.isInTransaction() ? em : undefined);
}

/** The database literal of every column of a row as it was read: what `updateVersioned` compares against. */
export type RowSnapshot = ReadonlyMap<string, string>;

/** Takes the snapshot of a row just read, before anything changes it. */
export function snapshotRow(em: EntityManager, type: NewRow['type'], data: object): RowSnapshot {
  const row = data as Record<string, unknown>;
  return new Map(shapeOf(em, type).columns.map((column) => [column.property, columnLiteral(em, column, row[column.property])]));
}

/**
 * Writes back the columns of a row that changed since its snapshot, provided nobody changed the row since:
 * `update … where id = … and version = …`, with the version bumped (on the object too). A row changed
 * meanwhile gets CONFLICT, as a flush of a versioned entity would; columns others update in place without
 * a version (counters, links) are left as they are. For hot paths that read a row, decide and write it back
 * with the object not managed by the EntityManager, whose unit of work costs more than the write itself.
 */
export async function updateVersioned(em: EntityManager, type: NewRow['type'], data: object, since: RowSnapshot): Promise<void> {
  const { table, columns, primary, version } = shapeOf(em, type);
  if (!primary || !version) throw new Error(`${table} has no single primary key and version to update by`);
  const row = data as Record<string, unknown>;
  const current = Number(row[version.property]);
  let sets = `${version.quoted} = ${current + 1}`;
  for (const column of columns) {
    if (column === primary || column === version) continue;
    const literal = columnLiteral(em, column, row[column.property]);
    if (literal !== since.get(column.property)) sets += `, ${column.quoted} = ${literal}`;
  }
  const id = columnLiteral(em, primary, row[primary.property]);
  const updated = await em.execute<unknown[]>(`update ${table} set ${sets} where ${primary.quoted} = ${id} and ${version.quoted} = ${current} returning ${version.quoted}`);
  if (updated.length !== 1) throw new DomainError('CONFLICT', 'the record was changed concurrently');
  row[version.property] = current + 1;
}

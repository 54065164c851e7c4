import { randomBytes } from 'node:crypto';
import pg from 'pg';

const MARK = 'created by @gov/testing';
const NAME = /^gov_test_[a-z0-9_]+$/;

/**
 * Creates uniquely named databases beside the admin database and drops them afterwards. It refuses to drop
 * any database it did not create in this process (and any not marked as a test database).
 */
export class TestDatabases {
  private readonly created = new Set<string>();

  constructor(private readonly adminUrl: string) {}

  private async admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  async create(label: string): Promise<{ name: string; url: string }> {
    const name = `gov_test_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(5).toString('hex')}`;
    await this.admin(async (client) => {
      await client.query(`create database ${name}`);
      await client.query(`comment on database ${name} is '${MARK}'`);
    });
    this.created.add(name);
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    return { name, url: url.toString() };
  }

  async drop(name: string): Promise<void> {
    if (!this.created.has(name) || !NAME.test(name)) {
      throw new Error(`refusing to drop database "${name}": this harness did not create it`);
    }
    await this.admin(async (client) => {
      const { rows } = await client.query(
        'select shobj_description(oid, $1) as mark from pg_database where datname = $2',
        ['pg_database', name],
      );
      if (rows.length === 0) return;
      if (rows[0].mark !== MARK) throw new Error(`refusing to drop database "${name}": it is not marked as a test database`);
      await client.query(`drop database ${name} with (force)`);
    });
    this.created.delete(name);
  }
}

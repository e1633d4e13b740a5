// One PostgreSQL connection pool per process, reached two ways: Sequelize models for ordinary reads and writes,
// and the raw pg pool for the hot set-based paths (batch ingestion, COPY) where an ORM would cost throughput.
import { Sequelize } from 'sequelize';
import pg from 'pg';

// Timestamps and numerics come back as strings/Dates we control; bigint ids as JS numbers (they stay < 2^53).
pg.types.setTypeParser(20, (value: string) => Number(value));
// DATE columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone to shift it by.
pg.types.setTypeParser(1082, (value: string) => value);

export interface Database {
  sequelize: Sequelize;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connectDatabase(url: string, options: { poolSize?: number } = {}): Database {
  const max = options.poolSize ?? 10;
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    logging: false,
    pool: { max: Math.max(2, Math.floor(max / 2)), min: 0, idle: 10_000 },
    define: { underscored: true, timestamps: false },
  });
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 10_000 });
  pool.on('error', () => undefined); // an idle client dying (server restart) must not crash the process
  return {
    sequelize,
    pool,
    async close() {
      await Promise.all([sequelize.close(), pool.end()]);
    },
  };
}

/** Creates the database named in `url` when missing (used by the launcher and the test setup). */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

// One PostgreSQL connection pool per process, reached two ways: Sequelize models for ordinary reads and writes,
// and raw SQL on the same pool for the set-based hot paths (batch ingestion, COPY, reconciliation) where an ORM would
// cost throughput. Sequelize draws its connections from the pg pool (see `shareThePool`), so a model call and a SQL
// statement can run in the same transaction (db/transaction.ts) and the process holds one set of connections.
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

// The Sequelize instance bound to each pool, for the transaction helper (which is handed only the pool).
const sequelizeOfPool = new WeakMap<pg.Pool, Sequelize>();

export function connectDatabase(url: string, options: { poolSize?: number } = {}): Database {
  // Only the named statements of db/prepared.ts are prepared; their generic plan prunes the register's quarters at run
  // time. Left to 'auto', PostgreSQL kept planning the case lists anew (43 quarters: 8.7 ms a page, 1.1 ms generic).
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 10_000,
    options: '-c plan_cache_mode=force_generic_plan',
  });
  pool.on('error', () => undefined); // an idle client dying (server restart) must not crash the process
  const sequelize = new Sequelize(url, { dialect: 'postgres', logging: false, define: { underscored: true, timestamps: false } });
  shareThePool(sequelize, pool);
  sequelizeOfPool.set(pool, sequelize);
  return {
    sequelize,
    pool,
    async close() {
      await sequelize.close();
      await pool.end();
    },
  };
}

/** One round trip to the database (readiness: does it answer?). */
export async function ping(pool: pg.Pool): Promise<void> {
  await pool.query('SELECT 1');
}

/** The Sequelize instance whose models share `pool`'s connections (and so its transactions). */
export function sequelizeOf(pool: pg.Pool): Sequelize {
  const sequelize = sequelizeOfPool.get(pool);
  if (!sequelize) throw new Error('this pool was not opened with connectDatabase');
  return sequelize;
}

// Sequelize keeps its connections in a pool object with this shape (sequelize-pool); replacing it is the seam its
// connection manager offers. Sequelize's own connections would also parse column types its own way, so raw SQL
// and models would see different values for the same column.
interface SequelizeConnectionPool {
  acquire(): Promise<pg.PoolClient>;
  release(client: pg.PoolClient): void;
  destroy(client: pg.PoolClient): void;
  drain(): Promise<void>;
  destroyAllNow(): Promise<void>;
}

function shareThePool(sequelize: Sequelize, pool: pg.Pool): void {
  const shared: SequelizeConnectionPool = {
    acquire: () => pool.connect(),
    release: (client) => client.release(),
    destroy: (client) => client.release(true), // a connection in an unknown state (failed COMMIT or ROLLBACK) is closed
    drain: async () => undefined, // the pool is ended by Database.close, after Sequelize
    destroyAllNow: async () => undefined,
  };
  (sequelize.connectionManager as unknown as { pool: SequelizeConnectionPool }).pool = shared;
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

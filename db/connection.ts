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

// Per pool, the pool of the partitioned register's hot reads (db/prepared.ts).
const genericPlanPoolOf = new WeakMap<pg.Pool, pg.Pool>();

export function connectDatabase(url: string, options: { poolSize?: number } = {}): Database {
  const poolOptions = { connectionString: url, max: options.poolSize ?? 10, idleTimeoutMillis: 10_000 };
  const pool = new pg.Pool(poolOptions);
  pool.on('error', () => undefined); // an idle client dying (server restart) must not crash the process
  // The register's lists and reads by id run as named statements on connections that plan them generically: over ~43
  // quarters planning cost more than running (a list page 8.7 ms re-planned, 1.1 ms generic; a case by id 7.2 against
  // 0.4 ms), and a generic plan prunes the quarters at run time. Only these connections do: every other statement
  // keeps PostgreSQL's custom plan per call, which a skewed value (an agency with 40 % of the cases) may need.
  // pg opens a connection only when a query needs one, so a process that never reads the register opens none here.
  // Kept longer when idle than the main pool's: a new connection plans each named statement again. No JIT: a generic
  // plan estimates an agency's share of the register from the average (at 10 M cases, 500,000 rows for a page that
  // reads 51), which passed jit_above_cost and compiled 337 functions, 234 ms, into every first page.
  const genericPlans = new pg.Pool({
    ...poolOptions,
    idleTimeoutMillis: 300_000,
    allowExitOnIdle: true,
    options: '-c plan_cache_mode=force_generic_plan -c jit=off',
  });
  genericPlans.on('error', () => undefined);
  genericPlanPoolOf.set(pool, genericPlans);
  const sequelize = new Sequelize(url, { dialect: 'postgres', logging: false, define: { underscored: true, timestamps: false } });
  shareThePool(sequelize, pool);
  sequelizeOfPool.set(pool, sequelize);
  return {
    sequelize,
    pool,
    async close() {
      await sequelize.close();
      await Promise.all([pool.end(), genericPlans.end()]);
    },
  };
}

/** The connections for generically planned named statements of `pool` (the pool itself if not opened here). */
export function genericPlanPool(pool: pg.Pool): pg.Pool {
  return genericPlanPoolOf.get(pool) ?? pool;
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

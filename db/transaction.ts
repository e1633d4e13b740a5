// One transaction on one pooled connection: committed when the work returns, rolled back when it throws. The work
// gets the connection for SQL and the Sequelize transaction for models (`{ transaction }`): both are the same
// transaction on the same connection.
import type { Pool, PoolClient } from 'pg';
import { BaseError, Transaction } from 'sequelize';
import { sequelizeOf } from './connection';

export interface TransactionOptions {
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';
  readOnly?: boolean;
}

const ISOLATION = {
  'READ COMMITTED': Transaction.ISOLATION_LEVELS.READ_COMMITTED,
  'REPEATABLE READ': Transaction.ISOLATION_LEVELS.REPEATABLE_READ,
  SERIALIZABLE: Transaction.ISOLATION_LEVELS.SERIALIZABLE,
} as const;

export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient, transaction: Transaction) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const transaction = await database(() =>
    sequelizeOf(pool).transaction({ isolationLevel: options.isolation ? ISOLATION[options.isolation] : undefined }),
  );
  // Sequelize holds the transaction's connection; it is a client of `pool` (db/connection.ts shares the pool).
  const client = (transaction as unknown as { connection: PoolClient }).connection;
  let result: T;
  try {
    if (options.readOnly) await client.query('SET TRANSACTION READ ONLY');
    result = await work(client, transaction);
  } catch (e) {
    await transaction.rollback().catch(() => undefined); // a failed rollback closes the connection (Sequelize)
    throw e;
  }
  await database(() => transaction.commit());
  return result;
}

// BEGIN and COMMIT run through Sequelize, which wraps the driver's error; callers look at the driver's (its `code`).
async function database<T>(statement: () => Promise<T>): Promise<T> {
  try {
    return await statement();
  } catch (e) {
    const parent = e instanceof BaseError ? (e as BaseError & { parent?: unknown }).parent : undefined;
    throw parent instanceof Error ? parent : e;
  }
}

// Named prepared statements for the hot reads of the partitioned case register (migration 0031). Planning a query
// over ~40 quarters costs more than running it (measured: a case by id 16.7 ms unnamed, 0.4 ms named, on 43
// quarters); a named statement is planned once per connection as a generic plan whose partitions are pruned at run
// time. They run on the pool's generic-plan connections (db/connection.ts), so no other statement is planned
// generically. The name is the text's hash: one statement per SQL text.
import crypto from 'node:crypto';
import type { Pool, QueryResult, QueryResultRow } from 'pg';
import { genericPlanPool } from './connection';

export function queryPrepared<R extends QueryResultRow>(pool: Pool, text: string, values: unknown[]): Promise<QueryResult<R>> {
  const name = `q_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  return genericPlanPool(pool).query<R>({ name, text, values });
}

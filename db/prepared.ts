// Named prepared statements for the hot reads of the partitioned case register (migration 0031). Planning a query
// over ~40 quarters costs more than running it (measured: a case by id 16.7 ms unnamed, 0.4 ms named, on 43
// quarters); a named statement is planned once per connection as a generic plan (db/connection.ts sets
// plan_cache_mode) whose partitions are pruned at run time. The name is the text's hash: one statement per SQL text.
import crypto from 'node:crypto';
import type { QueryConfig } from 'pg';

export function prepared(text: string, values: unknown[]): QueryConfig {
  return { name: `q_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text, values };
}

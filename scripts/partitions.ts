// `npm run partitions -- list | ensure [--ahead N] | detach YYYYqN`: the case register's quarters for operators
// (docs/operations.md, "Partition management"). Runs as the tables' owner (DATABASE_OWNER_URL, else DATABASE_URL):
// a detach needs it; list and ensure work as the application role too.
import { parseArgs } from 'node:util';
import { connectDatabase } from '../db/connection';
import { detachPartition, ensurePartitionsAhead, listPartitions } from '../db/cases/partitions';

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { ahead: { type: 'string' } } });
  const [command, quarter] = positionals;
  const url = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_OWNER_URL (the role that owns the tables) or DATABASE_URL.');
  const db = connectDatabase(url, { poolSize: 2 });
  try {
    if (command === 'list') {
      for (const p of await listPartitions(db.pool)) {
        console.log(
          `${p.quarter}  ${p.from.toISOString().slice(0, 10)} … ${p.to.toISOString().slice(0, 10)}  ${p.cases}  ${p.events ?? '(no events partition)'}`,
        );
      }
    } else if (command === 'ensure') {
      const result = await ensurePartitionsAhead(db.pool, { ahead: Number(values.ahead ?? 2) });
      console.log(`created: ${result.created.join(', ') || 'none'}; ${result.existing.length} quarters attached`);
    } else if (command === 'detach' && quarter) {
      const detached = await detachPartition(db.pool, quarter);
      console.log(
        detached.length ? `detached: ${detached.join(', ')} (standalone tables now: archive, then drop)` : `${quarter} is not attached`,
      );
    } else {
      throw new Error('usage: npm run partitions -- list | ensure [--ahead N] | detach YYYYqN');
    }
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

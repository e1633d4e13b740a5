// `npm run db:migrate`: applies the pending migrations as the owner (DATABASE_OWNER_URL, else DATABASE_URL), for
// deployments where the API and the worker connect as the application role and so cannot migrate themselves.
import { connectDatabase } from '../db/connection';
import { migrate } from '../db/migrate';

async function main() {
  const url = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_OWNER_URL (the role that owns the tables) to migrate.');
  const db = connectDatabase(url, { poolSize: 2 });
  try {
    const applied = await migrate(db);
    console.log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Nothing to migrate.');
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

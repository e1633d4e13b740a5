// The two database roles: the owner runs the migrations and owns every table; the application role (`sdp_app`)
// is what the API and the worker log in as. It may read and write rows, never change the schema, and may only
// append to audit_log (migration 0013 grants it so, and grants every table a later migration adds).
import pg from 'pg';

export const APP_ROLE = 'sdp_app';

// Two processes creating or altering the same role at once: one of them gets one of these; the role is there.
const RACED = new Set(['42710', '23505', 'XX000']);

/**
 * Development and tests only: makes `sdp_app` a login role on the server `ownerUrl` points at (the owner must be
 * allowed to create roles, as the local superuser is) and answers the URL the API and the worker connect with.
 * In production the roles are created by the DBA (README, "Running in production").
 */
export async function ensureAppLogin(ownerUrl: string, password: string, opts: { setPassword?: boolean } = {}): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const literal = (await client.query<{ q: string }>('SELECT quote_literal($1::text) AS q', [password])).rows[0].q;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const found = await client.query<{ rolcanlogin: boolean }>('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
        if (found.rowCount === 0) {
          await client.query(`CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal}`);
        } else if (!found.rows[0].rolcanlogin || opts.setPassword) {
          await client.query(`ALTER ROLE ${APP_ROLE} LOGIN PASSWORD ${literal}`);
        }
        break;
      } catch (e) {
        if (attempt >= 5 || !RACED.has((e as { code?: string }).code ?? '')) throw e;
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password; // the setter percent-encodes what it must
  return url.toString();
}

/**
 * Production guard for the API and the worker: refuses to run as a superuser or as the owner of the tables,
 * which would make the audit log's append-only privileges meaningless.
 */
export async function assertLeastPrivilege(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ superuser: boolean; owner: boolean; role: string }>(
    `SELECT r.rolsuper AS superuser, current_user AS role,
            coalesce(pg_has_role(current_user, c.relowner, 'USAGE'), false) AS owner
       FROM pg_roles r LEFT JOIN pg_class c ON c.oid = to_regclass('audit_log')
      WHERE r.rolname = current_user`,
  );
  const me = rows[0];
  if (me?.superuser || me?.owner) {
    throw new Error(
      `The database role "${me.role}" is ${me.superuser ? 'a superuser' : 'the owner of the tables'}: ` +
        `in production the API and the worker connect as the application role (${APP_ROLE}); see README, "Running in production".`,
    );
  }
}

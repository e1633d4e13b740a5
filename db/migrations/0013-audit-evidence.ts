// The audit log as evidence (DESIGN.md rule 9). Three things, all enforced by PostgreSQL itself:
// 1. Least privilege: the application role `sdp_app` (the API and the worker) reads and writes rows of every table,
//    this migration's owner keeps the schema. ALTER DEFAULT PRIVILEGES grants every table, sequence and function a
//    later migration creates, so no migration has to remember a GRANT.
// 2. audit_log is append-only: the application role has no UPDATE, DELETE or TRUNCATE on it, and a trigger refuses
//    them for everyone (the owner too, unless the trigger is disabled: then the hash chain below shows it).
// 3. Tamper evidence: every row carries chain_seq (1, 2, 3, ... without gaps), prev_hash (the row before's row_hash)
//    and row_hash = sha256(canonical text of the row || prev_hash). A BEFORE INSERT trigger computes them under a
//    transaction-level advisory lock, so concurrent writers (audit()'s multi-row inserts, the co-browse autosave's
//    batches) still form one chain, in commit order. `npm run audit:verify` recomputes it independently in Node.
// The canonical text: 'v1' then, for each field in order, '~' for NULL or "<UTF-8 byte length>:<text>"; `at` as
// UTC 'YYYY-MM-DDTHH:MI:SS.uuuuuuZ', details as jsonb's own text (a normalised form: sorted keys, one spacing).
import type { Sequelize } from 'sequelize';
import { APP_ROLE } from '../roles';

/** Any bigint; the one key of the chain's advisory lock (migrate() uses 727001). */
export const AUDIT_CHAIN_LOCK = 727013;

const CHAINED_COLUMNS = [
  'actor_type',
  'actor_id',
  'actor_agency',
  'actor_office',
  'on_behalf_of',
  'subject_type',
  'subject_id',
  'action',
  'resource',
  'purpose',
  'request_id',
];

/**
 * sha256(canonical text || prev_hash) of the row `r`, as one SQL expression: written out rather than through helper
 * functions because the trigger evaluates it once per audit row, and a function call per field cost more than the
 * hash itself (a row of a 10,000-case batch then costs about as much as the case's own insert).
 */
export function rowHashSql(r: string): string {
  const fields = [
    `${r}.chain_seq::text`,
    `${r}.id::text`,
    `to_char(${r}.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    ...CHAINED_COLUMNS.map((c) => `${r}.${c}`),
    `${r}.details::text`,
  ];
  const canonical = fields.map((f) => `coalesce(octet_length(convert_to(${f}, 'UTF8'))::text || ':' || ${f}, '~')`).join(' || ');
  return `sha256(convert_to('v1' || ${canonical}, 'UTF8') || ${r}.prev_hash)`;
}

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        -- Production: the DBA creates login roles that are members of it (or makes it a login role).
        CREATE ROLE ${APP_ROLE} NOLOGIN;
      END IF;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL; -- another database's migration created it just now
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'The application role ${APP_ROLE} does not exist and % may not create it: create it first (README, "Running in production").', current_user;
    END $$;

    GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO ${APP_ROLE};
    REVOKE ALL ON migrations FROM ${APP_ROLE};
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${APP_ROLE};

    -- Chain the rows written before this migration, in id order, with no writer in between.
    LOCK TABLE audit_log IN EXCLUSIVE MODE;
    ALTER TABLE audit_log ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash bytea, ADD COLUMN row_hash bytea;
    CREATE FUNCTION audit_row_hash(r audit_log) RETURNS bytea LANGUAGE sql STABLE AS $f$
      SELECT ${rowHashSql('r')}
    $f$;
    DO $$
    DECLARE
      r audit_log;
      n bigint := 0;
      prev bytea := '\\x0000000000000000000000000000000000000000000000000000000000000000';
    BEGIN
      FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
        n := n + 1;
        r.chain_seq := n;
        r.prev_hash := prev;
        r.row_hash := audit_row_hash(r);
        UPDATE audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, row_hash = r.row_hash WHERE id = r.id;
        prev := r.row_hash;
      END LOOP;
    END $$;
    ALTER TABLE audit_log ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL,
      ALTER COLUMN row_hash SET NOT NULL;
    CREATE UNIQUE INDEX audit_log_chain_seq_idx ON audit_log (chain_seq);

    CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $f$
    DECLARE
      last_seq bigint;
      last_hash bytea;
    BEGIN
      -- One writer extends the chain at a time, until its transaction ends: the chain order is the commit order.
      PERFORM pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK});
      SELECT chain_seq, row_hash INTO last_seq, last_hash FROM audit_log ORDER BY chain_seq DESC LIMIT 1;
      NEW.at := now(); -- the server's time, not a writer's claim
      NEW.chain_seq := coalesce(last_seq, 0) + 1;
      NEW.prev_hash := coalesce(last_hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
      NEW.row_hash := ${rowHashSql('NEW')};
      RETURN NEW;
    END $f$;
    CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $f$;
    -- Statement-level, so even an UPDATE or DELETE that matches no row is refused.
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
    DROP TRIGGER IF EXISTS audit_log_chain ON audit_log;
    DROP FUNCTION IF EXISTS audit_log_append_only(), audit_log_chain();
    DROP INDEX IF EXISTS audit_log_chain_seq_idx;
    DROP FUNCTION IF EXISTS audit_row_hash(audit_log);
    ALTER TABLE audit_log DROP COLUMN IF EXISTS chain_seq, DROP COLUMN IF EXISTS prev_hash, DROP COLUMN IF EXISTS row_hash;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON FUNCTIONS FROM ${APP_ROLE};
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE};
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE};
    REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM ${APP_ROLE};
    REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE};
  `);
}

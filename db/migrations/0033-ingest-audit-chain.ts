// The batch ingest's fixed costs per row in PostgreSQL, cut further (issue 19, ingest2).
// 1. The audit chain (migration 0013): each audit row looked up the chain's last row (the index's highest chain_seq,
//    a backward scan that also steps over the dead entries a rolled-back batch leaves there). The trigger now
//    remembers the tail it just wrote, (seq, hash), in a transaction-local setting, so only a transaction's first
//    audit row looks it up. Every property stays: the advisory lock is still taken per row (a no-op once held, and so
//    a forged setting can never skip it), a remembered tail only counts in the transaction that wrote it (its
//    txid is part of it), and a setting made with is_local reverts with a rolled-back savepoint, so a row that was
//    rolled back never becomes a link. The hash, its fields and the server time are unchanged. Measured on 10,000-row
//    INSERT … SELECTs: the same time as before on a clean index (~17 µs a row: ~9 the row, ~5.5 the hash), 25–30 %
//    less once rolled-back audit rows have left dead entries at the index's end (up to 7× less when many had).
// 2. The history of new cases and status events (migration 0032): their rows are new by construction, so the
//    history insert drops ON CONFLICT (db/timeline/sources.ts, insertEvents' newSourceRows): ~3 µs less a history
//    row (20,000-row inserts into timeline_events, 6 repetitions: 123–146 ms plain, 188–209 ms with ON CONFLICT).
//    Neither table's rows are ever deleted, so an id cannot come back.
import type { Sequelize } from 'sequelize';
import { AUDIT_CHAIN_LOCK, rowHashSql } from './0013-audit-evidence';
import { STATUS_EVENT_PLAN, triggerFunction } from './0032-ingest-timeline';

const ZERO_HASH = `'\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea`;
/** The transaction-local setting: '<txid>:<chain_seq>:<row_hash in hex>' of the last row this transaction chained. */
const TAIL = 'sdp.audit_chain_tail';

const chainFunction = (rememberTail: boolean) => `
  CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $f$
  DECLARE
    last_seq bigint;
    last_hash bytea;
    ${rememberTail ? `txid text := txid_current()::text;\n    tail text[] := string_to_array(current_setting('${TAIL}', true), ':');` : ''}
  BEGIN
    -- One writer extends the chain at a time, until its transaction ends: the chain order is the commit order.
    PERFORM pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK});
    ${
      rememberTail
        ? `IF tail[1] = txid THEN
      last_seq := tail[2]::bigint;
      last_hash := decode(tail[3], 'hex');
    ELSE
      SELECT chain_seq, row_hash INTO last_seq, last_hash FROM audit_log ORDER BY chain_seq DESC LIMIT 1;
    END IF;`
        : `SELECT chain_seq, row_hash INTO last_seq, last_hash FROM audit_log ORDER BY chain_seq DESC LIMIT 1;`
    }
    NEW.at := now(); -- the server's time, not a writer's claim
    NEW.chain_seq := coalesce(last_seq, 0) + 1;
    NEW.prev_hash := coalesce(last_hash, ${ZERO_HASH});
    NEW.row_hash := ${rowHashSql('NEW')};
    ${rememberTail ? `PERFORM set_config('${TAIL}', txid || ':' || NEW.chain_seq || ':' || encode(NEW.row_hash, 'hex'), true);` : ''}
    RETURN NEW;
  END $f$`;

export async function up(sequelize: Sequelize): Promise<void> {
  const statements = [
    chainFunction(true),
    triggerFunction('timeline_from_cases_insert', 'new_rows', 'SET jit = off', { newSourceRows: true }),
    triggerFunction('timeline_from_case_status_events_insert', 'new_rows', STATUS_EVENT_PLAN, { newSourceRows: true }),
  ];
  for (const sql of statements) await sequelize.query(sql);
}

export async function down(sequelize: Sequelize): Promise<void> {
  const statements = [
    chainFunction(false),
    triggerFunction('timeline_from_cases_insert', 'new_rows', 'SET jit = off'),
    triggerFunction('timeline_from_case_status_events_insert', 'new_rows', STATUS_EVENT_PLAN),
  ];
  for (const sql of statements) await sequelize.query(sql);
}

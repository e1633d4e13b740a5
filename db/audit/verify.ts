// The audit log's hash chain, checked from outside PostgreSQL: every row's hash is recomputed here with
// node:crypto from the row's fields (an oracle independent of the SQL in migration 0013), and each row must follow
// the one before it (chain_seq one higher, prev_hash equal to that row's hash). The first row that does not is named.
import crypto from 'node:crypto';
import type { Pool, QueryResult } from 'pg';
import { inTransaction } from '../transaction';

export interface AuditChainProblem {
  kind: 'changed' | 'deleted' | 'out-of-order';
  chainSeq: number;
  id: number | null;
  message: string;
}

export interface AuditChainReport {
  ok: boolean;
  rows: number;
  head: { chainSeq: number; hash: string } | null;
  problem?: AuditChainProblem;
}

interface ChainRow {
  id: string;
  chain_seq: string;
  at: string;
  actor_type: string;
  actor_id: string;
  actor_agency: string | null;
  actor_office: string | null;
  on_behalf_of: string | null;
  subject_type: string | null;
  subject_id: string | null;
  action: string;
  resource: string;
  purpose: string;
  request_id: string | null;
  details: string | null;
  prev_hash: Buffer;
  row_hash: Buffer;
}

const GENESIS = Buffer.alloc(32);
const PAGE = 5000;

function field(value: string | null): string {
  return value === null ? '~' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

/** PostgreSQL's text of a timestamptz in UTC ('2026-12-02 17:19:30.12+00') as 'YYYY-MM-DDTHH:MI:SS.uuuuuuZ'. */
export function canonicalTime(text: string): string {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/.exec(text);
  if (!m) throw new Error(`unexpected timestamp text ${text}`);
  return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(6, '0')}Z`;
}

export function rowHash(row: Omit<ChainRow, 'row_hash'>): Buffer {
  const canonical =
    'v1' +
    [
      row.chain_seq,
      row.id,
      canonicalTime(row.at),
      row.actor_type,
      row.actor_id,
      row.actor_agency,
      row.actor_office,
      row.on_behalf_of,
      row.subject_type,
      row.subject_id,
      row.action,
      row.resource,
      row.purpose,
      row.request_id,
      row.details,
    ]
      .map(field)
      .join('');
  return crypto.createHash('sha256').update(Buffer.from(canonical, 'utf8')).update(row.prev_hash).digest();
}

function check(row: ChainRow, expectedSeq: number, prevHash: Buffer): AuditChainProblem | null {
  const seq = Number(row.chain_seq);
  const id = Number(row.id);
  if (seq > expectedSeq) {
    const gap = seq - expectedSeq === 1 ? `row ${expectedSeq} is` : `rows ${expectedSeq}–${seq - 1} are`;
    return { kind: 'deleted', chainSeq: expectedSeq, id: null, message: `audit row ${gap} missing: deleted before row ${seq} (id ${id})` };
  }
  if (seq < expectedSeq) {
    return {
      kind: 'out-of-order',
      chainSeq: seq,
      id,
      message: `audit row id ${id} claims chain position ${seq}, after row ${expectedSeq - 1}: inserted out of order`,
    };
  }
  if (!row.prev_hash.equals(prevHash)) {
    return {
      kind: 'out-of-order',
      chainSeq: seq,
      id,
      message: `audit row ${seq} (id ${id}) does not follow row ${seq - 1}: inserted out of order`,
    };
  }
  if (!rowHash(row).equals(row.row_hash)) {
    return { kind: 'changed', chainSeq: seq, id, message: `audit row ${seq} (id ${id}) was changed after it was written` };
  }
  return null;
}

/** Walks the whole chain in pages; `anchor` (a head printed by an earlier run) must still be in it, unchanged. */
export async function verifyAuditChain(pool: Pool, anchor?: { chainSeq: number; hash: string }): Promise<AuditChainReport> {
  // One snapshot for the whole walk: writers keep appending meanwhile, the walk sees the chain as it was.
  return inTransaction(
    pool,
    async (client) => {
      await client.query("SET LOCAL TIME ZONE 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'");
      let expectedSeq = 1;
      let prevHash: Buffer = GENESIS;
      let rows = 0;
      let after: [string, string] | [null, null] = [null, null];
      for (;;) {
        const page: QueryResult<ChainRow> = await client.query<ChainRow>(
          `SELECT id::text, chain_seq::text, at::text, actor_type, actor_id, actor_agency, actor_office, on_behalf_of,
                subject_type, subject_id, action, resource, purpose, request_id, details::text, prev_hash, row_hash
           FROM audit_log WHERE $1::bigint IS NULL OR (chain_seq, id) > ($1::bigint, $2::bigint)
          ORDER BY audit_log.chain_seq, audit_log.id LIMIT $3`,
          [...after, PAGE],
        );
        for (const row of page.rows) {
          const problem = check(row, expectedSeq, prevHash);
          if (problem)
            return { ok: false, rows, head: rows ? { chainSeq: expectedSeq - 1, hash: prevHash.toString('hex') } : null, problem };
          if (anchor && anchor.chainSeq === expectedSeq && anchor.hash !== row.row_hash.toString('hex')) {
            return {
              ok: false,
              rows,
              head: null,
              problem: {
                kind: 'changed',
                chainSeq: expectedSeq,
                id: Number(row.id),
                message: `audit row ${expectedSeq} is not the one anchored earlier`,
              },
            };
          }
          prevHash = row.row_hash;
          expectedSeq += 1;
          rows += 1;
          after = [row.chain_seq, row.id];
        }
        if (page.rows.length < PAGE) break;
      }
      const head = rows ? { chainSeq: expectedSeq - 1, hash: prevHash.toString('hex') } : null;
      if (anchor && anchor.chainSeq >= expectedSeq) {
        return {
          ok: false,
          rows,
          head,
          problem: {
            kind: 'deleted',
            chainSeq: anchor.chainSeq,
            id: null,
            message: `audit rows from ${expectedSeq} on are missing: the anchored head was row ${anchor.chainSeq}`,
          },
        };
      }
      return { ok: true, rows, head };
    },
    { isolation: 'REPEATABLE READ', readOnly: true },
  );
}

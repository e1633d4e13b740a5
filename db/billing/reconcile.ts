// Set-based reconciliation of parsed camt transactions: a chunk of transactions is COPYed into a temporary table
// and booked by one SQL statement (BOOK_SQL below), whatever its size — no round trip per transaction.
// The outcome is that of calling recordPayment for each transaction in document order: amount_paid grows, the
// status becomes paid when the total is reached, else an overdue invoice stays overdue and any other becomes
// partly_paid, and a cancelled invoice books nothing (suspense, reason cancelled_invoice). What a payment brings
// beyond the total is not added to the invoice but kept in suspense (reason overpayment) for the agency to refund
// or book elsewhere, so no cent is counted twice. Unknown or missing references and other currencies go to
// suspense as well. The same transaction (source_ref) is never booked twice.
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A credit of a bank statement, as the camt reader gives it (api/billing/statements/camt.ts: CamtTransaction). */
export interface StatementCredit {
  /** Stable id of the transaction across statements: the same bank transaction books once. */
  sourceRef: string;
  /** Decimal with a dot, no exponent. */
  amount: string;
  currency: string;
  reference: string | null;
  rawReference: string | null;
  remittance: string | null;
  debtorName: string | null;
  /** ISO date or date-time; without a zone it is the import's local time (see prepareStatementImport). */
  bookedAt: string;
  flag: string | null;
}

export const TEMP_TABLES = `
  CREATE TEMP TABLE camt_tx (
    seq integer NOT NULL, source_ref text NOT NULL, amount numeric NOT NULL, currency text NOT NULL, reference text,
    raw_reference text, remittance text, debtor_name text, booked_at timestamptz NOT NULL, flag text
  ) ON COMMIT DROP;
`;

const COPY_SQL =
  'COPY camt_tx (seq, source_ref, amount, currency, reference, raw_reference, remittance, debtor_name, booked_at, flag) FROM STDIN';

// One statement books a chunk ($1 statement id, $2 who, $3 agency):
//   plan    what is new (not in payments or suspense by source_ref; repeats inside the file are dropped before),
//           which of the agency's invoices it names, and how much of each amount that invoice can still take, in
//           document order (a running sum per invoice);
//   updated one UPDATE … FROM adds the booked sums to the invoices — only where the invoice is still as the plan
//           saw it (amount_paid, status); rows are reached by the ctid the plan read, in heap order (a TID scan
//           instead of a primary-key probe each; an invoice changed meanwhile has a new ctid and is not updated);
//   paid    the payments, one per booked transaction (in invoice order: the indexes and foreign-key checks then
//           walk their pages in order), with time-ordered ids from paymentIdRange ($4, $5);
//   parked  the suspense entries: refusals and the excess of overpayments.
// When an invoice changed after the plan read it (a counter or online payment booked by recordPayment meanwhile),
// fewer invoices are updated than planned: the caller rolls the chunk back to its savepoint and books it again.
// No part joins the result of another (the planner cannot know their sizes), so the plan stays linear in the chunk.
const BOOK_SQL = `
  WITH plan AS MATERIALIZED (
    SELECT seq, source_ref, CASE WHEN refusal IS NULL THEN invoice_id END AS invoice_id, invoice_ctid, amount_paid AS seen_paid, status AS seen_status,
      amount, booked, currency, COALESCE(refusal, CASE WHEN amount > booked THEN 'overpayment' END) AS reason,
      COALESCE(reference, raw_reference) AS reference, remittance, debtor_name, booked_at
    FROM (
      SELECT c.*,
        CASE WHEN c.refusal IS NULL THEN LEAST(c.amount, GREATEST(c.total - c.amount_paid - COALESCE(SUM(c.amount) FILTER (WHERE c.refusal IS NULL)
          OVER (PARTITION BY c.invoice_id ORDER BY c.seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0), 0)) ELSE 0 END AS booked
      FROM (
        SELECT f.*, i.id AS invoice_id, i.ctid AS invoice_ctid, i.total, i.amount_paid, i.status,
          CASE WHEN f.flag IS NOT NULL THEN f.flag
               WHEN f.currency <> 'EUR' THEN 'currency'
               WHEN f.reference IS NULL AND f.raw_reference IS NULL THEN 'no_reference'
               WHEN i.id IS NULL THEN 'unknown_reference'
               WHEN i.status = 'cancelled' THEN 'cancelled_invoice' END AS refusal
        FROM camt_tx f
        LEFT JOIN invoices i ON i.payment_reference = f.reference AND i.agency_id = $3
        -- one index probe per transaction (a correlated subquery with LIMIT is never turned into a hash of the
        -- whole table, which the planner might choose for an anti-join while the tables' statistics are young)
        WHERE (SELECT 1 FROM payments p WHERE p.source_ref = f.source_ref LIMIT 1) IS NULL
          AND (SELECT 1 FROM suspense_entries s WHERE s.source_ref = f.source_ref LIMIT 1) IS NULL
      ) c
    ) x
  ), sums AS (
    SELECT invoice_id, MIN(invoice_ctid) AS invoice_ctid, SUM(booked) AS amount, MAX(booked_at) AS booked_at, MIN(seen_paid) AS seen_paid, MIN(seen_status) AS seen_status
    FROM plan WHERE booked > 0 GROUP BY invoice_id ORDER BY 2
  ), updated AS (
    UPDATE invoices i SET amount_paid = i.amount_paid + s.amount,
      status = CASE WHEN i.amount_paid + s.amount >= i.total THEN 'paid' WHEN i.status = 'overdue' THEN 'overdue' ELSE 'partly_paid' END,
      last_paid_at = GREATEST(i.last_paid_at, s.booked_at)
    FROM sums s WHERE i.ctid = s.invoice_ctid AND i.id = s.invoice_id AND i.amount_paid = s.seen_paid AND i.status = s.seen_status
    RETURNING i.id, i.status
  ), paid AS (
    INSERT INTO payments (id, invoice_id, source, source_ref, amount, currency, booked_at, payer_name, statement_id, recorded_by)
    SELECT (substr($4, 1, 20) || lpad(to_hex($5::bigint + row_number() OVER (ORDER BY invoice_id)), 12, '0'))::uuid,
      invoice_id, 'bank_statement', source_ref, booked, 'EUR', booked_at, debtor_name, $1, $2
    FROM plan WHERE booked > 0 ORDER BY invoice_id
    RETURNING 1
  ), parked AS (
    INSERT INTO suspense_entries (id, statement_id, source_ref, agency_id, reason, amount, currency, reference, remittance, debtor_name, booked_at)
    SELECT gen_random_uuid(), $1, source_ref, $3, reason, amount - booked, currency, reference, remittance, debtor_name, booked_at
    FROM plan WHERE reason IS NOT NULL
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM plan)::int AS planned, (SELECT count(*) FROM paid)::int AS matched, (SELECT count(*) FROM parked)::int AS suspense,
    (SELECT count(*) FROM sums)::int AS wanted, (SELECT count(*) FROM updated)::int AS got,
    COALESCE((SELECT array_agg(id) FROM updated), '{}') AS ids, COALESCE((SELECT array_agg(status = 'paid') FROM updated), '{}') AS paid_flags`;

/**
 * Ids for a chunk's payments: UUIDv7 (RFC 9562) — 48 bits of Unix time in milliseconds, version 7, random bits —
 * whose last 48 bits count up from a random start, one per payment, in SQL. Later chunks have larger ids, so the
 * primary key is appended to instead of written at random pages, and no random number is drawn per row (both
 * measurable at 10,000 payments a chunk). Two chunks in the same millisecond share the 26 random bits of the
 * prefix with probability 2^-26, and then overlap only if their starts (32 random bits, 2^15 apart) are equal.
 */
export function paymentIdRange(now = Date.now()): { prefix: string; start: string } {
  const random = crypto.randomBytes(8);
  const hex = random.toString('hex');
  const variant = (8 + (random[7] & 3)).toString(16);
  const prefix = `${now.toString(16).padStart(12, '0')}7${hex.slice(0, 3)}${variant}${hex.slice(3, 6)}`;
  const start = BigInt(`0x${hex.slice(6, 14)}`) << 15n; // below 2^47: the counter never reaches the 48th bit
  return { prefix, start: start.toString() };
}

/** COPY text format: backslash, tab and line breaks escaped; \N is NULL. */
function field(v: string | null): string {
  if (v === null) return '\\N';
  return /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

export function copyLine(seq: number, t: StatementCredit): string {
  return `${seq}\t${field(t.sourceRef)}\t${t.amount}\t${t.currency}\t${field(t.reference)}\t${field(t.rawReference)}\t${field(t.remittance)}\t${field(t.debtorName)}\t${field(t.bookedAt)}\t${field(t.flag)}\n`;
}

/** What BOOK_SQL answers. */
interface BookedChunk {
  planned: number;
  matched: number;
  suspense: number;
  wanted: number;
  got: number;
  ids: string[];
  paid_flags: boolean[];
}

export interface ChunkResult {
  matched: number;
  suspense: number;
  duplicates: number;
  invoices: Array<{ id: string; paid: boolean }>;
}

export interface ChunkContext {
  statementId: string;
  agencyId: string;
  importedBy: string;
  /** Tests only: runs between two attempts' reading and booking, to change invoices under the import. */
  beforeBooking?: (attempt: number) => Promise<void>;
}

/** Books one chunk (its lines made by copyLine) inside the caller's transaction, in which TEMP_TABLES exist. */
export async function reconcileChunk(client: PoolClient, lines: string, ctx: ChunkContext): Promise<ChunkResult> {
  await client.query('TRUNCATE camt_tx');
  const copy = client.query(copyFrom(COPY_SQL));
  await pipeline(Readable.from([Buffer.from(lines, 'utf8')]), copy);
  const copied = copy.rowCount ?? 0;
  for (let attempt = 0; ; attempt += 1) {
    await client.query('SAVEPOINT camt_chunk');
    if (ctx.beforeBooking) await ctx.beforeBooking(attempt);
    const ids = paymentIdRange();
    const { rows } = await client.query<BookedChunk>(BOOK_SQL, [ctx.statementId, ctx.importedBy, ctx.agencyId, ids.prefix, ids.start]);
    const r = rows[0];
    if (r.got === r.wanted) {
      await client.query('RELEASE SAVEPOINT camt_chunk');
      return {
        matched: r.matched,
        suspense: r.suspense,
        duplicates: copied - r.planned,
        invoices: r.ids.map((id, k) => ({ id, paid: r.paid_flags[k] })),
      };
    }
    // Some invoices changed between reading and booking: undo this chunk's bookings and book it again.
    await client.query('ROLLBACK TO SAVEPOINT camt_chunk; RELEASE SAVEPOINT camt_chunk');
    if (attempt >= 20) throw new Error('bank statement import: invoices keep changing under the import');
  }
}

// Importing a camt.053 / camt.054 file: the same function serves POST /api/v1/bank-statements and the benchmark.
//
// One transaction per file. Parsing and booking overlap: every CHUNK transactions are COPYed and booked
// (reconcile.ts) on the import's connection while the next chunk is parsed, so PostgreSQL and the parser work at
// the same time; but nothing commits until the whole file was read and found valid. A file that turns out invalid
// at its last byte (or a failure of the database, or of this process) rolls everything back: a half-booked
// statement, or a booked one without its sha256, cannot exist. Committing chunk by chunk with a resumable marker
// would keep transactions shorter, but bank_statements has no column for such a marker, and a crash between
// chunks would leave a statement partly booked that only a re-import of the very same file could complete; one
// transaction keeps the rule simple (a 200 MB file is about 230,000 entries: tens of seconds, see
// scripts/bench/billing.ts). The upload is spooled to disk before (spool.ts), so the transaction never waits for
// the network. Imports of one agency are serialised by a transaction-scoped advisory lock, so two statements
// holding the same entry cannot both book it; payments through recordPayment (counter, online) are not blocked:
// reconcile.ts books again any chunk whose invoices they changed meanwhile.
import type { Readable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import crypto from 'node:crypto';
import { ApiError, badRequest } from '../../platform/errors';
import { CamtError, CamtReader, type CamtAccount, type CamtHeader, type CamtKind } from './camt';
import { TEMP_TABLES, copyLine, reconcileChunk, type ChunkContext } from './reconcile';
import { agencyOwnsAccount } from '../../../db/agency-accounts';

/** Transactions booked per statement; measured with scripts/bench/billing.ts (5,000 to 50,000 differ little). */
export const CHUNK = 10_000;
/** The first chunk is small, so that the database starts booking while the rest is parsed. */
const FIRST_CHUNK = 2_000;
const SLICE = 64 * 1024;

export interface StatementSummary {
  id: string;
  kind: CamtKind;
  messageId: string;
  accountIban: string | null;
  importedAt: string;
  /** Entries (Ntry) in the file, booked or not, credit or debit */
  entries: number;
  /** Credit transactions booked onto an invoice (a payment) */
  matched: number;
  /** Invoices this import left partly paid (or overdue and not yet fully paid) */
  partlyPaid: number;
  /** Invoices this import left fully paid */
  paid: number;
  /** Suspense entries created: unknown or missing references, cancelled invoices, other currencies, overpayments */
  suspense: number;
  /** Transactions booked before (by an earlier statement) or repeated in the file: booked once */
  duplicates: number;
  /** true when this very file (same sha256) was imported before: nothing changed, this is the first import's summary */
  duplicate: boolean;
}

export interface ImportResult {
  summary: StatementSummary;
  invoiceIds: string[];
  transactions: number;
  skipped: number;
}

export interface ImportInput {
  agencyId: string;
  importedBy: string;
  /** The file's bytes: a fresh stream each call */
  open: () => Readable;
  /**
   * Hex sha256 of the bytes, when the caller computed it while receiving them (the route does): a file imported
   * before is then answered before any parsing. Without it the hash is computed while parsing, and a repeated file
   * is recognised (and rolled back) at the end.
   */
  sha256?: string;
  chunkSize?: number;
  /** Tests only: see ChunkContext. */
  beforeBooking?: ChunkContext['beforeBooking'];
}

export function invalidCamt(e: CamtError): ApiError {
  return badRequest('invalid_camt', 'The body is not a valid ISO 20022 camt.053 or camt.054 message; nothing was booked.', [
    { path: e.path, code: e.code, message: e.message },
  ]);
}

/** 404 as for every other agency's resource: an agency learns nothing about accounts that are not its own. */
export const accountNotYours = (iban: string | null) =>
  new ApiError(
    404,
    'account_not_yours',
    `The statement's account ${iban ?? '(no IBAN)'} is not a registered collection account of your agency; nothing was booked.`,
    [
      {
        path: '/Document/*/Acct/Id',
        code: 'account_not_yours',
        message: "unknown account, or another agency's: a platform administrator registers collection accounts",
      },
    ],
  );

/** The statement's account: its IBAN, else its Othr/Id (normalised like an IBAN). */
const accountKey = (a: CamtAccount): string | null => a.iban ?? (a.otherId ? a.otherId.replace(/\s+/g, '').toUpperCase() : null);

/**
 * An account is the agency's when it is registered to it in agency_accounts (active or not) — never because an
 * invoice names it. A statement account given as Othr/Id is matched when that id is an IBAN.
 */
export async function ownsAccount(db: Pool | PoolClient, agencyId: string, iban: string | null): Promise<boolean> {
  return agencyOwnsAccount(db, agencyId, iban ? iban.replace(/\s+/g, '').toUpperCase() : null);
}

/** The summary of an imported statement; paid / partly paid as they stood right after its import. */
export async function statementSummary(db: Pool | PoolClient, id: string): Promise<StatementSummary | null> {
  const { rows } = await db.query(
    `SELECT s.*, COALESCE(t.paid, 0)::int AS paid, COALESCE(t.partly, 0)::int AS partly FROM bank_statements s
     LEFT JOIN LATERAL (
       SELECT count(*) FILTER (WHERE x.paid_then >= x.total) AS paid, count(*) FILTER (WHERE x.paid_then < x.total) AS partly
       FROM (SELECT i.total, (SELECT SUM(q.amount) FROM payments q WHERE q.invoice_id = i.id AND q.created_at <= s.imported_at) AS paid_then
             FROM invoices i WHERE i.id IN (SELECT p.invoice_id FROM payments p WHERE p.statement_id = s.id)) x
     ) t ON true
     WHERE s.id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    kind: r.kind,
    messageId: r.message_id,
    accountIban: r.account_iban,
    importedAt: (r.imported_at as Date).toISOString(),
    entries: r.entry_count,
    matched: r.matched_count,
    partlyPaid: r.partly,
    paid: r.paid,
    suspense: r.suspense_count,
    duplicates: r.duplicate_count,
    duplicate: false,
  };
}

async function duplicateOf(db: Pool | PoolClient, agencyId: string, sha256: string): Promise<ImportResult | null> {
  const { rows } = await db.query('SELECT id, account_iban FROM bank_statements WHERE sha256 = $1', [sha256]);
  if (!rows[0]) return null;
  if (!(await ownsAccount(db, agencyId, rows[0].account_iban))) throw accountNotYours(rows[0].account_iban);
  const summary = (await statementSummary(db, rows[0].id)) as StatementSummary;
  return { summary: { ...summary, duplicate: true }, invoiceIds: [], transactions: 0, skipped: 0 };
}

/** Runs async steps one after another on the import's connection while the parser goes on. */
class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private readonly inFlight: Array<Promise<void>> = [];
  error: unknown = null;

  push(step: () => Promise<void>): void {
    const run = this.tail.then(async () => {
      if (this.error === null) {
        try {
          await step();
        } catch (e) {
          this.error = e;
        }
      }
    });
    this.tail = run;
    this.inFlight.push(run);
    void run.then(() => {
      void this.inFlight.splice(this.inFlight.indexOf(run), 1);
    });
  }

  get busy(): boolean {
    return this.inFlight.length > 0;
  }

  /** Backpressure: waits until fewer than n steps are queued. */
  async below(n: number): Promise<void> {
    while (this.inFlight.length >= n) await this.inFlight[0];
  }

  async settle(): Promise<void> {
    await this.tail;
  }
}

class DuplicateRace extends Error {}

export async function importBankStatement(pool: Pool, input: ImportInput): Promise<ImportResult> {
  let sha256 = input.sha256;
  if (sha256) {
    const before = await duplicateOf(pool, input.agencyId, sha256);
    if (before) return before;
  }
  const hash = sha256 ? null : crypto.createHash('sha256');

  const chunkSize = input.chunkSize ?? CHUNK;
  const client = await pool.connect();
  const queue = new SerialQueue();
  const statementId = crypto.randomUUID();
  const totals = { matched: 0, suspense: 0, duplicates: 0 };
  const touched = new Map<string, boolean>();
  let header: CamtHeader | null = null;
  let firstAccount: CamtAccount | null = null;
  let lines: string[] = [];
  let seq = 0;
  let chunks = 0;
  const seen = new Set<string>();
  const ctx: ChunkContext = { statementId, agencyId: input.agencyId, importedBy: input.importedBy, beforeBooking: input.beforeBooking };

  const flush = () => {
    if (lines.length === 0) return;
    const data = lines.join('');
    lines = [];
    chunks += 1;
    queue.push(async () => {
      const r = await reconcileChunk(client, data, ctx);
      totals.matched += r.matched;
      totals.suspense += r.suspense;
      totals.duplicates += r.duplicates;
      for (const inv of r.invoices) touched.set(inv.id, inv.paid);
    });
  };

  const reader = new CamtReader({
    header(h) {
      header = h;
    },
    account(a) {
      queue.push(async () => {
        if (!(await ownsAccount(client, input.agencyId, accountKey(a)))) throw accountNotYours(accountKey(a));
      });
      if (firstAccount) return;
      firstAccount = a;
      const h = header as CamtHeader;
      queue.push(async () => {
        const ins = await client.query(
          `INSERT INTO bank_statements (id, kind, message_id, account_iban, sha256, entry_count, imported_by)
           VALUES ($1, $2, $3, $4, $5, 0, $6) ON CONFLICT (sha256) DO NOTHING RETURNING id`,
          [statementId, h.kind, h.messageId, accountKey(a), sha256 ?? `pending:${statementId}`, input.importedBy],
        );
        if (ins.rowCount === 0) throw new DuplicateRace(); // the same file, imported meanwhile by another request
      });
    },
    transaction(t) {
      // The same transaction twice in one file books once (the database catches repeats across chunks and files).
      if (seen.has(t.sourceRef)) {
        totals.duplicates += 1;
        return;
      }
      seen.add(t.sourceRef);
      seq += 1;
      lines.push(copyLine(seq, t));
      if (lines.length >= (chunks === 0 ? Math.min(FIRST_CHUNK, chunkSize) : chunkSize)) flush();
    },
  });

  let broken = false;
  try {
    await client.query('BEGIN');
    // Dates without a zone in the file are the bank's local time.
    await client.query("SET LOCAL TIME ZONE 'Europe/Riga'");
    // The booking statements are simple joins over at most CHUNK rows: JIT compilation would cost more (up to a
    // second a statement) than it saves.
    await client.query('SET LOCAL jit = off');
    await client.query("SET LOCAL work_mem = '64MB'");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('bank-statements:' || $1))", [input.agencyId]);
    await client.query(TEMP_TABLES);
    for await (const piece of input.open()) {
      const buf = piece as Buffer;
      hash?.update(buf);
      // Small slices, yielding in between while SQL runs: the connection's replies are read between two slices,
      // so the next statement goes out at once instead of after a whole buffer's parse.
      for (let off = 0; off < buf.length && !queue.error; off += SLICE) {
        reader.write(off === 0 && buf.length <= SLICE ? buf : buf.subarray(off, off + SLICE));
        if (queue.busy) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (queue.error) break;
      await queue.below(2);
    }
    if (!queue.error) {
      reader.end();
      flush();
    }
    await queue.settle();
    if (queue.error) throw queue.error;
    sha256 ??= (hash as crypto.Hash).digest('hex');
    await client
      .query(
        'UPDATE bank_statements SET sha256 = $6, entry_count = $2, matched_count = $3, suspense_count = $4, duplicate_count = $5 WHERE id = $1',
        [statementId, reader.totals.entries, totals.matched, totals.suspense, totals.duplicates, sha256],
      )
      .catch((e: unknown) => {
        throw (e as { code?: string }).code === '23505' ? new DuplicateRace() : e;
      });
    await client.query('COMMIT');
  } catch (e) {
    queue.error ??= e; // the steps still queued skip
    await queue.settle();
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    if (e instanceof DuplicateRace && sha256) {
      const dup = await duplicateOf(pool, input.agencyId, sha256);
      if (dup) return dup;
    }
    if (e instanceof CamtError) throw invalidCamt(e);
    throw e;
  } finally {
    client.release(broken);
  }
  const h = header as unknown as CamtHeader;
  const paid = [...touched.values()].filter(Boolean).length;
  const importedAt = (await pool.query('SELECT imported_at FROM bank_statements WHERE id = $1', [statementId])).rows[0].imported_at as Date;
  return {
    summary: {
      id: statementId,
      kind: h.kind,
      messageId: h.messageId,
      accountIban: firstAccount ? accountKey(firstAccount) : null,
      importedAt: importedAt.toISOString(),
      entries: reader.totals.entries,
      matched: totals.matched,
      partlyPaid: touched.size - paid,
      paid,
      suspense: totals.suspense,
      duplicates: totals.duplicates,
      duplicate: false,
    },
    invoiceIds: [...touched.keys()],
    transactions: reader.totals.transactions,
    skipped: reader.totals.skipped,
  };
}

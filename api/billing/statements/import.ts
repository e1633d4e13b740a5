// Importing a camt.053 / camt.054 file: the same function serves POST /api/v1/bank-statements and the benchmark.
//
// One transaction per file. Parsing and booking overlap: every CHUNK transactions are COPYed and booked
// (db/billing/reconcile.ts) on the import's connection while the next chunk is parsed, so PostgreSQL and the parser work at
// the same time; but nothing commits until the whole file was read and found valid. A file that turns out invalid
// at its last byte (or a failure of the database, or of this process) rolls everything back: a half-booked
// statement, or a booked one without its sha256, cannot exist. Committing chunk by chunk with a resumable marker
// would keep transactions shorter, but bank_statements has no column for such a marker, and a crash between
// chunks would leave a statement partly booked that only a re-import of the very same file could complete; one
// transaction keeps the rule simple (a 200 MB file is about 230,000 entries: tens of seconds, see
// scripts/bench/billing.ts). The upload is spooled to disk before (spool.ts), so the transaction never waits for
// the network. Imports of one agency are serialised by a transaction-scoped advisory lock, so two statements
// holding the same entry cannot both book it; payments through recordPayment (counter, online) are not blocked:
// db/billing/reconcile.ts books again any chunk whose invoices they changed meanwhile.
import type { Readable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import crypto from 'node:crypto';
import { ApiError, badRequest } from '../../platform/errors';
import { CamtError, CamtReader, type CamtAccount, type CamtHeader, type CamtTotals } from './camt';
import { copyLine, reconcileChunk, type ChunkContext } from '../../../db/billing/reconcile';
import { agencyOwnsAccount } from '../../../db/billing/agency-accounts';
import {
  finishStatement,
  insertStatement,
  prepareStatementImport,
  statementBySha256,
  statementImportedAt,
  statementSummary,
} from '../../../db/billing/statements';
import { inTransaction } from '../../../db/transaction';
import type { BankStatementSummary } from '../../../forms/types/api';

/** Transactions booked per statement; measured with scripts/bench/billing.ts (5,000 to 50,000 differ little). */
export const CHUNK = 10_000;
/** The first chunk is small, so that the database starts booking while the rest is parsed. */
const FIRST_CHUNK = 2_000;
const SLICE = 64 * 1024;

/**
 * What an import answers (forms/api/bank-statement-summary.schema.json): entries (Ntry) in the file, booked or not;
 * matched credits booked onto an invoice; invoices left partly paid and paid; suspense entries created; duplicates
 * (booked before, or repeated in the file: booked once); duplicate: this very file (same sha256) was imported before,
 * nothing changed, and this is the first import's summary.
 */
export type StatementSummary = BankStatementSummary;

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

async function duplicateOf(pool: Pool, agencyId: string, sha256: string): Promise<ImportResult | null> {
  const before = await statementBySha256(pool, sha256);
  if (!before) return null;
  if (!(await ownsAccount(pool, agencyId, before.accountIban))) throw accountNotYours(before.accountIban);
  const summary = (await statementSummary(pool, before.id)) as StatementSummary;
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
  const statementId = crypto.randomUUID();
  const totals = { matched: 0, suspense: 0, duplicates: 0 };
  const touched = new Map<string, boolean>();
  let header: CamtHeader | null = null;
  let firstAccount: CamtAccount | null = null;
  const ctx: ChunkContext = { statementId, agencyId: input.agencyId, importedBy: input.importedBy, beforeBooking: input.beforeBooking };

  // A failure anywhere (the file, the database, this process) rolls the whole import back; a connection whose
  // rollback failed is discarded by inTransaction.
  let read: CamtTotals;
  try {
    read = await inTransaction(pool, async (client) => {
      const queue = new SerialQueue();
      let lines: string[] = [];
      let seq = 0;
      let chunks = 0;
      const seen = new Set<string>();

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
            const inserted = await insertStatement(client, {
              id: statementId,
              kind: h.kind,
              messageId: h.messageId,
              accountIban: accountKey(a),
              sha256: sha256 ?? `pending:${statementId}`,
              importedBy: input.importedBy,
            });
            if (!inserted) throw new DuplicateRace(); // the same file, imported meanwhile by another request
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

      try {
        await prepareStatementImport(client, input.agencyId);
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
        const finished = await finishStatement(client, {
          id: statementId,
          sha256,
          entries: reader.totals.entries,
          matched: totals.matched,
          suspense: totals.suspense,
          duplicates: totals.duplicates,
        });
        if (!finished) throw new DuplicateRace();
        return reader.totals;
      } catch (e) {
        queue.error ??= e; // the steps still queued skip; none may use the connection once it is rolled back
        await queue.settle();
        throw e;
      }
    });
  } catch (e) {
    if (e instanceof DuplicateRace && sha256) {
      const dup = await duplicateOf(pool, input.agencyId, sha256);
      if (dup) return dup;
    }
    if (e instanceof CamtError) throw invalidCamt(e);
    throw e;
  }
  const h = header as unknown as CamtHeader;
  const paid = [...touched.values()].filter(Boolean).length;
  const importedAt = await statementImportedAt(pool, statementId);
  return {
    summary: {
      id: statementId,
      kind: h.kind,
      messageId: h.messageId,
      accountIban: firstAccount ? accountKey(firstAccount) : null,
      importedAt: importedAt.toISOString(),
      entries: read.entries,
      matched: totals.matched,
      partlyPaid: touched.size - paid,
      paid,
      suspense: totals.suspense,
      duplicates: totals.duplicates,
      duplicate: false,
    },
    invoiceIds: [...touched.keys()],
    transactions: read.transactions,
    skipped: read.skipped,
  };
}

// The entry mapping: how the elements of a camt entry (Ntry) and of its transactions (TxDtls) fill their drafts, and
// what the entry books when it closes: its credit transactions, each with its identity within the account. The
// streaming reader (camt.ts) walks the document and hands each element closing inside an entry here.
import { normaliseRfReference } from '../../../db/domain/rf-reference';
import type { CamtAccount, CamtTransaction } from './camt';

const MAX_TEXT = 500;

export interface TxDraft {
  amount: string | null;
  currency: string | null;
  txAmount: string | null;
  txCurrency: string | null;
  cdtDbt: string | null;
  acctSvcrRef: string | null;
  endToEndId: string | null;
  strdRefs: string[];
  ustrd: string[];
  debtorName: string | null;
}

export interface EntryDraft {
  ntryRef: string | null;
  amount: string | null;
  currency: string | null;
  cdtDbt: string | null;
  reversal: boolean;
  status: string | null;
  bookingDate: string | null;
  valueDate: string | null;
  acctSvcrRef: string | null;
  txs: TxDraft[];
}

export const newTx = (): TxDraft => ({
  amount: null,
  currency: null,
  txAmount: null,
  txCurrency: null,
  cdtDbt: null,
  acctSvcrRef: null,
  endToEndId: null,
  strdRefs: [],
  ustrd: [],
  debtorName: null,
});

/** Finds an RF reference in free text, also when typed in groups of four ("RF18 5390 0754 7034"). */
export function findRfReference(text: string): string | null {
  const tokens = text
    .toUpperCase()
    .split(/[^0-9A-Z]+/)
    .filter(Boolean);
  const startsReference = (k: number) => /^RF\d{2}/.test(tokens[k]) || (tokens[k] === 'RF' && /^\d{2}/.test(tokens[k + 1] ?? ''));
  for (let i = 0; i < tokens.length; i += 1) {
    if (!startsReference(i)) continue;
    let candidate = '';
    let best: string | null = null;
    // A second reference in the text is never part of the first (joined, the two can pass MOD 97 by chance).
    for (let j = i; j < tokens.length && candidate.length + tokens[j].length <= 25 && (j === i || !startsReference(j)); j += 1) {
      candidate += tokens[j];
      const ok = normaliseRfReference(candidate);
      if (ok) best = ok;
    }
    if (best) return best;
  }
  return null;
}

/** The reader's value checks (camt-values.ts), each failing with a CamtError at the current element. */
export interface CamtValues {
  /** A decimal amount, checked against the Ccy of its Amt. */
  amount(value: string): string;
  /** The Ccy of the Amt being closed (it must have one). */
  takeCurrency(): string;
  /** Forgets the Ccy of an Amt that is not used. */
  dropCurrency(): void;
  hasCurrency(): boolean;
  /** An ISO date (Dt) or date-time (DtTm). */
  date(value: string, local: string): string;
}

/** An element closing inside a TxDtls: the local names from the root, the TxDtls's depth, the element's. */
export interface TxElement {
  names: readonly string[];
  txDepth: number;
  local: string;
  depth: number;
  value: string;
}

export function readTxElement(tx: TxDraft, el: TxElement, values: CamtValues): void {
  const { names, txDepth, local, depth, value } = el;
  const rel = depth - txDepth;
  const parent = names[depth - 2];
  if (local === 'Amt') {
    if (rel === 1) {
      tx.amount = values.amount(value);
      tx.currency = values.takeCurrency();
    } else if (rel === 3 && parent === 'TxAmt') {
      tx.txAmount = values.amount(value);
      tx.txCurrency = values.takeCurrency();
    } else {
      values.amount(value);
      values.dropCurrency();
    }
  } else if (rel === 1 && local === 'CdtDbtInd') tx.cdtDbt = value;
  else if (rel === 2 && parent === 'Refs') {
    if (local === 'AcctSvcrRef') tx.acctSvcrRef = value;
    else if (local === 'EndToEndId') tx.endToEndId = value;
  } else if (local === 'Ustrd' && rel === 2 && parent === 'RmtInf') tx.ustrd.push(value);
  else if (local === 'Ref' && rel === 4 && parent === 'CdtrRefInf') tx.strdRefs.push(value);
  else if (
    local === 'Nm' &&
    tx.debtorName === null &&
    names[txDepth] === 'RltdPties' &&
    names[txDepth + 1] === 'Dbtr' &&
    (rel === 3 || (rel === 4 && parent === 'Pty'))
  )
    tx.debtorName = value;
}

/** An element closing inside an Ntry (outside its TxDtls), below the Ntry itself. */
export interface EntryElement {
  names: readonly string[];
  ntryDepth: number;
  local: string;
  depth: number;
  value: string;
}

export function readEntryElement(e: EntryDraft, el: EntryElement, values: CamtValues): void {
  const { names, ntryDepth, local, depth, value } = el;
  const rel = depth - ntryDepth;
  if (rel === 1) {
    switch (local) {
      case 'NtryRef':
        e.ntryRef = value;
        break;
      case 'Amt':
        e.amount = values.amount(value);
        e.currency = values.takeCurrency();
        break;
      case 'CdtDbtInd':
        e.cdtDbt = value;
        break;
      case 'RvslInd':
        e.reversal = value === 'true' || value === '1';
        break;
      case 'Sts':
        if (value) e.status = value;
        break;
      case 'AcctSvcrRef':
        e.acctSvcrRef = value;
        break;
      default:
        break;
    }
    return;
  }
  const parent = names[depth - 2];
  if (rel === 2) {
    if (parent === 'Sts' && (local === 'Cd' || local === 'Prtry')) e.status = value;
    else if (parent === 'BookgDt' && (local === 'Dt' || local === 'DtTm')) e.bookingDate = values.date(value, local);
    else if (parent === 'ValDt' && (local === 'Dt' || local === 'DtTm')) e.valueDate = values.date(value, local);
  }
  if (local === 'Amt' && values.hasCurrency()) {
    // amounts elsewhere in the entry (AmtDtls, Chrgs...) are checked but not used
    values.amount(value);
    values.dropCurrency();
  }
}

export interface EntryContext {
  account: CamtAccount;
  messageId: string;
  /** 1-based position of the entry in its statement */
  entryNo: number;
  statementCreatedAt: string;
  /** Throws the reader's CamtError with the current element path. */
  fail(code: string, message: string, extra?: string): never;
}

/**
 * The credits an entry books (document order) and how many transactions it skips (debits, pending or reversed
 * entries, zero amounts). Refuses an entry without its mandatory elements through ctx.fail.
 */
export function creditsOfEntry(e: EntryDraft, ctx: EntryContext): { credits: CamtTransaction[]; skipped: number } {
  if (e.amount === null) ctx.fail('missing_element', 'Amt is missing.', 'Amt');
  if (e.cdtDbt !== 'CRDT' && e.cdtDbt !== 'DBIT')
    ctx.fail(e.cdtDbt ? 'invalid_value' : 'missing_element', 'CdtDbtInd must be CRDT or DBIT.', 'CdtDbtInd');
  if (!e.status) ctx.fail('missing_element', 'Sts is missing.', 'Sts');
  const txs = e.txs.length ? e.txs : [newTx()];
  if (e.status !== 'BOOK' || e.reversal) return { credits: [], skipped: txs.length };
  let skipped = 0;
  const bookedAt = e.bookingDate ?? e.valueDate ?? ctx.statementCreatedAt;
  const found: Array<{ tx: TxDraft; k: number; amount: string; currency: string; key: string }> = [];
  for (let k = 0; k < txs.length; k += 1) {
    const tx = txs[k];
    // A debit entry's transactions are money out, unless one says explicitly it is a credit: such a contradiction
    // is kept (in suspense, conflicting_direction) for a person to look at, never booked and never dropped.
    if (tx.cdtDbt === 'DBIT' || (e.cdtDbt === 'DBIT' && tx.cdtDbt !== 'CRDT')) {
      skipped += 1;
      continue;
    }
    let amount = tx.amount ?? tx.txAmount;
    let currency = tx.amount !== null ? tx.currency : tx.txCurrency;
    if (amount === null) {
      if (txs.length > 1)
        ctx.fail(
          'missing_element',
          'An entry with several transactions needs the amount of each (TxDtls/Amt or AmtDtls/TxAmt/Amt).',
          `NtryDtls/TxDtls[${k + 1}]/Amt`,
        );
      amount = e.amount as string;
      currency = e.currency;
    }
    if (Number(amount) === 0) {
      skipped += 1;
      continue;
    }
    found.push({ tx, k, amount, currency: currency as string, key: transactionKey(e, tx, k, txs.length, amount, bookedAt, ctx) });
  }
  // Two transactions of one entry with the same key (e.g. sharing a bank reference or end-to-end id) are two
  // credits, not one repeated: each is told apart by its position in the entry.
  const counts = new Map<string, number>();
  for (const c of found) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
  const credits = found.map(({ tx, k, amount, currency, key }): CamtTransaction => {
    let reference: string | null = null;
    let rawReference: string | null = null;
    for (const r of tx.strdRefs) {
      reference = normaliseRfReference(r);
      if (reference) break;
      rawReference ??= r || null;
    }
    if (!reference) for (const u of tx.ustrd) if ((reference = findRfReference(u))) break;
    if (reference) rawReference = null;
    return {
      sourceRef: (counts.get(key) as number) > 1 ? `${key}#${k + 1}` : key,
      amount,
      currency,
      reference,
      rawReference: rawReference?.slice(0, 140) ?? null,
      remittance: tx.ustrd.length ? tx.ustrd.join(' ').slice(0, MAX_TEXT) : null,
      debtorName: tx.debtorName?.slice(0, 200) ?? null,
      bookedAt,
      accountIban: ctx.account.iban,
      flag: e.cdtDbt === 'DBIT' ? 'conflicting_direction' : null,
    };
  });
  return { credits, skipped };
}

/**
 * The transaction's identity within its account (the same bank transaction in a later statement or notification
 * books once): the account, then the bank's own reference of the transaction, else the entry's reference and the
 * transaction's place in it, else the end-to-end id with amount and date, else the message, statement and entry.
 */
function transactionKey(e: EntryDraft, tx: TxDraft, k: number, count: number, amount: string, bookedAt: string, ctx: EntryContext): string {
  const scope = ctx.account.iban ?? ctx.account.otherId;
  if (tx.acctSvcrRef) return `camt:${scope}:${tx.acctSvcrRef}`;
  if (e.acctSvcrRef) return count === 1 ? `camt:${scope}:${e.acctSvcrRef}` : `camt:${scope}:${e.acctSvcrRef}/${k + 1}`;
  if (tx.endToEndId && tx.endToEndId !== 'NOTPROVIDED') return `camt:${scope}:e2e:${tx.endToEndId}:${amount}:${bookedAt}`;
  return `camt:${scope}:msg:${ctx.messageId}/${ctx.account.statementId}/${e.ntryRef ?? `#${ctx.entryNo}`}/${k + 1}`;
}

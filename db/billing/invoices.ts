// Issuing invoices: every amount is computed in cents; the platform assigns a unique ISO 11649 reference.
// The same (agency, idempotencyKey) returns the invoice created the first time and changes nothing.
import crypto from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../transaction';
import { sequelizeOf } from '../connection';
import { collectionAccountFor, type AgencyAccount } from './agency-accounts';
import { invoiceIdByIdempotencyKey } from './invoice-reads';
import { checkCreditorIban } from '../domain/iban';
import { DomainError, type DomainErrorDetail as ErrorDetail } from '../domain/domain-error';
import { makeRfReference } from '../domain/rf-reference';
import { normalisePersonId } from '../domain/person-id';
import { isValidCaseId } from '../domain/case-id';
import type { InvoiceCreate } from '../../forms/types/api';

/** What an agency (or an e-service's payment step) asks to invoice: forms/api/invoice-create.schema.json. */
export type InvoiceInput = InvoiceCreate;
export type InvoiceLineInput = InvoiceCreate['lines'][number];

const cents = (eur: number) => Math.round(eur * 100);
/** numeric(14,2) holds up to this many cents; a larger line or total is refused, not an overflow (a 500). */
export const MAX_AMOUNT_CENTS = 99_999_999_999_999;

export function computeLines(lines: InvoiceLineInput[]) {
  const problems: ErrorDetail[] = [];
  const computed = lines.map((l, i) => {
    if (l.vatRate === undefined && !l.vatExemption)
      problems.push({ path: `/lines/${i}`, code: 'vat_missing', message: 'give vatRate or vatExemption' });
    if (l.vatRate !== undefined && l.vatExemption)
      problems.push({ path: `/lines/${i}`, code: 'vat_ambiguous', message: 'give vatRate or vatExemption, not both' });
    // Allowances (EN 16931 BG-20/BG-27) are not modelled: a discount is a lower price, not a negative line.
    if (l.unitPrice < 0)
      problems.push({
        path: `/lines/${i}/unitPrice`,
        code: 'discount_not_supported',
        message: 'negative prices (discounts) are not supported: invoice the reduced price',
      });
    const net = Math.round(l.quantity * cents(l.unitPrice));
    const rate = l.vatExemption ? 0 : (l.vatRate ?? 0);
    const category = l.vatExemption?.category ?? (rate === 0 ? 'Z' : 'S');
    const vat = Math.round((net * rate) / 100);
    if (Math.abs(net) + Math.abs(vat) > MAX_AMOUNT_CENTS)
      problems.push({ path: `/lines/${i}`, code: 'amount_too_large', message: 'the line amount is beyond what an invoice can carry' });
    return { ...l, lineNo: i + 1, netCents: net, vatCents: vat, rate, category };
  });
  // EN 16931 (BR-O-11…14): a line outside the scope of VAT (O, e.g. a state fee) cannot share an invoice with
  // any other VAT category; such charges are invoiced separately.
  const categories = new Set(computed.map((l) => l.category));
  if (categories.has('O') && categories.size > 1) {
    problems.push({
      path: '/lines',
      code: 'vat_outside_scope_mixed',
      message: 'lines outside the scope of VAT (O) need an invoice of their own',
    });
  }
  const netCents = computed.reduce((s, l) => s + l.netCents, 0);
  const vatCents = computed.reduce((s, l) => s + l.vatCents, 0);
  if (netCents + vatCents > MAX_AMOUNT_CENTS)
    problems.push({ path: '/lines', code: 'amount_too_large', message: 'the total is beyond what an invoice can carry' });
  return { lines: computed, netCents, vatCents, totalCents: netCents + vatCents, problems };
}

const findByKey = (pool: Pool, agencyId: string, key: string) => invoiceIdByIdempotencyKey(sequelizeOf(pool), agencyId, key);

/** What is wrong with the input, and the collection account the invoice is paid into. */
async function checkInvoice(db: Pool | PoolClient, agencyId: string, input: InvoiceInput, today: string) {
  const problems: ErrorDetail[] = [];
  if (input.currency !== 'EUR') problems.push({ path: '/currency', code: 'currency_not_supported', message: 'invoices are in EUR' });
  if (input.dueDate < today) problems.push({ path: '/dueDate', code: 'due_date_in_past', message: `must be ${today} or later` });
  const payerId = normalisePersonId(input.payer);
  if (!payerId) problems.push({ path: '/payer/id', code: 'invalid_person_id', message: 'malformed identifier or wrong check digit' });
  let account: AgencyAccount | null = null;
  const ibanCheck = input.creditorIban === undefined ? null : checkCreditorIban(input.creditorIban);
  if (ibanCheck && 'problem' in ibanCheck) {
    const message = {
      malformed: 'not an IBAN',
      foreign: 'the creditor account must be a Latvian IBAN',
      check_digits: 'wrong check digits: mistyped',
    }[ibanCheck.problem];
    problems.push({ path: '/creditorIban', code: `iban_${ibanCheck.problem}`, message });
  } else {
    // Only an active collection account of the agency itself (agency_accounts): never another agency's.
    account = await collectionAccountFor(db, agencyId, ibanCheck?.iban);
    if (!account && ibanCheck)
      problems.push({ path: '/creditorIban', code: 'account_not_agency', message: 'not an active collection account of your agency' });
    if (!account && !ibanCheck)
      problems.push({ path: '/creditorIban', code: 'no_collection_account', message: 'your agency has no active collection account' });
  }
  const totals = computeLines(input.lines);
  problems.push(...totals.problems);
  // Reverse charge shifts the VAT to a taxable buyer, named by its VAT or registration number (EN 16931 BR-AE-02).
  if (input.payer.type !== 'legal' && totals.lines.some((l) => l.category === 'AE')) {
    problems.push({
      path: '/lines',
      code: 'reverse_charge_needs_business_payer',
      message: 'reverse charge (AE) applies only to a legal person payer',
    });
  }
  if (totals.totalCents <= 0) problems.push({ path: '/lines', code: 'non_positive_total', message: 'the total must be more than zero' });
  if (input.caseId) {
    const c = isValidCaseId(input.caseId)
      ? await db.query<{ agency_id: string }>('SELECT agency_id FROM case_keys WHERE id = $1', [input.caseId])
      : null;
    if (!c?.rows[0] || c.rows[0].agency_id !== agencyId)
      problems.push({ path: '/caseId', code: 'unknown_case', message: 'not a case of your agency' });
  }
  return { problems, payerId, account, totals };
}

/** Issues an invoice: the invoice and its lines are written in one transaction (both or neither). */
export async function createInvoice(
  pool: Pool,
  agencyId: string,
  createdBy: string,
  input: InvoiceInput,
): Promise<{ id: string; created: boolean }> {
  const existing = await findByKey(pool, agencyId, input.idempotencyKey);
  if (existing) return { id: existing, created: false };
  const today = new Date().toISOString().slice(0, 10);
  const { problems, payerId, account, totals } = await checkInvoice(pool, agencyId, input, today);
  if (problems.length) throw new DomainError(problems[0].code, 'The invoice cannot be issued as it is.', problems);
  const { iban, bic } = account as AgencyAccount;
  const creditorName = (await pool.query<{ name_lv: string }>('SELECT name_lv FROM agencies WHERE id = $1', [agencyId])).rows[0].name_lv;

  const seq = (await pool.query<{ n: number }>("SELECT nextval('payment_reference_seq') AS n")).rows[0].n;
  const id = crypto.randomUUID();
  const reference = makeRfReference(String(seq));
  const number = `${agencyId.toUpperCase()}-${today.slice(0, 4)}-${seq}`;
  const eur = (c: number) => (c / 100).toFixed(2);
  try {
    await inTransaction(pool, async (client) => {
      await client.query(
        `INSERT INTO invoices (id, number, agency_id, idempotency_key, payment_reference, payer_type, payer_id, payer_name, payer_address, currency,
           creditor_iban, creditor_bic, creditor_name, issue_date, due_date, total_net, total_vat, total, status, case_id, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'EUR',$10,$11,$12,$13,$14,$15,$16,$17,'issued',$18,$19)`,
        [
          id,
          number,
          agencyId,
          input.idempotencyKey,
          reference,
          input.payer.type,
          payerId,
          input.payer.name,
          input.payer.address ?? null,
          iban,
          bic,
          creditorName,
          today,
          input.dueDate,
          eur(totals.netCents),
          eur(totals.vatCents),
          eur(totals.totalCents),
          input.caseId ?? null,
          createdBy,
        ],
      );
      await client.query(
        `INSERT INTO invoice_lines (invoice_id, line_no, description, quantity, unit_price, vat_category, vat_rate, vat_exemption_reason, net, vat)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::numeric[], $5::numeric[], $6::text[], $7::numeric[], $8::text[], $9::numeric[], $10::numeric[])`,
        [
          id,
          totals.lines.map((l) => l.lineNo),
          totals.lines.map((l) => l.description),
          totals.lines.map((l) => l.quantity),
          totals.lines.map((l) => l.unitPrice),
          totals.lines.map((l) => l.category),
          totals.lines.map((l) => l.rate),
          totals.lines.map((l) => l.vatExemption?.reason ?? null),
          totals.lines.map((l) => eur(l.netCents)),
          totals.lines.map((l) => eur(l.vatCents)),
        ],
      );
    });
  } catch (e) {
    // Two requests with the same key at once: the loser returns the winner's invoice.
    if ((e as { code?: string }).code === '23505') {
      const again = await findByKey(pool, agencyId, input.idempotencyKey);
      if (again) return { id: again, created: false };
    }
    throw e;
  }
  return { id, created: true };
}

// The "issue an invoice" form's rules, apart from the page: what the agency administrator typed → the request of
// POST /api/v1/invoices (forms/api/invoice-create.schema.json), or the problems to show, each linked to its field.
// Amounts accept a decimal comma ("36,05"); the due date is typed as dd.mm.yyyy, whatever the browser's locale.
import type { InvoiceCreate } from '../../../forms/types/api';

export interface LineInput {
  description: string;
  quantity: string;
  unitPrice: string;
  /** A VAT rate in percent ("21"), or "exempt-O": a state fee, outside the scope of VAT. */
  vat: string;
}

export interface InvoiceInput {
  payerType: 'natural' | 'legal';
  payerId: string;
  payerName: string;
  payerAddress: string;
  lines: LineInput[];
  dueDate: string;
  caseId: string;
}

export const VAT_CHOICES = ['exempt-O', '21', '12', '5', '0'] as const;

export const emptyLine = (): LineInput => ({ description: '', quantity: '1', unitPrice: '', vat: 'exempt-O' });

/** A problem with one field: its id on the page and the text key (with values) of the message. */
export interface Problem {
  fieldId: string;
  labelKey: string;
  messageKey: string;
  values?: Record<string, string | number>;
}

/** "36,05" or "36.05" → 36.05; null when it is not a number. */
export function parseAmount(text: string): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** "15.01.2027" → "2027-01-15"; null when it is not a real date in that form. */
export function parseDay(text: string): string | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

const PERSONAL_CODE = /^\d{6}-?\d{5}$/;
const REGISTRATION_NUMBER = /^\d{11}$/;
const CASE_ID = /^LV-\d{10}-\d{2}$/;

/** The request, or the problems in the order of the form. `today` is "yyyy-mm-dd". */
export function invoiceRequest(
  input: InvoiceInput,
  idempotencyKey: string,
  today: string,
): { request: InvoiceCreate; problems: [] } | { request: null; problems: Problem[] } {
  const problems: Problem[] = [];
  const payerId = input.payerId.trim().replace('-', '');
  if (!input.payerId.trim())
    problems.push({ fieldId: 'payer-id', labelKey: `issue.payerId.${input.payerType}`, messageKey: 'issue.errors.payerIdMissing' });
  else if (!(input.payerType === 'natural' ? PERSONAL_CODE : REGISTRATION_NUMBER).test(input.payerId.trim()))
    problems.push({
      fieldId: 'payer-id',
      labelKey: `issue.payerId.${input.payerType}`,
      messageKey: `issue.errors.payerIdFormat.${input.payerType}`,
    });
  if (!input.payerName.trim())
    problems.push({ fieldId: 'payer-name', labelKey: 'issue.payerName', messageKey: 'issue.errors.payerNameMissing' });
  const lines: InvoiceCreate['lines'] = [];
  input.lines.forEach((line, i) => {
    const n = { number: i + 1 };
    if (!line.description.trim())
      problems.push({
        fieldId: `line-${i}-description`,
        labelKey: 'issue.line.description',
        messageKey: 'issue.errors.descriptionMissing',
        values: n,
      });
    const quantity = parseAmount(line.quantity);
    if (quantity === null || quantity <= 0 || Math.round(quantity * 1000) !== quantity * 1000)
      problems.push({ fieldId: `line-${i}-quantity`, labelKey: 'issue.line.quantity', messageKey: 'issue.errors.quantity', values: n });
    const unitPrice = parseAmount(line.unitPrice);
    if (unitPrice === null || unitPrice <= 0 || Math.abs(Math.round(unitPrice * 100) - unitPrice * 100) > 1e-9)
      problems.push({ fieldId: `line-${i}-unitPrice`, labelKey: 'issue.line.unitPrice', messageKey: 'issue.errors.unitPrice', values: n });
    if (quantity === null || unitPrice === null) return;
    lines.push({
      description: line.description.trim(),
      quantity,
      unitPrice,
      ...(line.vat === 'exempt-O'
        ? { vatExemption: { category: 'O' as const, reason: 'Valsts nodeva / State fee' } }
        : { vatRate: Number(line.vat) }),
    });
  });
  // A state fee is outside the scope of VAT, and such lines need an invoice of their own (EN 16931).
  const feeLines = input.lines.map((l) => l.vat === 'exempt-O');
  const mixed = feeLines.indexOf(!feeLines[0]);
  if (mixed > 0)
    problems.push({
      fieldId: `line-${mixed}-vat`,
      labelKey: 'issue.line.vat',
      messageKey: 'issue.errors.vatMixed',
      values: { number: mixed + 1 },
    });
  const dueDate = parseDay(input.dueDate);
  if (!input.dueDate.trim()) problems.push({ fieldId: 'due-date', labelKey: 'issue.dueDate', messageKey: 'issue.errors.dueDateMissing' });
  else if (!dueDate) problems.push({ fieldId: 'due-date', labelKey: 'issue.dueDate', messageKey: 'issue.errors.dueDateFormat' });
  else if (dueDate < today) problems.push({ fieldId: 'due-date', labelKey: 'issue.dueDate', messageKey: 'issue.errors.dueDatePast' });
  const caseId = input.caseId.trim().toUpperCase();
  if (caseId && !CASE_ID.test(caseId)) problems.push({ fieldId: 'case-id', labelKey: 'issue.caseId', messageKey: 'issue.errors.caseId' });
  if (problems.length || !dueDate) return { request: null, problems };
  return {
    problems: [],
    request: {
      idempotencyKey,
      payer: {
        type: input.payerType,
        id: payerId,
        name: input.payerName.trim(),
        ...(input.payerAddress.trim() ? { address: input.payerAddress.trim() } : {}),
      },
      lines,
      currency: 'EUR',
      dueDate,
      ...(caseId ? { caseId } : {}),
    },
  };
}

/** The field a server-side error detail points at ("/lines/0/unitPrice" → "line-0-unitPrice"), if it is on the form. */
export function fieldOfPointer(pointer: string | undefined): string | null {
  if (!pointer) return null;
  const line = /^\/lines\/(\d+)\/(description|quantity|unitPrice)/.exec(pointer);
  if (line) return `line-${line[1]}-${line[2]}`;
  const known: Record<string, string> = {
    '/payer/id': 'payer-id',
    '/payer/name': 'payer-name',
    '/payer/address': 'payer-address',
    '/dueDate': 'due-date',
    '/caseId': 'case-id',
  };
  return Object.entries(known).find(([p]) => pointer.startsWith(p))?.[1] ?? null;
}

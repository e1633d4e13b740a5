// The EPC QR code ("Girocode", EPC069-12 version 002): a SEPA credit transfer that a banking app fills in from a
// photo of the invoice. The remittance is the structured ISO 11649 RF reference, so the payment matches the invoice
// automatically when the bank statement comes back.
import QRCode, { type QRCodeSegment } from 'qrcode';
import type { Invoice } from '../../../forms/types/api';
import { eur, toCents } from './common';

export const EPC_MAX_BYTES = 331;
const MAX_AMOUNT_CENTS = 99_999_999_999; // EUR999999999.99

export class NothingToPay extends Error {
  constructor(
    readonly reason: 'paid' | 'cancelled' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

/** Collapses whitespace (a line break would shift every field after it) and cuts to `max` characters. */
function field(s: string | null | undefined, max: number): string {
  return [...(s ?? '').replace(/\s+/g, ' ').trim()].slice(0, max).join('');
}

/**
 * The EPC069-12 payload, version 002, UTF-8, lines separated by LF:
 * BCD, 002, 1, SCT, BIC, beneficiary name (≤70), IBAN, EUR + amount due, purpose (empty), RF reference,
 * unstructured remittance (empty: the two are exclusive), beneficiary-to-originator information (the invoice number).
 * Throws NothingToPay when no amount is due: a code for EUR0.00 would only confuse a banking app.
 */
export function epcPayload(inv: Invoice): string {
  if (inv.status === 'cancelled') throw new NothingToPay('cancelled', 'The invoice is cancelled: there is nothing to pay.');
  const due = toCents(inv.totals.due);
  if (inv.status === 'paid' || due <= 0) throw new NothingToPay('paid', 'The invoice is paid: there is nothing to pay.');
  if (due > MAX_AMOUNT_CENTS)
    throw new NothingToPay('too_large', 'The amount due is larger than an EPC QR code can carry (EUR 999 999 999.99).');
  const lines = [
    'BCD',
    '002',
    '1',
    'SCT',
    field(inv.creditor.bic, 11),
    field(inv.creditor.name, 70),
    inv.creditor.iban,
    `EUR${eur(due)}`,
    '',
    inv.paymentReference,
    '',
    field(inv.number, 70),
  ];
  const payload = lines.join('\n');
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > EPC_MAX_BYTES) throw new RangeError(`EPC QR payload is ${bytes} bytes; at most ${EPC_MAX_BYTES}`);
  return payload;
}

// One byte-mode segment of UTF-8 (character set 1), error correction level M as EPC069-12 requires.
const segments = (payload: string): QRCodeSegment[] => [{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }];

export function epcQrPng(inv: Invoice, opts: { scale?: number } = {}): Promise<Buffer> {
  return QRCode.toBuffer(segments(epcPayload(inv)), { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: opts.scale ?? 6 });
}

export function epcQrSvg(inv: Invoice): Promise<string> {
  return QRCode.toString(segments(epcPayload(inv)), { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

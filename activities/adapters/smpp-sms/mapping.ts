// Pure mapping from the SMS-sender contract to SMPP 3.4 submit_sm fields.
import type { SmsMessage } from '../contracts/sms-sender';

export const ESME_ROK = 0;
/** Type of number / numbering plan: international, E.164; an alphanumeric sender is TON 5, NPI 0. */
const INTERNATIONAL = { ton: 1, npi: 1 };
const ALPHANUMERIC = { ton: 5, npi: 0 };
/** What fits short_message in UCS-2 (the package chooses GSM 03.38 or UCS-2 by the text); longer texts go in the
 * message_payload TLV (SMPP 3.4 §5.3.2.32), which the SMSC splits for the handset. */
const SHORT_MESSAGE_CHARACTERS = 70;

export function submitFields(message: SmsMessage, sourceAddress: string): Record<string, unknown> {
  const alphanumeric = /[^0-9+]/.test(sourceAddress);
  const source = alphanumeric ? ALPHANUMERIC : INTERNATIONAL;
  const fields: Record<string, unknown> = {
    source_addr_ton: source.ton,
    source_addr_npi: source.npi,
    source_addr: sourceAddress,
    dest_addr_ton: INTERNATIONAL.ton,
    dest_addr_npi: INTERNATIONAL.npi,
    destination_addr: message.to.replace(/^\+/, ''),
    registered_delivery: 0,
  };
  if (message.text.length <= SHORT_MESSAGE_CHARACTERS) fields.short_message = message.text;
  else fields.message_payload = message.text;
  return fields;
}

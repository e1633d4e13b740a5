// Seeded mailboxes of the e-address simulator (DEPP-like). Every natural person of the population register
// simulator and every legal person (by law all of them have an e-address) has an active mailbox; persons known only
// by an eIDAS identifier have none.
import { personByCode } from '../population-register/data';

export type RecipientType = 'natural' | 'legal' | 'eidas';

export interface WireMessage {
  messageId: string;
  idempotencyKey: string;
  recipient: { type: RecipientType; id: string };
  sender: { agencyId: string; name: string };
  subject: string;
  body: string;
  caseId: string | null;
  receivedAt: string;
}

export function mailboxExists(type: string, id: string): boolean {
  switch (type) {
    case 'natural':
      return personByCode(id.replace('-', '')) !== undefined;
    case 'legal':
      return /^[0-9]{11}$/.test(id);
    default:
      return false;
  }
}

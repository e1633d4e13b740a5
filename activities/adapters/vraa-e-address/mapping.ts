// Pure mapping between the e-address contract and the e-address (DEPP) wire format.
import type { DeliveryReceipt, OfficialMessage } from '../contracts/e-address';

export interface WireOutgoingMessage {
  recipient: { type: string; id: string };
  sender: { agencyId: string; name: string };
  subject: string;
  body: string;
  caseId?: string;
}

export interface WireReceipt {
  messageId: string;
  duplicate: boolean;
}

export function toWireMessage(message: OfficialMessage): WireOutgoingMessage {
  const wire: WireOutgoingMessage = {
    recipient: { type: message.recipient.type, id: message.recipient.id },
    sender: { agencyId: message.sender.agencyId, name: message.sender.name },
    subject: message.subject,
    body: message.body,
  };
  if (message.caseId) wire.caseId = message.caseId;
  return wire;
}

export function toDeliveryReceipt(wire: WireReceipt): DeliveryReceipt {
  return { messageId: wire.messageId, duplicate: wire.duplicate === true };
}

/** Mailbox path segments; an eIDAS identifier contains "/" and must stay one segment. */
export function mailboxPath(type: string, id: string): string {
  return `mailboxes/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
}

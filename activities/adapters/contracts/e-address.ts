// Role: the e-address (e-adrese, the official electronic mailbox, DEPP): delivering official messages.
import type { CallContext, ConfigCheck } from './common';
import type { PersonRef } from '../../../api/domain/person-id';

export interface OfficialMessage {
  recipient: PersonRef;
  sender: { agencyId: string; name: string };
  subject: string;
  body: string;
  /** Case the message is about, shown in the mailbox. */
  caseId?: string;
}

export interface DeliveryReceipt {
  messageId: string;
  /** True when a message with the same idempotency key had been delivered before (nothing new was sent). */
  duplicate: boolean;
}

export interface EAddress extends ConfigCheck {
  /** Whether the recipient has an active e-address mailbox. */
  hasMailbox(recipient: PersonRef, ctx: CallContext): Promise<boolean>;
  send(message: OfficialMessage, ctx: CallContext): Promise<DeliveryReceipt>;
}

// Role: the e-address (e-adrese, the official electronic mailbox, DEPP): delivering official messages.
import { SystemRejectedError, type CallContext, type ConfigCheck } from './common';
import type { PersonRef } from '../../../db/domain/person-id';

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

/** The recipient has no active mailbox: nothing was delivered and retrying cannot help. */
export class NoMailboxError extends SystemRejectedError {
  constructor(system: string, status: number, message: string) {
    super(system, status, message);
    this.name = 'NoMailboxError';
  }
}

export interface EAddress extends ConfigCheck {
  /** Whether the recipient has an active e-address mailbox. */
  hasMailbox(recipient: PersonRef, ctx: CallContext): Promise<boolean>;
  /** Delivers once per idempotency key; throws NoMailboxError when the recipient has no mailbox (one call, no lookup first). */
  send(message: OfficialMessage, ctx: CallContext): Promise<DeliveryReceipt>;
}

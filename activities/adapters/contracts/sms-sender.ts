// Role: sending SMS (confirmation codes, notifications) through an SMS gateway (an SMSC spoken to over SMPP 3.4).
import type { CallContext, ConfigCheck } from './common';

export interface SmsMessage {
  /** E.164, e.g. +37120000000. */
  to: string;
  text: string;
}

export interface SmsSender extends ConfigCheck {
  /** Submits the message; resolves with the gateway's message id. Throws SystemUnavailableError when the gateway does
   * not answer and SystemRejectedError when it refuses the message. */
  send(message: SmsMessage, ctx: CallContext): Promise<{ messageId: string }>;
}

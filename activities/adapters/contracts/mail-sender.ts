// Role: sending e-mail (confirmation codes, notifications) through the platform's outgoing mail server (SMTP).
import type { CallContext, ConfigCheck } from './common';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailSender extends ConfigCheck {
  /** Hands the message to the mail server; resolves with its Message-ID (derived from the idempotency key, so a
   * receiving system can tell a resent message). Throws SystemUnavailableError when the server does not take it. */
  send(message: MailMessage, ctx: CallContext): Promise<{ messageId: string }>;
}

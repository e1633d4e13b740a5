// Pure mapping from the mail-sender contract to nodemailer's message options.
import crypto from 'node:crypto';
import type { CallContext } from '../contracts/common';
import type { MailMessage } from '../contracts/mail-sender';

/** `<hash of the key>@<sender's domain>`: the same key, the same Message-ID (RFC 5322 ids are unique per message). */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<${crypto.createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain}>`;
}

export function toMailOptions(message: MailMessage, from: string, messageId: string, ctx: CallContext) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    messageId,
    headers: ctx.requestId ? { 'X-Request-Id': ctx.requestId } : undefined,
  };
}

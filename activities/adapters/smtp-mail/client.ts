// Mail-sender role over SMTP with nodemailer (in development: simulators/smtp). One transport per process, pooled
// connections; the Message-ID is derived from the idempotency key, so a resent message carries the same id.
import nodemailer from 'nodemailer';
import { SystemRejectedError, SystemUnavailableError, type CallContext } from '../contracts/common';
import type { MailMessage, MailSender } from '../contracts/mail-sender';
import { messageIdFor, toMailOptions } from './mapping';

export const SMTP_MAIL = 'smtp';

export interface SmtpMailOptions {
  host: string;
  port: number;
  from: string;
  secure?: boolean;
  requireTls?: boolean;
  user?: string;
  password?: string;
  timeoutMs?: number;
}

export function createSmtpMail(options: SmtpMailOptions): MailSender {
  const timeout = options.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    requireTLS: options.requireTls ?? false,
    auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  const where = `${options.host}:${options.port}`;
  return {
    async send(message: MailMessage, ctx: CallContext) {
      const messageId = messageIdFor(ctx.idempotencyKey, options.from);
      try {
        await transport.sendMail(toMailOptions(message, options.from, messageId, ctx));
      } catch (err) {
        const e = err as { responseCode?: number; message?: string };
        // A permanent SMTP refusal (5xx: no such mailbox, refused sender) will not pass on a retry.
        if (typeof e.responseCode === 'number' && e.responseCode >= 500)
          throw new SystemRejectedError(SMTP_MAIL, e.responseCode, e.message ?? 'refused');
        throw new SystemUnavailableError(SMTP_MAIL, `${where}: ${e.message ?? String(err)}`);
      }
      return { messageId };
    },
    async checkConfig() {
      try {
        await transport.verify();
        return { ok: true, message: `${SMTP_MAIL}: ${where} accepts connections` };
      } catch (err) {
        return { ok: false, message: `${SMTP_MAIL}: ${where}: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
  };
}

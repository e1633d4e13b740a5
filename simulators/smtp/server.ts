// SMTP server simulator: the platform's outgoing mail server. It accepts mail over SMTP (RFC 5321, smtp-server; no
// STARTTLS, no authentication needed), parses each message with mailparser and keeps it in memory, and lets tests
// and developers read what arrived over HTTP (like MailHog's API):
//   GET    /messages?to=<address> → { items: ReceivedMail[] }, newest first (all messages without `to`)
//   DELETE /messages → forgets every message
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import { createSimulatorApp, listen, type RunningSimulator, type SimulatorOptions } from '../app';

export interface ReceivedMail {
  messageId: string | null;
  /** The SMTP envelope's sender and recipients (what the server was asked to deliver). */
  envelopeFrom: string | null;
  envelopeTo: string[];
  from: string | null;
  subject: string | null;
  text: string;
  receivedAt: string;
}

export interface SmtpSimulatorOptions extends SimulatorOptions {
  /** The SMTP listener's port; 0 picks a free one. Default 2525. */
  smtpPort?: number;
}

export interface RunningSmtpSimulator extends RunningSimulator {
  /** smtp://host:port of the SMTP listener. */
  smtpUrl: string;
}

const addressesOf = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address?.toLowerCase() ?? '')).filter(Boolean);

export async function startSmtpSimulator(opts: SmtpSimulatorOptions = {}): Promise<RunningSmtpSimulator> {
  const received: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          received.push({
            messageId: mail.messageId ?? null,
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            envelopeTo: envelopeTo.length ? envelopeTo : addressesOf(mail.to),
            from: mail.from?.text ?? null,
            subject: mail.subject ?? null,
            text: mail.text ?? '',
            receivedAt: new Date().toISOString(),
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(opts.smtpPort ?? 2525, host, () => resolve());
  });
  const address = smtp.server.address();
  const smtpPort = typeof address === 'object' && address ? address.port : opts.smtpPort;

  const app = createSimulatorApp('smtp', opts);
  app.get('/messages', (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to.toLowerCase() : null;
    const items = received.filter((m) => !to || m.envelopeTo.includes(to)).reverse();
    res.json({ items });
  });
  app.delete('/messages', (_req, res) => {
    received.length = 0;
    res.json({ deleted: true });
  });
  let http: RunningSimulator;
  try {
    http = await listen(app, opts);
  } catch (err) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw err;
  }
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: http.url,
    smtpUrl: `smtp://${urlHost}:${smtpPort}`,
    async close() {
      await Promise.all([http.close(), new Promise<void>((resolve) => smtp.close(() => resolve()))]);
    },
  };
}

if (require.main === module) {
  void startSmtpSimulator({ port: 4109 }).then((s) => console.log(`SMTP simulator: ${s.smtpUrl}, read-out ${s.url}/messages`));
}

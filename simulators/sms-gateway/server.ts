// SMS-gateway simulator: an SMS centre (SMSC) speaking SMPP 3.4 (package `smpp`). It accepts binds as transmitter
// (or transceiver) with the configured system id and password, answers submit_sm with a message id and keeps each
// message; tests and developers read what arrived over HTTP:
//   GET    /messages?to=<E.164 number> → { items: ReceivedSms[] }, newest first (all without `to`)
//   DELETE /messages → forgets every message
import crypto from 'node:crypto';
import * as smpp from 'smpp';
import { createSimulatorApp, listen, type RunningSimulator, type SimulatorOptions } from '../app';

export interface ReceivedSms {
  messageId: string;
  systemId: string;
  sourceAddress: string;
  /** E.164 with the plus sign. */
  to: string;
  text: string;
  receivedAt: string;
}

export interface SmsGatewaySimulatorOptions extends SimulatorOptions {
  /** The SMPP listener's port; 0 picks a free one. Default 2775. */
  smppPort?: number;
  /** The ESME accounts the SMSC accepts: system id → password. Default: the platform's development account. */
  accounts?: Record<string, string>;
}

export interface RunningSmsGatewaySimulator extends RunningSimulator {
  /** smpp://host:port of the SMPP listener. */
  smppUrl: string;
}

/** The platform's development account (forms/config.ts MESSAGING_DEV_DEFAULTS). */
export const DEV_ACCOUNTS: Record<string, string> = { sdp: 'dev-smpp' };
const ESME_ROK = 0;
const ESME_RINVPASWD = 0x0e;
const ESME_RINVBNDSTS = 0x04;

/** The text of a submit_sm: short_message or the message_payload TLV, decoded by the package. */
function textOf(pdu: smpp.PDU): string {
  const field = (pdu.message_payload ?? pdu.short_message) as { message?: string | Buffer } | string | Buffer | undefined;
  const value = typeof field === 'object' && field !== null && !Buffer.isBuffer(field) ? field.message : field;
  return Buffer.isBuffer(value) ? value.toString('utf8') : (value ?? '');
}

export async function startSmsGatewaySimulator(opts: SmsGatewaySimulatorOptions = {}): Promise<RunningSmsGatewaySimulator> {
  const accounts = opts.accounts ?? DEV_ACCOUNTS;
  const received: ReceivedSms[] = [];
  const server = smpp.createServer({}, (session) => {
    let boundAs: string | null = null;
    session.on('error', () => session.destroy());
    const bind = (pdu: smpp.PDU) => {
      const systemId = String(pdu.system_id ?? '');
      if (!Object.hasOwn(accounts, systemId) || accounts[systemId] !== String(pdu.password ?? '')) {
        session.send(pdu.response({ command_status: ESME_RINVPASWD }));
        session.close();
        return;
      }
      boundAs = systemId;
      session.send(pdu.response({ system_id: 'sdp-smsc' }));
    };
    session.on('bind_transmitter', bind);
    session.on('bind_transceiver', bind);
    session.on('submit_sm', (pdu: smpp.PDU) => {
      if (!boundAs) {
        session.send(pdu.response({ command_status: ESME_RINVBNDSTS }));
        return;
      }
      const messageId = crypto.randomBytes(8).toString('hex');
      const destination = String(pdu.destination_addr ?? '');
      received.push({
        messageId,
        systemId: boundAs,
        sourceAddress: String(pdu.source_addr ?? ''),
        to: destination.startsWith('+') ? destination : `+${destination}`,
        text: textOf(pdu),
        receivedAt: new Date().toISOString(),
      });
      session.send(pdu.response({ message_id: messageId, command_status: ESME_ROK }));
    });
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.smppPort ?? 2775, host, () => resolve());
  });
  const address = server.address();
  const smppPort = typeof address === 'object' && address ? address.port : opts.smppPort;
  const closeSmpp = () =>
    new Promise<void>((resolve) => {
      for (const s of server.sessions ?? []) s.destroy();
      server.close(() => resolve());
    });

  const app = createSimulatorApp('sms-gateway', opts);
  app.get('/messages', (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to.replace(/^\s+/, '+').replace(/^(?!\+)/, '+') : null;
    res.json({ items: received.filter((m) => !to || m.to === to).reverse() });
  });
  app.delete('/messages', (_req, res) => {
    received.length = 0;
    res.json({ deleted: true });
  });
  let http: RunningSimulator;
  try {
    http = await listen(app, opts);
  } catch (err) {
    await closeSmpp();
    throw err;
  }
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: http.url,
    smppUrl: `smpp://${urlHost}:${smppPort}`,
    async close() {
      await Promise.all([http.close(), closeSmpp()]);
    },
  };
}

if (require.main === module) {
  void startSmsGatewaySimulator({ port: 4110 }).then((s) => console.log(`SMS gateway simulator: ${s.smppUrl}, read-out ${s.url}/messages`));
}

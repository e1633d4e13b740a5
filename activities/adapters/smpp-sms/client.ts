// SMS-sender role over SMPP 3.4 (the SMS centre's protocol; in development: simulators/sms-gateway). The platform is
// an ESME transmitter: each send connects, binds with its system id and password, submits one submit_sm and unbinds.
// One session per message keeps no socket open between the few messages a process sends (codes, notifications); a
// busy deployment would keep one bound session per process instead.
import * as smpp from 'smpp';
import { SystemRejectedError, SystemUnavailableError, type CallContext } from '../contracts/common';
import type { SmsMessage, SmsSender } from '../contracts/sms-sender';
import { submitFields, ESME_ROK } from './mapping';

export const SMPP_SMS = 'smpp';

export interface SmppSmsOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** The sender shown on the phone (alphanumeric, at most 11 characters). */
  sourceAddress: string;
  timeoutMs?: number;
}

/** Connects and binds as a transmitter; rejects as unavailable when the SMSC does not answer or refuses the bind. */
function bound(options: SmppSmsOptions, timeoutMs: number): Promise<smpp.Session> {
  return new Promise((resolve, reject) => {
    const session = smpp.connect({ url: `smpp://${options.host}:${options.port}` });
    const timer = setTimeout(() => {
      session.destroy();
      reject(new SystemUnavailableError(SMPP_SMS, `${options.host}:${options.port}: no bind within ${timeoutMs} ms`));
    }, timeoutMs);
    session.on('error', (e: Error) => {
      clearTimeout(timer);
      reject(new SystemUnavailableError(SMPP_SMS, `${options.host}:${options.port}: ${e.message}`));
    });
    session.on('connect', () => {
      session.bind_transmitter({ system_id: options.systemId, password: options.password }, (pdu) => {
        clearTimeout(timer);
        if (pdu.command_status === ESME_ROK) resolve(session);
        else {
          session.destroy();
          reject(new SystemUnavailableError(SMPP_SMS, `bind_transmitter refused (command_status ${pdu.command_status})`));
        }
      });
    });
  });
}

function submit(session: smpp.Session, fields: Record<string, unknown>, timeoutMs: number): Promise<smpp.PDU> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new SystemUnavailableError(SMPP_SMS, `no submit_sm_resp within ${timeoutMs} ms`)), timeoutMs);
    session.submit_sm(fields, (pdu) => {
      clearTimeout(timer);
      resolve(pdu);
    });
  });
}

export function createSmppSms(options: SmppSmsOptions): SmsSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const unbind = (session: smpp.Session) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        session.destroy();
        resolve();
      }, 1000);
      session.unbind({}, () => {
        clearTimeout(timer);
        session.close();
        resolve();
      });
    });
  return {
    async send(message: SmsMessage, _ctx: CallContext) {
      const session = await bound(options, timeoutMs);
      try {
        const response = await submit(session, submitFields(message, options.sourceAddress), timeoutMs);
        if (response.command_status !== ESME_ROK)
          throw new SystemRejectedError(SMPP_SMS, 422, `submit_sm refused (command_status ${response.command_status})`);
        return { messageId: String(response.message_id ?? '') };
      } finally {
        await unbind(session);
      }
    },
    async checkConfig() {
      try {
        await unbind(await bound(options, timeoutMs));
        return { ok: true, message: `${SMPP_SMS}: ${options.host}:${options.port} binds` };
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}

// E-address role backed by the official electronic address (e-adrese, run by VRAA) over HTTP
// (in development: simulators/e-address). Delivery is idempotent on the CallContext's key: the system answers a
// repeated key with the first message's id and `duplicate: true`, so a retried activity never sends twice.
import type { PersonRef } from '../../../db/domain/person-id';
import { SystemRejectedError, type CallContext } from '../contracts/common';
import { NoMailboxError, type DeliveryReceipt, type EAddress, type OfficialMessage } from '../contracts/e-address';
import { HttpJsonClient, type HttpAdapterOptions } from '../http-json';
import { mailboxPath, toDeliveryReceipt, toWireMessage, type WireReceipt } from './mapping';

export const VRAA_E_ADDRESS = 'vraa-e-address';

export function createVraaEAddress(options: HttpAdapterOptions): EAddress {
  const http = new HttpJsonClient(VRAA_E_ADDRESS, options);
  return {
    async hasMailbox(recipient: PersonRef, ctx: CallContext): Promise<boolean> {
      const mailbox = await http.getOrNull<{ active?: boolean }>(mailboxPath(recipient.type, recipient.id), ctx);
      return mailbox?.active === true;
    },
    async send(message: OfficialMessage, ctx: CallContext): Promise<DeliveryReceipt> {
      try {
        return toDeliveryReceipt(await http.post<WireReceipt>('messages', toWireMessage(message), ctx));
      } catch (e) {
        // The system answers 422 (no_mailbox) for a recipient without an active mailbox.
        if (e instanceof SystemRejectedError && e.status === 422) throw new NoMailboxError(e.system, e.status, e.message);
        throw e;
      }
    },
    checkConfig: () => http.checkHealth('e-address'),
  };
}

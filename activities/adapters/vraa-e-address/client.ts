// E-address role backed by the official electronic address (e-adrese, run by VRAA) over HTTP
// (in development: simulators/e-address). Delivery is idempotent on the CallContext's key: the system answers a
// repeated key with the first message's id and `duplicate: true`, so a retried activity never sends twice.
import type { PersonRef } from '../../../api/domain/person-id';
import type { CallContext } from '../contracts/common';
import type { DeliveryReceipt, EAddress, OfficialMessage } from '../contracts/e-address';
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
      // A recipient without a mailbox answers 422: SystemRejectedError, since retrying cannot help.
      return toDeliveryReceipt(await http.post<WireReceipt>('messages', toWireMessage(message), ctx));
    },
    checkConfig: () => http.checkHealth('e-address'),
  };
}

// Address register role backed by VZD's address register over HTTP (in development: simulators/address-register).
import type { CallContext } from '../contracts/common';
import type { Address, AddressRegister, AddressValidation } from '../contracts/address-register';
import { HttpJsonClient, type HttpAdapterOptions } from '../http-json';
import { toAddress, validationFromSearch, validationOf, type WireAddress } from './mapping';

export const VZD_ADDRESS_REGISTER = 'vzd-address-register';

/** Hits fetched to decide whether a free-text address is unique. */
const VALIDATION_HITS = 10;

export function createVzdAddressRegister(options: HttpAdapterOptions): AddressRegister {
  const http = new HttpJsonClient(VZD_ADDRESS_REGISTER, options);

  async function search(text: string, limit: number, ctx: CallContext): Promise<Address[]> {
    if (!text.trim()) return [];
    const query = new URLSearchParams({ q: text, limit: String(Math.max(1, Math.min(50, Math.floor(limit)))) });
    const { items } = await http.get<{ items: WireAddress[] }>(`addresses?${query.toString()}`, ctx);
    return items.map(toAddress);
  }

  return {
    search,
    async validate(input: { code?: string; text?: string }, ctx: CallContext): Promise<AddressValidation> {
      if (input.code) {
        const wire = await http.getOrNull<WireAddress>(`addresses/${encodeURIComponent(input.code)}`, ctx);
        return validationOf(wire && toAddress(wire));
      }
      if (!input.text?.trim()) return validationOf(null);
      return validationFromSearch(input.text, await search(input.text, VALIDATION_HITS, ctx));
    },
    checkConfig: () => http.checkHealth('address-register'),
  };
}

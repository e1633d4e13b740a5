// Address suggestions for the address fields of e-service forms: what the state address register finds for the text
// typed so far, as the person types (the UI's combobox, ui/src/applications/form/AddressField.tsx). Signed-in callers
// only, counted against the addressLookup rate limit per account: each request is a call to another agency's system.
import { route } from '../platform/routing';
import { askAddressRegister } from '../platform/address-register';
import type { Validated } from '../../forms/types/validated';
import type { GetAddressSuggestionsResponse } from '../../forms/types/api';

export const addressRoutes = [
  route<unknown, Validated<'address-suggestions-query'>>({
    method: 'get',
    path: '/api/v1/address-suggestions',
    tag: 'Addresses',
    summary: 'Addresses of the state address register matching the text typed so far, best first',
    auth: 'any-signed-in',
    query: 'address-suggestions-query',
    rateLimit: 'addressLookup',
    responses: {
      200: {
        description: '{ items }: code, full text, postal code and whether residence may be declared there',
        schema: 'get-address-suggestions-response',
      },
      503: { description: 'The address register does not answer: try again after Retry-After seconds', schema: 'error' },
    },
    async handler({ deps, query, requestId }) {
      const found = await askAddressRegister(deps, (register, ctx) => register.search(query.q, query.limit, ctx), {
        idempotencyKey: `address-suggestions:${requestId}`,
        requestId,
      });
      const body: GetAddressSuggestionsResponse = {
        items: found.map((a) => ({ code: a.code, text: a.fullAddress, postalCode: a.postalCode, residential: a.residential })),
      };
      return { headers: { 'Cache-Control': 'private, max-age=60' }, body };
    },
  }),
];

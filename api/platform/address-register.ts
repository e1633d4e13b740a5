// The state address register, called synchronously by the API: suggestions while a person types an address
// (api/addresses/routes.ts) and the check of every address field of a form before it is submitted
// (api/applications/commands.ts). The register's outage is a 503 with Retry-After for the suggestions, never a 500;
// it does not hold up a submit (the workflow's register check waits for the register then).
import type { AppDeps } from './deps';
import { ApiError } from './errors';
import type { AddressRegister } from '../../activities/adapters/contracts/address-register';
import type { CallContext } from '../../activities/adapters/contracts/common';
import { SystemUnavailableError } from '../../activities/adapters/contracts/common';
import type { DomainErrorDetail } from '../../db/domain/domain-error';
import type { AddressFieldRule } from '../../forms/form-rules';

/** Runs a register call; an unreachable register is 503 temporarily_unavailable (try again in a moment). */
export async function askAddressRegister<T>(
  deps: AppDeps,
  call: (register: AddressRegister, ctx: CallContext) => Promise<T>,
  ctx: CallContext,
): Promise<T> {
  try {
    return await call(deps.adapters.addressRegister, ctx);
  } catch (e) {
    if (e instanceof SystemUnavailableError) {
      throw new ApiError(503, 'temporarily_unavailable', 'The address register does not answer; try again in a moment.', [], {
        'Retry-After': '5',
      });
    }
    throw e;
  }
}

export interface AddressValue {
  text?: string;
  code?: string;
}

/** An address field's answer checked with the register: the register's own text and code, or why it is refused. */
export type AddressCheck = (
  field: AddressFieldRule,
  value: AddressValue,
) => Promise<{ ok: true; value: { text: string; code?: string } } | { ok: false; detail: DomainErrorDetail }>;

const REFUSALS: Record<string, { code: string; message: string }> = {
  not_found: {
    code: 'address_not_found',
    message: 'is not an address of the state address register: choose one of the suggested addresses',
  },
  ambiguous: { code: 'address_ambiguous', message: 'matches several addresses: choose one of the suggested addresses' },
  not_residential: {
    code: 'address_not_residential',
    message: 'residence cannot be declared at this address (it is not a dwelling): choose another address',
  },
};

/**
 * The check of address fields before a submit (by code, or by the full text when no suggestion was chosen). When the
 * register does not answer, the submit is not held up: the answer goes on unchanged and the workflow's own register
 * check (which waits for the register, durably) decides after the submit.
 */
export function addressCheck(deps: AppDeps, requestId: string): AddressCheck {
  return async (field, value) => {
    const input = value.code ? { code: value.code } : { text: value.text ?? '' };
    let result;
    try {
      result = await deps.adapters.addressRegister.validate(input, {
        idempotencyKey: `address-check:${requestId}:${field.pointer}`,
        requestId,
      });
    } catch (e) {
      if (e instanceof SystemUnavailableError) {
        deps.logger.warn({ requestId, field: field.pointer }, 'address register unavailable: the address is checked after the submit');
        return { ok: true, value: { text: value.text ?? '', ...(value.code ? { code: value.code } : {}) } };
      }
      throw e;
    }
    const reason =
      !result.valid || !result.address
        ? (result.reason ?? 'not_found')
        : field.residential && !result.address.residential
          ? 'not_residential'
          : null;
    if (reason || !result.address) {
      const refusal = REFUSALS[reason ?? 'not_found'] ?? REFUSALS.not_found;
      return { ok: false, detail: { path: field.pointer, ...refusal } };
    }
    return { ok: true, value: { text: result.address.fullAddress, code: result.address.code } };
  };
}

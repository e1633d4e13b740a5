// Who a representative is, checked against the population register (through its adapter): the personal code must be
// a person the register knows, and the name given must be that person's. A made-up name for a real code, or a code
// the register does not know, is refused with one stable code; the register's own data is never shown back.
import { ApiError, unprocessable } from '../platform/errors';
import type { RouteContext } from '../platform/routing';
import { actorType } from '../platform/auth/principal';
import { audit } from '../../db/audit';
import { SystemUnavailableError } from '../../activities/adapters/contracts/common';

/** Case, spacing, hyphens and diacritics aside ("Janis  Kalnins" is "Jānis Kalniņš"), the same name. */
export const comparableName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s-]+/g, ' ')
    .trim();

/**
 * Checks that `name` is the name the population register holds for `personalCode` (normalised, 11 digits).
 * 422 `representative_mismatch` (at `path`), 503 when the register is down.
 */
export async function checkRepresentativeIdentity(
  ctx: RouteContext,
  personalCode: string,
  name: string,
  path: string,
  purpose: string,
): Promise<void> {
  let person;
  try {
    person = await ctx.deps.adapters.populationRegister.getPerson(personalCode, {
      idempotencyKey: `identity:${personalCode}`,
      requestId: ctx.requestId,
    });
  } catch (e) {
    if (e instanceof SystemUnavailableError) {
      throw new ApiError(503, 'temporarily_unavailable', 'The population register does not answer; try again in a moment.', [], {
        'Retry-After': '5',
      });
    }
    throw e;
  }
  // One answer for an unknown code and for a wrong name: the check must not tell which personal codes exist.
  if (!person || comparableName(`${person.givenName} ${person.familyName}`) !== comparableName(name)) {
    // Each refusal is on record: repeated ones are someone trying codes and names against the register.
    await audit(ctx.deps.db.pool, {
      actor: { type: actorType(ctx.principal), id: ctx.principal.sub, agency: ctx.principal.agency, office: ctx.principal.office },
      subject: { type: 'natural', id: personalCode },
      action: 'read',
      resource: 'population-register:person',
      purpose: `${purpose}-refused:representative_mismatch`,
      requestId: ctx.requestId,
    });
    throw unprocessable('representative_mismatch', 'The personal code and the name do not match the population register.', [
      { path, code: 'representative_mismatch', message: 'no person with this personal code and this name in the population register' },
    ]);
  }
}

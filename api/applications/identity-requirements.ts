// What an e-service asks of the signed-in person's identity (its definition's minimumLevelOfAssurance and
// requiresLatvianPersonalCode), checked when it is opened and when it is submitted, and the identity attributes that
// fill the form (identityFill) when it is opened.
// Development personas sign in without an identity provider and have no level of assurance: outside production they
// pass every minimum (they stand for citizens in demos and tests); in production there are none, and a principal
// without a level is refused.
import { ApiError } from '../platform/errors';
import type { Principal } from '../platform/auth/principal';
import type { EServiceDefinition } from '../../forms/eservice-definition/dsl';
import { levelOfAcr, meetsLevel, type LevelOfAssurance } from '../../db/domain/level-of-assurance';

const METHODS_BY_LEVEL: Record<LevelOfAssurance, string> = {
  low: 'any sign-in method',
  substantial: 'eParaksts mobile, the eID card, your internet bank, or an EU eID at level substantial or high',
  high: 'eParaksts mobile or the eID card, or an EU eID at level high',
};

/** 403 when the sign-in is below the e-service's minimum or the service needs a personal code the person lacks. */
export function checkIdentityRequirements(def: EServiceDefinition, principal: Principal, env: string): void {
  const needsCode = def.requiresLatvianPersonalCode;
  if (needsCode && principal.person?.type !== 'natural') {
    throw new ApiError(
      403,
      'latvian_personal_code_required',
      `This e-service needs a Latvian personal code, which your sign-in does not carry. ${needsCode.otherChannels.en}`,
      [{ path: '/requiresLatvianPersonalCode', code: 'latvian_personal_code_required', message: needsCode.otherChannels.lv }],
    );
  }
  const minimum = def.minimumLevelOfAssurance;
  if (!minimum) return;
  const level = levelOfAcr(principal.acr);
  if (level === null && !principal.acr && env !== 'production') return; // a development persona (see above)
  if (level === null || !meetsLevel(level, minimum)) {
    throw new ApiError(
      403,
      'level_of_assurance_too_low',
      `This e-service needs a sign-in with level of assurance ${minimum} or higher (yours: ${level ?? 'none'}). Sign in again with ${METHODS_BY_LEVEL[minimum]}.`,
      [{ path: '/minimumLevelOfAssurance', code: 'level_of_assurance_too_low', message: minimum }],
    );
  }
}

/** The principal's identity attributes by the names identityFill uses; only those an identity provider asserted. */
function identityAttributes(principal: Principal): Record<string, string | undefined> {
  if (!principal.acr) return {}; // a development persona: the register's prefill fills the applicant
  const person = principal.person;
  return {
    givenName: principal.givenName,
    familyName: principal.familyName,
    personalCode: person?.type === 'natural' ? person.id : undefined,
    eidasIdentifier: person?.type === 'eidas' ? person.id : principal.eidasIdentifier,
    dateOfBirth: principal.dateOfBirth,
  };
}

/** The draft an e-service starts from: its identityFill pointers set from the sign-in's attributes. */
export function identityDraft(def: EServiceDefinition, principal: Principal): Record<string, unknown> {
  const attributes = identityAttributes(principal);
  const draft: Record<string, unknown> = {};
  for (const [pointer, attribute] of Object.entries(def.identityFill ?? {})) {
    const value = attribute ? attributes[attribute] : undefined;
    if (!value) continue;
    const keys = pointer.split('/').slice(1);
    let node = draft;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  }
  return draft;
}

// What the OpenID Provider tells a portal about the person: sub and name always (scope openid/profile), the personal
// code only to a portal registered for the `personal_code` scope that asked for it; acr and amr come from the platform
// sign-in (the provider's session), not from here. Releasing a personal code is a disclosure of personal data: audited.
import type { Account, KoaContextWithOIDC } from 'oidc-provider';
import type { AppDeps } from '../../deps';
import type { Principal } from '../principal';
import { latestPrincipalOf } from '../../../../db/oidc/session-clients';
import { audit } from '../../../../db/audit';

export const SCOPES = ['openid', 'profile', 'personal_code'];

export const CLAIMS = {
  auth_time: null,
  iss: null,
  sid: null,
  openid: ['sub', 'acr', 'amr'],
  profile: ['name', 'given_name', 'family_name'],
  personal_code: ['personal_code'],
};

/** acr and amr of the platform sign-in: the identity provider's, or the development sign-in's. */
export function loginOf(principal: Principal): { acr?: string; amr: string[] } {
  return { ...(principal.acr ? { acr: principal.acr } : {}), amr: [principal.authMethod ?? 'dev'] };
}

export function accountFinder(deps: AppDeps) {
  return async (ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> => {
    const principal = await latestPrincipalOf<Principal>(deps.db.pool, sub);
    if (!principal) return undefined;
    return {
      accountId: sub,
      async claims(_use: string, scope: string) {
        const personalCode = principal.person?.type === 'natural' ? principal.person.id : undefined;
        if (personalCode && scope.split(' ').includes('personal_code')) {
          await audit(deps.db.pool, {
            actor: { type: 'system', id: `oidc-client:${ctx.oidc.client?.clientId ?? 'unknown'}` },
            subject: principal.person,
            action: 'read',
            resource: 'auth/oidc/personal_code',
            purpose: 'single sign-on to an external portal',
          });
        }
        return { sub, name: principal.name, ...(personalCode ? { personal_code: personalCode } : {}) };
      },
    };
  };
}

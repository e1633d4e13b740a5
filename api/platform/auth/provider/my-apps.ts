// "Apps you allowed" (issue 16 §2): the apps (public clients) a citizen allowed on the consent page, and revoking one.
// Revoking destroys the citizen's grants for that app and every code, access and refresh token issued on them, through
// oidc-provider's own models: the app's next refresh answers invalid_grant, introspection calls its access token
// inactive, and its next authorization request asks the citizen's consent again. Portals (first-party, asked
// nothing) are not listed: the citizen did not allow them, the platform's operators registered them.
import type Provider from 'oidc-provider';
import type { AppDeps } from '../../deps';
import type { Principal } from '../principal';
import type { GetMeAppsResponse } from '../../../../forms/types/api';
import { grantsOfAccount, type AccountGrant } from '../../../../db/oidc/account-grants';
import { audit } from '../../../../db/audit';
import { notFound } from '../../errors';
import { isApp } from './grants';
import { providerOf } from './index';

type AllowedApp = GetMeAppsResponse['items'][number];

/** The account's grants per app (one per sign-in that asked): scopes together, the first allowed, the last used. */
async function appsOf(provider: Provider, grants: AccountGrant[]): Promise<Array<AllowedApp & { grantIds: string[] }>> {
  const byClient = new Map<string, AccountGrant[]>();
  for (const g of grants) byClient.set(g.clientId, [...(byClient.get(g.clientId) ?? []), g]);
  const apps = await Promise.all(
    [...byClient].map(async ([clientId, own]) => {
      const client = await provider.Client.find(clientId);
      if (!client || !isApp(client)) return undefined;
      const scopes = [...new Set(own.flatMap((g) => g.scope.split(' ')).filter(Boolean))];
      const used = own.map((g) => g.lastUsedAt?.getTime() ?? 0).filter((t) => t > 0);
      return {
        clientId,
        name: client.clientName ?? clientId,
        scopes,
        allowedAt: new Date(Math.min(...own.map((g) => g.grantedAt.getTime()))).toISOString(),
        lastUsedAt: used.length ? new Date(Math.max(...used)).toISOString() : null,
        grantIds: own.map((g) => g.grantId),
      };
    }),
  );
  return apps.filter((a): a is NonNullable<typeof a> => a !== undefined);
}

const auditOf = (principal: Principal, requestId: string) => ({
  actor: { type: 'citizen', id: principal.sub },
  subject: principal.person,
  purpose: 'own-apps',
  requestId,
});

export async function listAllowedApps(deps: AppDeps, principal: Principal, requestId: string): Promise<GetMeAppsResponse> {
  const provider = providerOf(deps);
  const apps = provider ? await appsOf(provider, await grantsOfAccount(deps.db.pool, principal.sub)) : [];
  await audit(deps.db.pool, {
    ...auditOf(principal, requestId),
    action: 'read',
    resource: 'auth/oidc/apps',
    details: { apps: apps.map((a) => a.clientId) },
  });
  return { items: apps.map(({ grantIds: _ids, ...app }) => app) };
}

/** Revokes what the citizen allowed `clientId`; 404 when they allowed it nothing (or it is no app). */
export async function revokeAllowedApp(deps: AppDeps, principal: Principal, clientId: string, requestId: string): Promise<void> {
  const provider = providerOf(deps);
  const [app] = provider ? await appsOf(provider, await grantsOfAccount(deps.db.pool, principal.sub, clientId)) : [];
  if (!provider || !app) throw notFound('app you allowed');
  for (const grantId of app.grantIds) {
    await Promise.all([
      provider.AccessToken.revokeByGrantId(grantId),
      provider.RefreshToken.revokeByGrantId(grantId),
      provider.AuthorizationCode.revokeByGrantId(grantId),
    ]);
    await (await provider.Grant.find(grantId))?.destroy();
  }
  await audit(deps.db.pool, {
    ...auditOf(principal, requestId),
    action: 'delete',
    resource: `auth/oidc/app:${clientId}`,
    details: { grants: app.grantIds.length, scopes: app.scopes },
  });
}

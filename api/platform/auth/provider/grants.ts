// Consent for registered portals: they are first-party services of the state, registered by the platform's operators
// with the scopes they may ask for (client metadata `scope`), so the grant is made without a consent screen.
import type { Grant, KoaContextWithOIDC } from 'oidc-provider';

/** The grant for this authorization request: the session's existing one for the client, extended to the scopes asked. */
export async function firstPartyGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { client, session, provider, params } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  const grant =
    existing && existing.accountId === session.accountId
      ? existing
      : new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  // Only scopes the client is registered for reach this point (the library refuses others before).
  grant.addOIDCScope(String(params?.scope ?? 'openid'));
  await grant.save();
  return grant;
}

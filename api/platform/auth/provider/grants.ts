// Consent. Registered portals are first-party services of the state, registered by the platform's operators with the
// scopes they may ask for (client metadata `scope`), so their grant is made without a consent screen. Apps (public
// clients, token_endpoint_auth_method none: mobile and third-party apps) are not: the citizen allows them on the
// consent page (consent.ts), and only what was allowed is granted again without asking.
import type { Grant, KoaContextWithOIDC } from 'oidc-provider';

/** A public client (no secret): an app on a device, third-party, asks the citizen's consent. */
export const isApp = (client: { clientAuthMethod?: string } | undefined) => client?.clientAuthMethod === 'none';

/** The grant for this authorization request (loadExistingGrant). */
export async function existingOrFirstPartyGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { client, session, provider, params } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const found = grantId ? await provider.Grant.find(grantId) : undefined;
  const existing = found && found.accountId === session.accountId ? found : undefined;
  // An app gets what the citizen allowed; a scope not allowed yet leads to the consent prompt.
  if (isApp(client)) return existing;
  const grant = existing ?? new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  // Only scopes the client is registered for reach this point (the library refuses others before).
  grant.addOIDCScope(String(params?.scope ?? 'openid'));
  await grant.save();
  return grant;
}

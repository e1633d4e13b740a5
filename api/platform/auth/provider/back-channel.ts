// Back-channel logout (OpenID Connect Back-Channel Logout 1.0): the provider records which portals each platform
// browser session signed in to; when the platform session ends (sign-out, sign out everywhere) every one of them gets
// a signed logout token, and the provider's own session ends with it.
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AppDeps } from '../../deps';
import { sessionFromRequest } from '../session/browser-session';
import { recordSessionClient, takeSessionClients } from '../../../../db/oidc/session-clients';
import { destroyPayloadsByUid } from '../../../../db/oidc/payloads';
import { backchannelLogouts } from './metrics';

/** Koa middleware: after an authorization that issued a code, remember the portal under the platform session. */
export function recordTouchedPortals(deps: AppDeps) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> => {
    await next();
    const { session, client, entities } = ctx.oidc ?? {};
    if (!entities?.AuthorizationCode || !session?.accountId || !client) return;
    const sid = session.sidFor(client.clientId);
    const browserSession = await sessionFromRequest(deps, ctx.req, { touch: false });
    if (!sid || !browserSession || browserSession.subject !== session.accountId) return;
    await recordSessionClient(deps.db.pool, {
      browserSessionId: browserSession.id,
      clientId: client.clientId,
      sid,
      opSessionId: session.uid,
    });
  };
}

/** The listener for ended platform sessions: logout tokens to the portals they touched, in parallel. */
export function logOutPortals(deps: AppDeps, provider: () => Provider) {
  return async (sessionIds: string[], subject: string): Promise<void> => {
    const touched = await takeSessionClients(deps.db.pool, sessionIds);
    if (!touched.length) return;
    const p = provider();
    await destroyPayloadsByUid(deps.db.pool, 'Session', [...new Set(touched.map((t) => t.opSessionId))]);
    const results = await Promise.allSettled(
      touched.map(async ({ clientId, sid }) => {
        const client = await p.Client.find(clientId);
        if (client?.backchannelLogoutUri) await client.backchannelLogout(subject, sid);
      }),
    );
    results.forEach((result, i) => {
      backchannelLogouts.inc({ client: touched[i].clientId, outcome: result.status === 'fulfilled' ? 'delivered' : 'failed' });
      if (result.status === 'rejected') {
        deps.logger.warn({ err: result.reason, clientId: touched[i].clientId }, 'back-channel logout failed');
      }
    });
  };
}

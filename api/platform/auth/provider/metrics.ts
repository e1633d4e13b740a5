// The provider's counters on /metrics: authorizations per portal and outcome (an error's code: login_required is the
// silent attempt without a session, not a failure), and back-channel logouts delivered or not.
import client from 'prom-client';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { registry } from '../../metrics';

const authorizations = new client.Counter({
  name: 'oidc_authorizations_total',
  help: 'Authorization requests at the OpenID Provider by client and outcome (success or the OAuth error code)',
  labelNames: ['client', 'outcome'] as const,
  registers: [registry],
});

export const backchannelLogouts = new client.Counter({
  name: 'oidc_backchannel_logouts_total',
  help: 'Back-channel logout tokens sent to portals by client and outcome (delivered, failed)',
  labelNames: ['client', 'outcome'] as const,
  registers: [registry],
});

const clientOf = (ctx: KoaContextWithOIDC) => ctx.oidc?.client?.clientId ?? 'unknown';

export function countAuthorizations(provider: Provider): void {
  provider.on('authorization.success', (ctx) => authorizations.inc({ client: clientOf(ctx as KoaContextWithOIDC), outcome: 'success' }));
  provider.on('authorization.error', (ctx, err) =>
    authorizations.inc({
      client: clientOf(ctx as KoaContextWithOIDC),
      outcome: String((err as { error?: string }).error ?? 'server_error'),
    }),
  );
}

// The registered external portals the UI links to (their e-service pages): following such a link, a citizen signed
// in to the platform arrives signed in at the portal.
import { route } from '../../routing';
import type { GetAuthPortalsResponse } from '../../../../forms/types/api';
import { registeredClients } from './configuration';

export const providerRoutes = [
  route({
    method: 'get',
    path: '/api/v1/auth/portals',
    tag: 'Authentication',
    summary: 'External portals with single sign-on from the platform (their e-service pages)',
    auth: 'public',
    touchesSession: false,
    responses: { 200: { description: 'The portals', schema: 'get-auth-portals-response' } },
    async handler(ctx): Promise<{ body: GetAuthPortalsResponse }> {
      const items = registeredClients(ctx.deps)
        .filter((client) => typeof client.client_uri === 'string')
        .map((client) => ({
          clientId: client.client_id,
          name: typeof client.client_name === 'string' ? client.client_name : client.client_id,
          serviceUrl: String(client.client_uri),
        }));
      return { body: { items } };
    },
  }),
];

// The registered external portals the UI links to (their e-service pages): following such a link, a citizen signed
// in to the platform arrives signed in at the portal. And the apps a citizen allowed, which they revoke (my-apps.ts).
import { route } from '../../routing';
import type { GetAuthPortalsResponse } from '../../../../forms/types/api';
import { registeredClients } from './configuration';
import { listAllowedApps, revokeAllowedApp } from './my-apps';

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
  route({
    method: 'get',
    path: '/api/v1/me/apps',
    tag: 'Authentication',
    summary: 'Citizen: the apps (mobile and third-party) I allowed, with the scopes allowed and when last used',
    auth: ['citizen'],
    responses: { 200: { description: 'The apps', schema: 'get-me-apps-response' } },
    async handler(ctx) {
      return { body: await listAllowedApps(ctx.deps, ctx.principal, ctx.requestId) };
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/me/apps/:clientId',
    tag: 'Authentication',
    summary: 'Citizen: revoke an app — its tokens stop working at once and its next sign-in asks my consent again',
    auth: ['citizen'],
    responses: {
      204: { description: 'Revoked' },
      404: { description: 'No app you allowed by this id', schema: 'error' },
    },
    async handler(ctx) {
      await revokeAllowedApp(ctx.deps, ctx.principal, ctx.params.clientId, ctx.requestId);
      return { status: 204 };
    },
  }),
];

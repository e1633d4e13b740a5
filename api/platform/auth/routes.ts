// Development sign-in: outside production only, a persona id is exchanged for a token. Real OpenID Connect
// sign-in replaces it in a later issue; the token format stays the same.
import { route } from '../routing';
import { ApiError, notFound } from '../errors';
import { issueToken } from './tokens';
// The development sign-in (refused in production) offers the demo personas that the seed and the simulators share.
// eslint-disable-next-line no-restricted-imports
import { personas, findPersona } from '../../../scripts/seed/personas';
import { audit } from '../../../db/audit';
import { actorType, type Principal } from './principal';
import { signIns } from '../metrics';
import type { Validated } from '../../../forms/types/validated';

export function devOnly(env: string) {
  if (env === 'production') throw new ApiError(404, 'route_not_found', 'Development sign-in is not available in production.');
}

/** The principal of a demo persona (404 for an unknown one). */
export function personaPrincipal(id: string): Principal {
  const persona = findPersona(id);
  if (!persona) throw notFound('persona');
  const { descriptionLv: _l, descriptionEn: _e, ...principal } = persona;
  return principal;
}

export const authRoutes = [
  route({
    method: 'get',
    path: '/api/v1/auth/dev-personas',
    tag: 'Authentication',
    summary: 'Demo personas (not in production)',
    auth: 'public',
    responses: { 200: { description: 'The personas', schema: 'get-auth-dev-personas-response' } },
    async handler(ctx) {
      devOnly(ctx.deps.config.env);
      return {
        body: {
          items: personas.map((p) => ({
            id: p.sub,
            name: p.name,
            roles: p.roles,
            agency: p.agency ?? null,
            office: p.office ?? null,
            sector: p.sector ?? null,
            description: { lv: p.descriptionLv, en: p.descriptionEn },
          })),
        },
      };
    },
  }),
  route<Validated<'dev-login'>>({
    method: 'post',
    path: '/api/v1/auth/dev-login',
    tag: 'Authentication',
    summary: 'Sign in as a demo persona (not in production)',
    auth: 'public',
    body: 'dev-login',
    rateLimit: 'signIn',
    responses: {
      200: { description: 'A bearer token', schema: 'post-auth-dev-login-response' },
      404: { description: 'Unknown persona', schema: 'error' },
    },
    async handler(ctx) {
      devOnly(ctx.deps.config.env);
      const principal = personaPrincipal(ctx.body.persona);
      const token = await issueToken(ctx.deps.keys, principal);
      await audit(ctx.deps.db.pool, {
        actor: { type: actorType(principal), id: principal.sub, agency: principal.agency, office: principal.office },
        action: 'login',
        resource: 'auth/dev-login',
        purpose: 'sign-in',
        requestId: ctx.requestId,
      });
      signIns.inc({ provider: 'dev', method: 'persona', outcome: 'success' });
      return { body: { token, tokenType: 'Bearer', expiresIn: 8 * 3600, principal } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/auth/me',
    tag: 'Authentication',
    summary: 'Who am I (from the bearer token)',
    auth: 'any-signed-in',
    responses: { 200: { description: 'The principal', schema: 'get-auth-me-response' } },
    async handler(ctx) {
      return { body: ctx.principal };
    },
  }),
];

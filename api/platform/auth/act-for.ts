// Acting for a party with a token (RFC 8693 `act`): a citizen asks for a token that acts for a company; the policy
// must find a basis now, and the token it answers names the company as subject and the citizen as actor. Each
// request made with it is checked against the representation again (api/platform/routing.ts), so a revoked basis
// refuses it at once; it reaches only the party's own area (routes with `actsForParty`).
import { route } from '../routing';
import { notFound } from '../errors';
import { accessToParty, auditEntry, type Party } from './policy';
import { ACT_FOR_LIFETIME_SECONDS, issueActForToken } from './tokens';
import { companyFromRegister } from './company-representation';
import { audit } from '../../../db/audit';
import type { Validated } from '../../../forms/types/validated';

export const actForRoutes = [
  route<Validated<'act-for'>>({
    method: 'post',
    path: '/api/v1/auth/act-for',
    tag: 'Authentication',
    summary: 'A token to act for a company you represent (RFC 8693 act claim)',
    auth: ['citizen'],
    body: 'act-for',
    responses: {
      200: { description: 'The act-for token', schema: 'act-for-token' },
      403: { description: 'An act-for token cannot ask for another (act_for_not_allowed)', schema: 'error' },
      404: { description: 'No such party that you represent', schema: 'error' },
      503: { description: 'The enterprise register does not answer', schema: 'error' },
    },
    async handler(ctx) {
      const p = ctx.principal;
      const party: Party = { type: ctx.body.party.type, id: ctx.body.party.id };
      const access = await accessToParty(ctx.deps.db.pool, p, party, 'read');
      if (!access || access.basis === 'own') throw notFound('organisation');
      const company = await companyFromRegister(ctx.deps.db.pool, party.id, ctx.requestId);
      const named = { type: 'legal' as const, id: party.id, name: company?.name ?? party.id };
      const token = await issueActForToken(ctx.deps.keys, p, named);
      await audit(
        ctx.deps.db.pool,
        auditEntry(p, access, { recipient: party }, 'login', `auth/act-for:legal:${party.id}`, ctx.requestId, {
          representative: p.person ? `${p.person.type}:${p.person.id}` : undefined,
        }),
      );
      return {
        body: {
          token,
          tokenType: 'Bearer' as const,
          expiresIn: ACT_FOR_LIFETIME_SECONDS,
          party: named,
          basis: access.basis as 'enterprise_register' | 'delegation' | 'mandate',
        },
        headers: { 'Cache-Control': 'no-store' },
      };
    },
  }),
];

// Consultations (integration API 4): what the agencies' front offices answered, in every channel.
import { route } from '../platform/routing';
import { ApiError, forbidden } from '../platform/errors';
import { actorType, type Principal } from '../platform/auth/principal';
import { registerConsultations, type ConsultationResult } from '../../db/consultations/register-consultations';
import type { Validated } from '../../forms/types/validated';

const WRITERS = ['agency-system', 'agency-officer', 'agency-admin'] as const;

function agencyOf(p: Principal): string {
  if (!p.agency) throw forbidden('Your account is not linked to an agency.');
  return p.agency;
}

function counts(results: ConsultationResult[]) {
  return {
    created: results.filter((r) => r.outcome === 'created').length,
    existing: results.filter((r) => r.outcome === 'existing').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
    results,
  };
}

export const consultationRoutes = [
  route<Validated<'consultation-create'>>({
    method: 'post',
    path: '/api/v1/consultations',
    tag: 'Case register',
    summary: 'Register one consultation (idempotent by agency and externalId)',
    auth: WRITERS,
    body: 'consultation-create',
    responses: {
      201: { description: 'Created', schema: 'post-consultations-response' },
      200: { description: 'Already registered', schema: 'post-consultations-response' },
    },
    async handler(ctx) {
      const [r] = await registerConsultations(ctx.deps.db.pool, agencyOf(ctx.principal), ctx.principal.sub, [ctx.body], {
        actorType: actorType(ctx.principal),
        requestId: ctx.requestId,
      });
      if (r.outcome === 'failed')
        throw new ApiError(r.error.code === 'validation_failed' ? 400 : 422, r.error.code, r.error.message, r.error.details);
      return { status: r.outcome === 'created' ? 201 : 200, body: { id: r.id, externalId: r.externalId, outcome: r.outcome } };
    },
  }),
  route<Validated<'consultation-batch'>>({
    method: 'post',
    path: '/api/v1/consultations/batch',
    tag: 'Case register',
    summary: 'Register up to 10,000 consultations',
    auth: WRITERS,
    body: 'consultation-batch',
    bodyLimit: '32mb',
    responses: { 200: { description: 'One result per item', schema: 'post-consultations-batch-response' } },
    async handler(ctx) {
      return {
        body: counts(
          await registerConsultations(ctx.deps.db.pool, agencyOf(ctx.principal), ctx.principal.sub, ctx.body.consultations, {
            actorType: actorType(ctx.principal),
            requestId: ctx.requestId,
          }),
        ),
      };
    },
  }),
];

// Written mandates over HTTP. At the counter, staff upload the mandate a representative presents and record it (who
// the representative is, checked against the population register; scope; validity) before anything else is done
// for the citizen. The citizen who gave a mandate sees it and revokes it, which takes effect at once.
import { route } from '../platform/routing';
import { forbidden } from '../platform/errors';
import type { Principal } from '../platform/auth/principal';
import type { PersonRef } from '../../db/domain/person-id';
import { actorKind, personKey } from '../platform/auth/policy';
import { audit } from '../../db/audit';
import { readUploadedFile } from '../platform/uploads';
import { checkRepresentativeIdentity } from './person-identity';
import { mandatesGivenBy, recordMandate, revokeMandate, storeMandateDocument } from './mandates';
import type { Validated } from '../../forms/types/validated';

const TAG = 'Mandates';
const STAFF = ['kac-staff', 'agency-officer'] as const;

function personOf(p: Principal): PersonRef {
  if (!p.person) throw forbidden('Your account has no person identity.');
  return p.person;
}
function officeOf(p: Principal): string {
  if (!p.office) throw forbidden('Recording a mandate needs an office.');
  return p.office;
}
const staffActor = (p: Principal) => ({ type: actorKind(p), id: p.sub, agency: p.agency, office: p.office });

export const mandateRoutes = [
  route({
    method: 'post',
    path: '/api/v1/mandate-documents',
    tag: TAG,
    summary: 'Staff at the counter: upload the written mandate (PDF, PNG, JPEG; X-File-Name percent-encoded)',
    auth: STAFF,
    rawBody: { contentType: 'application/pdf', description: 'The scanned mandate as the body; its name in the X-File-Name header' },
    responses: {
      201: { description: 'Stored: record the mandate with its id', schema: 'post-mandate-documents-response' },
      413: { description: 'Too large', schema: 'error' },
      415: { description: 'Type not accepted', schema: 'error' },
    },
    async handler(ctx) {
      officeOf(ctx.principal);
      const stored = await storeMandateDocument(ctx.deps.db.pool, ctx.principal, await readUploadedFile(ctx));
      await audit(ctx.deps.db.pool, {
        actor: staffActor(ctx.principal),
        action: 'create',
        resource: `mandate-document:${stored.id}`,
        purpose: 'counter:mandate-document',
        requestId: ctx.requestId,
      });
      return { status: 201, body: stored };
    },
  }),
  route<Validated<'mandate-create'>>({
    method: 'post',
    path: '/api/v1/mandates',
    tag: TAG,
    summary: 'Staff at the counter: record a written mandate (the basis to act for the citizen)',
    auth: STAFF,
    body: 'mandate-create',
    responses: {
      201: { description: 'Recorded', schema: 'mandate' },
      422: {
        description: 'Invalid fields, unknown document, or a representative the population register does not know by that name',
        schema: 'error',
      },
      503: { description: 'The population register does not answer', schema: 'error' },
    },
    async handler(ctx) {
      officeOf(ctx.principal);
      const mandate = await recordMandate(ctx.deps.db.pool, ctx.principal, ctx.body, (code, name) =>
        checkRepresentativeIdentity(ctx, code, name, '/representative', 'counter:mandate-record'),
      );
      await audit(ctx.deps.db.pool, {
        actor: staffActor(ctx.principal),
        onBehalfOf: personKey(mandate.principal),
        subject: mandate.principal,
        action: 'create',
        resource: `mandate:${mandate.id}`,
        purpose: 'counter:mandate-record',
        requestId: ctx.requestId,
        details: {
          representative: { type: mandate.representative.type, id: mandate.representative.id },
          documentId: mandate.document.id,
          scope: mandate.scope,
        },
      });
      return { status: 201, headers: { Location: `/api/v1/mandates/${mandate.id}` }, body: mandate };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/mandates',
    tag: TAG,
    summary: 'Citizen: the written mandates I gave, as recorded at counters',
    auth: ['citizen'],
    responses: { 200: { description: '{ items: [...] }', schema: 'get-me-mandates-response' } },
    async handler(ctx) {
      const person = personOf(ctx.principal);
      const items = await mandatesGivenBy(ctx.deps.db.pool, person);
      await audit(ctx.deps.db.pool, {
        actor: { type: 'citizen', id: ctx.principal.sub },
        subject: person,
        action: 'read',
        resource: 'me/mandates',
        purpose: 'own-mandates',
        requestId: ctx.requestId,
        details: { count: items.length },
      });
      return { body: { items } };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/me/mandates/:id/revoke',
    tag: TAG,
    summary: 'Citizen: revoke a mandate I gave (takes effect at once)',
    auth: ['citizen'],
    responses: {
      200: { description: 'Revoked', schema: 'mandate' },
      404: { description: 'Not yours or no such mandate', schema: 'error' },
      409: { description: 'Revoked already', schema: 'error' },
    },
    async handler(ctx) {
      const person = personOf(ctx.principal);
      const mandate = await revokeMandate(ctx.deps.db.pool, person, ctx.params.id, ctx.principal.sub);
      await audit(ctx.deps.db.pool, {
        actor: { type: 'citizen', id: ctx.principal.sub },
        subject: person,
        action: 'update',
        resource: `mandate:${mandate.id}`,
        purpose: 'mandate:revoke',
        requestId: ctx.requestId,
      });
      return { body: mandate };
    },
  }),
];

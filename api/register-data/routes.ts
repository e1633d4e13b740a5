// "My data in the registers" and "Something is wrong" (issue 18 §2): the signed-in person's data in the population,
// address, vehicle, real-estate and enterprise registers, each with its source and the time it was read; and a report
// of a discrepancy in an item, which becomes a case of the register's holder agency (followed in My cases).
import { route } from '../platform/routing';
import { forbidden } from '../platform/errors';
import { openingKeyOf } from '../platform/idempotency';
import { accessTo, auditEntry, caseSubject, ownRegisterDataSubject } from '../platform/auth/policy';
import type { RouteContext } from '../platform/routing';
import { notFound } from '../platform/errors';
import { parseCaseId } from '../platform/params';
import type { RegisterDataDiscrepancyCreate } from '../../forms/types/api';
import { audit } from '../../db/audit';
import { findCase } from '../../db/cases/read-cases';
import { discrepancyOfCase } from '../../db/register-data/discrepancies';
import { readRegisterData } from './queries';
import { presentDiscrepancy, reportRegisterDiscrepancy } from './commands';

function personalCodeOf(ctx: RouteContext): string {
  const code = ownRegisterDataSubject(ctx.principal);
  if (!code) throw forbidden('The state registers keep data by a Latvian personal code: your account has none.');
  return code;
}

export const registerDataRoutes = [
  route({
    method: 'get',
    path: '/api/v1/me/register-data',
    tag: 'Citizen',
    summary: 'What the population, address, vehicle, real-estate and enterprise registers hold about me, with sources',
    auth: ['citizen'],
    responses: {
      200: {
        description: 'One section per register; a register that does not answer in time is a section with status unavailable',
        schema: 'register-data-view',
      },
      403: { description: 'The account has no Latvian personal code', schema: 'error' },
    },
    async handler(ctx) {
      const personalCode = personalCodeOf(ctx);
      const body = await readRegisterData(ctx.deps, personalCode, {
        actor: { type: 'citizen', id: ctx.principal.sub },
        requestId: ctx.requestId,
      });
      return { headers: { 'Cache-Control': 'no-store' }, body };
    },
  }),
  route<RegisterDataDiscrepancyCreate>({
    method: 'post',
    path: '/api/v1/me/register-data/discrepancies',
    tag: 'Citizen',
    summary: "Something is wrong: report a discrepancy in a register item; it becomes a case of the register's holder",
    auth: ['citizen'],
    body: 'register-data-discrepancy-create',
    responses: {
      201: { description: 'The report and the case it opened', schema: 'register-data-discrepancy' },
      200: { description: 'The same Idempotency-Key was used before: that report', schema: 'register-data-discrepancy' },
      403: { description: 'The account has no Latvian personal code', schema: 'error' },
      422: { description: 'An unknown item or field, a blank text, or what is right the same as what is wrong', schema: 'error' },
    },
    async handler(ctx) {
      const personalCode = personalCodeOf(ctx);
      const key = openingKeyOf(ctx.req);
      const { discrepancy, created } = await reportRegisterDiscrepancy(
        ctx.deps.db.pool,
        {
          personalCode,
          name: ctx.principal.name,
          actorId: ctx.principal.sub,
          requestId: ctx.requestId,
          ...(key ? { idempotencyKey: key } : {}),
        },
        ctx.body,
      );
      return {
        status: created ? 201 : 200,
        headers: { Location: `/api/v1/cases/${discrepancy.caseId}` },
        body: discrepancy,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/cases/:id/register-discrepancy',
    tag: 'Case register',
    summary: "What the person reported as wrong in a register item: for them, and for the register's holder agency whose case it is",
    auth: ['agency-system', 'agency-officer', 'agency-admin', 'citizen'],
    params: { id: 'caseId' },
    responses: {
      200: { description: 'The report of the case', schema: 'register-data-discrepancy' },
      404: { description: 'No such case that you may see, or the case is not a discrepancy report', schema: 'error' },
    },
    async handler(ctx) {
      const id = parseCaseId(ctx.params.id);
      const row = await findCase(ctx.deps.db.pool, id);
      // The policy of the case itself: its recipient (or their representative) and its agency, nobody else.
      const access = row ? await accessTo(ctx.deps.db.pool, ctx.principal, caseSubject(row), 'read') : null;
      const report = row && access ? await discrepancyOfCase(ctx.deps.db.pool, id) : null;
      if (!row || !access || !report) throw notFound('discrepancy report');
      await audit(
        ctx.deps.db.pool,
        auditEntry(ctx.principal, access, caseSubject(row), 'read', `register-discrepancy:${id}`, ctx.requestId),
      );
      return { body: await presentDiscrepancy(ctx.deps.db.pool, report) };
    },
  }),
];

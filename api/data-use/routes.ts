// "Who used my data" (issue 18 §2): the citizen's list of the uses of their data by others, and the push API through
// which registers send their access logs (reads made in the register itself by other institutions).
import { route } from '../platform/routing';
import { actorType } from '../platform/auth/principal';
import { forbidden, unprocessable, type ErrorDetail } from '../platform/errors';
import { decodeCursor, encodeCursor, nextPageUrl } from '../platform/cursor';
import { schemaProblems } from '../../forms/validation';
import type { Validated } from '../../forms/types/validated';
import type { DataUseAccessLogRecord } from '../../forms/types/api';
import { audit } from '../../db/audit';
import { normalisePersonalCode } from '../../db/domain/person-id';
import { dataUsesOf, institutionsOf } from '../../db/data-use/uses';
import { storeAccessLogs } from '../../db/data-use/access-logs';
import { presentInstitution, presentUse } from './presenter';

const KEY = /^[ar][0-9]{19}$/;

/** Every record checked on its own: a problem names its line (/records/<i>/...); a repeated record id is one too. */
function recordProblems(records: unknown[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  records.forEach((record, i) => {
    const prefix = `/records/${i}`;
    const found = schemaProblems('data-use-access-log-record', record, { prefix });
    if (found) {
      problems.push(...found);
      return;
    }
    const r = record as DataUseAccessLogRecord;
    for (const field of ['subject', 'concerns'] as const) {
      const code = r[field];
      if (code !== undefined && normalisePersonalCode(code) === null)
        problems.push({ path: `${prefix}/${field}`, code: 'invalid_personal_code', message: 'not a valid personal code' });
    }
    if (Date.parse(r.at) > Date.now() + 5 * 60_000)
      problems.push({ path: `${prefix}/at`, code: 'in_future', message: 'a read cannot have happened in the future' });
    if (seen.has(r.recordId)) problems.push({ path: `${prefix}/recordId`, code: 'duplicate', message: 'repeated in this batch' });
    seen.add(r.recordId);
  });
  return problems;
}

export const dataUseRoutes = [
  route<Validated<'data-use-access-log-batch'>>({
    method: 'post',
    path: '/api/v1/registers/access-logs',
    tag: 'Register access logs',
    summary: "A register's access-log records (reads of persons' data by other institutions); idempotent by record id",
    auth: ['agency-system'],
    body: 'data-use-access-log-batch',
    bodyLimit: '2mb',
    responses: {
      200: { description: 'What was stored and what was there already', schema: 'data-use-access-log-receipt' },
      401: { description: 'No valid token', schema: 'error' },
      403: { description: 'The token does not carry the scope api:register-access-logs', schema: 'error' },
      422: { description: 'Records that are not valid (invalid_records): one detail per problem, by line', schema: 'error' },
    },
    async handler(ctx) {
      const { register, records } = ctx.body;
      const problems = recordProblems(records);
      if (problems.length > 0)
        throw unprocessable('invalid_records', `${problems.length} problem(s) in the batch: nothing was stored.`, problems.slice(0, 200));
      const result = await storeAccessLogs(
        ctx.deps.db.pool,
        { id: register, clientId: ctx.principal.sub, agency: ctx.principal.agency ?? register },
        records as unknown as DataUseAccessLogRecord[],
        ctx.requestId,
      );
      return { body: { received: records.length, ...result } };
    },
  }),
  route<unknown, Validated<'data-use-list-query'>>({
    method: 'get',
    path: '/api/v1/me/data-use',
    tag: 'Citizen',
    summary: 'Who used my data: reads of my data by others through the platform and in the registers, newest first',
    auth: ['citizen'],
    query: 'data-use-list-query',
    responses: {
      200: { description: 'A page of uses and the link to the next one', schema: 'data-use-list' },
      400: { description: 'A filter out of range, or a cursor this list did not give (invalid_cursor)', schema: 'error' },
    },
    async handler(ctx) {
      const person = ctx.principal.person;
      if (!person) throw forbidden('Your account has no person identity.');
      const { cursor, ...filters } = ctx.query;
      const after = cursor ? decodeCursor(cursor, [(t) => !Number.isNaN(Date.parse(t)), (k) => KEY.test(k)]) : null;
      // Only a Latvian personal code is what the registers and the audit log name a person by.
      const natural = person.type === 'natural';
      const pool = ctx.deps.db.pool;
      const [page, institutions] = natural
        ? await Promise.all([
            dataUsesOf(pool, person.id, { ...filters, ...(after ? { after: { at: after[0], key: after[1] } } : {}) }),
            institutionsOf(pool, person.id),
          ])
        : [{ rows: [], more: false }, []];
      // The person's own read: an `own-` purpose, which the list itself never shows.
      await audit(pool, {
        actor: { type: actorType(ctx.principal), id: ctx.principal.sub },
        subject: { type: person.type, id: person.id },
        action: 'read',
        resource: 'me/data-use',
        purpose: 'own-data-use',
        requestId: ctx.requestId,
        details: { count: page.rows.length },
      });
      const last = page.rows.at(-1);
      const nextCursor = page.more && last ? encodeCursor([last.at_exact, last.key]) : null;
      return {
        body: {
          items: page.rows.map(presentUse),
          institutions: institutions.map(presentInstitution),
          nextCursor,
          next: nextCursor ? nextPageUrl('/api/v1/me/data-use', filters, nextCursor) : null,
        },
      };
    },
  }),
];

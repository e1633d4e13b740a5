// Bank statements (issue 6, paying (b)): camt.053 / camt.054 imports matched to invoices by RF reference, and the
// suspense list an agency resolves.
import fs from 'node:fs';
import { route, type RouteContext } from '../../platform/routing';
import { ApiError, forbidden, notFound } from '../../platform/errors';
import type { Principal } from '../../platform/auth/principal';
import { audit } from '../../../db/audit';
import { pokeInvoices } from '../workflow-client';
import { importBankStatement, ownsAccount } from './import';
import { statementSummary } from '../../../db/billing/statements';
import { spool, tooLarge } from './spool';
import { resolveSuspense } from './suspense';
import { listSuspense } from '../../../db/billing/suspense';
import { pageFields, timeIdPosition } from '../../platform/cursor';
import { actorKind } from '../../platform/auth/policy';
import type { Validated } from '../../../forms/types/validated';

const IMPORTERS = ['agency-system', 'agency-admin'] as const;
const AGENCY = ['agency-system', 'agency-admin', 'agency-officer'] as const;
const XML_TYPES = ['application/xml', 'text/xml'];
export const MAX_STATEMENT_BYTES = 200 * 1024 * 1024;
/** Up to this many invoices are poked before the answer; more are poked after it, in the background. */
const POKE_INLINE = 1000;
const POKE_SLICE = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function agencyOf(p: Principal): string {
  if (!p.agency) throw forbidden('Your account is not linked to an agency.');
  return p.agency;
}

/** Tells the invoice workflows to re-read their state; a lost poke only delays them to their next timer. */
async function pokeAll(ctx: RouteContext, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += POKE_SLICE) await pokeInvoices(ctx.deps.temporal, ids.slice(i, i + POKE_SLICE), ctx.req.log);
}

export const bankStatementRoutes = [
  route({
    method: 'post',
    path: '/api/v1/bank-statements',
    tag: 'Billing',
    summary:
      'Import an ISO 20022 camt.053 statement or camt.054 notification (versions .001.02 to .001.08): credits are matched to invoices by RF reference',
    auth: IMPORTERS,
    rawBody: { contentType: 'application/xml', description: 'The camt.053 or camt.054 XML file as the bank sent it, up to 200 MB' },
    responses: {
      201: {
        description: 'Imported: {id, kind, entries, matched, partlyPaid, paid, suspense, duplicates, duplicate: false}',
        schema: 'bank-statement-summary',
      },
      200: {
        description: "This file (same sha256) was imported before: nothing changed; the first import's summary with duplicate: true",
        schema: 'bank-statement-summary',
      },
      400: { description: 'Not valid camt XML (invalid_camt, with the element path); nothing booked', schema: 'error' },
      403: { description: 'Your role may not import statements', schema: 'error' },
      404: {
        description:
          "The statement's account is not a registered collection account of your agency (account_not_yours; another agency's or unknown, as every other agency's resource): nothing booked",
        schema: 'error',
      },
      413: { description: 'Larger than 200 MB', schema: 'error' },
      415: { description: 'Not application/xml or text/xml', schema: 'error' },
    },
    async handler(ctx) {
      const agencyId = agencyOf(ctx.principal);
      if (!XML_TYPES.some((t) => ctx.req.is(t)))
        throw new ApiError(415, 'unsupported_media_type', 'Send the statement as application/xml or text/xml.');
      const encoding = ctx.req.headers['content-encoding'];
      if (encoding && encoding !== 'identity')
        throw new ApiError(415, 'unsupported_encoding', 'Send the statement without content encoding.');
      if (Number(ctx.req.headers['content-length'] ?? 0) > MAX_STATEMENT_BYTES) throw tooLarge(MAX_STATEMENT_BYTES);
      const upload = await spool(ctx.req, MAX_STATEMENT_BYTES);
      let result;
      try {
        result = await importBankStatement(ctx.deps.db.pool, {
          agencyId,
          importedBy: ctx.principal.sub,
          sha256: upload.sha256,
          open: () => fs.createReadStream(upload.file, { highWaterMark: 1024 * 1024 }),
        });
      } finally {
        await upload.remove();
      }
      const { summary, invoiceIds, transactions, skipped } = result;
      const p = ctx.principal;
      if (!summary.duplicate) {
        await audit(ctx.deps.db.pool, {
          actor: { type: actorKind(p), id: p.sub, agency: p.agency, office: p.office },
          action: 'create',
          resource: `bank-statement:${summary.id}`,
          purpose: 'bank-reconciliation',
          requestId: ctx.requestId,
          details: {
            kind: summary.kind,
            messageId: summary.messageId,
            bytes: upload.bytes,
            entries: summary.entries,
            transactions,
            skipped,
            matched: summary.matched,
            suspense: summary.suspense,
            duplicates: summary.duplicates,
          },
        });
        if (invoiceIds.length <= POKE_INLINE) await pokeAll(ctx, invoiceIds);
        else void pokeAll(ctx, invoiceIds).catch((err: unknown) => ctx.req.log.warn({ err }, 'invoice pokes after import failed'));
      }
      return {
        status: summary.duplicate ? 200 : 201,
        headers: { Location: `/api/v1/bank-statements/${summary.id}` },
        body: summary,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/bank-statements/:id',
    params: { id: 'uuid' },
    tag: 'Billing',
    summary: 'The summary of an imported statement of your agency',
    auth: AGENCY,
    responses: {
      200: { description: 'The summary', schema: 'bank-statement-summary' },
      404: { description: 'No such statement of your agency', schema: 'error' },
    },
    async handler(ctx) {
      const agencyId = agencyOf(ctx.principal);
      if (!UUID.test(ctx.params.id)) throw notFound('statement');
      const summary = await statementSummary(ctx.deps.db.pool, ctx.params.id);
      if (!summary || !(await ownsAccount(ctx.deps.db.pool, agencyId, summary.accountIban))) throw notFound('statement');
      return { body: summary };
    },
  }),
  route<unknown, Validated<'suspense-list-query'>>({
    method: 'get',
    path: '/api/v1/suspense',
    tag: 'Billing',
    summary:
      "Your agency's suspense list: statement credits not booked onto an invoice (open ones by default; keyset pages: follow `next`)",
    auth: AGENCY,
    query: 'suspense-list-query',
    responses: {
      200: { description: 'A page of entries and the link to the next one', schema: 'get-suspense-response' },
      400: { description: 'A filter out of range, an offset, or a cursor this list did not give (invalid_cursor)', schema: 'error' },
    },
    async handler(ctx) {
      const agencyId = agencyOf(ctx.principal);
      const { cursor, count, limit } = ctx.query;
      const after = timeIdPosition(cursor, (id) => UUID.test(id));
      const page = await listSuspense(ctx.deps.db.pool, agencyId, ctx.query, { limit, count, ...(after ? { after } : {}) });
      const p = ctx.principal;
      // Debtor names are personal data: the read is audited.
      await audit(ctx.deps.db.pool, {
        actor: { type: actorKind(p), id: p.sub, agency: p.agency, office: p.office },
        action: 'read',
        resource: 'suspense',
        purpose: 'bank-reconciliation',
        requestId: ctx.requestId,
        details: { status: ctx.query.status, statementId: ctx.query.statementId ?? null, count: page.items.length },
      });
      return { body: { items: page.items, ...pageFields('/api/v1/suspense', ctx.query, page) } };
    },
  }),
  route<Validated<'suspense-resolve'>>({
    method: 'post',
    path: '/api/v1/suspense/:id/resolve',
    params: { id: 'uuid' },
    tag: 'Billing',
    summary: 'Resolve a suspense entry: book it onto one of your invoices ({invoiceId, note}) or mark it refunded ({refund: true, note})',
    auth: AGENCY,
    body: 'suspense-resolve',
    responses: {
      200: { description: 'Resolved or refunded', schema: 'post-suspense-id-resolve-response' },
      404: { description: 'No such entry of your agency', schema: 'error' },
      409: { description: 'Resolved already, the invoice is cancelled, or the amount is not in EUR', schema: 'error' },
      422: { description: 'Not an invoice of your agency', schema: 'error' },
    },
    async handler(ctx) {
      const agencyId = agencyOf(ctx.principal);
      const p = ctx.principal;
      const outcome = await resolveSuspense(ctx.deps.db.pool, { id: ctx.params.id, agencyId, by: p.sub, resolution: ctx.body });
      await audit(ctx.deps.db.pool, {
        actor: { type: actorKind(p), id: p.sub, agency: p.agency, office: p.office },
        action: 'update',
        resource: `suspense:${outcome.entry.id}`,
        purpose: 'bank-reconciliation',
        requestId: ctx.requestId,
        details: {
          status: outcome.entry.status,
          invoiceId: outcome.invoice?.id ?? null,
          amount: outcome.entry.amount,
          currency: outcome.entry.currency,
        },
      });
      if (outcome.invoice) await pokeInvoices(ctx.deps.temporal, [outcome.invoice.id], ctx.req.log);
      return { body: outcome };
    },
  }),
];

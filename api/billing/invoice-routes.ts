// Invoices and payment checks (mission area 4, integration APIs 5 and 6).
import { route, type RouteContext } from '../platform/routing';
import { ApiError, badRequest, forbidden, notFound } from '../platform/errors';
import { actorType, hasRole, type Principal } from '../platform/auth/principal';
import { createInvoice } from '../../db/billing/invoices';
import { recordPayment } from '../../db/billing/payments';
import { invoiceIdByReference, invoiceIdsOfPayer, listAgencyInvoices, supplierOfAgency } from '../../db/billing/invoice-reads';
import { visibleInvoice } from './access';
import { loadInvoice, type Invoice } from './presenter';
import { ensureInvoiceWorkflow, pokeInvoices } from './workflow-client';
import { normaliseRfReference } from '../../db/domain/rf-reference';
import { audit } from '../../db/audit';
import { WAITS_ON_WORKFLOW, updateWorkflow } from '../platform/temporal';
import { cancelInvoiceUpdate, INVOICE_REJECTIONS, invoiceWorkflowId } from '../../workflows/invoice/api';
import type { SupplierInfo } from './formats/common';
import { renderUbl } from './formats/ubl';
import { epcQrPng, epcQrSvg, NothingToPay } from './formats/epc-qr';
import { renderInvoicePdf } from './formats/pdf';
import { inTransaction } from '../../db/transaction';
import type { Validated } from '../../forms/types/validated';

const ISSUERS = ['agency-system', 'agency-admin'] as const;
const AGENCY = ['agency-system', 'agency-admin', 'agency-officer'] as const;

function agencyOf(p: Principal): string {
  if (!p.agency) throw forbidden('Your account is not linked to an agency.');
  return p.agency;
}

export const invoiceRoutes = [
  route<Validated<'invoice-create'>>({
    method: 'post',
    path: '/api/v1/invoices',
    tag: 'Billing',
    summary: 'Issue an invoice with a platform-wide ISO 11649 payment reference (idempotent by idempotencyKey)',
    auth: ISSUERS,
    body: 'invoice-create',
    responses: {
      201: { description: 'Issued', schema: 'invoice' },
      200: { description: 'The same idempotencyKey: the invoice issued before', schema: 'invoice' },
      422: { description: 'Not issuable (IBAN, total, currency, due date)', schema: 'error' },
    },
    async handler(ctx) {
      const agencyId = agencyOf(ctx.principal);
      const { id, created } = await createInvoice(ctx.deps.db.pool, agencyId, ctx.principal.sub, ctx.body);
      await ensureInvoiceWorkflow(ctx.deps.temporal, ctx.deps.config.taskQueue, id).catch((e: unknown) =>
        ctx.req.log.warn({ err: e }, 'invoice workflow start deferred'),
      );
      const inv = await loadInvoice(ctx.deps.db.pool, id);
      if (!inv) throw notFound('invoice');
      const p = ctx.principal;
      await audit(ctx.deps.db.pool, {
        actor: { type: actorType(p), id: p.sub, agency: p.agency, office: p.office },
        subject: { type: inv.payer.type, id: inv.payer.id },
        action: created ? 'create' : 'read',
        resource: `invoice:${inv.id}`,
        purpose: 'billing',
        requestId: ctx.requestId,
      });
      return { status: created ? 201 : 200, headers: { Location: `/api/v1/invoices/${id}` }, body: inv };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/invoices',
    tag: 'Billing',
    summary: "Your agency's invoices, newest first",
    auth: AGENCY,
    responses: { 200: { description: 'Invoices', schema: 'get-invoices-response' } },
    async handler(ctx) {
      const rows = await listAgencyInvoices(ctx.deps.db.sequelize, agencyOf(ctx.principal));
      const p = ctx.principal;
      // Payers' names are personal data: one audit row per invoice listed, one insert for the list.
      await audit(
        ctx.deps.db.pool,
        rows.map((r) => ({
          actor: { type: actorType(p), id: p.sub, agency: p.agency, office: p.office },
          subject: { type: r.payerType, id: r.payerId },
          action: 'read' as const,
          resource: `invoice:${r.id}`,
          purpose: 'billing',
          requestId: ctx.requestId,
          details: { list: 'invoices' },
        })),
      );
      return {
        body: {
          items: rows.map((r) => ({
            id: r.id,
            number: r.number,
            paymentReference: r.paymentReference,
            payerName: r.payerName,
            total: Number(r.total),
            paid: Number(r.amountPaid),
            status: r.status,
            issueDate: r.issueDate,
            dueDate: r.dueDate,
          })),
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/invoices',
    tag: 'Citizen',
    summary: 'My invoices',
    auth: ['citizen'],
    responses: { 200: { description: 'Invoices', schema: 'get-me-invoices-response' } },
    async handler(ctx) {
      const person = ctx.principal.person;
      if (!person) throw forbidden('Your account has no person identity.');
      const ids = await invoiceIdsOfPayer(ctx.deps.db.sequelize, person);
      const items = await Promise.all(ids.map((id) => loadInvoice(ctx.deps.db.pool, id)));
      await audit(ctx.deps.db.pool, {
        actor: { type: 'citizen', id: ctx.principal.sub },
        subject: person,
        action: 'read',
        resource: 'me/invoices',
        purpose: 'own-invoices',
        requestId: ctx.requestId,
      });
      return { body: { items } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/invoices/:id',
    params: { id: 'uuid' },
    tag: 'Billing',
    summary: 'The invoice as JSON (links to UBL, EPC QR and PDF)',
    auth: [...AGENCY, 'citizen'],
    responses: { 200: { description: 'The invoice', schema: 'invoice' }, 404: { description: 'Not yours', schema: 'error' } },
    async handler(ctx) {
      return { body: await visibleInvoice(ctx, ctx.params.id) };
    },
  }),
  route<Validated<'invoice-cancel'>>({
    method: 'post',
    path: '/api/v1/invoices/:id/cancel',
    params: { id: 'uuid' },
    tag: 'Billing',
    summary: 'The issuer cancels an unpaid invoice',
    auth: ISSUERS,
    body: 'invoice-cancel',
    responses: {
      ...WAITS_ON_WORKFLOW,
      200: { description: 'Cancelled', schema: 'post-invoices-id-cancel-response' },
      409: { description: 'Paid already', schema: 'error' },
    },
    async handler(ctx) {
      const inv = await loadInvoice(ctx.deps.db.pool, ctx.params.id);
      if (!inv || inv.agencyId !== agencyOf(ctx.principal)) throw notFound('invoice');
      if (inv.status === 'paid' || inv.status === 'cancelled') throw new ApiError(409, 'invoice_closed', `The invoice is ${inv.status}.`);
      await ensureInvoiceWorkflow(ctx.deps.temporal, ctx.deps.config.taskQueue, inv.id);
      // An invoice whose workflow has ended is paid or cancelled: closed, like the workflow's own rejection.
      const result = await updateWorkflow<{ status: string }>(
        ctx.deps,
        invoiceWorkflowId(inv.id),
        cancelInvoiceUpdate,
        { reason: ctx.body.reason, by: ctx.principal.sub },
        {
          href: `/api/v1/invoices/${inv.id}`,
          whenGone: () => new ApiError(409, INVOICE_REJECTIONS.closed, 'The invoice is paid or cancelled already.'),
        },
      );
      const p = ctx.principal;
      await audit(ctx.deps.db.pool, {
        actor: { type: actorType(p), id: p.sub, agency: p.agency, office: p.office },
        subject: { type: inv.payer.type, id: inv.payer.id },
        action: 'update',
        resource: `invoice:${inv.id}`,
        purpose: 'billing',
        requestId: ctx.requestId,
        details: { status: result.status },
      });
      return { body: result };
    },
  }),
  route<Validated<'counter-payment'>>({
    method: 'post',
    path: '/api/v1/invoices/:id/counter-payments',
    params: { id: 'uuid' },
    tag: 'Billing',
    summary: 'Staff record a payment taken at the counter (the same receipt books once)',
    auth: ['kac-staff', 'agency-officer'],
    body: 'counter-payment',
    responses: {
      201: {
        description: 'Booked: {booked, toSuspense (EUR beyond the amount due, kept in the suspense list for a refund), invoice}',
        schema: 'post-invoices-id-counter-payments-response',
      },
      200: { description: 'This receipt was booked before', schema: 'post-invoices-id-counter-payments-response' },
      409: { description: 'Cancelled invoice', schema: 'error' },
    },
    async handler(ctx) {
      const inv = await loadInvoice(ctx.deps.db.pool, ctx.params.id);
      const p = ctx.principal;
      // Customer centres (VPVKAC) take payments for any agency; an agency's own officers only for their agency.
      if (!inv || (!hasRole(p, 'kac-staff') && inv.agencyId !== p.agency)) throw notFound('invoice');
      const outcome = await inTransaction(ctx.deps.db.pool, (client) =>
        recordPayment(client, {
          invoiceId: inv.id,
          amountCents: Math.round(ctx.body.amountEur * 100),
          source: 'counter',
          sourceRef: `counter:${p.office ?? p.agency ?? 'office'}:${ctx.body.receiptNumber}`,
          bookedAt: new Date(),
          payerName: inv.payer.name,
          recordedBy: p.sub,
        }),
      );
      if (!outcome.recorded && outcome.reason === 'cancelled')
        throw new ApiError(409, 'invoice_cancelled', 'The invoice is cancelled; nothing was booked.');
      await audit(ctx.deps.db.pool, {
        actor: { type: 'staff', id: p.sub, agency: p.agency, office: p.office },
        subject: { type: inv.payer.type, id: inv.payer.id },
        action: 'update',
        resource: `invoice:${inv.id}`,
        purpose: 'counter-payment',
        requestId: ctx.requestId,
        details: { receipt: ctx.body.receiptNumber, amountEur: ctx.body.amountEur },
      });
      await pokeInvoices(ctx.deps.temporal, [inv.id], ctx.req.log);
      // What the invoice could not take (paid meanwhile) waits in the suspense list for a refund: say so.
      const toSuspense = outcome.recorded ? outcome.overpaidCents / 100 : 0;
      return {
        status: outcome.recorded ? 201 : 200,
        body: { booked: outcome.recorded, toSuspense, invoice: await loadInvoice(ctx.deps.db.pool, inv.id) },
      };
    },
  }),
  route<unknown, Validated<'payment-check-query'>>({
    method: 'get',
    path: '/api/v1/payments/check',
    tag: 'Billing',
    summary: 'Payment status by RF reference (to the issuing agency and the payer only)',
    auth: [...AGENCY, 'citizen'],
    query: 'payment-check-query',
    responses: {
      200: { description: 'paid, partly_paid, unpaid, overdue or cancelled', schema: 'get-payments-check-response' },
      400: { description: 'Bad check digits', schema: 'error' },
      404: { description: 'Unknown or not yours', schema: 'error' },
    },
    async handler(ctx) {
      const reference = normaliseRfReference(ctx.query.reference);
      if (!reference)
        throw badRequest('invalid_reference', 'Not an ISO 11649 reference, or its check digits are wrong (mistyped).', [
          { path: '/query/reference', code: 'invalid_reference', message: 'RF + 2 check digits + up to 21 characters' },
        ]);
      const id = await invoiceIdByReference(ctx.deps.db.sequelize, reference);
      if (!id) throw notFound('invoice');
      const inv = await visibleInvoice(ctx, id);
      const status = inv.status === 'issued' ? 'unpaid' : inv.status;
      return {
        body: {
          reference,
          status,
          amountDue: inv.totals.due,
          amountPaid: inv.totals.paid,
          total: inv.totals.total,
          currency: 'EUR',
          lastPaidAt: inv.lastPaidAt,
          dueDate: inv.dueDate,
        },
      };
    },
  }),

  // ---- the machine-readable formats: each rendered from the same Invoice, to the issuer and the payer only ----
  route({
    method: 'get',
    path: '/api/v1/invoices/:id/ubl.xml',
    params: { id: 'uuid' },
    tag: 'Billing',
    summary: 'The invoice as UBL 2.1 XML (Peppol BIS Billing 3.0, EN 16931)',
    auth: [...AGENCY, 'citizen'],
    responses: {
      200: { description: 'UBL 2.1 Invoice', contentType: 'application/xml' },
      404: { description: 'Not yours', schema: 'error' },
    },
    async handler(ctx) {
      const inv = await visibleInvoice(ctx, ctx.params.id);
      const xml = renderUbl(inv, await supplierOf(ctx, inv));
      sendFile(ctx, 'application/xml; charset=utf-8', `attachment; filename="${fileName(inv)}.xml"`, xml);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/invoices/:id/qr.png',
    params: { id: 'uuid' },
    tag: 'Billing',
    summary: 'EPC QR code (EPC069-12 v002, SEPA credit transfer of the amount due, RF reference) as PNG',
    auth: [...AGENCY, 'citizen'],
    responses: {
      200: { description: 'PNG image', contentType: 'image/png' },
      404: { description: 'Not yours', schema: 'error' },
      409: { description: 'Paid or cancelled: nothing to pay', schema: 'error' },
    },
    async handler(ctx) {
      const inv = await visibleInvoice(ctx, ctx.params.id);
      sendFile(ctx, 'image/png', `inline; filename="${fileName(inv)}-qr.png"`, await qrOrConflict(() => epcQrPng(inv)));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/invoices/:id/qr.svg',
    params: { id: 'uuid' },
    tag: 'Billing',
    summary: 'EPC QR code (EPC069-12 v002, SEPA credit transfer of the amount due, RF reference) as SVG',
    auth: [...AGENCY, 'citizen'],
    responses: {
      200: { description: 'SVG image', contentType: 'image/svg+xml' },
      404: { description: 'Not yours', schema: 'error' },
      409: { description: 'Paid or cancelled: nothing to pay', schema: 'error' },
    },
    async handler(ctx) {
      const inv = await visibleInvoice(ctx, ctx.params.id);
      sendFile(ctx, 'image/svg+xml; charset=utf-8', `inline; filename="${fileName(inv)}-qr.svg"`, await qrOrConflict(() => epcQrSvg(inv)));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/invoices/:id/invoice.pdf',
    params: { id: 'uuid' },
    tag: 'Billing',
    summary: 'The invoice as a PDF for people (Latvian and English), with the EPC QR code while an amount is due',
    auth: [...AGENCY, 'citizen'],
    responses: { 200: { description: 'The PDF', contentType: 'application/pdf' }, 404: { description: 'Not yours', schema: 'error' } },
    async handler(ctx) {
      const inv = await visibleInvoice(ctx, ctx.params.id);
      const pdf = await renderInvoicePdf(inv, await supplierOf(ctx, inv));
      sendFile(ctx, 'application/pdf', `inline; filename="${fileName(inv)}.pdf"`, pdf);
    },
  }),
];

/** What the formats need about the issuing agency that the Invoice does not carry. */
async function supplierOf(ctx: RouteContext, inv: Invoice): Promise<SupplierInfo> {
  const supplier = await supplierOfAgency(ctx.deps.db.pool, inv.agencyId);
  if (!supplier) throw new Error(`agency ${inv.agencyId} of invoice ${inv.id} is missing`);
  return supplier;
}

async function qrOrConflict<T>(render: () => Promise<T>): Promise<T> {
  try {
    return await render();
  } catch (e) {
    if (e instanceof NothingToPay) {
      throw new ApiError(409, e.reason === 'too_large' ? 'amount_too_large_for_qr' : 'nothing_to_pay', e.message, [
        { code: `invoice_${e.reason}`, message: e.message },
      ]);
    }
    throw e;
  }
}

const fileName = (inv: Invoice) => `invoice-${inv.number.replace(/[^A-Za-z0-9._-]/g, '_')}`;

/** Formats carry personal data and change with every payment: never cached by shared caches, always revalidated. */
function sendFile(ctx: RouteContext, contentType: string, disposition: string, body: string | Buffer): void {
  ctx.res.set({ 'Content-Type': contentType, 'Content-Disposition': disposition, 'Cache-Control': 'private, no-store' }).send(body);
}

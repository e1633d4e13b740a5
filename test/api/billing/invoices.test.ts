// Issuing invoices: the platform's RF reference, idempotency, every refusal the issue names, who may check payment.
import { expect } from 'chai';
import { call, errorOf } from '../../helpers/http';
import { stack } from '../../setup';
import { createInvoice, type InvoiceInput } from '../../../db/billing/invoices';
import { uniqueSuffix } from '../../helpers/cases';
import { normaliseRfReference } from '../../../db/domain/rf-reference';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const anna = { type: 'natural', id: '15038511239', name: 'Anna Bērziņa' };
function invoice(extra: Record<string, unknown> = {}) {
  return {
    idempotencyKey: `inv-${uniqueSuffix()}`,
    payer: anna,
    lines: [
      { description: 'Pases fotografēšana', quantity: 1, unitPrice: 30, vatRate: 21 },
      { description: 'Piegāde', quantity: 2, unitPrice: 2.5, vatRate: 21 },
    ],
    currency: 'EUR',
    dueDate: inDays(14),
    ...extra,
  };
}

describe('api/billing/invoice-routes', () => {
  it('issues an invoice with a valid, unique RF reference and computed totals; the same key returns it', async () => {
    const body = invoice();
    const first = await call('POST', '/api/v1/invoices', { as: 'system-pmlp', json: body });
    expect(first.status).to.equal(201, JSON.stringify(first.body));
    expect(normaliseRfReference(first.body.paymentReference)).to.equal(first.body.paymentReference);
    expect(first.body.totals).to.deep.equal({ net: 35, vat: 7.35, total: 42.35, paid: 0, due: 42.35 });
    expect(first.body.creditor.iban).to.equal('LV11TREL0130000090001');
    expect(first.body.lines.map((l: any) => l.vatCategory)).to.deep.equal(['S', 'S']);
    const again = await call('POST', '/api/v1/invoices', { as: 'system-pmlp', json: body });
    expect(again.status).to.equal(200);
    expect(again.body.id).to.equal(first.body.id);
    const other = await call('POST', '/api/v1/invoices', { as: 'system-pmlp', json: invoice() });
    expect(other.body.paymentReference).to.not.equal(first.body.paymentReference);
  });

  it('refuses bad invoices with a clear error and books nothing', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ creditorIban: 'LV12 TREL 0130 0000 9000 1' }, 422, 'iban_check_digits'],
      [{ creditorIban: 'DE89370400440532013000' }, 422, 'iban_foreign'],
      [{ creditorIban: 'not an iban' }, 422, 'iban_malformed'],
      [{ lines: [{ description: 'x', quantity: 1, unitPrice: 0, vatRate: 21 }] }, 422, 'non_positive_total'],
      [{ lines: [{ description: 'x', quantity: 1, unitPrice: -5, vatRate: 0 }] }, 422, 'discount_not_supported'],
      [{ currency: 'USD' }, 422, 'currency_not_supported'],
      [{ dueDate: '2020-01-01' }, 422, 'due_date_in_past'],
      [{ payer: { ...anna, id: '150385-11238' } }, 422, 'invalid_person_id'],
      [{ lines: [{ description: 'x', quantity: 1, unitPrice: 5 }] }, 422, 'vat_missing'],
      [
        {
          lines: [
            { description: 'fee', quantity: 1, unitPrice: 5, vatExemption: { category: 'O', reason: 'Valsts nodeva' } },
            { description: 'x', quantity: 1, unitPrice: 5, vatRate: 21 },
          ],
        },
        422,
        'vat_outside_scope_mixed',
      ],
      [{ lines: [] }, 400, 'validation_failed'],
      [{ extra: true }, 400, 'validation_failed'],
    ];
    for (const [patch, status, code] of cases) {
      const r = await call('POST', '/api/v1/invoices', { as: 'system-pmlp', json: invoice(patch) });
      expect(r.status, JSON.stringify(patch)).to.equal(status);
      expect(r.body.error.code, JSON.stringify(r.body)).to.equal(code);
    }
    expect((await call('POST', '/api/v1/invoices', { as: 'citizen-anna', json: invoice() })).status).to.equal(403);
  });

  it('answers payment checks to the issuer and the payer only, and books counter payments once', async () => {
    const created = await call('POST', '/api/v1/invoices', { as: 'system-pmlp', json: invoice() });
    const ref = created.body.paymentReference as string;
    const spaced = ref.replace(/(.{4})/g, '$1 ').trim();
    const asPayer = await call('GET', `/api/v1/payments/check?reference=${encodeURIComponent(spaced)}`, { as: 'citizen-anna' });
    expect(asPayer.body).to.deep.include({ reference: ref, status: 'unpaid', amountPaid: 0, amountDue: 42.35 });
    expect((await call('GET', `/api/v1/payments/check?reference=${ref}`, { as: 'system-pmlp' })).status).to.equal(200);
    expect((await call('GET', `/api/v1/payments/check?reference=${ref}`, { as: 'citizen-janis' })).status).to.equal(404);
    expect((await call('GET', `/api/v1/payments/check?reference=${ref}`, { as: 'system-vid' })).status).to.equal(404);
    const typo = `${ref.slice(0, -1)}${ref.endsWith('1') ? '2' : '1'}`;
    const bad = await call('GET', `/api/v1/payments/check?reference=${typo}`, { as: 'system-pmlp' });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.code).to.equal('invalid_reference');

    const receipt = `R-${uniqueSuffix()}`;
    const part = await call('POST', `/api/v1/invoices/${created.body.id}/counter-payments`, {
      as: 'staff-vpvkac-riga',
      json: { amountEur: 10, receiptNumber: receipt },
    });
    expect(part.status).to.equal(201);
    expect(part.body.invoice.status).to.equal('partly_paid');
    const resent = await call('POST', `/api/v1/invoices/${created.body.id}/counter-payments`, {
      as: 'staff-vpvkac-riga',
      json: { amountEur: 10, receiptNumber: receipt },
    });
    expect(resent.status).to.equal(200);
    expect(resent.body.invoice.totals.paid).to.equal(10);
    const check = await call('GET', `/api/v1/payments/check?reference=${ref}`, { as: 'citizen-anna' });
    expect(check.body).to.deep.include({ status: 'partly_paid', amountPaid: 10, amountDue: 32.35 });
    await call('POST', `/api/v1/invoices/${created.body.id}/counter-payments`, {
      as: 'staff-vpvkac-riga',
      json: { amountEur: 32.35, receiptNumber: `${receipt}-2` },
    });
    expect((await call('GET', `/api/v1/payments/check?reference=${ref}`, { as: 'citizen-anna' })).body.status).to.equal('paid');
    // Money beyond the amount due is never added to the invoice: it waits in the suspense list, and the answer says so.
    const surplus = await call('POST', `/api/v1/invoices/${created.body.id}/counter-payments`, {
      as: 'staff-vpvkac-riga',
      json: { amountEur: 5, receiptNumber: `${receipt}-3` },
    });
    expect(surplus.status).to.equal(201);
    expect(surplus.body).to.deep.include({ booked: true, toSuspense: 5 });
    expect(surplus.body.invoice.totals).to.deep.include({ total: 42.35, paid: 42.35, due: 0 });
    const parked = await stack.db.pool.query('SELECT reason, source, amount, agency_id FROM suspense_entries WHERE source_ref = $1', [
      `counter:vpvkac-riga:${receipt}-3`,
    ]);
    expect(parked.rows).to.deep.equal([{ reason: 'overpayment', source: 'counter', amount: '5.00', agency_id: 'pmlp' }]);
  });

  it('lets the issuer cancel an unpaid invoice and refuses payments on it afterwards', async () => {
    const created = await call('POST', '/api/v1/invoices', { as: 'system-pmlp', json: invoice() });
    const cancelled = await call('POST', `/api/v1/invoices/${created.body.id}/cancel`, {
      as: 'system-pmlp',
      json: { reason: 'Izrakstīts kļūdaini' },
    });
    expect(cancelled.status).to.equal(200, JSON.stringify(cancelled.body));
    expect(cancelled.body.status).to.equal('cancelled');
    const pay = await call('POST', `/api/v1/invoices/${created.body.id}/counter-payments`, {
      as: 'staff-vpvkac-riga',
      json: { amountEur: 5, receiptNumber: `R-${uniqueSuffix()}` },
    });
    expect(pay.status).to.equal(409);
    expect(errorOf(pay)).to.deep.equal({
      code: 'invoice_cancelled',
      message: 'The invoice is cancelled; nothing was booked.',
      details: [],
    });
    const { rows: booked } = await stack.db.pool.query('SELECT count(*)::int AS n FROM payments WHERE invoice_id = $1', [created.body.id]);
    expect(booked).to.deep.equal([{ n: 0 }]);
    const foreign = await call('POST', `/api/v1/invoices/${created.body.id}/cancel`, { as: 'system-vid', json: { reason: 'not mine' } });
    expect(foreign.status).to.equal(404);
    expect(errorOf(foreign)).to.deep.equal({ code: 'not_found', message: 'No such invoice.', details: [] });
    const check = await call('GET', `/api/v1/payments/check?reference=${created.body.paymentReference}`, { as: 'system-pmlp' });
    expect(check.body.status).to.equal('cancelled');
  });

  it('refuses a discount (negative) line with 422, and answers no invoice input with a 5xx', async () => {
    const discount = await call('POST', '/api/v1/invoices', {
      as: 'system-pmlp',
      json: invoice({
        lines: [
          { description: 'Pakalpojums', quantity: 1, unitPrice: 50, vatRate: 21 },
          { description: 'Atlaide', quantity: 1, unitPrice: -10, vatRate: 21 },
        ],
      }),
    });
    expect(discount.status, JSON.stringify(discount.body)).to.equal(422);
    expect(errorOf(discount).code).to.equal('discount_not_supported');
    expect(errorOf(discount).details[0].path).to.equal('/lines/1/unitPrice');

    const line = (l: Record<string, unknown>) => invoice({ lines: [{ description: 'x', quantity: 1, unitPrice: 5, vatRate: 21, ...l }] });
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [line({ quantity: 0 }), 400, 'validation_failed'],
      [line({ quantity: 0.0001 }), 400, 'validation_failed'],
      [line({ quantity: 1.23456 }), 400, 'validation_failed'],
      [line({ unitPrice: 5.001 }), 400, 'validation_failed'],
      [line({ vatRate: 21.005 }), 400, 'validation_failed'],
      [line({ quantity: 1000000, unitPrice: 1000000000 }), 422, 'amount_too_large'],
      [
        invoice({ lines: Array.from({ length: 100 }, () => ({ description: 'x', quantity: 1000000, unitPrice: 999999, vatRate: 21 })) }),
        422,
        'amount_too_large',
      ],
      [line({ quantity: 0.001, unitPrice: 0.01 }), 422, 'non_positive_total'],
      [line({ unitPrice: 1e300 }), 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const r = await call('POST', '/api/v1/invoices', { as: 'system-pmlp', json: body });
      expect(r.status, JSON.stringify(body.lines).slice(0, 200)).to.equal(status);
      expect(errorOf(r).code, JSON.stringify(r.body)).to.equal(code);
    }
    // Close to the largest invoice the books can carry (999 999 999 999,99 EUR): issued, to the cent.
    const big = await call('POST', '/api/v1/invoices', {
      as: 'system-pmlp',
      json: line({ quantity: 826446.28, unitPrice: 1000000, vatRate: 21 }),
    });
    expect(big.status, JSON.stringify(big.body)).to.equal(201);
    expect(big.body.totals).to.deep.include({ net: 826446280000, vat: 173553718800, total: 999999998800 });
  });

  it('writes an invoice and its lines in one transaction: a failure writing the lines leaves no invoice behind', async () => {
    // PostgreSQL refuses text with NUL (the API refuses it at the door; createInvoice is called directly here), so
    // the lines fail to be written after the invoice row was.
    const body = invoice({ lines: [{ description: 'Pakalpojums\u0000', quantity: 1, unitPrice: 5, vatRate: 21 }] });
    let failed = false;
    await createInvoice(stack.db.pool, 'pmlp', 'test', body as unknown as InvoiceInput).catch(() => {
      failed = true;
    });
    expect(failed).to.equal(true);
    const { rowCount } = await stack.db.pool.query('SELECT 1 FROM invoices WHERE idempotency_key = $1', [body.idempotencyKey]);
    expect(rowCount, 'no invoice without its lines').to.equal(0);
    // and the same key then issues it whole
    const retried = await call('POST', '/api/v1/invoices', {
      as: 'system-pmlp',
      json: { ...body, lines: [{ description: 'Pakalpojums', quantity: 1, unitPrice: 5, vatRate: 21 }] },
    });
    expect(retried.status).to.equal(201);
    expect(retried.body.lines).to.have.length(1);
  });
});

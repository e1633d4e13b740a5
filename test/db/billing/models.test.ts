// The billing models read the same values SQL reads (db/connection.ts: one pool, one set of type parsers): dates as
// 'YYYY-MM-DD' strings, numerics as strings, timestamps as Dates. The presenters rely on it.
import { expect } from 'chai';
import { stack } from '../../setup';
import { uniqueSuffix } from '../../helpers/cases';
import { createInvoice } from '../../../db/billing/invoices';
import { invoiceIdByReference, invoiceIdsOfPayer, listAgencyInvoices } from '../../../db/billing/invoice-reads';
import { invoiceState, linkInvoiceToPaymentRequest } from '../../../db/billing/invoice-lifecycle';
import { findAgencyAccount } from '../../../db/billing/agency-accounts';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('db/billing models', () => {
  it('read an invoice as SQL does: dates as strings, amounts as numeric strings', async () => {
    const dueDate = inDays(21);
    const payer = { type: 'legal' as const, id: String(40_000_000_000 + Math.floor(Math.random() * 1e9)), name: 'SIA Modelis' }; // a payer of its own
    const { id } = await createInvoice(stack.appDb.pool, 'pmlp', 'test', {
      idempotencyKey: `model-${uniqueSuffix()}`,
      payer,
      lines: [{ description: 'Izziņa', quantity: 1, unitPrice: 12.5, vatRate: 21 }],
      currency: 'EUR',
      dueDate,
    });
    const sql = (await stack.appDb.pool.query('SELECT * FROM invoices WHERE id = $1', [id])).rows[0];

    const listed = (await listAgencyInvoices(stack.appDb.sequelize, 'pmlp')).find((r) => r.id === id);
    expect(listed, 'the new invoice is in the agency list').to.not.equal(undefined);
    expect(listed?.dueDate).to.equal(sql.due_date).and.to.equal(dueDate);
    expect(listed?.issueDate).to.equal(sql.issue_date);
    expect(listed?.total).to.equal(sql.total).and.to.equal('15.13');
    expect(listed?.amountPaid).to.equal(sql.amount_paid);
    expect(await invoiceState(stack.appDb.pool, id)).to.deep.equal({ status: 'issued', dueDate });

    expect(await invoiceIdsOfPayer(stack.appDb.sequelize, payer)).to.deep.equal([id]);
    expect(await invoiceIdByReference(stack.appDb.sequelize, sql.payment_reference)).to.equal(id);

    await linkInvoiceToPaymentRequest(stack.appDb.pool, id, 'request-1');
    const linked = await stack.appDb.pool.query('SELECT payment_request_id FROM invoices WHERE id = $1', [id]);
    expect(linked.rows[0].payment_request_id).to.equal('request-1');
  });

  it('read a collection account with its timestamps as ISO strings', async () => {
    const sql = (await stack.appDb.pool.query("SELECT * FROM agency_accounts WHERE agency_id = 'pmlp' LIMIT 1")).rows[0];
    const account = await findAgencyAccount(stack.appDb.sequelize, sql.iban);
    expect(account?.createdAt).to.equal((sql.created_at as Date).toISOString());
  });
});

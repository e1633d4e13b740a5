// The "issue an invoice" form's rules (fast tier): what the administrator typed → the request, or the problems in
// the form's order, each on its field; dates as dd.mm.yyyy whatever the browser's locale; amounts with a comma.
import { expect } from 'chai';
import {
  emptyLine,
  fieldOfPointer,
  invoiceRequest,
  parseAmount,
  parseDay,
  type InvoiceInput,
} from '../../../ui/src/billing/issue-invoice-form';

const TODAY = '2026-12-04';
const filled = (more: Partial<InvoiceInput> = {}): InvoiceInput => ({
  payerType: 'natural',
  payerId: '021178-14569',
  payerName: 'Jānis Kalniņš',
  payerAddress: '',
  lines: [{ description: 'Pases izgatavošana', quantity: '1', unitPrice: '36,05', vat: 'exempt-O' }],
  dueDate: '18.12.2026',
  caseId: '',
  ...more,
});

describe('ui/billing/issue-invoice-form', () => {
  it('builds the request: personal code without the hyphen, decimal comma, a state fee outside VAT, the ISO due date', () => {
    const { request, problems } = invoiceRequest(filled(), 'ui-key-123456', TODAY);
    expect(problems).to.deep.equal([]);
    expect(request).to.deep.equal({
      idempotencyKey: 'ui-key-123456',
      payer: { type: 'natural', id: '02117814569', name: 'Jānis Kalniņš' },
      lines: [
        {
          description: 'Pases izgatavošana',
          quantity: 1,
          unitPrice: 36.05,
          vatExemption: { category: 'O', reason: 'Valsts nodeva / State fee' },
        },
      ],
      currency: 'EUR',
      dueDate: '2026-12-18',
    });
    const company = invoiceRequest(
      filled({
        payerType: 'legal',
        payerId: '40003000642',
        lines: [{ ...emptyLine(), description: 'Konsultācija', unitPrice: '100', vat: '21' }],
        caseId: 'lv-0000000001-97',
      }),
      'ui-key-123456',
      TODAY,
    ).request;
    expect(company?.lines[0]).to.deep.equal({ description: 'Konsultācija', quantity: 1, unitPrice: 100, vatRate: 21 });
    expect(company?.caseId).to.equal('LV-0000000001-97');
  });

  it('names every problem on its field, in the order of the form, with how to fix it', () => {
    const { problems } = invoiceRequest(
      filled({
        payerId: '12345',
        payerName: ' ',
        lines: [{ description: '', quantity: '0', unitPrice: '36,055', vat: '21' }],
        dueDate: '31.02.2027',
        caseId: 'LV-1',
      }),
      'k',
      TODAY,
    );
    expect(problems.map((p) => [p.fieldId, p.messageKey])).to.deep.equal([
      ['payer-id', 'issue.errors.payerIdFormat.natural'],
      ['payer-name', 'issue.errors.payerNameMissing'],
      ['line-0-description', 'issue.errors.descriptionMissing'],
      ['line-0-quantity', 'issue.errors.quantity'],
      ['line-0-unitPrice', 'issue.errors.unitPrice'],
      ['due-date', 'issue.errors.dueDateFormat'],
      ['case-id', 'issue.errors.caseId'],
    ]);
    expect(invoiceRequest(filled({ dueDate: '03.12.2026' }), 'k', TODAY).problems.map((p) => p.messageKey)).to.deep.equal([
      'issue.errors.dueDatePast',
    ]);
    const mixed = filled({ lines: [...filled().lines, { description: 'Steidzamība', quantity: '1', unitPrice: '10', vat: '21' }] });
    expect(invoiceRequest(mixed, 'k', TODAY).problems.map((p) => [p.fieldId, p.messageKey])).to.deep.equal([
      ['line-1-vat', 'issue.errors.vatMixed'],
    ]);
  });

  it('reads dates and amounts strictly', () => {
    expect(parseDay('1.2.2027')).to.equal('2027-02-01');
    expect(parseDay('2027-02-01')).to.equal(null);
    expect(parseDay('29.02.2027')).to.equal(null);
    expect(parseAmount('1 234,50')).to.equal(1234.5);
    expect(parseAmount('12,3,4')).to.equal(null);
  });

  it("points the server's field errors at the form's fields", () => {
    expect(fieldOfPointer('/lines/2/unitPrice')).to.equal('line-2-unitPrice');
    expect(fieldOfPointer('/payer/id')).to.equal('payer-id');
    expect(fieldOfPointer('/creditorIban')).to.equal(null);
  });
});

// Bank statements: camt.053 and camt.054 imports matched to invoices by RF reference (full, partial and over
// payments, unknown references), idempotent by file and by entry, refused when not valid camt, and the suspense
// list an agency resolves — and only its own.
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { call, errorOf } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { stack } from '../../setup';
import { waitFor } from '../../helpers/wait';
import { makeRfReference } from '../../../db/domain/rf-reference';
import { CamtError, CamtReader, findRfReference, type CamtTransaction } from '../../../api/billing/statements/camt';
import { importBankStatement } from '../../../api/billing/statements/import';
import { recordPayment } from '../../../db/billing/payments';
import { PMLP_IBAN, camt, today, type Entry } from '../../helpers/camt';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const anna = { type: 'natural', id: '15038511239', name: 'Anna Bērziņa' };

const postStatement = (xml: string, as = 'system-pmlp', contentType = 'application/xml') =>
  call('POST', '/api/v1/bank-statements', { as, body: xml, headers: { 'content-type': contentType } });

async function newInvoice(as = 'system-pmlp'): Promise<{ id: string; ref: string }> {
  const r = await call('POST', '/api/v1/invoices', {
    as,
    json: {
      idempotencyKey: `camt-${uniqueSuffix()}`,
      payer: anna,
      currency: 'EUR',
      dueDate: inDays(14),
      lines: [{ description: 'Pases izsniegšana', quantity: 1, unitPrice: 35, vatRate: 21 }], // 42.35
    },
  });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return { id: r.body.id, ref: r.body.paymentReference };
}

const check = async (ref: string) => (await call('GET', `/api/v1/payments/check?reference=${ref}`, { as: 'system-pmlp' })).body;
const count = async (table: 'payments' | 'suspense_entries' | 'bank_statements') =>
  Number((await stack.db.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
const unknownRef = () => makeRfReference(`9${String(Date.now()).slice(-8)}${Math.floor(Math.random() * 1000)}`);

async function suspenseOf(statementId: string, as = 'system-pmlp'): Promise<any[]> {
  const r = await call('GET', `/api/v1/suspense?status=all&limit=500&statementId=${statementId}`, { as });
  expect(r.status).to.equal(200);
  expect(r.body.items.every((s: any) => s.statementId === statementId)).to.equal(true);
  return r.body.items;
}

describe('api/billing/statements/routes', () => {
  it('books a camt.053: full, partial and over payments, unknown and missing references, other currencies, debits and pending entries', async () => {
    const [a, b, c] = [await newInvoice(), await newInvoice(), await newInvoice()];
    const ghost = unknownRef();
    const s = uniqueSuffix();
    const xml = camt('053', [
      { ref: `A-${s}`, txs: [{ amount: '42.35', ref: a.ref, debtor: 'Anna Bērziņa' }] },
      { ref: `B-${s}`, txs: [{ amount: '10.00', ref: b.ref }] },
      { ref: `C-${s}`, txs: [{ amount: '50', ref: c.ref }] },
      { ref: `D-${s}`, txs: [{ amount: '12.00', ref: ghost, debtor: 'Jānis Kalniņš' }] },
      { ref: `E-${s}`, txs: [{ amount: '5.00', ustrd: 'Paldies &amp; veiksmi' }] },
      { ref: `F-${s}`, ccy: 'USD', txs: [{ amount: '7.00', ccy: 'USD', ref: b.ref }] },
      { ref: `G-${s}`, cdtDbt: 'DBIT', txs: [{ amount: '3.00', ref: b.ref }] },
      { ref: `H-${s}`, status: 'PDNG', txs: [{ amount: '4.00', ref: b.ref }] },
    ]);
    const before = await count('payments');
    const r = await postStatement(xml);
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body).to.include({
      kind: 'camt.053',
      entries: 8,
      matched: 3,
      paid: 2,
      partlyPaid: 1,
      suspense: 4,
      duplicates: 0,
      duplicate: false,
      accountIban: PMLP_IBAN,
    });
    expect(r.headers.get('location')).to.equal(`/api/v1/bank-statements/${r.body.id}`);
    expect(await count('payments')).to.equal(before + 3);

    expect(await check(a.ref)).to.include({ status: 'paid', amountPaid: 42.35, amountDue: 0 });
    expect(await check(b.ref)).to.include({ status: 'partly_paid', amountPaid: 10, amountDue: 32.35 });
    // the excess of an overpayment is not added to the invoice: it waits in suspense
    expect(await check(c.ref)).to.include({ status: 'paid', amountPaid: 42.35, amountDue: 0 });

    const parked = await suspenseOf(r.body.id);
    const byReason = Object.fromEntries(parked.map((p) => [p.reason, p]));
    expect(Object.keys(byReason).sort()).to.deep.equal(['currency', 'no_reference', 'overpayment', 'unknown_reference']);
    expect(byReason.overpayment).to.include({ amount: 7.65, currency: 'EUR', reference: c.ref, status: 'open' });
    expect(byReason.unknown_reference).to.include({ amount: 12, reference: ghost, debtorName: 'Jānis Kalniņš' });
    expect(byReason.no_reference).to.include({ amount: 5, reference: null, remittance: 'Paldies & veiksmi' });
    expect(byReason.currency).to.include({ amount: 7, currency: 'USD' });

    const summary = await call('GET', `/api/v1/bank-statements/${r.body.id}`, { as: 'admin-pmlp' });
    expect(summary.body).to.include({ entries: 8, matched: 3, paid: 2, partlyPaid: 1, suspense: 4 });
    expect((await call('GET', `/api/v1/bank-statements/${r.body.id}`, { as: 'system-vid' })).status).to.equal(404);
  });

  it('changes nothing when the same file comes twice, and books an entry once when another statement repeats it', async () => {
    const [a, b, c] = [await newInvoice(), await newInvoice(), await newInvoice()];
    const s = uniqueSuffix();
    const xml = camt('053', [
      { ref: `P-${s}`, txs: [{ amount: '20.00', ref: a.ref }] },
      { ref: `Q-${s}`, txs: [{ amount: '9.99', ref: unknownRef() }] },
    ]);
    const first = await postStatement(xml);
    expect(first.status).to.equal(201);
    const counts = [await count('payments'), await count('suspense_entries'), await count('bank_statements')];

    const again = await postStatement(xml, 'system-pmlp', 'text/xml; charset=utf-8');
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.equal({ ...first.body, duplicate: true });
    expect([await count('payments'), await count('suspense_entries'), await count('bank_statements')]).to.deep.equal(counts);
    expect(await check(a.ref)).to.include({ status: 'partly_paid', amountPaid: 20 });

    // The day's camt.054 notification (version .08) repeats entry P (same bank reference); it pays the rest of A by
    // an RF reference typed into the free text, and B and C in one entry with two transactions.
    const spaced = a.ref.replace(/(.{4})/g, '$1 ').trim();
    const notification = camt(
      '054',
      [
        { ref: `P-${s}`, txs: [{ amount: '20.00', ref: a.ref }] },
        { ref: `R-${s}`, txs: [{ amount: '22.35', ustrd: `Rekins par pasi ${spaced}`, debtor: 'Anna Bērziņa' }] },
        {
          txs: [
            { amount: '42.35', ref: b.ref, txRef: `S1-${s}` },
            { amount: '42.35', ref: c.ref, txRef: `S2-${s}` },
          ],
        },
      ],
      { version: 8 },
    );
    const second = await postStatement(notification);
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
    expect(second.body).to.include({ kind: 'camt.054', entries: 3, matched: 3, paid: 3, partlyPaid: 0, suspense: 0, duplicates: 1 });
    expect(await check(a.ref)).to.include({ status: 'paid', amountPaid: 42.35 });
    expect(await check(b.ref)).to.include({ status: 'paid', amountPaid: 42.35 });
    expect(await check(c.ref)).to.include({ status: 'paid', amountPaid: 42.35 });
    const payments = (
      await stack.db.pool.query('SELECT source, source_ref, amount, payer_name FROM payments WHERE invoice_id = $1 ORDER BY amount', [a.id])
    ).rows;
    expect(payments.map((p) => [p.source, p.source_ref, Number(p.amount)])).to.deep.equal([
      ['bank_statement', `camt:${PMLP_IBAN}:P-${s}`, 20],
      ['bank_statement', `camt:${PMLP_IBAN}:R-${s}`, 22.35],
    ]);
    expect(payments[1].payer_name).to.equal('Anna Bērziņa');
  });

  it('books both credits of one entry that share a bank reference, and nothing twice when the file or the entry comes again', async () => {
    const [a, b] = [await newInvoice(), await newInvoice()];
    const s = uniqueSuffix();
    // One entry, two transactions with the same AcctSvcrRef (and the same end-to-end id): two payments, not one.
    const shared = [
      {
        txs: [
          { amount: '42.35', ref: a.ref, txRef: `SAME-${s}`, e2e: `E2E-${s}` },
          { amount: '42.35', ref: b.ref, txRef: `SAME-${s}`, e2e: `E2E-${s}` },
        ],
      },
    ];
    const xml = camt('053', shared);
    const first = await postStatement(xml);
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body).to.include({ matched: 2, paid: 2, suspense: 0, duplicates: 0 });
    expect(await check(a.ref)).to.include({ status: 'paid', amountPaid: 42.35 });
    expect(await check(b.ref)).to.include({ status: 'paid', amountPaid: 42.35 });
    const refs = (
      await stack.db.pool.query('SELECT source_ref FROM payments WHERE statement_id = $1 ORDER BY source_ref', [first.body.id])
    ).rows.map((r) => r.source_ref);
    expect(refs).to.deep.equal([`camt:${PMLP_IBAN}:SAME-${s}#1`, `camt:${PMLP_IBAN}:SAME-${s}#2`]);

    const before = [await count('payments'), await count('suspense_entries')];
    expect((await postStatement(xml)).body).to.include({ duplicate: true });
    // The day's notification repeats the same entry: known again, booked nothing.
    const repeat = await postStatement(camt('054', shared, { version: 8 }));
    expect(repeat.body).to.include({ matched: 0, suspense: 0, duplicates: 2 });
    expect([await count('payments'), await count('suspense_entries')]).to.deep.equal(before);
  });

  it('keeps a credit inside a debit entry in suspense (conflicting_direction), never booked and never dropped', async () => {
    const a = await newInvoice();
    const s = uniqueSuffix();
    const xml = camt(
      '054',
      [
        {
          ref: `MIX-${s}`,
          cdtDbt: 'DBIT',
          txs: [
            { amount: '42.35', ref: a.ref, cdtDbt: 'CRDT' },
            { amount: '1.00', ref: a.ref, cdtDbt: 'DBIT' },
          ],
        },
      ],
      { version: 8 },
    );
    const r = await postStatement(xml);
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body).to.include({ matched: 0, suspense: 1 });
    expect((await suspenseOf(r.body.id)).map((e) => [e.reason, e.amount, e.reference])).to.deep.equal([
      ['conflicting_direction', 42.35, a.ref],
    ]);
    expect(await check(a.ref)).to.include({ status: 'unpaid', amountPaid: 0 });
  });

  it('books payments to one invoice in document order, keeps an overdue invoice overdue and respects a payment booked meanwhile', async () => {
    const [a, b, c] = [await newInvoice(), await newInvoice(), await newInvoice()];
    await stack.db.pool.query("UPDATE invoices SET status = 'overdue' WHERE id = $1", [b.id]);
    const s = uniqueSuffix();
    const xml = camt('053', [
      { ref: `1-${s}`, txs: [{ amount: '20.00', ref: a.ref }] },
      { ref: `2-${s}`, txs: [{ amount: '20.00', ref: a.ref }] },
      { ref: `3-${s}`, txs: [{ amount: '10.00', ref: a.ref }] }, // 2.35 settles the invoice, 7.65 is an excess
      { ref: `1-${s}`, txs: [{ amount: '20.00', ref: a.ref }] }, // the same entry again in the same file
      { ref: `4-${s}`, txs: [{ amount: '5.00', ref: b.ref }] },
      { ref: `5-${s}`, txs: [{ amount: '42.35', ref: c.ref }] },
    ]);
    // While the import books, a counter payment of 10.00 to invoice C holds C's row; it commits once the import's
    // booking waits for that row (seen in pg_locks, not guessed with a delay): the import finds C changed, undoes
    // its chunk and books it again against the new state.
    const attempts: number[] = [];
    let counterCommitted: Promise<void> | undefined;
    const result = await importBankStatement(stack.db.pool, {
      agencyId: 'pmlp',
      importedBy: 'test',
      open: () => Readable.from([Buffer.from(xml)]),
      async beforeBooking(attempt) {
        attempts.push(attempt);
        if (attempt > 0) return;
        const other = await stack.db.pool.connect();
        const pid = (await other.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
        await other.query('BEGIN');
        await recordPayment(other, {
          invoiceId: c.id,
          amountCents: 1000,
          source: 'counter',
          sourceRef: `counter:test:${s}`,
          bookedAt: new Date(),
          recordedBy: 'test',
        });
        counterCommitted = waitFor(
          "the import to wait for the counter payment's row lock",
          async () =>
            (await stack.db.pool.query('SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid])).rowCount! > 0,
        )
          .then(
            async () => {
              await other.query('COMMIT');
            },
            async (e: unknown) => {
              await other.query('ROLLBACK');
              throw e;
            },
          )
          .finally(() => other.release());
      },
    });
    await counterCommitted;
    expect(attempts).to.deep.equal([0, 1]);
    expect(result.summary).to.include({ entries: 6, matched: 5, paid: 2, partlyPaid: 1, suspense: 2, duplicates: 1 });
    expect(await check(a.ref)).to.include({ status: 'paid', amountPaid: 42.35 });
    expect(await check(b.ref)).to.include({ status: 'overdue', amountPaid: 5 });
    expect(await check(c.ref)).to.include({ status: 'paid', amountPaid: 42.35 });
    const excess = (await suspenseOf(result.summary.id)).map((e) => [e.reason, e.reference, e.amount]).sort((x, y) => x[2] - y[2]);
    expect(excess).to.deep.equal([
      ['overpayment', a.ref, 7.65],
      ['overpayment', c.ref, 10],
    ]);
    const booked = (
      await stack.db.pool.query('SELECT amount FROM payments WHERE invoice_id = $1 ORDER BY source, amount', [c.id])
    ).rows.map((r) => Number(r.amount));
    expect(booked).to.deep.equal([32.35, 10]);

    // Without a hash from the caller, the same bytes are recognised when the import ends: rolled back, nothing changes.
    const paymentsBefore = await count('payments');
    const again = await importBankStatement(stack.db.pool, {
      agencyId: 'pmlp',
      importedBy: 'test',
      open: () => Readable.from([Buffer.from(xml)]),
    });
    // (paid / partly paid are recounted from the payments made up to the first import's start: the counter
    // payment that raced it counts as later)
    expect(again.summary).to.include({ id: result.summary.id, duplicate: true, entries: 6, matched: 5, suspense: 2, duplicates: 1 });
    expect(await count('payments')).to.equal(paymentsBefore);
  });

  it('books a statement of thousands of entries in chunks, with running sums across them', async () => {
    const inv = await newInvoice();
    const s = uniqueSuffix();
    const entries: Entry[] = [];
    for (let i = 0; i < 2400; i += 1) entries.push({ ref: `C${i}-${s}`, txs: [{ amount: '0.01', ref: inv.ref }] });
    for (let i = 0; i < 100; i += 1) entries.push({ ref: `U${i}-${s}`, txs: [{ amount: '1.00', ref: unknownRef() }] });
    const r = await postStatement(camt('053', entries));
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body).to.include({ entries: 2500, matched: 2400, paid: 0, partlyPaid: 1, suspense: 100, duplicates: 0 });
    expect(await check(inv.ref)).to.include({ status: 'partly_paid', amountPaid: 24 });
    // Payment ids: UUIDv7, distinct, later chunks after earlier ones (the primary key is appended to).
    const { rows } = await stack.db.pool.query(
      `SELECT id::text AS id, source_ref FROM payments WHERE statement_id = $1 ORDER BY (substring(source_ref from 'C([0-9]+)-'))::int`,
      [r.body.id],
    );
    expect(rows).to.have.length(2400);
    expect(new Set(rows.map((x) => x.id)).size).to.equal(2400);
    for (const { id } of rows) expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const first = rows[0].id as string;
    const last = rows[rows.length - 1].id as string;
    expect(last > first, 'the last chunk has larger ids than the first').to.equal(true);
    const listed = await call('GET', `/api/v1/suspense?statementId=${r.body.id}&limit=95&count=true`, { as: 'system-pmlp' });
    expect(listed.body).to.include({ total: 100, totalExact: true });
    expect(listed.body.items).to.have.length(95);
    const rest = await call('GET', listed.body.next, { as: 'system-pmlp' });
    expect(rest.body.items).to.have.length(5);
    expect(rest.body.next).to.equal(null);
    expect(new Set([...listed.body.items, ...rest.body.items].map((s: { id: string }) => s.id)).size).to.equal(100);
  });

  it('books a payment to a cancelled invoice into suspense', async () => {
    const inv = await newInvoice();
    const cancelled = await call('POST', `/api/v1/invoices/${inv.id}/cancel`, {
      as: 'system-pmlp',
      json: { reason: 'Pieteikums atsaukts' },
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    const r = await postStatement(camt('053', [{ ref: `X-${uniqueSuffix()}`, txs: [{ amount: '42.35', ref: inv.ref }] }]));
    expect(r.body).to.include({ matched: 0, suspense: 1 });
    expect((await suspenseOf(r.body.id))[0]).to.include({ reason: 'cancelled_invoice', amount: 42.35, reference: inv.ref });
    expect(await check(inv.ref)).to.include({ status: 'cancelled', amountPaid: 0 });
  });

  it('refuses what is not valid camt XML with 400 and books nothing, even when the fault is in the last entry', async () => {
    const inv = await newInvoice();
    const good = (amount: string) =>
      camt(
        '053',
        [
          { ref: `OK-${uniqueSuffix()}`, txs: [{ amount: '1.00', ref: inv.ref }] },
          { ref: `Z-${uniqueSuffix()}`, amount, txs: [{ amount: '2.00', ref: inv.ref }] },
        ],
        { broken: true },
      );
    const lastBookingDate = (xml: string, date: string) => {
      const at = xml.lastIndexOf(`<BookgDt><Dt>${today}`);
      return `${xml.slice(0, at)}<BookgDt><Dt>${date}${xml.slice(at + `<BookgDt><Dt>${today}`.length)}`;
    };
    const cases: Array<[string, string, string?]> = [
      ['this is not xml <', 'not_xml'],
      ['<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>x</MsgId>', 'not_xml'],
      ['', 'not_xml'],
      [good('1.00').replace(/camt\.053\.001\.02/, 'camt.052.001.02'), 'wrong_namespace', '/Document'],
      [good('1.00').replace(/camt\.053\.001\.02/, 'pain.001.001.03'), 'wrong_namespace'],
      [good('1.00').replace(/camt\.053\.001\.02/, 'camt.053.001.09'), 'wrong_namespace'],
      [
        good('1.00').replace('BkToCstmrStmt>', 'BkToCstmrDbtCdtNtfctn>').replace('</BkToCstmrStmt>', '</BkToCstmrDbtCdtNtfctn>'),
        'wrong_message',
      ],
      ['<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>', 'wrong_root'],
      [good('12,50'), 'invalid_amount', '/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/Amt'],
      [
        good('2.00').replace(/<TxAmt><Amt Ccy="EUR">2\.00<\/Amt>(?![\s\S]*<TxAmt>)/, '<TxAmt><Amt Ccy="EUR">2.0.0</Amt>'),
        'invalid_amount',
        '/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/NtryDtls/TxDtls[1]/AmtDtls/TxAmt/Amt',
      ],
      [good('-3.00'), 'invalid_amount'],
      [good('1e3'), 'invalid_amount'],
      [good('2.005'), 'invalid_amount'],
      [
        good('2.00').replace(/<Amt Ccy="EUR">2\.00<\/Amt><CdtDbtInd>/, '<Amt>2.00</Amt><CdtDbtInd>'),
        'missing_currency',
        '/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/Amt',
      ],
      [good('1.00').replace(/<MsgId>[^<]*<\/MsgId>/, ''), 'missing_element'],
      [good('1.00').replace(/<Acct>.*<\/Acct>/, ''), 'missing_element'],
      [lastBookingDate(good('2.00'), '2024-02-30'), 'invalid_date', '/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/BookgDt/Dt'],
      [
        good('2.00').replace(/(<Ntry><NtryRef>2<\/NtryRef><Amt Ccy="EUR">2\.00<\/Amt>)<CdtDbtInd>CRDT<\/CdtDbtInd>/, '$1'),
        'missing_element',
        '/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/CdtDbtInd',
      ],
    ];
    const before = [await count('payments'), await count('suspense_entries'), await count('bank_statements')];
    for (const [xml, code, path] of cases) {
      const r = await postStatement(xml);
      expect(r.status, `${code}: ${JSON.stringify(r.body)}`).to.equal(400);
      const e = errorOf(r);
      expect(e.code).to.equal('invalid_camt');
      expect(e.details[0].code, JSON.stringify(e)).to.equal(code);
      if (path) expect(e.details[0].path).to.equal(path);
    }
    expect([await count('payments'), await count('suspense_entries'), await count('bank_statements')]).to.deep.equal(before);
    expect(await check(inv.ref)).to.include({ status: 'unpaid', amountPaid: 0 });

    const json = await call('POST', '/api/v1/bank-statements', { as: 'system-pmlp', json: { xml: good('1.00') } });
    expect(json.status).to.equal(415);
    expect((await postStatement(good('1.00'), 'citizen-anna')).status).to.equal(403);
    expect((await postStatement(good('1.00'), 'officer-pmlp')).status).to.equal(403);
  });

  it('keeps each agency to its own statements and suspense entries, and resolves them onto an invoice or as a refund', async () => {
    const target = await newInvoice();
    const vidInvoice = await newInvoice('system-vid');
    const s = uniqueSuffix();
    const xml = camt('053', [
      { ref: `U1-${s}`, txs: [{ amount: '42.35', ref: unknownRef(), debtor: 'Anna Bērziņa' }] },
      { ref: `U2-${s}`, txs: [{ amount: '3.00', ustrd: 'kļūda' }] },
      // a reference of another agency's invoice is not this agency's to book
      { ref: `U3-${s}`, txs: [{ amount: '1.00', ref: vidInvoice.ref }] },
    ]);
    // VID cannot import a statement of PMLP's account
    const foreign = await postStatement(xml, 'system-vid');
    expect(foreign.status).to.equal(404);
    expect(errorOf(foreign).code).to.equal('account_not_yours');

    const r = await postStatement(xml);
    expect(r.body).to.include({ matched: 0, suspense: 3 });
    const parked = await suspenseOf(r.body.id);
    const u1 = parked.find((p) => p.amount === 42.35);
    const u2 = parked.find((p) => p.amount === 3);
    expect(parked.find((p) => p.amount === 1)).to.include({ reason: 'unknown_reference' });

    // VID neither sees nor touches PMLP's entries
    expect(await suspenseOf(r.body.id, 'system-vid')).to.deep.equal([]);
    const byVid = await call('POST', `/api/v1/suspense/${u1.id}/resolve`, {
      as: 'system-vid',
      json: { invoiceId: vidInvoice.id, note: 'mine' },
    });
    expect(byVid.status).to.equal(404);
    expect(errorOf(byVid).code).to.equal('not_found');

    // bad requests
    expect(
      (
        await call('POST', `/api/v1/suspense/${u1.id}/resolve`, {
          as: 'system-pmlp',
          json: { invoiceId: target.id, refund: true, note: 'both' },
        })
      ).status,
    ).to.equal(400);
    expect((await call('POST', `/api/v1/suspense/${u1.id}/resolve`, { as: 'system-pmlp', json: { note: 'neither' } })).status).to.equal(
      400,
    );
    const wrongInvoice = await call('POST', `/api/v1/suspense/${u1.id}/resolve`, {
      as: 'system-pmlp',
      json: { invoiceId: vidInvoice.id, note: 'VID invoice' },
    });
    expect(wrongInvoice.status).to.equal(422);
    expect(
      (await call('POST', '/api/v1/suspense/not-a-uuid/resolve', { as: 'system-pmlp', json: { refund: true, note: 'x' } })).status,
    ).to.equal(404);

    const paymentsBefore = await count('payments');
    const resolved = await call('POST', `/api/v1/suspense/${u1.id}/resolve`, {
      as: 'officer-pmlp',
      json: { invoiceId: target.id, note: 'Maksātāja atsauce ar kļūdu' },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).to.equal(200);
    expect(resolved.body.entry).to.include({
      status: 'resolved',
      resolvedInvoiceId: target.id,
      resolvedBy: 'officer-pmlp',
      note: 'Maksātāja atsauce ar kļūdu',
    });
    expect(resolved.body.invoice).to.include({ id: target.id, status: 'paid', amountPaid: 42.35 });
    expect(await count('payments')).to.equal(paymentsBefore + 1);
    const booked = (await stack.db.pool.query('SELECT source, source_ref, statement_id FROM payments WHERE invoice_id = $1', [target.id]))
      .rows;
    expect(booked).to.deep.equal([{ source: 'suspense', source_ref: `suspense:${u1.id}`, statement_id: r.body.id }]);
    expect(await check(target.ref)).to.include({ status: 'paid', amountPaid: 42.35 });

    const twice = await call('POST', `/api/v1/suspense/${u1.id}/resolve`, { as: 'system-pmlp', json: { refund: true, note: 'again' } });
    expect(twice.status).to.equal(409);
    expect(errorOf(twice).code).to.equal('suspense_closed');

    const refunded = await call('POST', `/api/v1/suspense/${u2.id}/resolve`, {
      as: 'admin-pmlp',
      json: { refund: true, note: 'Atmaksāts maksātājam' },
    });
    expect(refunded.status).to.equal(200);
    expect(refunded.body).to.deep.include({ invoice: null });
    expect(refunded.body.entry).to.include({ status: 'refunded', resolvedInvoiceId: null });

    const open = await call('GET', '/api/v1/suspense', { as: 'system-pmlp' });
    expect(open.body.items.map((i: any) => i.id)).to.not.include.members([u1.id, u2.id]);
    expect(open.body.items.every((i: any) => i.status === 'open')).to.equal(true);
    expect((await call('GET', '/api/v1/suspense', { as: 'citizen-anna' })).status).to.equal(403);
  });
});

describe('api/billing/statements/camt', () => {
  const read = (xml: string) => {
    const txs: CamtTransaction[] = [];
    const reader = new CamtReader({
      header() {},
      account() {},
      transaction(t) {
        txs.push(t);
      },
    });
    reader.write(Buffer.from(xml));
    return { header: reader.end(), txs, totals: reader.totals };
  };

  it('reads every version from .02 to .08 and prefixed documents, byte by byte as well', () => {
    const ref = makeRfReference('123456');
    for (const version of [2, 3, 4, 5, 6, 7, 8]) {
      const xml = camt('053', [{ ref: 'E1', txs: [{ amount: '10.5', ref, debtor: 'Līga' }] }], { version, msgId: 'M1' });
      const { header, txs } = read(xml);
      expect(header).to.include({ kind: 'camt.053', version: `camt.053.001.0${version}`, messageId: 'M1' });
      expect(txs).to.have.length(1);
      expect(txs[0]).to.include({
        amount: '10.5',
        currency: 'EUR',
        reference: ref,
        debtorName: 'Līga',
        sourceRef: `camt:${PMLP_IBAN}:E1`,
        bookedAt: today,
      });
    }
    const prefixed = camt('054', [{ txs: [{ amount: '1.00', ref, txRef: 'T9' }] }])
      .replace(/<(\/?)([A-Z])/g, '<$1c:$2')
      .replace('<c:Document xmlns=', '<c:Document xmlns:c=');
    const txs: CamtTransaction[] = [];
    const reader = new CamtReader({
      header() {},
      account() {},
      transaction(t) {
        txs.push(t);
      },
    });
    for (const byte of Buffer.from(prefixed)) reader.write(Buffer.from([byte]));
    expect(reader.end().kind).to.equal('camt.054');
    expect(txs.map((t) => [t.sourceRef, t.amount])).to.deep.equal([[`camt:${PMLP_IBAN}:T9`, '1.00']]);
  });

  it('skips elements of other namespaces and refuses entities it cannot resolve', () => {
    const xml = camt('053', [{ ref: 'E1', txs: [{ amount: '2.00' }] }]).replace(
      '<Acct>',
      '<x:Extra xmlns:x="urn:other"><x:Amt>not a number</x:Amt></x:Extra><Acct>',
    );
    expect(read(xml).txs).to.have.length(1);
    expect(() => read(camt('053', [{ ref: 'E1', txs: [{ amount: '2.00', ustrd: '&xxe;' }] }], { broken: true }))).to.throw(CamtError);
  });

  it('finds an RF reference in free text', () => {
    const ref = makeRfReference('539007547034');
    expect(findRfReference(`Par pasi ${ref.replace(/(.{4})/g, '$1 ')} 2024`)).to.equal(ref);
    expect(findRfReference(`ref:${ref.toLowerCase()}.`)).to.equal(ref);
    expect(findRfReference('RF00 1234 nothing')).to.equal(null);
  });
});

// Bank accounts belong to agencies (issue 13). The attack first: VID names PMLP's collection account on its own
// invoice to make the account "its own", then imports PMLP's statement, reads it, and shadows PMLP's genuine
// payment as a duplicate. Then the accounts as reference data a platform administrator keeps.
import { expect } from 'chai';
import { call, errorOf } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { stack } from '../../setup';
import { PMLP_IBAN, camt } from '../../helpers/camt';
import { hasValidIso7064CheckDigits, ibanWithIso7064CheckDigits } from '../../helpers/iso7064';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const anna = { type: 'natural', id: '15038511239', name: 'Anna Bērziņa' };
const VID_IBAN = 'LV81TREL0130000090002';

function invoice(extra: Record<string, unknown> = {}) {
  return {
    idempotencyKey: `acct-${uniqueSuffix()}`,
    payer: anna,
    currency: 'EUR',
    dueDate: inDays(14),
    lines: [{ description: 'Pakalpojums', quantity: 1, unitPrice: 35, vatRate: 21 }],
    ...extra, // 42.35
  };
}

/** A Latvian IBAN for a bank code and 13 characters, its check digits computed apart from the code under test. */
const latvianIban = (bank: string, account: string): string => ibanWithIso7064CheckDigits('LV', `${bank}${account}`);

const postStatement = (xml: string, as: string) =>
  call('POST', '/api/v1/bank-statements', { as, body: xml, headers: { 'content-type': 'application/xml' } });

describe('agency collection accounts', () => {
  it("attack: another agency can neither name PMLP's account, nor import or read its statement, nor shadow its payment", async () => {
    const genuine = await call('POST', '/api/v1/invoices', { as: 'system-pmlp', json: invoice() });
    expect(genuine.status, JSON.stringify(genuine.body)).to.equal(201);

    // 1. VID puts PMLP's IBAN on its own invoice: refused, and nothing is written.
    const key = `attack-${uniqueSuffix()}`;
    const forged = await call('POST', '/api/v1/invoices', {
      as: 'system-vid',
      json: invoice({ idempotencyKey: key, creditorIban: PMLP_IBAN }),
    });
    expect(forged.status, JSON.stringify(forged.body)).to.equal(422);
    expect(errorOf(forged).code).to.equal('account_not_agency');
    expect((await stack.db.pool.query('SELECT 1 FROM invoices WHERE idempotency_key = $1', [key])).rowCount).to.equal(0);
    // Even with such an invoice in the books (written before this fix), an invoice does not make an account VID's.
    await stack.db.pool.query(
      `INSERT INTO invoices (id, number, agency_id, idempotency_key, payment_reference, payer_type, payer_id, payer_name, currency,
        creditor_iban, creditor_name, issue_date, due_date, total_net, total_vat, total, status, created_by)
      VALUES (gen_random_uuid(), $1, 'vid', $1, $2, 'natural', '15038511239', 'Anna', 'EUR', $3, 'VID', current_date, current_date, 1, 0, 1, 'issued', 'test')`,
      [`LEGACY-${uniqueSuffix()}`, `RF00LEGACY${uniqueSuffix()}`.slice(0, 25), PMLP_IBAN],
    );

    // 2. VID imports PMLP's statement holding the genuine payment: refused, nothing booked or parked.
    const s = uniqueSuffix();
    const xml = camt('053', [
      { ref: `GENUINE-${s}`, txs: [{ amount: '42.35', ref: genuine.body.paymentReference, debtor: 'Anna Bērziņa' }] },
    ]);
    const byVid = await postStatement(xml, 'system-vid');
    expect(byVid.status, JSON.stringify(byVid.body)).to.equal(404);
    expect(errorOf(byVid).code).to.equal('account_not_yours');
    const parked = await stack.db.pool.query('SELECT 1 FROM suspense_entries WHERE source_ref LIKE $1', [`%GENUINE-${s}%`]);
    expect(parked.rowCount, 'nothing of the statement kept under VID').to.equal(0);

    // 3. PMLP imports its statement: the genuine payment books (not a "duplicate"), and only PMLP reads it.
    const byPmlp = await postStatement(xml, 'system-pmlp');
    expect(byPmlp.status, JSON.stringify(byPmlp.body)).to.equal(201);
    expect(byPmlp.body).to.include({ matched: 1, duplicates: 0, suspense: 0, paid: 1 });
    expect((await call('GET', `/api/v1/invoices/${genuine.body.id}`, { as: 'system-pmlp' })).body.status).to.equal('paid');
    expect((await call('GET', `/api/v1/bank-statements/${byPmlp.body.id}`, { as: 'system-vid' })).status).to.equal(404);
    expect((await call('GET', `/api/v1/bank-statements/${byPmlp.body.id}`, { as: 'officer-pmlp' })).status).to.equal(200);
    const vidSuspense = await call('GET', `/api/v1/suspense?status=all&statementId=${byPmlp.body.id}`, { as: 'system-vid' });
    expect(vidSuspense.body.items).to.deep.equal([]);
    // The same file again, by VID: still refused (the first import's summary is PMLP's).
    expect((await postStatement(xml, 'system-vid')).status).to.equal(404);
  });

  it('lets a platform administrator register, list and deactivate accounts (audited); invoices name only active own ones', async () => {
    const iban = latvianIban('HABA', `${Date.now()}`.slice(-13).padStart(13, '0'));
    const create = (as: string, json: Record<string, unknown>) => call('POST', '/api/v1/agency-accounts', { as, json });

    expect(hasValidIso7064CheckDigits(iban), iban).to.equal(true);
    for (const persona of ['system-vid', 'catalogue-admin']) {
      const notAdmin = await create(persona, { agencyId: 'vid', iban, name: 'VID Swedbank' });
      expect(notAdmin.status, persona).to.equal(403);
      expect(errorOf(notAdmin).code, persona).to.equal('forbidden');
    }
    const bad = await create('platform-admin', {
      agencyId: 'vid',
      iban: `${iban.slice(0, 2)}${iban[2] === '9' ? '0' : '9'}${iban.slice(3)}`,
      name: 'typo',
    });
    expect(errorOf(bad).code).to.equal('iban_check_digits');
    expect(errorOf(await create('platform-admin', { agencyId: 'nope', iban, name: 'x' })).code).to.equal('unknown_agency');

    const created = await create('platform-admin', {
      agencyId: 'vid',
      iban: iban.replace(/(.{4})/g, '$1 ').trim(),
      bic: 'HABALV22',
      name: 'VID Swedbank',
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).to.include({ iban, bic: 'HABALV22', agencyId: 'vid', active: true, createdBy: 'platform-admin' });
    const again = await create('platform-admin', { agencyId: 'pmlp', iban, name: 'PMLP wants it too' });
    expect(again.status).to.equal(409);
    expect(errorOf(again).code).to.equal('account_exists');

    const one = await call('GET', created.headers.get('location') as string, { as: 'officer-vid' });
    expect(one.body).to.deep.equal(created.body);
    const othersAccount = await call('GET', `/api/v1/agency-accounts/${iban}`, { as: 'officer-pmlp' });
    expect(othersAccount.status).to.equal(404);
    expect(errorOf(othersAccount).code).to.equal('not_found');
    const all = await call('GET', '/api/v1/agency-accounts?agencyId=vid', { as: 'platform-admin' });
    expect(all.body.items.map((a: any) => a.iban)).to.include.members([VID_IBAN, iban]);
    const own = await call('GET', '/api/v1/agency-accounts', { as: 'officer-vid' });
    expect(own.body.items.every((a: any) => a.agencyId === 'vid')).to.equal(true);
    const othersList = await call('GET', '/api/v1/agency-accounts?agencyId=pmlp', { as: 'officer-vid' });
    expect(othersList.status).to.equal(404);
    expect(errorOf(othersList).code).to.equal('not_found');
    const citizen = await call('GET', '/api/v1/agency-accounts', { as: 'citizen-anna' });
    expect(citizen.status).to.equal(403);
    expect(errorOf(citizen).code).to.equal('forbidden');

    const named = await call('POST', '/api/v1/invoices', { as: 'system-vid', json: invoice({ creditorIban: iban }) });
    expect(named.status, JSON.stringify(named.body)).to.equal(201);
    expect(named.body.creditor).to.include({ iban, bic: 'HABALV22' });

    const off = await call('POST', `/api/v1/agency-accounts/${iban}/deactivate`, {
      as: 'platform-admin',
      json: { reason: 'Konts slēgts' },
    });
    expect(off.status, JSON.stringify(off.body)).to.equal(200);
    expect(off.body).to.include({ active: false, deactivatedBy: 'platform-admin' });
    const unknownAccount = await call('POST', '/api/v1/agency-accounts/LV00NOPE0000000000000/deactivate', {
      as: 'platform-admin',
      json: { reason: 'x' },
    });
    expect(unknownAccount.status).to.equal(404);
    expect(errorOf(unknownAccount).code).to.equal('not_found');
    const refused = await call('POST', '/api/v1/invoices', { as: 'system-vid', json: invoice({ creditorIban: iban }) });
    expect(errorOf(refused).code).to.equal('account_not_agency');
    const byDefault = await call('POST', '/api/v1/invoices', { as: 'system-vid', json: invoice() });
    expect(byDefault.body.creditor.iban).to.equal(VID_IBAN);
    // The closed account's last statement is still VID's to import.
    const last = await postStatement(
      camt('053', [{ ref: `LAST-${uniqueSuffix()}`, txs: [{ amount: '1.00', ref: named.body.paymentReference }] }], { iban }),
      'system-vid',
    );
    expect(last.status, JSON.stringify(last.body)).to.equal(201);
    expect(last.body).to.include({ matched: 1 });

    const { rows } = await stack.db.pool.query(
      `SELECT action, details->>'agencyId' AS agency FROM audit_log WHERE resource = $1 AND actor_id = 'platform-admin' ORDER BY id`,
      [`agency-account:${iban}`],
    );
    expect(rows).to.deep.equal([
      { action: 'create', agency: 'vid' },
      { action: 'update', agency: 'vid' },
    ]);
  });
});

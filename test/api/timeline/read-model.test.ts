// The read model of the history (issue 18 §3) receives every kind of event once: triggers on the source tables write
// it in the source row's own transaction, so the same source row never makes two events, whatever is retried; the
// backfill of migration 0028 rebuilds exactly what the triggers wrote. Runs against the real stack of test/setup.ts.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { insertNotification, recordEAddressDelivery } from '../../../db/applications/messages';
import { timelineForExport } from '../../../db/timeline/events';
import { TIMELINE_SOURCES, insertEvents } from '../../../db/timeline/sources';
import { counterCaseWithDecision } from '../../helpers/my-cases';
import { JANIS, JURIS, LIGA, eventsOf, eventsOfCase, ext, inDays, ok, registerCase, run } from '../../helpers/timeline';

describe('api/timeline: the read model', () => {
  it('receives a case and its status changes, from every channel, once', async () => {
    const body = {
      externalId: ext('case'),
      serviceId: 'residence-declaration',
      channel: 'in_person',
      officeId: 'pmlp-riga-1',
      recipient: { type: 'natural', id: JURIS },
      representative: { type: 'natural', id: JANIS, name: 'Jānis Kalniņš', basis: 'legal_representative' },
    };
    const created = ok(await registerCase(body), 201);
    ok(await call('POST', `/api/v1/cases/${created.id}/status`, { as: 'system-pmlp', json: { status: 'in_progress' } }));
    // The agency's system sends the same case again (a retry): it is the same case, and no event is added.
    await registerCase(body);
    const events = await eventsOfCase(created.id);
    const juris = events.filter((e) => e.person_id === JURIS);
    expect(juris.map((e) => e.kind)).to.deep.equal(['case', 'case-status', 'case-status']);
    expect(juris[0]).to.include({ agency_id: 'pmlp', role: 'self' });
    expect(juris[0].title_lv).to.match(/^Reģistrēta lieta: .+ \(Klātienē\)$/);
    expect(juris[0].title_en).to.match(/^Case registered: .+ \(In person\)$/);
    expect(juris[2].title_en).to.match(/: In progress$/);
    // The representative has the case in their own history, as representative.
    const janis = events.filter((e) => e.person_id === JANIS);
    expect(janis.map((e) => [e.kind, e.role])).to.deep.equal([
      ['case', 'representative'],
      ['case-status', 'representative'],
      ['case-status', 'representative'],
    ]);
    expect(janis[0].title_en).to.match(/\(as representative\)$/);
  });

  it('receives a case an agency registers from its own e-service, but no platform e-service draft', async () => {
    const created = ok(
      await registerCase({
        externalId: ext('own-eservice'),
        serviceId: 'residence-declaration',
        channel: 'eservice',
        recipient: { type: 'natural', id: JURIS },
      }),
      201,
    );
    expect((await eventsOfCase(created.id)).map((e) => e.kind)).to.deep.equal(['case', 'case-status']);
  });

  it('receives notifications and e-address messages once, however often the activity retries', async () => {
    const created = ok(
      await registerCase({
        externalId: ext('msg'),
        serviceId: 'residence-declaration',
        channel: 'post',
        recipient: { type: 'natural', id: JURIS },
      }),
      201,
    );
    const id = `notif-${run}`;
    const note = {
      id,
      caseId: created.id,
      recipient: { type: 'natural', id: JURIS },
      subject: { lv: 'Jauns lēmums', en: 'A new decision' },
      body: { lv: 'x', en: 'x' },
    };
    const delivery = { idempotencyKey: `deliver-${run}`, caseId: created.id, messageId: `msg-${run}`, skippedReason: null };
    for (let i = 0; i < 2; i += 1) {
      await insertNotification(stack.db.pool, note);
      await recordEAddressDelivery(stack.db.pool, delivery);
    }
    await recordEAddressDelivery(stack.db.pool, {
      ...delivery,
      idempotencyKey: `skipped-${run}`,
      messageId: null,
      skippedReason: 'no_mailbox',
    });
    const [n] = await eventsOf('notifications', [id]);
    expect(n).to.include({
      kind: 'notification',
      person_id: JURIS,
      agency_id: 'pmlp',
      title_lv: 'Jauns lēmums',
      title_en: 'A new decision',
    });
    const messages = await eventsOf('e_address_deliveries', [`deliver-${run}`, `skipped-${run}`]);
    expect(messages.map((m) => [m.kind, m.reference])).to.deep.equal([['message', `msg-${run}`]]);
  });

  it('receives an invoice and each payment once, and the cancellation of an invoice', async () => {
    const invoice = ok(
      await call('POST', '/api/v1/invoices', {
        as: 'system-pmlp',
        json: {
          idempotencyKey: ext('inv'),
          payer: { type: 'natural', id: JURIS, name: 'Juris Jansons' },
          currency: 'EUR',
          dueDate: inDays(14),
          lines: [{ description: 'Pakalpojums', quantity: 1, unitPrice: 10, vatRate: 21 }],
        },
      }),
      201,
    );
    const receipt = ext('receipt');
    const pay = () =>
      call('POST', `/api/v1/invoices/${invoice.id}/counter-payments`, {
        as: 'staff-vpvkac-riga',
        json: { amountEur: 4, receiptNumber: receipt },
      });
    ok(await pay(), 201);
    ok(await pay()); // the same receipt again: no second payment
    const [issued] = await eventsOf('invoices', [invoice.id]);
    expect(issued).to.include({ kind: 'invoice', person_id: JURIS, agency_id: 'pmlp', reference: invoice.paymentReference });
    const payments = (
      await stack.db.pool.query("SELECT * FROM timeline_events WHERE source = 'payments' AND reference = $1", [invoice.paymentReference])
    ).rows;
    expect(payments).to.have.length(1);
    expect(payments[0].title_en).to.equal(`Payment of EUR 4.00 received for invoice ${invoice.number}`);
    const cancelled = await call('POST', `/api/v1/invoices/${invoice.id}/cancel`, {
      as: 'system-pmlp',
      json: { reason: 'Kļūda rēķinā' },
    });
    if (cancelled.status === 200) {
      expect((await eventsOf('invoices', [`${invoice.id}:cancelled`])).map((e) => e.title_en)).to.deep.equal([
        `Invoice ${invoice.number} cancelled`,
      ]);
    } else {
      expect(cancelled.status).to.be.within(400, 499); // a partly paid invoice may not be cancellable
    }
  });

  it('receives a consultation, a delegation given and received (and its revocation), and a co-browsing session with who joined', async () => {
    const consultation = {
      externalId: ext('cons'),
      channel: 'phone',
      topic: 'Dzīvesvietas deklarēšana',
      durationMinutes: 5,
      person: { type: 'natural', id: JURIS },
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    };
    const first = ok(await call('POST', '/api/v1/consultations', { as: 'system-pmlp', json: consultation }), 201);
    await call('POST', '/api/v1/consultations', { as: 'system-pmlp', json: consultation });
    const [c] = await eventsOf('consultations', [String(first.id)]);
    expect(c).to.include({ kind: 'consultation', agency_id: 'pmlp', title_en: 'Consultation (Phone): Dzīvesvietas deklarēšana' });
    expect(
      (
        await stack.db.pool.query("SELECT 1 FROM timeline_events WHERE source = 'consultations' AND reference = $1", [
          consultation.externalId,
        ])
      ).rowCount,
    ).to.equal(1);

    const delegation = ok(
      await call('POST', '/api/v1/me/delegations', {
        as: 'citizen-juris',
        json: {
          representative: { type: 'natural', id: LIGA, name: 'Līga Ozoliņa' },
          validFrom: inDays(0),
          validUntil: inDays(30),
          scope: 'all',
        },
      }),
      201,
    );
    ok(await call('POST', `/api/v1/me/delegations/${delegation.id}/revoke`, { as: 'citizen-juris' }));
    const d = await eventsOf('delegations', [
      `${delegation.id}:given`,
      `${delegation.id}:received`,
      `${delegation.id}:given:revoked`,
      `${delegation.id}:received:revoked`,
    ]);
    expect(d.map((e) => [e.source_id.split(':').slice(1).join(':'), e.person_id, e.role])).to.deep.equal([
      ['given', JURIS, 'principal'],
      ['given:revoked', JURIS, 'principal'],
      ['received', LIGA, 'delegate'],
      ['received:revoked', LIGA, 'delegate'],
    ]);
    expect(d[0].title_en).to.equal('Delegation given to Līga Ozoliņa');

    const code = ok(await call('POST', '/api/v1/assist-codes', { as: 'citizen-juris', json: { scope: 'portal', mode: 'view' } }), 201);
    ok(await call('POST', '/api/v1/assist-sessions', { as: 'support-specialist', json: { code: code.code } }), 201);
    const g = await eventsOf('assist_grants', [code.grant.id, `${code.grant.id}:joined`]);
    expect(g.map((e) => [e.kind, e.person_id])).to.deep.equal([
      ['co-browsing', JURIS],
      ['co-browsing', JURIS],
    ]);
    // Who joined: their role and office, never their name.
    expect(g[1].title_en).to.equal('Joined your co-browsing session: support specialist');
    expect(g[1].title_lv).to.equal('Koplietošanas sesijai pievienojās atbalsta speciālists');

    // The citizen sees them in their history, in Latvian and English.
    const mine = ok(await call('GET', '/api/v1/me/timeline?kind=co-browsing&limit=5', { as: 'citizen-juris' }));
    expect(mine.items.map((e: any) => e.id)).to.include.members(g.map((e) => String(e.id)));
    expect(mine.items[0].title).to.have.keys('lv', 'en');
    // And the export hook gives them all as plain JSON.
    const exported = await timelineForExport(stack.db.pool, JURIS);
    expect(exported.some((e) => e.reference === delegation.id && e.role === 'principal')).to.equal(true);
    expect(JSON.parse(JSON.stringify(exported))).to.deep.equal(exported);
  });

  it('receives an e-service application from its submission (never as a draft), its statuses and what the workflow sent', async function () {
    this.timeout(180_000);
    const id = await counterCaseWithDecision(LIGA, { id: JANIS, name: 'Jānis Kalniņš' });
    const events = await eventsOfCase(id);
    const liga = events.filter((e) => e.person_id === LIGA);
    const kinds = liga.map((e) => e.kind);
    expect(kinds).to.include.members(['application', 'case-status', 'notification']);
    expect(kinds).to.not.include('case'); // an e-service case is in the history as its application
    expect(liga.some((e) => e.kind === 'case-status' && /Melnraksts|Draft/.test(e.title_en + e.title_lv))).to.equal(false);
    const application = liga.find((e) => e.kind === 'application');
    expect(application).to.include({ agency_id: 'pmlp', source: 'applications', source_id: id });
    expect(application?.title_en).to.match(/^E-service application submitted: /);
    // Jānis submitted it as her representative: it is in his history too.
    expect(events.some((e) => e.person_id === JANIS && e.kind === 'application' && e.role === 'representative')).to.equal(true);
    // The written mandate Līga gave Jānis at the counter: given in hers, received in his.
    const mandate = (await stack.db.pool.query('SELECT representative_basis_ref AS id FROM cases WHERE id = $1', [id])).rows[0].id;
    const mandates = await eventsOf('mandates', [`${mandate}:given`, `${mandate}:received`]);
    expect(mandates.map((e) => [e.kind, e.person_id, e.role])).to.deep.equal([
      ['delegation', LIGA, 'principal'],
      ['delegation', JANIS, 'delegate'],
    ]);
    expect(mandates[0].title_en).to.equal('Written mandate given to Jānis Kalniņš');
  });

  it('is rebuilt by the backfill of migration 0028 exactly as the triggers wrote it', async () => {
    const created = ok(
      await registerCase({
        externalId: ext('backfill'),
        serviceId: 'residence-declaration',
        channel: 'email',
        recipient: { type: 'natural', id: JURIS },
        statusHistory: [
          { status: 'submitted', at: '2024-03-01T10:00:00Z' },
          { status: 'answered', at: '2024-03-02T10:00:00Z', label: 'Atbildēts' },
        ],
      }),
      201,
    );
    const columns = 'person_id, occurred_at, kind, role, agency_id, title_lv, title_en, case_id, reference, source, source_id';
    const before = (
      await stack.db.pool.query(`SELECT ${columns} FROM timeline_events WHERE case_id = $1 ORDER BY source, source_id`, [created.id])
    ).rows;
    expect(before).to.have.length(3);
    await stack.db.pool.query('DELETE FROM timeline_events WHERE case_id = $1', [created.id]);
    for (const source of TIMELINE_SOURCES.filter((s) => ['cases', 'case_status_events'].includes(s.name))) {
      await stack.db.pool.query(insertEvents(source.select(source.table)));
    }
    const after = (
      await stack.db.pool.query(`SELECT ${columns} FROM timeline_events WHERE case_id = $1 ORDER BY source, source_id`, [created.id])
    ).rows;
    expect(after).to.deep.equal(before);
  });

  it('holds no event twice: every (source, source id) once', async () => {
    const dupes = await stack.db.pool.query('SELECT source, source_id FROM timeline_events GROUP BY 1, 2 HAVING count(*) > 1');
    expect(dupes.rows).to.deep.equal([]);
  });
});

// One history of a person's dealings with the state (issue 18 §3), as people see it: the citizen's own history filtered
// by kind, agency and period and paged by an opaque cursor; nobody sees another person's history; an agency sees its
// own events of a client, widened only by a legal basis its agency holds, and each such view is audited with that
// basis. Runs against the real stack of test/setup.ts.
import { expect } from 'chai';
import { call, errorOf } from '../../helpers/http';
import { traced } from '../../helpers/audit';
import { LIGA, allPages, ext, inDays, ok, registerCase, run } from '../../helpers/timeline';

describe('api/timeline: the citizen’s history and an agency’s view', () => {
  // Līga's events on one day of the past no other test uses (the run's own day), so the counts are exact.
  const day = new Date(Date.UTC(1995, 0, 1) + (parseInt(run, 16) % 3650) * 86_400_000).toISOString().slice(0, 10);
  const at = (hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00Z`;
  const period = `from=${day}&to=${day}`;
  before(async () => {
    for (let i = 0; i < 5; i += 1) {
      const body = {
        externalId: ext('p-cons'),
        channel: 'in_person',
        topic: `Jautājums ${i}`,
        durationMinutes: 3,
        person: { type: 'natural', id: LIGA },
        occurredAt: at(8 + i),
      };
      ok(await call('POST', '/api/v1/consultations', { as: 'system-pmlp', json: body }), 201);
    }
    const vidCase = {
      externalId: ext('p-vid'),
      serviceId: 'income-tax-return',
      channel: 'other',
      recipient: { type: 'natural', id: LIGA },
      registeredAt: at(14),
      statusHistory: [{ status: 'submitted', at: at(14) }],
    };
    ok(await registerCase(vidCase, 'system-vid'), 201); // a case and its first status: two events of VID
  });

  it('filters by period, kind and agency, newest first, in pages that follow `next`', async () => {
    const all = await allPages(`/api/v1/me/timeline?${period}&limit=2`, 'citizen-liga');
    expect(all.pages).to.equal(4);
    expect(all.items).to.have.length(7);
    expect(new Set(all.items.map((e) => e.id)).size).to.equal(7);
    const times = all.items.map((e) => Date.parse(e.occurredAt));
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    expect(all.items[0].agency).to.deep.include({ id: 'vid' });
    expect(all.items[0].agency.name).to.have.keys('lv', 'en');

    const consultations = ok(await call('GET', `/api/v1/me/timeline?${period}&kind=consultation`, { as: 'citizen-liga' }));
    expect(consultations.items).to.have.length(5);
    expect(consultations.items.map((e: any) => e.title.en)).to.deep.equal(
      [4, 3, 2, 1, 0].map((i) => `Consultation (In person): Jautājums ${i}`),
    );
    const vid = ok(await call('GET', `/api/v1/me/timeline?${period}&agencyId=vid`, { as: 'citizen-liga' }));
    expect(vid.items.map((e: any) => e.kind).sort()).to.deep.equal(['case', 'case-status']);
    expect(vid.agencies.map((a: any) => a.id)).to.include.members(['pmlp', 'vid']);
  });

  it('refuses a foreign cursor, a period that ends before it starts and an unknown kind with a 400', async () => {
    const bad = await call('GET', '/api/v1/me/timeline?cursor=bm90LWEtY3Vyc29y', { as: 'citizen-liga' });
    expect(bad.status).to.equal(400);
    expect(errorOf(bad).code).to.equal('invalid_cursor');
    const backwards = await call('GET', '/api/v1/me/timeline?from=2020-02-01&to=2020-01-01', { as: 'citizen-liga' });
    expect(backwards.status).to.equal(400);
    expect(errorOf(backwards).code).to.equal('invalid_period');
    expect((await call('GET', '/api/v1/me/timeline?kind=gossip', { as: 'citizen-liga' })).status).to.equal(400);
    const basis = await call('GET', '/api/v1/me/timeline?legalBasis=guardianship', { as: 'citizen-liga' });
    expect(basis.status).to.equal(400);
  });

  it('never shows a citizen another person’s history', async () => {
    const janis = ok(await call('GET', `/api/v1/me/timeline?${period}`, { as: 'citizen-janis' }));
    expect(janis.items).to.deep.equal([]);
    // A citizen cannot use the agency view at all.
    expect((await call('GET', `/api/v1/agency/clients/${LIGA}/timeline`, { as: 'citizen-janis' })).status).to.equal(403);
  });

  it('shows an agency only its own events of a client, and what the legal basis its agency holds allows; each view audited', async () => {
    const { res, audit } = await traced('GET', `/api/v1/agency/clients/${LIGA}/timeline?${period}`, { as: 'officer-vid' });
    const vid = ok(res);
    expect(vid.items.map((e: any) => e.agency.id)).to.deep.equal(['vid', 'vid']);
    expect(vid.agencies.map((a: any) => a.id)).to.deep.equal(['vid']);
    expect(audit).to.have.length(1);
    expect(audit[0]).to.include({
      actor_type: 'staff',
      actor_id: 'officer-vid',
      actor_agency: 'vid',
      actor_office: 'vid-riga',
      subject_type: 'natural',
      subject_id: LIGA,
      action: 'read',
      purpose: 'client-timeline',
    });
    expect(audit[0].details).to.include({ role: 'agency-officer', count: 2 });
    expect(audit[0].details).to.not.have.property('legalBasis');

    const pmlp = ok(await call('GET', `/api/v1/agency/clients/${LIGA}/timeline?${period}`, { as: 'officer-pmlp' }));
    expect(pmlp.items).to.have.length(5);
    expect(pmlp.items.every((e: any) => e.agency.id === 'pmlp')).to.equal(true);

    // A PMLP invoice of the client: VID sees it only on the tax-administration basis, which VID holds and PMLP not.
    const invoice = ok(
      await call('POST', '/api/v1/invoices', {
        as: 'system-pmlp',
        json: {
          idempotencyKey: ext('basis'),
          payer: { type: 'natural', id: LIGA, name: 'Līga Ozoliņa' },
          currency: 'EUR',
          dueDate: inDays(14),
          lines: [{ description: 'Pakalpojums', quantity: 1, unitPrice: 5, vatRate: 21 }],
        },
      }),
      201,
    );
    const withoutBasis = ok(await call('GET', `/api/v1/agency/clients/${LIGA}/timeline?kind=invoice&limit=100`, { as: 'officer-vid' }));
    expect(withoutBasis.items.map((e: any) => e.reference)).to.not.include(invoice.paymentReference);
    const widened = await traced('GET', `/api/v1/agency/clients/${LIGA}/timeline?kind=invoice&limit=100&legalBasis=tax-administration`, {
      as: 'officer-vid',
    });
    expect(ok(widened.res).items.map((e: any) => e.reference)).to.include(invoice.paymentReference);
    expect(widened.res.body.legalBasis).to.include({ code: 'tax-administration' });
    expect(widened.res.body.agencies.map((a: any) => a.id)).to.include('pmlp'); // PMLP's invoice is in the view now
    expect(widened.audit[0].details).to.include({ legalBasis: 'tax-administration' });
    expect(widened.audit[0]).to.include({ subject_id: LIGA, actor_agency: 'vid' });
    // The basis widens kinds, not everything: VID still sees none of PMLP's consultations.
    const stillOwn = ok(
      await call('GET', `/api/v1/agency/clients/${LIGA}/timeline?${period}&legalBasis=tax-administration`, { as: 'officer-vid' }),
    );
    expect(stillOwn.items.map((e: any) => e.agency.id)).to.deep.equal(['vid', 'vid']);

    // Asking for another agency's events by the filter changes nothing.
    const pmlpAsked = ok(await call('GET', `/api/v1/agency/clients/${LIGA}/timeline?${period}&agencyId=pmlp`, { as: 'officer-vid' }));
    expect(pmlpAsked.items).to.deep.equal([]);

    const notHeld = await call('GET', `/api/v1/agency/clients/${LIGA}/timeline?legalBasis=tax-administration`, { as: 'officer-pmlp' });
    expect(notHeld.status).to.equal(403);
    const unknown = await call('GET', `/api/v1/agency/clients/${LIGA}/timeline?legalBasis=curiosity`, { as: 'officer-pmlp' });
    expect(unknown.status).to.equal(400);
    expect(errorOf(unknown).code).to.equal('unknown_legal_basis');
    const badCode = await call('GET', '/api/v1/agency/clients/12345678901/timeline', { as: 'officer-pmlp' });
    expect(badCode.status).to.equal(400);
    expect(errorOf(badCode).code).to.equal('invalid_personal_code');
    const bases = ok(await call('GET', '/api/v1/agency/timeline-legal-bases', { as: 'officer-pmlp' }));
    expect(bases.items.map((b: any) => b.code)).to.not.include('tax-administration');
  });
});

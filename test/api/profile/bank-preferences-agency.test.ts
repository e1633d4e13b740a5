// The bank account (IBAN checked by ibantools, holder compared with the population register's name), preferences
// (only confirmed contacts as channels), notifications by e-mail sent once per channel, and agencies' reads of a
// person's contacts and bank account: only with a purpose and a legal basis, each read audited as the "who used my
// data" page needs it (actor agency and role, purpose, details.legalBasis, an embargo audited on its own).
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { traced } from '../../helpers/audit';
import { codeMailedTo, mailTo } from '../../helpers/messaging';
import { notifyByProfileChannels } from '../../../activities/profile-notify';
import { profileForExport } from '../../../db/profile';
import { createApplicationActivities } from '../../../activities/application';
import { activityEnvironment } from '../../activities/fake-adapters';

const JANIS = '02117814569';
const unique = (name: string) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.lv`;

async function confirmedEmail(as: string): Promise<string> {
  await stack.db.pool.query("DELETE FROM profile_contact_codes WHERE personal_code IN ('15038511239', '02117814569')");
  const email = unique(as);
  expect((await call('PUT', '/api/v1/me/profile/contacts/email', { as, json: { value: email } })).status).to.equal(202);
  const confirmed = await call('POST', '/api/v1/me/profile/contacts/email/confirm', { as, json: { code: await codeMailedTo(email) } });
  expect(confirmed.status).to.equal(200);
  return email;
}

describe('api/profile: bank account', () => {
  it('keeps an IBAN checked by ibantools, in electronic format, when the holder is the person (case and diacritics aside)', async () => {
    const { res, audit } = await traced('PUT', '/api/v1/me/profile/bank-account', {
      as: 'citizen-janis',
      json: { iban: 'lv80 bank 0000 4351 9500 1', holderName: 'JANIS KALNINS' },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.bankAccount).to.include({ iban: 'LV80BANK0000435195001', holderName: 'JANIS KALNINS' });
    expect(audit.map((a) => [a.action, a.resource, a.subject_id])).to.deep.equal([
      ['read', 'population-register:person', JANIS],
      ['update', 'profile:bank-account', JANIS],
    ]);
    expect(
      (
        await call('PUT', '/api/v1/me/profile/bank-account', {
          as: 'citizen-janis',
          json: { iban: 'DE89370400440532013000', holderName: 'Kalniņš Jānis' },
        })
      ).status,
    ).to.equal(200);
  });

  it('refuses a wrong IBAN with 422 naming the problem: check digits, format, outside SEPA', async () => {
    const cases: Array<[string, string]> = [
      ['LV81BANK0000435195001', 'iban_check_digits'],
      ['LV80BANK000043519500', 'iban_malformed'],
      ['not an iban', 'iban_malformed'],
      ['BR1800360305000010009795493C1', 'iban_not_sepa'],
    ];
    for (const [iban, code] of cases) {
      const res = await call('PUT', '/api/v1/me/profile/bank-account', {
        as: 'citizen-janis',
        json: { iban, holderName: 'Jānis Kalniņš' },
      });
      expect(res.status, iban).to.equal(422);
      expect(errorOf(res).details[0], iban).to.include({ path: '/iban', code });
    }
  });

  it("refuses an account in another person's name with 422 holder_name_mismatch (not stored for review)", async () => {
    const before = await call('GET', '/api/v1/me/profile', { as: 'citizen-janis' });
    const res = await call('PUT', '/api/v1/me/profile/bank-account', {
      as: 'citizen-janis',
      json: { iban: 'LV80BANK0000435195001', holderName: 'Anna Bērziņa' },
    });
    expect(res.status).to.equal(422);
    expect(errorOf(res).details[0]).to.include({ path: '/holderName', code: 'holder_name_mismatch' });
    const after = await call('GET', '/api/v1/me/profile', { as: 'citizen-janis' });
    expect(after.body.bankAccount).to.deep.equal(before.body.bankAccount);
  });
});

describe('api/profile: preferences and notifications by e-mail', () => {
  it('offers e-mail and SMS as channels only with a confirmed contact', async () => {
    await stack.db.pool.query('DELETE FROM profile_contacts WHERE personal_code = $1', [JANIS]);
    const refused = await call('PUT', '/api/v1/me/profile/preferences', {
      as: 'citizen-janis',
      json: { language: 'en', channels: ['e-address', 'sms'] },
    });
    expect(refused.status).to.equal(422);
    expect(errorOf(refused).details[0]).to.include({ path: '/channels/1', code: 'channel_not_confirmed' });
    await confirmedEmail('citizen-janis');
    const saved = await call('PUT', '/api/v1/me/profile/preferences', {
      as: 'citizen-janis',
      json: { language: 'en', channels: ['email', 'e-address'] },
    });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    expect(saved.body.preferences).to.include({ language: 'en' });
    expect(saved.body.preferences.channels).to.deep.equal(['e-address', 'email']);
  });

  it('sends a notification by e-mail once, in the chosen language, however often the activity is retried', async () => {
    const email = await confirmedEmail('citizen-janis');
    await call('PUT', '/api/v1/me/profile/preferences', { as: 'citizen-janis', json: { language: 'en', channels: ['email'] } });
    const notification = {
      recipient: { type: 'natural', id: JANIS },
      caseId: 'LV-0000000001-01',
      idempotencyKey: `application:LV-0000000001-01/notify:${Date.now()}`,
      subject: { lv: 'Lēmums pieņemts', en: 'Decision made' },
      body: { lv: 'Jūsu pieteikums ir izskatīts.', en: 'Your application has been decided.' },
    };
    await notifyByProfileChannels(stack.appDb.pool, stack.adapters, notification);
    await notifyByProfileChannels(stack.appDb.pool, stack.adapters, notification); // the retry
    const mails = (await mailTo(email)).filter((m) => m.subject === 'Decision made');
    expect(mails).to.have.length(1);
    expect(mails[0].text.trim()).to.equal('Your application has been decided.');
    const exported = await profileForExport(stack.appDb.pool, JANIS);
    expect(exported.notificationDeliveries.filter((d) => d.address === email)).to.have.length(1);
    expect(exported.preferences).to.include({ language: 'en' });
    expect(JSON.parse(JSON.stringify(exported))).to.deep.equal(exported); // plain JSON
  });
});

describe('the e-service notify activity and the profile channels', () => {
  it("delivers an application's notification to the portal, the e-address and the chosen e-mail, once however retried", async () => {
    const email = await confirmedEmail('citizen-janis');
    await call('PUT', '/api/v1/me/profile/preferences', {
      as: 'citizen-janis',
      json: { language: 'lv', channels: ['e-address', 'email'] },
    });
    const opened = await call('POST', '/api/v1/applications', { as: 'citizen-janis', json: { eserviceId: 'residence-declaration' } });
    expect(opened.status, JSON.stringify(opened.body)).to.be.oneOf([200, 201]);
    const caseId = opened.body.id as string;
    const activities = createApplicationActivities({ pool: stack.appDb.pool, adapters: stack.adapters, seals: stack.seals });
    const request = {
      caseId,
      idempotencyKey: `application:${caseId}/notify:decided`,
      subject: { lv: 'Pieteikums izskatīts', en: 'Application decided' },
      body: { lv: 'Lēmums ir pieejams portālā.', en: 'The decision is in the portal.' },
    };
    await activityEnvironment().run(activities.notifyRecipient, request);
    await activityEnvironment().run(activities.notifyRecipient, request); // a retry after a lost completion
    const mails = (await mailTo(email)).filter((m) => m.subject === 'Pieteikums izskatīts');
    expect(mails).to.have.length(1);
    expect(mails[0].text.trim()).to.equal('Lēmums ir pieejams portālā.');
  });
});

describe('api/agency: a person’s contacts and bank account, for a stated purpose and legal basis', () => {
  const path = (what: string, query: string) => `/api/v1/agency/persons/${JANIS}/${what}${query}`;

  it('refuses a read without a purpose or a legal basis (400) and leaves no audit row', async () => {
    for (const query of ['', '?purpose=benefit-payment', '?legalBasis=Likums%201.p.', '?purpose=Not%20Kebab&legalBasis=x%20y%20z']) {
      const { res, audit } = await traced('GET', path('contacts', query), { as: 'officer-pmlp' });
      expect(res.status, query).to.equal(400);
      expect(errorOf(res).code).to.equal('validation_failed');
      expect(audit).to.deep.equal([]);
    }
  });

  it('gives confirmed contacts only, and audits the read: agency, role, purpose, legal basis, case', async () => {
    const email = await confirmedEmail('citizen-janis');
    await call('PUT', '/api/v1/me/profile/contacts/phone', { as: 'citizen-janis', json: { value: '+37126000001' } }); // unconfirmed
    const query = '?purpose=benefit-payment&legalBasis=Valsts%20soci%C4%81lo%20pabalstu%20likums%2C%2012.%20p.&caseId=LV-0000000001-01';
    const { res, audit } = await traced('GET', path('contacts', query), { as: 'officer-pmlp' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.contacts).to.deep.equal([{ kind: 'email', value: email, confirmedAt: res.body.contacts[0].confirmedAt }]);
    expect(audit).to.have.length(1);
    expect(audit[0]).to.include({
      actor_type: 'staff',
      actor_agency: 'pmlp',
      subject_type: 'natural',
      subject_id: JANIS,
      action: 'read',
      resource: 'profile:contacts',
      purpose: 'benefit-payment',
    });
    expect(audit[0].details).to.deep.equal({
      legalBasis: 'Valsts sociālo pabalstu likums, 12. p.',
      role: 'agency-officer',
      caseId: 'LV-0000000001-01',
    });
  });

  it("lets an agency's system read the bank account; an embargo is audited with the read and on its own", async () => {
    await call('PUT', '/api/v1/me/profile/bank-account', {
      as: 'citizen-janis',
      json: { iban: 'LV80BANK0000435195001', holderName: 'Jānis Kalniņš' },
    });
    const embargo = `${new Date().getUTCFullYear() + 1}-06-30`;
    const query = `?purpose=criminal-investigation&legalBasis=Kriminālprocesa%20likums%2C%20190.%20p.&embargoUntil=${embargo}`;
    const { res, audit } = await traced('GET', path('bank-account', query), { as: 'system-pmlp' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.deep.include({ personalCode: JANIS });
    expect(res.body.bankAccount).to.include({ iban: 'LV80BANK0000435195001' });
    expect(audit.map((a) => [a.actor_type, a.actor_agency, a.action, a.resource, a.purpose])).to.deep.equal([
      ['system', 'pmlp', 'read', 'profile:bank-account', 'criminal-investigation'],
      ['system', 'pmlp', 'create', 'embargo:profile:bank-account', 'embargo-set'],
    ]);
    for (const row of audit)
      expect(row.details).to.include({ embargoUntil: embargo, role: 'agency-system', legalBasis: 'Kriminālprocesa likums, 190. p.' });
    const past = await call('GET', path('bank-account', `?purpose=criminal-investigation&legalBasis=KPL%20190&embargoUntil=2020-01-01`), {
      as: 'system-pmlp',
    });
    expect(past.status).to.equal(400);
    expect(errorOf(past).code).to.equal('invalid_embargo');
    // The same checks as an agency's read of a case (api/platform/auth/stated-reason.ts): at most ten years ahead.
    const tooFar = `${new Date().getUTCFullYear() + 11}-01-01`;
    const far = await call('GET', path('bank-account', `?purpose=criminal-investigation&legalBasis=KPL%20190&embargoUntil=${tooFar}`), {
      as: 'system-pmlp',
    });
    expect([far.status, errorOf(far).code]).to.deep.equal([400, 'invalid_embargo']);
  });

  it('is for agencies only: a citizen gets 403, a malformed personal code 404', async () => {
    const query = '?purpose=benefit-payment&legalBasis=Likums%201.p.';
    expect((await call('GET', path('contacts', query), { as: 'citizen-anna' })).status).to.equal(403);
    expect((await call('GET', `/api/v1/agency/persons/1503851123/contacts${query}`, { as: 'officer-pmlp' })).status).to.equal(404);
  });
});

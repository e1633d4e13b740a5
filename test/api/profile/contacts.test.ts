// The citizen's contacts (issue 18 §1): an e-mail address and a phone number, each confirmed with a one-time code
// that really leaves through SMTP and SMPP (read back from the simulators). Codes: six digits, stored hashed, expire,
// used once, void after five wrong attempts, sending limited per person and per address (429 in the error shape).
// Every read and write is audited; a citizen only ever reaches their own profile.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { traced } from '../../helpers/audit';
import { codeMailedTo, codeTextedTo, mailTo, smsTo } from '../../helpers/messaging';
import { inTransaction } from '../../../db/transaction';
import { checkCode, CODES_PER_ADDRESS_PER_HOUR, CODES_PER_PERSON_PER_HOUR } from '../../../db/profile/codes';

const ANNA = '15038511239';
const LIGA = '01014811002';
const unique = (name: string) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.lv`;
const forgetCodes = (personalCode: string) =>
  stack.db.pool.query('DELETE FROM profile_contact_codes WHERE personal_code = $1', [personalCode]);

describe('api/profile: contacts confirmed with one-time codes', () => {
  beforeEach(async () => {
    await forgetCodes(ANNA);
    await forgetCodes(LIGA);
  });

  it('sends a code by e-mail through the SMTP server; the right code confirms the address; stored only as a hash', async () => {
    const email = unique('anna');
    const { res, audit } = await traced('PUT', '/api/v1/me/profile/contacts/email', {
      as: 'citizen-anna',
      json: { value: email.toUpperCase() },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    expect(res.body.contact).to.include({ kind: 'email', value: email, confirmed: false, confirmedAt: null });
    expect(res.body).to.include({ codeSent: true, codeExpiresInSeconds: 600 });
    expect(audit.map((a) => [a.actor_id, a.subject_id, a.action, a.resource, a.purpose])).to.deep.equal([
      ['citizen-anna', ANNA, 'update', 'profile:contact:email', 'own-profile'],
    ]);
    const code = await codeMailedTo(email);
    const [mail] = await mailTo(email);
    expect(mail.subject).to.equal('Jūsu apstiprinājuma kods');
    const stored = await stack.db.pool.query('SELECT code_hash FROM profile_contact_codes WHERE personal_code = $1', [ANNA]);
    expect(stored.rows).to.have.length(1);
    expect(stored.rows[0].code_hash).to.not.include(code);

    const unconfirmed = await call('GET', '/api/v1/me/profile', { as: 'citizen-anna' });
    expect(unconfirmed.body.contacts.find((c: { kind: string }) => c.kind === 'email').confirmed).to.equal(false);
    const confirmed = await call('POST', '/api/v1/me/profile/contacts/email/confirm', { as: 'citizen-anna', json: { code } });
    expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(200);
    expect(confirmed.body.contact).to.include({ value: email, confirmed: true });
  });

  it('uses a code once: after it confirmed, the same code confirms nothing again', async () => {
    const email = unique('once');
    await call('PUT', '/api/v1/me/profile/contacts/email', { as: 'citizen-anna', json: { value: email } });
    const code = await codeMailedTo(email);
    expect((await call('POST', '/api/v1/me/profile/contacts/email/confirm', { as: 'citizen-anna', json: { code } })).status).to.equal(200);
    const again = await inTransaction(stack.db.pool, (client) => checkCode(client, ANNA, 'email', email, code));
    expect(again).to.deep.equal({ ok: false, reason: 'no_code' });
  });

  it('refuses an expired code (10 minutes) with 422 code_expired', async () => {
    const email = unique('late');
    await call('PUT', '/api/v1/me/profile/contacts/email', { as: 'citizen-anna', json: { value: email } });
    const code = await codeMailedTo(email);
    await stack.db.pool.query("UPDATE profile_contact_codes SET expires_at = now() - interval '1 second' WHERE value = $1", [email]);
    const res = await call('POST', '/api/v1/me/profile/contacts/email/confirm', { as: 'citizen-anna', json: { code } });
    expect(res.status).to.equal(422);
    expect(errorOf(res)).to.include({ code: 'code_expired' });
    expect(errorOf(res).details[0]).to.include({ path: '/code', code: 'code_expired' });
  });

  it('counts wrong codes: the fifth wrong one voids the code, and then even the right one is refused', async () => {
    const email = unique('guess');
    await call('PUT', '/api/v1/me/profile/contacts/email', { as: 'citizen-anna', json: { value: email } });
    const code = await codeMailedTo(email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 4; attempt++) {
      const res = await call('POST', '/api/v1/me/profile/contacts/email/confirm', { as: 'citizen-anna', json: { code: wrong } });
      expect(res.status).to.equal(422);
      expect(errorOf(res).code).to.equal('code_wrong');
      expect(errorOf(res).message).to.include(`${5 - attempt} attempts left`);
    }
    const fifth = await call('POST', '/api/v1/me/profile/contacts/email/confirm', { as: 'citizen-anna', json: { code: wrong } });
    expect(errorOf(fifth).code).to.equal('code_void');
    const right = await call('POST', '/api/v1/me/profile/contacts/email/confirm', { as: 'citizen-anna', json: { code } });
    expect(right.status).to.equal(422);
    expect(errorOf(right).code).to.equal('code_void');
    // A new code works again.
    expect((await call('POST', '/api/v1/me/profile/contacts/email/code', { as: 'citizen-anna' })).status).to.equal(202);
    const fresh = await codeMailedTo(email, 2);
    expect(
      (await call('POST', '/api/v1/me/profile/contacts/email/confirm', { as: 'citizen-anna', json: { code: fresh } })).status,
    ).to.equal(200);
  });

  it('refuses malformed codes and contacts in the error shape (400, 422), never a 5xx', async () => {
    for (const code of ['12345', '1234567', 'abcdef', 123456]) {
      const res = await call('POST', '/api/v1/me/profile/contacts/email/confirm', { as: 'citizen-anna', json: { code } });
      expect(res.status, String(code)).to.equal(400);
    }
    const email = await call('PUT', '/api/v1/me/profile/contacts/email', { as: 'citizen-anna', json: { value: 'not-an-address' } });
    expect(email.status).to.equal(422);
    expect(errorOf(email).details[0]).to.include({ path: '/value', code: 'invalid_email' });
    const phone = await call('PUT', '/api/v1/me/profile/contacts/phone', { as: 'citizen-anna', json: { value: '12-34' } });
    expect(errorOf(phone).code).to.equal('invalid_phone');
    expect(
      (await call('PUT', '/api/v1/me/profile/contacts/fax', { as: 'citizen-anna', json: { value: 'anna@example.lv' } })).status,
    ).to.equal(404);
  });

  it('sends a code by SMS over SMPP; a Latvian number of 8 digits becomes +371…', async () => {
    const local = `2${String(Date.now()).slice(-7)}`;
    const res = await call('PUT', '/api/v1/me/profile/contacts/phone', { as: 'citizen-anna', json: { value: local } });
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    expect(res.body.contact).to.include({ kind: 'phone', value: `+371${local}`, confirmed: false });
    const code = await codeTextedTo(`+371${local}`);
    const [sms] = await smsTo(`+371${local}`);
    expect(sms).to.include({ sourceAddress: 'Latvija' });
    expect(sms.text).to.match(/^Latvija\.gov\.lv kods: [0-9]{6} \(derīgs 10 min\)$/);
    const confirmed = await call('POST', '/api/v1/me/profile/contacts/phone/confirm', { as: 'citizen-anna', json: { code } });
    expect(confirmed.body.contact).to.include({ value: `+371${local}`, confirmed: true });
  });

  it('changing a confirmed contact starts a new confirmation; the same value keeps it', async () => {
    const first = unique('first');
    await call('PUT', '/api/v1/me/profile/contacts/email', { as: 'citizen-anna', json: { value: first } });
    await call('POST', '/api/v1/me/profile/contacts/email/confirm', { as: 'citizen-anna', json: { code: await codeMailedTo(first) } });
    const same = await call('PUT', '/api/v1/me/profile/contacts/email', { as: 'citizen-anna', json: { value: first } });
    expect(same.body).to.deep.include({ codeSent: false });
    expect(same.body.contact.confirmed).to.equal(true);
    const second = unique('second');
    const changed = await call('PUT', '/api/v1/me/profile/contacts/email', { as: 'citizen-anna', json: { value: second } });
    expect(changed.body.contact).to.include({ value: second, confirmed: false });
  });

  it('limits codes per address and per person in an hour: 429 rate_limited with Retry-After', async () => {
    const email = unique('flood');
    await call('PUT', '/api/v1/me/profile/contacts/email', { as: 'citizen-liga', json: { value: email } });
    for (let i = 1; i < CODES_PER_ADDRESS_PER_HOUR; i++) {
      expect((await call('POST', '/api/v1/me/profile/contacts/email/code', { as: 'citizen-liga' })).status).to.equal(202);
    }
    const limited = await call('POST', '/api/v1/me/profile/contacts/email/code', { as: 'citizen-liga' });
    expect(limited.status).to.equal(429);
    expect(errorOf(limited).code).to.equal('rate_limited');
    expect(errorOf(limited).details[0]).to.include({ code: 'rate_limited_address' });
    expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 3600);
    expect(await mailTo(email)).to.have.length(CODES_PER_ADDRESS_PER_HOUR);

    // Another person asking for codes to the same address is refused too: the address is protected, not the account.
    const other = await call('PUT', '/api/v1/me/profile/contacts/email', { as: 'citizen-anna', json: { value: email } });
    expect(other.status).to.equal(429);

    // Per person: fresh addresses until the account's limit.
    for (let i = CODES_PER_ADDRESS_PER_HOUR; i < CODES_PER_PERSON_PER_HOUR; i++) {
      const res = await call('PUT', '/api/v1/me/profile/contacts/email', { as: 'citizen-liga', json: { value: unique(`liga${i}`) } });
      expect(res.status, JSON.stringify(res.body)).to.equal(202);
    }
    const person = await call('PUT', '/api/v1/me/profile/contacts/phone', { as: 'citizen-liga', json: { value: '+37129999999' } });
    expect(person.status).to.equal(429);
    expect(errorOf(person).details[0]).to.include({ code: 'rate_limited_person' });
  });

  it('shows each citizen only their own profile; a caller without a personal code gets 404', async () => {
    const janis = unique('janis');
    await call('PUT', '/api/v1/me/profile/contacts/email', { as: 'citizen-janis', json: { value: janis } });
    const anna = await call('GET', '/api/v1/me/profile', { as: 'citizen-anna' });
    expect(JSON.stringify(anna.body)).to.not.include(janis);
    const mine = await call('GET', '/api/v1/me/profile', { as: 'citizen-janis' });
    expect(mine.body.contacts.map((c: { value: string }) => c.value)).to.include(janis);
    expect((await call('GET', '/api/v1/me/profile', { as: 'citizen-marie' })).status).to.equal(404);
    expect((await call('GET', '/api/v1/me/profile', { as: 'officer-pmlp' })).status).to.equal(403);
    expect((await call('GET', '/api/v1/me/profile')).status).to.equal(401);
  });
});

// The citizen's own profile: every read and write audited (purpose `own-profile`), writes in one transaction with
// their audit row. Contacts are confirmed with one-time codes sent through the mail server or the SMS centre; the
// bank account's holder must be the person the population register knows.
import type { PoolClient } from 'pg';
import type { RouteContext } from '../platform/routing';
import { ApiError, unprocessable } from '../platform/errors';
import { audit, type AuditEntry } from '../../db/audit';
import { inTransaction } from '../../db/transaction';
import { contactOf, contactsOf, confirmContact, normaliseContact, setContact, type ContactKind } from '../../db/profile/contacts';
import { checkCode, issueCode, CODE_TTL_MINUTES } from '../../db/profile/codes';
import { bankAccountOf, checkIban, holderIsPerson, setBankAccount } from '../../db/profile/bank-account';
import { CHANNEL_CONTACT, preferencesOf, setPreferences, type Channel, type Language } from '../../db/profile/preferences';
import { codeEmail, codeSms } from './code-messages';
import { outside } from './senders';
import { presentBankAccount, presentContact, presentPreferences, presentProfile } from './presenter';
import type {
  Profile,
  ProfileBankAccount,
  ProfileBankAccountChange,
  ProfileContact,
  ProfilePreferences,
  ProfilePreferencesChange,
} from '../../forms/types/api';

const PURPOSE = 'own-profile';

function ownAudit(
  ctx: RouteContext,
  personalCode: string,
  action: AuditEntry['action'],
  resource: string,
  details?: Record<string, unknown>,
): AuditEntry {
  return {
    actor: { type: 'citizen', id: ctx.principal.sub },
    subject: { type: 'natural', id: personalCode },
    action,
    resource,
    purpose: PURPOSE,
    requestId: ctx.requestId,
    details,
  };
}

export async function readProfile(ctx: RouteContext, personalCode: string): Promise<Profile> {
  const pool = ctx.deps.db.pool;
  const [contacts, bank, preferences] = await Promise.all([
    contactsOf(pool, personalCode),
    bankAccountOf(pool, personalCode),
    preferencesOf(pool, personalCode),
  ]);
  await audit(pool, ownAudit(ctx, personalCode, 'read', 'profile'));
  return presentProfile(contacts, bank, preferences);
}

const SENT_TO = { email: { lv: 'Pasta serveris', en: 'The mail server' }, phone: { lv: 'SMS centrs', en: 'The SMS centre' } };

/** A new code for the contact's value, sent to it; 429 rate_limited (with Retry-After) over a sending limit. */
async function sendCode(ctx: RouteContext, client: PoolClient, personalCode: string, kind: ContactKind, value: string): Promise<void> {
  const issued = await issueCode(client, personalCode, kind, value);
  if (!issued.issued) {
    const who = issued.limit === 'person' ? 'for your account' : 'to this address';
    throw new ApiError(
      429,
      'rate_limited',
      `Too many codes were sent ${who} in the last hour; try again in ${Math.ceil(issued.retryAfterSeconds / 60)} minutes.`,
      [{ path: '/value', code: `rate_limited_${issued.limit}`, message: `too many codes sent ${who} in the last hour` }],
      { 'Retry-After': String(issued.retryAfterSeconds) },
    );
  }
  const { language } = await preferencesOf(client, personalCode);
  const key = { idempotencyKey: `profile-code:${personalCode}:${kind}:${ctx.requestId}`, requestId: ctx.requestId };
  // Sent before the commit: a code the server did not take is not stored (and does not count against the limits).
  await outside(SENT_TO[kind], () =>
    kind === 'email'
      ? ctx.deps.adapters.mailSender.send({ to: value, ...codeEmail(language, issued.code) }, key)
      : ctx.deps.adapters.smsSender.send({ to: value, text: codeSms(language, issued.code) }, key),
  );
}

export async function changeContact(ctx: RouteContext, personalCode: string, kind: ContactKind, input: string): Promise<ProfileContact> {
  const value = normaliseContact(kind, input);
  if (!value) {
    const what = kind === 'email' ? 'an e-mail address' : 'a phone number (+371… or 8 digits)';
    throw unprocessable(`invalid_${kind}`, `This is not ${what}.`, [
      { path: '/value', code: `invalid_${kind}`, message: `is not ${what}` },
    ]);
  }
  const contact = await inTransaction(ctx.deps.db.pool, async (client) => {
    const saved = await setContact(client, personalCode, kind, value);
    if (!saved.confirmedAt) await sendCode(ctx, client, personalCode, kind, value);
    await audit(client, ownAudit(ctx, personalCode, 'update', `profile:contact:${kind}`, { confirmed: saved.confirmedAt !== null }));
    return saved;
  });
  return { contact: presentContact(contact), codeSent: !contact.confirmedAt, codeExpiresInSeconds: CODE_TTL_MINUTES * 60 };
}

export async function resendCode(ctx: RouteContext, personalCode: string, kind: ContactKind): Promise<ProfileContact> {
  const contact = await inTransaction(ctx.deps.db.pool, async (client) => {
    const current = await contactOf(client, personalCode, kind);
    if (!current) throw new ApiError(404, 'not_found', `No ${kind === 'email' ? 'e-mail address' : 'phone number'} to confirm.`);
    if (current.confirmedAt) throw new ApiError(409, 'already_confirmed', 'This contact is already confirmed.');
    await sendCode(ctx, client, personalCode, kind, current.value);
    await audit(client, ownAudit(ctx, personalCode, 'update', `profile:contact:${kind}`, { codeSent: true }));
    return current;
  });
  return { contact: presentContact(contact), codeSent: true, codeExpiresInSeconds: CODE_TTL_MINUTES * 60 };
}

const CODE_REFUSALS = {
  no_code: 'No code is waiting for this contact: ask for a new code.',
  expired: 'The code has expired: ask for a new code.',
  void: 'The code was typed wrong too many times and no longer works: ask for a new code.',
  wrong: 'The code is not right.',
} as const;

export async function confirmCode(ctx: RouteContext, personalCode: string, kind: ContactKind, code: string): Promise<ProfileContact> {
  // The attempt is counted (committed) even when it is refused, so the refusal is thrown after the transaction.
  const outcome = await inTransaction(ctx.deps.db.pool, async (client) => {
    const current = await contactOf(client, personalCode, kind);
    if (!current) return { refused: 'no_code' as const, attemptsLeft: undefined };
    if (current.confirmedAt) return { contact: current };
    const checked = await checkCode(client, personalCode, kind, current.value, code);
    await audit(
      client,
      ownAudit(ctx, personalCode, 'update', `profile:contact:${kind}`, { confirmation: checked.ok ? 'confirmed' : checked.reason }),
    );
    if (!checked.ok) return { refused: checked.reason, attemptsLeft: checked.reason === 'wrong' ? checked.attemptsLeft : undefined };
    return { contact: (await confirmContact(client, personalCode, kind, current.value)) ?? current };
  });
  if ('refused' in outcome) {
    const reason = outcome.refused as keyof typeof CODE_REFUSALS;
    const left = outcome.attemptsLeft !== undefined ? ` ${outcome.attemptsLeft} attempts left.` : '';
    throw unprocessable(`code_${reason}`, `${CODE_REFUSALS[reason]}${left}`, [
      { path: '/code', code: `code_${reason}`, message: `${CODE_REFUSALS[reason]}${left}` },
    ]);
  }
  return { contact: presentContact(outcome.contact) };
}

export async function changeBankAccount(
  ctx: RouteContext,
  personalCode: string,
  body: ProfileBankAccountChange,
): Promise<ProfileBankAccount> {
  const iban = checkIban(body.iban);
  if (!iban.ok) {
    const messages = {
      malformed: 'is not an IBAN (country, check digits and the account number of that country)',
      check_digits: 'has wrong check digits: look for a mistyped character',
      not_sepa: 'is not of a SEPA country: the state pays into accounts in the SEPA area',
    };
    throw unprocessable(`iban_${iban.problem}`, `The IBAN ${messages[iban.problem]}.`, [
      { path: '/iban', code: `iban_${iban.problem}`, message: messages[iban.problem] },
    ]);
  }
  const person = await outside({ lv: 'Iedzīvotāju reģistrs', en: 'The population register' }, () =>
    ctx.deps.adapters.populationRegister.getPerson(personalCode, {
      idempotencyKey: `profile-holder:${ctx.requestId}`,
      requestId: ctx.requestId,
    }),
  );
  // Refused, not kept for review: the state pays benefits into this account, and an account in another's name is
  // how such payments are diverted. The person can correct it at once; nobody needs to review a mistyped name.
  if (!person || !holderIsPerson(body.holderName, person)) {
    await audit(ctx.deps.db.pool, ownAudit(ctx, personalCode, 'read', 'population-register:person', { refused: 'holder_name_mismatch' }));
    throw unprocessable('holder_name_mismatch', 'The account holder must be you: give your own name as the bank knows it.', [
      { path: '/holderName', code: 'holder_name_mismatch', message: 'is not your name in the population register' },
    ]);
  }
  const saved = await inTransaction(ctx.deps.db.pool, async (client) => {
    const account = await setBankAccount(client, personalCode, iban.iban, body.holderName.trim());
    await audit(client, [
      ownAudit(ctx, personalCode, 'read', 'population-register:person', { check: 'account-holder' }),
      ownAudit(ctx, personalCode, 'update', 'profile:bank-account', { country: iban.countryCode }),
    ]);
    return account;
  });
  return { bankAccount: presentBankAccount(saved) };
}

export async function changePreferences(
  ctx: RouteContext,
  personalCode: string,
  body: ProfilePreferencesChange,
): Promise<ProfilePreferences> {
  const saved = await inTransaction(ctx.deps.db.pool, async (client) => {
    const contacts = await contactsOf(client, personalCode);
    const unusable = (body.channels as Channel[]).filter((channel) => {
      const kind = CHANNEL_CONTACT[channel];
      return kind && !contacts.some((c) => c.kind === kind && c.confirmedAt);
    });
    if (unusable.length) {
      throw unprocessable(
        'channel_not_confirmed',
        'E-mail and SMS can be chosen only with a confirmed e-mail address or phone number.',
        unusable.map((channel) => ({
          path: `/channels/${body.channels.indexOf(channel)}`,
          code: 'channel_not_confirmed',
          message: `${channel === 'email' ? 'e-mail' : 'SMS'} needs a confirmed ${channel === 'email' ? 'e-mail address' : 'phone number'}`,
        })),
      );
    }
    const preferences = await setPreferences(client, personalCode, body.language as Language, body.channels as Channel[]);
    await audit(client, ownAudit(ctx, personalCode, 'update', 'profile:preferences', { channels: preferences.channels }));
    return preferences;
  });
  return { preferences: presentPreferences(saved) };
}

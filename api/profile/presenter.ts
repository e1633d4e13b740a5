// Profile rows → the generated response types.
import type { Contact } from '../../db/profile/contacts';
import type { BankAccount } from '../../db/profile/bank-account';
import type { Preferences } from '../../db/profile/preferences';
import type { Profile, ProfileAgencyBankAccount, ProfileAgencyContacts } from '../../forms/types/api';

export const presentContact = (c: Contact): Profile['contacts'][number] => ({
  kind: c.kind,
  value: c.value,
  confirmed: c.confirmedAt !== null,
  confirmedAt: c.confirmedAt ? c.confirmedAt.toISOString() : null,
  updatedAt: c.updatedAt.toISOString(),
});

export const presentBankAccount = (b: BankAccount): NonNullable<Profile['bankAccount']> => ({
  iban: b.iban,
  holderName: b.holderName,
  updatedAt: b.updatedAt.toISOString(),
});

export const presentPreferences = (p: Preferences): Profile['preferences'] => ({
  language: p.language,
  channels: p.channels,
  updatedAt: p.updatedAt ? p.updatedAt.toISOString() : null,
});

export const presentProfile = (contacts: Contact[], bank: BankAccount | null, preferences: Preferences): Profile => ({
  contacts: contacts.map(presentContact),
  bankAccount: bank ? presentBankAccount(bank) : null,
  preferences: presentPreferences(preferences),
});

/** What an agency gets: confirmed contacts only (an unconfirmed one may not be the person's at all). */
export const presentAgencyContacts = (personalCode: string, contacts: Contact[]): ProfileAgencyContacts => ({
  personalCode,
  contacts: contacts
    .filter((c) => c.confirmedAt)
    .map((c) => ({ kind: c.kind, value: c.value, confirmedAt: (c.confirmedAt as Date).toISOString() })),
});

export const presentAgencyBankAccount = (personalCode: string, bank: BankAccount | null): ProfileAgencyBankAccount => ({
  personalCode,
  bankAccount: bank ? presentBankAccount(bank) : null,
});

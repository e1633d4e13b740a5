// The citizen's profile (issue 18 §1): contacts (contacts.ts, codes.ts), the bank account (bank-account.ts),
// preferences (preferences.ts) and notification deliveries (deliveries.ts). `profileForExport` is the profile as
// plain JSON for the person's data export (the GDPR right of access).
import type { Pool, PoolClient } from 'pg';
import { contactsOf } from './contacts';
import { bankAccountOf } from './bank-account';
import { preferencesOf } from './preferences';
import { deliveriesOf } from './deliveries';

export interface ProfileExport {
  personalCode: string;
  contacts: Array<{ kind: 'email' | 'phone'; value: string; confirmed: boolean; confirmedAt: string | null; updatedAt: string }>;
  bankAccount: { iban: string; holderName: string; updatedAt: string } | null;
  preferences: { language: 'lv' | 'en'; channels: string[]; updatedAt: string | null };
  notificationDeliveries: Array<{ channel: 'email' | 'sms'; address: string; caseId: string | null; sentAt: string | null }>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The person's whole profile as plain JSON (dates as ISO strings); the caller audits the export. */
export async function profileForExport(db: Pool | PoolClient, personalCode: string): Promise<ProfileExport> {
  const [contacts, bankAccount, preferences, deliveries] = await Promise.all([
    contactsOf(db, personalCode),
    bankAccountOf(db, personalCode),
    preferencesOf(db, personalCode),
    deliveriesOf(db, personalCode),
  ]);
  return {
    personalCode,
    contacts: contacts.map((c) => ({
      kind: c.kind,
      value: c.value,
      confirmed: c.confirmedAt !== null,
      confirmedAt: iso(c.confirmedAt),
      updatedAt: c.updatedAt.toISOString(),
    })),
    bankAccount: bankAccount
      ? { iban: bankAccount.iban, holderName: bankAccount.holderName, updatedAt: bankAccount.updatedAt.toISOString() }
      : null,
    preferences: { language: preferences.language, channels: preferences.channels, updatedAt: iso(preferences.updatedAt) },
    notificationDeliveries: deliveries.map((d) => ({ channel: d.channel, address: d.address, caseId: d.caseId, sentAt: iso(d.sentAt) })),
  };
}

// The account for payments from the state: IBAN and holder (the server checks the IBAN and that the holder is the
// person); refusals show at the fields and in the page's error summary.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import type { SummaryItem } from '../app/components/ErrorSummary';
import { fieldErrorsOf } from './server-errors';
import type { Profile, ProfileBankAccount } from '../../../forms/types/api';

type Field = 'iban' | 'holderName';
const ID: Record<Field, string> = { iban: 'profile-iban', holderName: 'profile-holder' };
const friendly = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();

export function BankAccountForm({
  account,
  onChanged,
  report,
}: {
  account: Profile['bankAccount'];
  onChanged(notice: string): void;
  report(items: SummaryItem[]): void;
}) {
  const { t } = useTranslation();
  const [iban, setIban] = useState(account ? friendly(account.iban) : '');
  const [holder, setHolder] = useState(account?.holderName ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const label: Record<Field, string> = { iban: t('profile.bank.iban'), holderName: t('profile.bank.holder') };

  const show = (found: Partial<Record<Field, string>>) => {
    setErrors(found);
    report((Object.keys(found) as Field[]).map((f) => ({ fieldId: ID[f], label: label[f], message: found[f] as string })));
  };

  const save = async () => {
    const found: Partial<Record<Field, string>> = {};
    if (!iban.trim()) found.iban = t('profile.errors.ibanRequired');
    if (!holder.trim()) found.holderName = t('profile.errors.holderRequired');
    if (Object.keys(found).length) return show(found);
    setBusy(true);
    try {
      await api<ProfileBankAccount>('/api/v1/me/profile/bank-account', {
        method: 'PUT',
        body: { iban: iban.trim(), holderName: holder.trim() },
      });
      show({});
      onChanged(t('profile.saved'));
    } catch (e) {
      show(fieldErrorsOf(e, t, { iban: 'iban', holderName: 'holderName' }, 'iban') ?? { iban: t('errors.generic') });
    } finally {
      setBusy(false);
    }
  };

  const field = (f: Field, input: ReactElement, hint: string) => (
    <div className="field">
      <label htmlFor={ID[f]}>{label[f]}</label>
      <p id={`${ID[f]}-hint`} className="muted">
        {hint}
      </p>
      {errors[f] && (
        <p id={`${ID[f]}-error`} className="field-error">
          {errors[f]}
        </p>
      )}
      {input}
    </div>
  );
  const describedBy = (f: Field) => [`${ID[f]}-hint`, errors[f] ? `${ID[f]}-error` : null].filter(Boolean).join(' ');

  return (
    <section className="panel" aria-labelledby="profile-bank-heading" data-testid="profile-bank">
      <h2 id="profile-bank-heading">{t('profile.bank.title')}</h2>
      <p>{t('profile.bank.lead')}</p>
      <p data-testid="profile-bank-current">
        {account ? t('profile.bank.current', { iban: friendly(account.iban), holder: account.holderName }) : t('profile.bank.none')}
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {field(
          'iban',
          <input
            id={ID.iban}
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={50}
            value={iban}
            aria-invalid={!!errors.iban}
            aria-describedby={describedBy('iban')}
            onChange={(e) => setIban(e.target.value)}
          />,
          t('profile.bank.ibanHint'),
        )}
        {field(
          'holderName',
          <input
            id={ID.holderName}
            type="text"
            autoComplete="name"
            maxLength={140}
            value={holder}
            aria-invalid={!!errors.holderName}
            aria-describedby={describedBy('holderName')}
            onChange={(e) => setHolder(e.target.value)}
          />,
          t('profile.bank.holderHint'),
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('profile.bank.save')}
        </button>
      </form>
    </section>
  );
}

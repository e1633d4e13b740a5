// One contact (e-mail or phone): its value and whether it is confirmed; saving a new value sends a one-time code,
// which is then typed here to confirm it. Field errors show at the fields and in the page's error summary.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import type { SummaryItem } from '../app/components/ErrorSummary';
import { fieldErrorsOf } from './server-errors';
import type { Profile, ProfileContact } from '../../../forms/types/api';

type Contact = Profile['contacts'][number];
type Field = 'value' | 'code';

export function ContactForm({
  kind,
  contact,
  onChanged,
  report,
}: {
  kind: 'email' | 'phone';
  contact: Contact | undefined;
  onChanged(notice: string): void;
  report(items: SummaryItem[]): void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(contact?.value ?? '');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const id = { value: `profile-${kind}`, code: `profile-${kind}-code` };
  const label = { value: t(`profile.contacts.${kind}`), code: t('profile.contacts.code') };
  const pending = contact && !contact.confirmed;

  const show = (found: Partial<Record<Field, string>>) => {
    setErrors(found);
    report((Object.keys(found) as Field[]).map((f) => ({ fieldId: id[f], label: label[f], message: found[f] as string })));
  };

  const run = async (work: () => Promise<string>, field: Field) => {
    setBusy(true);
    try {
      const notice = await work();
      show({});
      setCode('');
      onChanged(notice);
    } catch (e) {
      show(fieldErrorsOf(e, t, { value: 'value', code: 'code' }, field) ?? { [field]: t('errors.generic') });
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    if (!value.trim()) return show({ value: t('profile.errors.valueRequired') });
    return run(async () => {
      const r = await api<ProfileContact>(`/api/v1/me/profile/contacts/${kind}`, { method: 'PUT', body: { value: value.trim() } });
      return r.codeSent ? t('profile.contacts.codeSent', { value: r.contact.value }) : t('profile.saved');
    }, 'value');
  };
  const confirm = () => {
    if (!/^[0-9]{6}$/.test(code.trim())) return show({ code: t('profile.errors.codeFormat') });
    return run(async () => {
      const r = await api<ProfileContact>(`/api/v1/me/profile/contacts/${kind}/confirm`, { body: { code: code.trim() } });
      return t('profile.contacts.confirmedNotice', { value: r.contact.value });
    }, 'code');
  };
  const resend = () =>
    run(async () => {
      const r = await api<ProfileContact>(`/api/v1/me/profile/contacts/${kind}/code`, { method: 'POST' });
      return t('profile.contacts.codeSent', { value: r.contact.value });
    }, 'code');

  const error = (f: Field) =>
    errors[f] ? (
      <p id={`${id[f]}-error`} className="field-error">
        {errors[f]}
      </p>
    ) : null;
  const describedBy = (f: Field) => [`${id[f]}-hint`, errors[f] ? `${id[f]}-error` : null].filter(Boolean).join(' ');

  return (
    <div className="panel" data-testid={`profile-${kind}`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor={id.value}>{label.value}</label>
          <p id={`${id.value}-hint`} className="muted">
            {t(`profile.contacts.${kind}Hint`)}{' '}
            <strong data-testid={`profile-${kind}-status`}>
              {!contact
                ? t('profile.contacts.none')
                : contact.confirmed
                  ? t('profile.contacts.confirmed')
                  : t('profile.contacts.unconfirmed')}
            </strong>
          </p>
          {error('value')}
          <input
            id={id.value}
            type={kind === 'email' ? 'email' : 'tel'}
            autoComplete={kind === 'email' ? 'email' : 'tel'}
            maxLength={254}
            value={value}
            aria-invalid={!!errors.value}
            aria-describedby={describedBy('value')}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <button type="submit" className="secondary" disabled={busy}>
          {t(kind === 'email' ? 'profile.contacts.saveEmail' : 'profile.contacts.savePhone')}
        </button>
      </form>
      {pending && (
        <form
          className="profile-code"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <div className="field">
            <label htmlFor={id.code}>{label.code}</label>
            <p id={`${id.code}-hint`} className="muted">
              {t(kind === 'email' ? 'profile.contacts.codeHintEmail' : 'profile.contacts.codeHintPhone', { value: contact.value })}
            </p>
            {error('code')}
            <input
              id={id.code}
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              aria-invalid={!!errors.code}
              aria-describedby={describedBy('code')}
              onChange={(e) => setCode(e.target.value)}
            />
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('profile.contacts.confirm')}
            </button>{' '}
            <button type="button" className="secondary" disabled={busy} onClick={() => void resend()}>
              {t('profile.contacts.resend')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

// "My profile": contacts confirmed with a one-time code, the account for payments from the state, the language and
// the notification channels. One error summary for the page (the form last sent fills it), one notice for the last
// change, which takes the focus.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { ErrorSummary, type SummaryItem } from '../app/components/ErrorSummary';
import { usePageTitle } from '../app/components/usePageTitle';
import { ContactForm } from './ContactForm';
import { BankAccountForm } from './BankAccountForm';
import { PreferencesForm } from './PreferencesForm';
import type { Profile } from '../../../forms/types/api';

export function ProfilePage() {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [failed, setFailed] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const noticeRef = useRef<HTMLDivElement>(null);
  usePageTitle(t('profile.title'));

  const load = useCallback(
    () =>
      api<Profile>('/api/v1/me/profile').then(
        (p) => setProfile(p),
        () => setFailed(true),
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const changed = (text: string) => {
    setSummary([]);
    setNotice(text);
    void load();
  };
  const report = (items: SummaryItem[]) => {
    setSummary(items);
    if (items.length) setNotice(null);
  };
  const contact = (kind: 'email' | 'phone') => profile?.contacts.find((c) => c.kind === kind);
  const contactKey = (kind: 'email' | 'phone') => {
    const c = contact(kind);
    return c ? `${kind}-${c.updatedAt}-${c.confirmedAt ?? ''}` : `${kind}-none`;
  };

  return (
    <>
      <h1>{t('profile.title')}</h1>
      <p className="lead">{t('profile.lead')}</p>
      <ErrorSummary items={summary} />
      {notice && (
        <div tabIndex={-1} ref={noticeRef} data-testid="profile-notice">
          <Alert kind="success">{notice}</Alert>
        </div>
      )}
      {failed && <Alert kind="error">{t('profile.loadFailed')}</Alert>}
      {!profile && !failed && <Loading />}
      {profile && (
        <>
          <section className="profile-contacts" aria-labelledby="profile-contacts-heading">
            <h2 id="profile-contacts-heading">{t('profile.contacts.title')}</h2>
            {/* Keyed by what the server holds: a form starts again when its own data changed, and keeps what is
                typed in the others. */}
            <ContactForm key={contactKey('email')} kind="email" contact={contact('email')} onChanged={changed} report={report} />
            <ContactForm key={contactKey('phone')} kind="phone" contact={contact('phone')} onChanged={changed} report={report} />
          </section>
          <BankAccountForm
            key={profile.bankAccount?.updatedAt ?? 'none'}
            account={profile.bankAccount}
            onChanged={changed}
            report={report}
          />
          <PreferencesForm
            key={`${profile.preferences.updatedAt ?? 'none'}-${contactKey('email')}-${contactKey('phone')}`}
            profile={profile}
            onChanged={changed}
            report={report}
          />
        </>
      )}
    </>
  );
}

// /signed-in: where a sign-in through an identity provider lands, with its session cookie already set. The session
// is read from the server and the citizen goes on to the page they came from (?returnTo=), or their home page.
import { useEffect, useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from './AuthContext';
import { homeOf } from './session';
import { goOn, safeReturnPath } from './SignIn';
import { usePageTitle } from '../components/usePageTitle';

export function SignedIn() {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const returnTo = useSearchParams()[0].get('returnTo') ?? undefined;
  const done = useRef(false); // effects run twice in development's StrictMode
  usePageTitle(t('signIn.title'));

  useEffect(() => {
    if (done.current) return;
    done.current = true;
    refresh().then(
      (session) =>
        session
          ? goOn(navigate, safeReturnPath(returnTo) ?? homeOf(session.principal), true)
          : void navigate('/sign-in?error=expired', { replace: true }),
      () => void navigate('/sign-in?error=expired', { replace: true }),
    );
  }, [returnTo, refresh, navigate]);

  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <p role="status">{t('signIn.completing')}</p>
    </>
  );
}

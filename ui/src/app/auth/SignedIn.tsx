// /signed-in?code=…: where the national sign-in's callback lands. The one-time code is exchanged for the session
// (once: a reload finds it used) and the citizen goes on to the page they came from, or their home page.
import { useEffect, useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from './AuthContext';
import { homeOf } from './session';
import { safeReturnPath } from './SignIn';
import { usePageTitle } from '../components/usePageTitle';

export function SignedIn() {
  const { t } = useTranslation();
  const { completeNationalSignIn } = useAuth();
  const navigate = useNavigate();
  const code = useSearchParams()[0].get('code');
  const exchanged = useRef(false); // effects run twice in development's StrictMode; the code works once
  usePageTitle(t('signIn.title'));

  useEffect(() => {
    if (exchanged.current) return;
    exchanged.current = true;
    if (!code) {
      void navigate('/sign-in?error=expired', { replace: true });
      return;
    }
    completeNationalSignIn(code).then(
      ({ principal, returnTo }) => void navigate(safeReturnPath(returnTo ?? undefined) ?? homeOf(principal), { replace: true }),
      () => void navigate('/sign-in?error=expired', { replace: true }),
    );
  }, [code, completeNationalSignIn, navigate]);

  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <p role="status">{t('signIn.completing')}</p>
    </>
  );
}

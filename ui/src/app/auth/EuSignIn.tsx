// The "EU eID" entrance: an EU citizen chooses the country whose eID they sign in with; the form goes to the
// platform's eIDAS start (api/platform/auth/eidas/routes.ts), which sends the browser on to the eIDAS node. It goes
// there as a navigation, not a form submission: the page's CSP (form-action 'self') would stop a submitted form at
// the redirect to the node.
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../i18n/useLocalized';

// The EU member states other than Latvia (Latvians sign in with Latvija.lv), by EU country code (Greece is EL).
const EU_COUNTRIES: Array<{ code: string; lv: string; en: string }> = [
  { code: 'AT', lv: 'Austrija', en: 'Austria' },
  { code: 'BE', lv: 'Beļģija', en: 'Belgium' },
  { code: 'BG', lv: 'Bulgārija', en: 'Bulgaria' },
  { code: 'HR', lv: 'Horvātija', en: 'Croatia' },
  { code: 'CY', lv: 'Kipra', en: 'Cyprus' },
  { code: 'CZ', lv: 'Čehija', en: 'Czechia' },
  { code: 'DK', lv: 'Dānija', en: 'Denmark' },
  { code: 'EE', lv: 'Igaunija', en: 'Estonia' },
  { code: 'FI', lv: 'Somija', en: 'Finland' },
  { code: 'FR', lv: 'Francija', en: 'France' },
  { code: 'DE', lv: 'Vācija', en: 'Germany' },
  { code: 'EL', lv: 'Grieķija', en: 'Greece' },
  { code: 'HU', lv: 'Ungārija', en: 'Hungary' },
  { code: 'IE', lv: 'Īrija', en: 'Ireland' },
  { code: 'IT', lv: 'Itālija', en: 'Italy' },
  { code: 'LT', lv: 'Lietuva', en: 'Lithuania' },
  { code: 'LU', lv: 'Luksemburga', en: 'Luxembourg' },
  { code: 'MT', lv: 'Malta', en: 'Malta' },
  { code: 'NL', lv: 'Nīderlande', en: 'Netherlands' },
  { code: 'PL', lv: 'Polija', en: 'Poland' },
  { code: 'PT', lv: 'Portugāle', en: 'Portugal' },
  { code: 'RO', lv: 'Rumānija', en: 'Romania' },
  { code: 'SK', lv: 'Slovākija', en: 'Slovakia' },
  { code: 'SI', lv: 'Slovēnija', en: 'Slovenia' },
  { code: 'ES', lv: 'Spānija', en: 'Spain' },
  { code: 'SE', lv: 'Zviedrija', en: 'Sweden' },
];

/** `returnTo`: a path of this site already checked by the sign-in page; `loa`: the lowest level the node must assert. */
export function EuSignIn({ returnTo, loa }: { returnTo: string | undefined; loa?: 'low' | 'substantial' | 'high' }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const sorted = [...EU_COUNTRIES].sort((a, b) => loc(a).localeCompare(loc(b)));
  const start = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const query = new URLSearchParams(new FormData(e.currentTarget) as unknown as Record<string, string>);
    window.location.assign(`/api/v1/auth/eidas/start?${query.toString()}`);
  };
  return (
    <section className="panel" aria-labelledby="eu-sign-in">
      <h2 id="eu-sign-in">{t('signIn.euHeading')}</h2>
      <p>{t('signIn.euHelp')}</p>
      <form method="get" action="/api/v1/auth/eidas/start" onSubmit={start} data-testid="eu-sign-in">
        <label htmlFor="eu-country">{t('signIn.euCountry')}</label>
        <select id="eu-country" name="country" required defaultValue="">
          <option value="" disabled>
            {t('signIn.euChoose')}
          </option>
          {sorted.map((c) => (
            <option key={c.code} value={c.code}>
              {loc(c)}
            </option>
          ))}
        </select>
        {returnTo && <input type="hidden" name="returnTo" value={returnTo} />}
        {loa && <input type="hidden" name="loa" value={loa} />}
        <button type="submit" className="primary">
          {t('signIn.eu')}
        </button>
      </form>
    </section>
  );
}

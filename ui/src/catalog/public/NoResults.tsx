// What the search offers when nothing matches every word: "did you mean" with the catalogue's own words and the
// most delivered services (both from the API), what to try, else the e-services that can be used online, and the
// unified customer centres (VPVKAC), which help with any service. Shown above partial matches too.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client';
import { useLocalized } from '../../app/i18n/useLocalized';
import { loadOffices, useLoaded } from '../reference';
import type { SearchResult } from '../types';

export function NoResults({ q, result }: { q: string; result: SearchResult }) {
  const { didYouMean, partial, popular } = result;
  const { t, i18n } = useTranslation();
  const loc = useLocalized();
  const offices = useLoaded(loadOffices);
  const [eservices, setEServices] = useState<SearchResult['items']>([]);
  const lang = i18n.language === 'en' ? 'en' : 'lv';
  useEffect(() => {
    if (popular.length > 0) return; // the popular services are there: no need for the e-services
    api<SearchResult>(`/api/v1/catalog/services?channel=eservice&pageSize=5&lang=${lang}`).then(
      (r) => setEServices(r.items),
      () => setEServices([]), // the rest of the help stands without them
    );
  }, [lang, popular.length]);
  const centres = (offices.value ?? []).filter((o) => o.kind === 'vpvkac');

  return (
    <section className="no-results" aria-labelledby="no-results-heading" data-testid="no-results">
      <h2 id="no-results-heading">{t(partial ? 'catalog.noResults.partialTitle' : 'catalog.noResults.title', { q })}</h2>
      {didYouMean && (
        <p className="did-you-mean" data-testid="did-you-mean">
          {t('catalog.noResults.didYouMean')} <Link to={`/catalog?q=${encodeURIComponent(didYouMean)}`}>{didYouMean}</Link>?
        </p>
      )}
      <ul>
        <li>{t('catalog.noResults.spelling')}</li>
        <li>{t('catalog.noResults.fewerWords')}</li>
        <li>{t('catalog.noResults.otherLanguage')}</li>
      </ul>
      {popular.length > 0 && (
        <>
          <h3>{t('catalog.noResults.popular')}</h3>
          <ul data-testid="popular-services">
            {popular.map((s) => (
              <li key={s.id}>
                <Link to={`/catalog/${s.id}`}>{loc(s.title)}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {popular.length === 0 && eservices.length > 0 && (
        <>
          <h3>{t('catalog.noResults.eservices')}</h3>
          <ul data-testid="suggested-eservices">
            {eservices.map((s) => (
              <li key={s.id}>
                <Link to={`/catalog/${s.id}`}>{loc(s.title)}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('catalog.noResults.centreTitle')}</h3>
      <p>{t('catalog.noResults.centre')}</p>
      {centres.length > 0 && (
        <ul data-testid="customer-centres">
          {centres.map((o) => (
            <li key={o.id}>
              {loc(o.name)}, {o.address}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

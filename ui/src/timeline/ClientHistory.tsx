// An officer's view of a client's history (issue 18 §3): the client by personal code, and the legal basis recorded
// on the view (none: only the agency's own dealings; a basis widens it to what it allows). The API audits each view,
// so the client sees it in "who used my data". Reached from the navigation and from a task's applicant.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { TimelineLegalBases } from '../../../forms/types/api';
import { api, ApiError } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { useLocalized } from '../app/i18n/useLocalized';
import { HistoryFilters, filterQuery } from './HistoryFilters';
import { HistoryList } from './HistoryList';
import { useHistoryPages } from './useHistoryPages';
import './timeline.css';

const CODE = /^[0-9]{6}-?[0-9]{5}$/;

export function ClientHistory() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const navigate = useNavigate();
  const { personalCode } = useParams();
  const [params] = useSearchParams();
  const [bases, setBases] = useState<TimelineLegalBases['items']>([]);
  const [code, setCode] = useState(personalCode ?? '');
  const [codeProblem, setCodeProblem] = useState(false);
  usePageTitle(personalCode ? t('timeline.officer.forClient', { code: personalCode }) : t('timeline.officer.title'));
  useEffect(() => {
    api<TimelineLegalBases>('/api/v1/agency/timeline-legal-bases').then(
      (r) => setBases(r.items),
      () => setBases([]),
    );
  }, []);
  const legalBasis = params.get('legalBasis') ?? '';
  const path = personalCode
    ? `/api/v1/agency/clients/${encodeURIComponent(personalCode)}/timeline?${filterQuery(params, legalBasis ? { legalBasis } : {})}`
    : null;
  const { page, error, more, loadingMore } = useHistoryPages(path);
  const base = (c: string) => `/officer/clients/${c.replace('-', '')}`;

  const lookUp = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!CODE.test(code.trim())) return setCodeProblem(true);
    setCodeProblem(false);
    const basis = new FormData(e.currentTarget).get('legalBasis');
    void navigate(`${base(code.trim())}${typeof basis === 'string' && basis ? `?legalBasis=${basis}` : ''}`);
  };
  const errorText =
    error instanceof ApiError && error.status === 403
      ? t('timeline.officer.notHeld')
      : error instanceof ApiError && error.status === 400
        ? t('timeline.officer.badCode')
        : error
          ? t('errors.generic')
          : null;

  return (
    <>
      <h1>{personalCode ? t('timeline.officer.forClient', { code: personalCode }) : t('timeline.officer.title')}</h1>
      <p className="lead">{t('timeline.officer.lead')}</p>
      <form
        className="history-filters"
        onSubmit={lookUp}
        noValidate
        aria-label={t('timeline.officer.title')}
        key={`${personalCode}|${legalBasis}|${bases.length}`}
      >
        <div className="field">
          <label htmlFor="client-code">{t('timeline.officer.personalCode')}</label>
          <div className="field-hint" id="client-code-hint">
            {t('timeline.officer.personalCodeHint')}
          </div>
          <input
            id="client-code"
            inputMode="numeric"
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-invalid={codeProblem || undefined}
            aria-describedby={codeProblem ? 'client-code-hint client-code-error' : 'client-code-hint'}
          />
          {codeProblem && (
            <p id="client-code-error" className="field-error">
              {t('timeline.officer.badCode')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="client-basis">{t('timeline.officer.basis')}</label>
          <select id="client-basis" name="legalBasis" defaultValue={legalBasis}>
            <option value="">{t('timeline.officer.ownOnly')}</option>
            {bases.map((b) => (
              <option key={b.code} value={b.code}>
                {loc(b.title)} — {loc(b.law)}
              </option>
            ))}
          </select>
        </div>
        <div className="field history-filters-actions">
          <button type="submit">{t('timeline.officer.show')}</button>
        </div>
      </form>
      {personalCode && (
        <>
          {page && (
            <p className="muted" data-testid="client-history-scope">
              {page.legalBasis
                ? t('timeline.officer.basisShown', { title: loc(page.legalBasis.title), law: loc(page.legalBasis.law) })
                : t('timeline.officer.ownShown')}
            </p>
          )}
          <HistoryFilters
            key={`${params.toString()}|${page?.agencies.length ?? 0}`}
            params={params}
            agencies={page?.agencies ?? []}
            clearTo={`${base(personalCode)}${legalBasis ? `?legalBasis=${legalBasis}` : ''}`}
            onApply={(next) => {
              if (legalBasis) next.set('legalBasis', legalBasis);
              void navigate(`${base(personalCode)}${next.size > 0 ? `?${next.toString()}` : ''}`);
            }}
          />
          {errorText && <Alert kind="error">{errorText}</Alert>}
          {!page && !error && <Loading />}
          {page && page.items.length === 0 && <p>{t('timeline.noneFiltered')}</p>}
          {page && <HistoryList items={page.items} hasMore={!!page.next} loadingMore={loadingMore} onMore={more} linkCases={false} />}
        </>
      )}
    </>
  );
}

// "Who used my data": the uses of the citizen's data by others (through the platform and in the registers), newest
// first, filtered by institution and period, paged with "Show more" (the API's `next` link); and the export of all
// their data as JSON or PDF.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, downloadFile } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { DateInput } from '../app/components/DateInput';
import { usePageTitle } from '../app/components/usePageTitle';
import { useLocalized } from '../app/i18n/useLocalized';
import { useFormatDate } from '../app/i18n/dates';
import type { DataUseList } from '../../../forms/types/api';
import './data-use.css';

type Use = DataUseList['items'][number];
interface Filters {
  institution: string;
  from: string;
  to: string;
}

const PAGE_SIZE = 20;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function firstPage(f: Filters): string {
  const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (f.institution) q.set('institution', f.institution);
  if (ISO_DAY.test(f.from)) q.set('from', f.from);
  if (ISO_DAY.test(f.to)) q.set('to', f.to);
  return `/api/v1/me/data-use?${q.toString()}`;
}

function UseItem({ use }: { use: Use }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const formatDate = useFormatDate();
  return (
    <li className="data-use-item" data-use={use.id} data-purpose={use.purpose.code} data-source={use.source}>
      <h2 className="data-use-heading">
        <span>{loc(use.who)}</span> <time dateTime={use.at}>{formatDate(use.at)}</time>
      </h2>
      <dl className="summary-list">
        <div>
          <dt>{t('dataUse.role')}</dt>
          <dd>{loc(use.role)}</dd>
        </div>
        <div>
          <dt>{t('dataUse.what')}</dt>
          <dd>{loc(use.what)}</dd>
        </div>
        <div>
          <dt>{t('dataUse.why')}</dt>
          <dd>{loc(use.purpose.text)}</dd>
        </div>
        {use.legalBasis && (
          <div>
            <dt>{t('dataUse.legalBasis')}</dt>
            <dd>{use.legalBasis}</dd>
          </div>
        )}
        {use.caseId && (
          <div>
            <dt>{t('dataUse.case')}</dt>
            <dd>{use.caseHref ? <Link to={use.caseHref}>{use.caseId}</Link> : use.caseId}</dd>
          </div>
        )}
      </dl>
      <p className="meta">{t(`dataUse.source.${use.source}`)}</p>
    </li>
  );
}

function ExportButtons() {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const download = (format: 'json' | 'pdf') => {
    setFailed(false);
    downloadFile(`/api/v1/me/export?format=${format}`, `mani-dati.${format}`).catch(() => setFailed(true));
  };
  return (
    <section aria-labelledby="export-title" className="data-export">
      <h2 id="export-title">{t('dataUse.export.title')}</h2>
      <p>{t('dataUse.export.lead')}</p>
      {failed && <Alert kind="error">{t('dataUse.export.failed')}</Alert>}
      <div className="actions">
        <button type="button" className="secondary" data-export="json" onClick={() => download('json')}>
          {t('dataUse.export.json')}
        </button>
        <button type="button" className="secondary" data-export="pdf" onClick={() => download('pdf')}>
          {t('dataUse.export.pdf')}
        </button>
      </div>
    </section>
  );
}

export function DataUsePage() {
  const { t } = useTranslation();
  const loc = useLocalized();
  usePageTitle(t('dataUse.title'));
  const [draft, setDraft] = useState<Filters>({ institution: '', from: '', to: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [items, setItems] = useState<Use[] | null>(null);
  const [institutions, setInstitutions] = useState<DataUseList['institutions']>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (url: string, append: boolean) => {
      setBusy(true);
      setError(null);
      try {
        const page = await api<DataUseList>(url);
        setItems((shown) => (append && shown ? [...shown, ...page.items] : page.items));
        setInstitutions(page.institutions);
        setNext(page.next);
      } catch {
        setError(t('dataUse.errors.load'));
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  useEffect(() => {
    void load(firstPage(filters), false);
  }, [filters, load]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };

  return (
    <>
      <h1>{t('dataUse.title')}</h1>
      <p className="lead">{t('dataUse.lead')}</p>
      <form className="data-use-filters" onSubmit={apply} aria-label={t('dataUse.filters.legend')}>
        <div className="field">
          <label htmlFor="data-use-institution">{t('dataUse.filters.institution')}</label>
          <select id="data-use-institution" value={draft.institution} onChange={(e) => setDraft({ ...draft, institution: e.target.value })}>
            <option value="">{t('dataUse.filters.allInstitutions')}</option>
            {institutions.map((i) => (
              <option key={i.code} value={i.code}>
                {loc(i.name)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="data-use-from">{t('dataUse.filters.from')}</label>
          <DateInput id="data-use-from" value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
        </div>
        <div className="field">
          <label htmlFor="data-use-to">{t('dataUse.filters.to')}</label>
          <DateInput id="data-use-to" value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
        </div>
        <div className="actions">
          <button type="submit">{t('dataUse.filters.apply')}</button>
        </div>
      </form>
      {error && <Alert kind="error">{error}</Alert>}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p data-testid="data-use-none">{t('dataUse.none')}</p>}
      {items && items.length > 0 && (
        <ol className="data-use-list" data-testid="data-use" aria-busy={busy}>
          {items.map((use) => (
            <UseItem key={use.id} use={use} />
          ))}
        </ol>
      )}
      {next && (
        <div className="actions">
          <button type="button" className="secondary" disabled={busy} data-testid="data-use-more" onClick={() => void load(next, true)}>
            {t('dataUse.more')}
          </button>
        </div>
      )}
      <ExportButtons />
    </>
  );
}

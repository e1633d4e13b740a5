// "My data in the registers": one section per register; each item with its source (register and holder agency) and
// the time it was read, and "Something is wrong" opening the discrepancy form under it. A register that did not
// answer says so in its own section; the others are shown as usual.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { useFormatDate } from '../app/i18n/dates';
import { useLocalized } from '../app/i18n/useLocalized';
import type { RegisterDataItem, RegisterDataSection, RegisterDataView } from '../../../forms/types/api';
import { DiscrepancyForm } from './DiscrepancyForm';
import { useFieldValue } from './field-value';
import './register-data.css';

export function MyRegisterData() {
  const { t } = useTranslation();
  const [data, setData] = useState<RegisterDataView | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('registerData.title'));

  const load = useCallback(() => {
    setError(null);
    return api<RegisterDataView>('/api/v1/me/register-data').then(setData, () => setError(t('registerData.errors.load')));
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <h1>{t('registerData.title')}</h1>
      <p className="lead">{t('registerData.lead')}</p>
      {error && <Alert kind="error">{error}</Alert>}
      {!data && !error && <Loading />}
      {data?.sections.map((section) => (
        <RegisterSection key={section.register} section={section} onReload={() => void load()} />
      ))}
    </>
  );
}

function RegisterSection({ section, onReload }: { section: RegisterDataSection; onReload(): void }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const headingId = `register-${section.register}`;
  return (
    <section className="register-section" aria-labelledby={headingId} data-register={section.register}>
      <h2 id={headingId}>{loc(section.title)}</h2>
      {section.status === 'unavailable' ? (
        <>
          <SourceLine section={section} />
          <Alert kind="info">{t('registerData.unavailable')}</Alert>
          <button type="button" className="secondary" onClick={onReload}>
            {t('registerData.reload')}
          </button>
        </>
      ) : section.items.length === 0 ? (
        <>
          <SourceLine section={section} />
          <p className="muted">{section.message ? loc(section.message) : t('registerData.empty')}</p>
        </>
      ) : (
        <ul className="register-items">
          {section.items.map((item) => (
            <li key={item.id}>
              <RegisterItem register={section.register} item={item} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SourceLine({ section }: { section: Pick<RegisterDataSection, 'source' | 'readAt'> }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const formatDate = useFormatDate();
  return (
    <p className="register-source" data-testid="register-source">
      {t('registerData.source', { register: loc(section.source.registerName), holder: loc(section.source.holder.name) })}
      {section.readAt && (
        <>
          {' · '}
          <time dateTime={section.readAt}>{t('registerData.readAt', { time: formatDate(section.readAt) })}</time>
        </>
      )}
    </p>
  );
}

function RegisterItem({ register, item }: { register: RegisterDataSection['register']; item: RegisterDataItem }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const valueOf = useFieldValue();
  const [reporting, setReporting] = useState(false);
  const formId = `report-${register}-${item.id}`.replace(/[^A-Za-z0-9_-]/g, '-');
  return (
    <article className="register-item" data-item={item.id}>
      <h3>{loc(item.title)}</h3>
      <SourceLine section={item} />
      <dl className="register-fields">
        {item.fields.map((field) => (
          <div key={field.key}>
            <dt>{loc(field.label)}</dt>
            <dd>{valueOf(field)}</dd>
          </div>
        ))}
      </dl>
      {reporting ? (
        <DiscrepancyForm register={register} item={item} formId={formId} onCancel={() => setReporting(false)} />
      ) : (
        <button
          type="button"
          className="secondary"
          aria-label={t('registerData.report.openNamed', { item: loc(item.title) })}
          onClick={() => setReporting(true)}
        >
          {t('registerData.report.open')}
        </button>
      )}
    </article>
  );
}

// The e-services a representative may open for the company (those whose definition serves companies): "Start" opens
// a draft whose recipient is the company (POST /api/v1/organisations/{regNo}/applications) and goes to its form.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../app/api/client';
import { Alert } from '../app/components/Alert';
import { useLocalized } from '../app/i18n/useLocalized';
import type { GetOrganisationsRegnoEservicesResponse, PostOrganisationsRegnoApplicationsResponse } from '../../../forms/types/api';

export function CompanyEServices({ regNo }: { regNo: string }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const navigate = useNavigate();
  const [items, setItems] = useState<GetOrganisationsRegnoEservicesResponse['items']>([]);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState<string | null>(null);
  const base = `/api/v1/organisations/${encodeURIComponent(regNo)}`;

  useEffect(() => {
    api<GetOrganisationsRegnoEservicesResponse>(`${base}/eservices`).then(
      (r) => setItems(r.items),
      () => setError(t('organisations.eservicesLoad')),
    );
  }, [base, t]);

  const start = async (eserviceId: string) => {
    setStarting(eserviceId);
    setError(null);
    try {
      const opened = await api<PostOrganisationsRegnoApplicationsResponse>(`${base}/applications`, {
        body: { eserviceId },
        headers: { 'idempotency-key': newIdempotencyKey() },
      });
      void navigate(`/applications/${opened.id}`);
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'outside_representation' ? t('organisations.viewOnly') : t('organisations.startFailed'));
      setStarting(null);
    }
  };

  if (items.length === 0 && !error) return null;
  return (
    <section aria-labelledby="org-eservices-heading">
      <h2 id="org-eservices-heading">{t('organisations.eservices')}</h2>
      {error && <Alert kind="error">{error}</Alert>}
      <ul className="case-list" data-testid="company-eservices">
        {items.map((e) => (
          <li key={e.id} className="case">
            <h3>{loc(e.title)}</h3>
            {e.description && <p>{loc(e.description)}</p>}
            <button type="button" className="primary" disabled={starting !== null} onClick={() => void start(e.id)}>
              {t('organisations.startEService', { title: loc(e.title) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

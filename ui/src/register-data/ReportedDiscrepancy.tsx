// On the page of a case a discrepancy report opened (/cases/:id): what the person reported, in which register and
// item, what is wrong and what is right.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { useLocalized } from '../app/i18n/useLocalized';
import type { RegisterDataDiscrepancy } from '../../../forms/types/api';

/** Whether a case is a discrepancy report (its service is one of the registers' register-discrepancy-*). */
export const isDiscrepancyService = (serviceId: string) => serviceId.startsWith('register-discrepancy-');

export function ReportedDiscrepancy({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const [report, setReport] = useState<RegisterDataDiscrepancy | null>(null);
  useEffect(() => {
    // Without the report the case page still says all the rest: a failure here shows nothing.
    api<RegisterDataDiscrepancy>(`/api/v1/cases/${encodeURIComponent(caseId)}/register-discrepancy`).then(setReport, () => undefined);
  }, [caseId]);
  if (!report) return null;
  return (
    <section aria-labelledby="reported-discrepancy" data-testid="reported-discrepancy">
      <h2 id="reported-discrepancy">{t('registerData.reported.title')}</h2>
      <dl className="case-summary">
        <div>
          <dt>{t('registerData.reported.register')}</dt>
          <dd>{loc(report.registerName)}</dd>
        </div>
        <div>
          <dt>{t('registerData.reported.item')}</dt>
          <dd>
            {report.itemId === 'person' ? t('registerData.reported.person') : report.itemId}, {loc(report.fieldLabel)}
          </dd>
        </div>
        <div>
          <dt>{t('registerData.report.wrong')}</dt>
          <dd>{report.wrong}</dd>
        </div>
        <div>
          <dt>{t('registerData.report.correct')}</dt>
          <dd>{report.correct}</dd>
        </div>
        {report.comment && (
          <div>
            <dt>{t('registerData.reported.comment')}</dt>
            <dd>{report.comment}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

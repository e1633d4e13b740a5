// Pieces of a case that "My cases" and a case's own page both show: who acted for the citizen (their representative,
// staff by role and office, never a named officer), the documents issued for it, and where to go on: the application
// here, or the page of the agency's own system.
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../app/api/client';
import { Alert } from '../app/components/Alert';
import { useLocalized } from '../app/i18n/useLocalized';
import type { CaseItem } from './types';
import type { Localized } from '../app/api/types';

/** "Submitted for you by …": the representative and the staff who acted, or nothing when the citizen acted alone. */
export function ActedFor({ item }: { item: CaseItem }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const rep = item.representative as { name?: string | null; basis?: string | null } | null;
  const staff = item.actingStaff;
  if (!rep && !staff) return null;
  return (
    <ul className="plain acted-for" data-testid="acted-for">
      {rep && item.relation !== 'representative' && (
        <li>
          {t('cases.actedFor.representative', {
            name: rep.name ?? t('cases.actedFor.someone'),
            basis: t(`cases.basis.${rep.basis ?? 'consent'}`),
          })}
        </li>
      )}
      {item.relation === 'representative' && (
        <li>{t('cases.actedFor.youRepresent', { name: item.recipient.name ?? item.recipient.id })}</li>
      )}
      {staff && (
        <li>
          {t(`cases.actedFor.staff.${staff.role}`)}
          {staff.office && <>, {loc(staff.office)}</>} ({t(`cases.basis.${staff.basis}`)})
        </li>
      )}
    </ul>
  );
}

/** The documents issued for the case: each a download (the file needs the session, so it is fetched and saved). */
export function CaseDocuments({ item, headingLevel = 3 }: { item: CaseItem; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const [error, setError] = useState<string | null>(null);
  const documents = item.documents ?? [];
  if (documents.length === 0) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="case-documents">
      <Heading className={headingLevel === 3 ? 'small-heading' : undefined}>{t('cases.documents')}</Heading>
      {error && <Alert kind="error">{error}</Alert>}
      <ul className="plain">
        {documents.map((d) => (
          <li key={d.id}>
            <button
              type="button"
              className="link-button"
              data-document={d.id}
              onClick={() => void downloadFile(d.href, `${item.id}-${d.id}.pdf`).catch(() => setError(t('documents.failed')))}
            >
              {t('documents.download', { title: loc(d.title) })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The agency's words for a status, beside the status's badge: only when they say more than the status's own name
 * (a Latvian-only label reads as the plain status name in English, which the badge says already).
 */
export function useStatusWords(): (
  status: CaseItem['status'],
  text: Localized | null | undefined,
  label: string | null | undefined,
) => string | null {
  const { t } = useTranslation();
  const loc = useLocalized();
  return (status, text, label) => {
    if (!label || !text) return null;
    const words = loc(text);
    return words && words !== t(`status.${status}`) ? words : null;
  };
}

/** The current status's words beside its badge, when they say more (useStatusWords). */
export function StatusWords({ item }: { item: CaseItem }) {
  const words = useStatusWords()(item.status, item.statusText, item.statusLabel);
  return words ? <span>{words}</span> : null;
}

/** Where the case goes on: its application here (whatever the channel it came through), else its own page. */
export function caseHref(item: CaseItem): string {
  return item.application ? `/applications/${item.id}` : `/cases/${item.id}`;
}

export function OpenCaseLink({ item }: { item: CaseItem }) {
  const { t } = useTranslation();
  return (
    <Link to={caseHref(item)} aria-label={t('cases.openNamed', { id: item.id })}>
      {t('cases.open')}
    </Link>
  );
}

/** The page of the case in the agency's own system (opens there; the platform holds no more than the register). */
export function AgencySystemLink({ item }: { item: CaseItem }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  if (!item.agencyUrl) return null;
  return (
    <a href={item.agencyUrl} rel="noopener noreferrer" data-testid="agency-system-link">
      {t('cases.agencySystem', { agency: loc(item.agencyName) || item.agencyId })}
    </a>
  );
}

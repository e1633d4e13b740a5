// One service in the search: its title (a link to its page), an "e-service" badge when it has an e-service, what it
// is, who provides it and how, and the way into the e-service: a signed-in citizen starts one of the platform's
// e-services right here, a visitor goes through the sign-in, another agency's e-service opens on its portal.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/i18n/useLocalized';
import { CHANNEL_TYPES, type SearchItem } from '../types';
import type { EServiceSummary } from '../../applications/types';

/** The platform's own e-service behind a catalogue entry (its link is `/services?start=<id>`); null for another portal's. */
export function platformEService(link: string | null): string | null {
  if (!link?.startsWith('/services?')) return null;
  return new URLSearchParams(link.slice('/services?'.length)).get('start');
}

export function SearchResultItem({
  item,
  own,
  citizen,
  needsPersonalCode,
  starting,
  onStart,
}: {
  item: SearchItem;
  /** The e-service this entry links to is the platform's e-service of this very service (not of another entry). */
  own: (eserviceId: string) => boolean;
  /** A signed-in citizen: the platform's e-services start with one press. */
  citizen: boolean;
  /** For a citizen without a Latvian personal code: the other channels of an e-service that needs one (else null). */
  needsPersonalCode: (eserviceId: string) => EServiceSummary['requiresLatvianPersonalCode'] | null;
  /** The e-service being opened, if any: every start button waits. */
  starting: string | null;
  onStart: (eserviceId: string) => void;
}) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const link = item.links.eservice;
  const eserviceId = platformEService(link);
  const title = loc(item.title);
  const channels = [...item.channels]
    .sort((a, b) => CHANNEL_TYPES.indexOf(a) - CHANNEL_TYPES.indexOf(b))
    .map((c) => t(`channel.${c}`))
    .join(', ');
  return (
    <li className="result" data-service={item.id} {...(eserviceId && own(eserviceId) ? { 'data-eservice': eserviceId } : {})}>
      <h3>
        <Link to={`/catalog/${item.id}`}>{title}</Link>
      </h3>
      {link && (
        <p>
          <span className="badge badge-eservice">{t('catalog.search.eservice')}</span>
        </p>
      )}
      <p>{loc(item.description)}</p>
      <p className="muted">
        {loc(item.agency.name)} · {channels}
      </p>
      {eserviceId && citizen && needsPersonalCode(eserviceId) && (
        <p className="muted" data-testid="needs-personal-code">
          <strong>{t('services.needsPersonalCode')}</strong> {loc(needsPersonalCode(eserviceId)!.otherChannels)}
        </p>
      )}
      {eserviceId && citizen && !needsPersonalCode(eserviceId) && (
        <button
          type="button"
          className="primary"
          disabled={starting !== null}
          onClick={() => onStart(eserviceId)}
          aria-label={t('catalog.search.startNamed', { title })}
        >
          {starting === eserviceId ? t('services.starting') : t('catalog.search.start')}
        </button>
      )}
      {eserviceId && !citizen && (
        <Link to={link as string} className="button-link secondary" aria-label={t('catalog.search.startNamed', { title })}>
          {t('catalog.search.start')}
        </Link>
      )}
      {link && !eserviceId && (
        <a href={link} className="button-link secondary" rel="noopener" aria-label={t('catalog.search.portalNamed', { title })}>
          {t('catalog.search.portal')}
        </a>
      )}
    </li>
  );
}

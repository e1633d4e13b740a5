// One channel of a service: the steps in order, the documents needed, the cost, the processing time in words, and
// where and when: the offices with address and opening hours, the phone line, the e-mail, the postal address, or
// the e-service's start button.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/i18n/useLocalized';
import { useMoney } from '../../app/i18n/format';
import { useDuration, useOpeningHours } from '../format';
import type { ChannelDescription, DescribedItem, OfficeInfo } from '../types';

export type ChannelView = Omit<ChannelDescription, 'offices'> & { offices?: Array<OfficeInfo | { id: string }> };

function Office({ office, label }: { office: OfficeInfo | { id: string }; label: (id: string) => string }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const hours = useOpeningHours();
  if (!('address' in office))
    return (
      <li className="office" data-office={office.id}>
        <h4>{label(office.id)}</h4>
      </li>
    );
  const rows = hours(office.openingHours ?? []);
  return (
    <li className="office" data-office={office.id}>
      <h4>{loc(office.name)}</h4>
      <p className="office-address">{office.address}</p>
      {rows.length > 0 && (
        <dl className="opening-hours" aria-label={t('catalog.service.openingHours')}>
          {rows.map((r) => (
            <div key={r.days}>
              <dt>{r.days}</dt>
              <dd>{r.hours}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

export function ChannelPanel({
  channel,
  evidence,
  preview,
  officeLabel,
}: {
  channel: ChannelView;
  evidence: DescribedItem[];
  preview?: boolean;
  officeLabel: (id: string) => string;
}) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const money = useMoney();
  const duration = useDuration();
  const docs = channel.evidence.map((id) => evidence.find((e) => e.id === id) ?? { id, name: { lv: id, en: id } });
  const url = channel.eserviceUrl;
  return (
    <div className="channel" data-channel={channel.type}>
      <h3>{t('catalog.service.steps')}</h3>
      <ol className="steps">
        {channel.steps.map((s, i) => (
          <li key={i}>{loc(s)}</li>
        ))}
      </ol>
      {docs.length > 0 && (
        <>
          <h3>{t('catalog.service.channelDocuments')}</h3>
          <ul>
            {docs.map((d) => (
              <li key={d.id}>{loc(d.name)}</li>
            ))}
          </ul>
        </>
      )}
      <dl className="summary-list">
        <div>
          <dt>{t('catalog.service.cost')}</dt>
          <dd data-testid="channel-cost">
            {channel.cost
              ? `${money(channel.cost.amountEur)}${channel.cost.description ? ` · ${loc(channel.cost.description)}` : ''}`
              : t('catalog.service.free')}
          </dd>
        </div>
        <div>
          <dt>{t('catalog.service.processingTime')}</dt>
          <dd data-testid="processing-time">{duration(channel.processingTime)}</dd>
        </div>
        {channel.hours && (
          <div>
            <dt>{t('catalog.service.hours')}</dt>
            <dd>{loc(channel.hours)}</dd>
          </div>
        )}
        {channel.phone && (
          <div>
            <dt>{t('catalog.service.phone')}</dt>
            <dd>
              <a href={`tel:${channel.phone.replace(/\s/g, '')}`}>{channel.phone}</a>
            </dd>
          </div>
        )}
        {channel.email && (
          <div>
            <dt>{t('catalog.service.email')}</dt>
            <dd>
              <a href={`mailto:${channel.email}`}>{channel.email}</a>
            </dd>
          </div>
        )}
        {channel.postalAddress && (
          <div>
            <dt>{t('catalog.service.postalAddress')}</dt>
            <dd>{channel.postalAddress}</dd>
          </div>
        )}
        {url && preview && (
          <div>
            <dt>{t('catalog.service.eserviceLink')}</dt>
            <dd className="mono">{url}</dd>
          </div>
        )}
      </dl>
      {url && !preview && (
        <p>
          {url.startsWith('/') ? (
            <Link to={url} className="button-link primary" data-testid="start-eservice">
              {t('catalog.service.start')}
            </Link>
          ) : (
            <a href={url} className="button-link primary" data-testid="start-eservice" rel="noopener">
              {t('catalog.service.start')}
            </a>
          )}
        </p>
      )}
      {channel.offices && channel.offices.length > 0 && (
        <>
          <h3>{t('catalog.service.offices')}</h3>
          <ul className="offices">
            {channel.offices.map((o) => (
              <Office key={o.id} office={o} label={officeLabel} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

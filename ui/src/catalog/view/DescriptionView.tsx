// A service description as people read it: who provides it, the classifiers, requirements, documents, outputs and
// legal basis, then one tab per channel. Used by the public service page and, as a preview, by reviewers.
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/i18n/useLocalized';
import type { Labeller } from '../reference';
import { Tabs } from '../Tabs';
import { CHANNEL_TYPES, type DescribedItem, type ServiceDescription } from '../types';
import { ChannelPanel, type ChannelView } from './ChannelPanel';

export interface ServiceView extends Omit<ServiceDescription, 'channels'> {
  channels: ChannelView[];
}

function Items({ title, items, id }: { title: string; items: DescribedItem[]; id: string }) {
  const loc = useLocalized();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-heading`} data-section={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <ul className="described-items">
        {items.map((item) => (
          <li key={item.id}>
            <strong>{loc(item.name)}</strong>
            {item.description && <div>{loc(item.description)}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DescriptionView({
  service,
  label,
  agencyName,
  preview,
  headingLevel = 1,
}: {
  service: ServiceView;
  label: Labeller;
  agencyName: string;
  preview?: boolean;
  headingLevel?: 1 | 2;
}) {
  const { t, i18n } = useTranslation();
  const loc = useLocalized();
  const keywords = service.keywords[i18n.language === 'en' ? 'en' : 'lv'];
  const channels = [...service.channels].sort((a, b) => CHANNEL_TYPES.indexOf(a.type) - CHANNEL_TYPES.indexOf(b.type));
  const [selected, setSelected] = useState<string>(channels[0]?.type ?? 'eservice');
  const list = (codes: string[], name: (c: string) => string) => codes.map(name).join(', ');
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const eservice = channels.find((c) => c.type === 'eservice')?.eserviceUrl;

  return (
    <article className="service-description" data-service={service.id}>
      <Heading data-testid="service-title">{loc(service.title)}</Heading>
      <p className="lead">{loc(service.description)}</p>
      {eservice && !preview && (
        <p>
          {eservice.startsWith('/') ? (
            <Link to={eservice} className="button-link primary" data-testid="start-eservice-top">
              {t('catalog.service.start')}
            </Link>
          ) : (
            <a href={eservice} className="button-link primary" rel="noopener">
              {t('catalog.service.start')}
            </a>
          )}
        </p>
      )}
      <dl className="summary-list">
        <div>
          <dt>{t('catalog.service.provider')}</dt>
          <dd data-testid="provider">{agencyName}</dd>
        </div>
        <div>
          <dt>{t('catalog.service.sector')}</dt>
          <dd>{label.sector(service.sector)}</dd>
        </div>
        {service.thematicAreas.length > 0 && (
          <div>
            <dt>{t('catalog.fields.thematicAreas')}</dt>
            <dd>{list(service.thematicAreas, (c) => label.concept('thematic-area', c))}</dd>
          </div>
        )}
        {service.lifeEvents.length > 0 && (
          <div>
            <dt>{t('catalog.fields.lifeEvents')}</dt>
            <dd>{list(service.lifeEvents, (c) => label.concept('life-event', c))}</dd>
          </div>
        )}
        {service.businessEvents.length > 0 && (
          <div>
            <dt>{t('catalog.fields.businessEvents')}</dt>
            <dd>{list(service.businessEvents, (c) => label.concept('business-event', c))}</dd>
          </div>
        )}
        <div>
          <dt>{t('catalog.fields.municipalities')}</dt>
          <dd>{service.municipalities.length > 0 ? list(service.municipalities, label.municipality) : t('catalog.service.nationwide')}</dd>
        </div>
      </dl>
      <Items id="requirements" title={t('catalog.fields.requirements')} items={service.requirements} />
      <Items id="evidence" title={t('catalog.fields.evidence')} items={service.evidence} />
      <Items id="outputs" title={t('catalog.fields.outputs')} items={service.outputs} />
      {service.legalBasis.length > 0 && (
        <section aria-labelledby="legal-heading" data-section="legal-basis">
          <h2 id="legal-heading">{t('catalog.fields.legalBasis')}</h2>
          <ul>
            {service.legalBasis.map((l) => (
              <li key={l.id}>
                {l.url ? (
                  <a href={l.url} rel="noopener">
                    {loc(l.title)}
                  </a>
                ) : (
                  loc(l.title)
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="channels-heading" data-section="channels">
        <h2 id="channels-heading">{t('catalog.service.howTo')}</h2>
        <Tabs
          idPrefix="channel"
          label={t('catalog.service.channels')}
          selected={selected}
          onSelect={setSelected}
          tabs={channels.map((c) => ({ id: c.type, label: t(`channel.${c.type}`) }))}
          panel={(type) => {
            const channel = channels.find((c) => c.type === type);
            return channel ? (
              <ChannelPanel channel={channel} evidence={service.evidence} preview={preview} officeLabel={label.office} />
            ) : null;
          }}
        />
      </section>
      {service.relatedServices.length > 0 && (
        <section aria-labelledby="related-heading" data-section="related">
          <h2 id="related-heading">{t('catalog.fields.relatedServices')}</h2>
          <ul>
            {service.relatedServices.map((id) => (
              <li key={id}>{preview ? label.service(id) : <Link to={`/catalog/${id}`}>{label.service(id)}</Link>}</li>
            ))}
          </ul>
        </section>
      )}
      {keywords.length > 0 && (
        <p className="muted">
          {t('catalog.fields.keywords')}: {keywords.join(', ')}
        </p>
      )}
    </article>
  );
}

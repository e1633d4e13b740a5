// The catalogue's filters: agency, life event, channel and municipality, each a select whose first option is "all".
import { useTranslation } from 'react-i18next';
import type { Localized } from '../../app/api/types';
import { useLocalized } from '../../app/i18n/useLocalized';
import { CHANNEL_TYPES, type Taxonomy } from '../types';

export const FILTER_KEYS = ['agency', 'lifeEvent', 'channel', 'municipality'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export function SearchFilters({
  taxonomy,
  values,
  onChange,
}: {
  taxonomy: Taxonomy | null;
  values: Record<string, string>;
  onChange: (key: FilterKey, value: string) => void;
}) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const byName = (a: { name: Localized }, b: { name: Localized }) => loc(a.name).localeCompare(loc(b.name));
  const options: Record<FilterKey, Array<{ value: string; label: string }>> = {
    agency: [...(taxonomy?.agencies ?? [])].sort(byName).map((a) => ({ value: a.id, label: loc(a.name) })),
    lifeEvent: (taxonomy?.schemes['life-event'] ?? []).map((c) => ({ value: c.code, label: loc(c.label) })),
    channel: CHANNEL_TYPES.map((c) => ({ value: c, label: t(`channel.${c}`) })),
    municipality: [...(taxonomy?.municipalities ?? [])].sort(byName).map((m) => ({ value: m.code, label: loc(m.name) })),
  };
  return (
    <fieldset className="catalog-filters">
      <legend>{t('catalog.search.filters')}</legend>
      <div className="filter-grid">
        {FILTER_KEYS.map((key) => (
          <div className="field" key={key}>
            <label htmlFor={`filter-${key}`}>{t(`catalog.search.filter.${key}`)}</label>
            <select id={`filter-${key}`} value={values[key] ?? ''} onChange={(e) => onChange(key, e.target.value)}>
              <option value="">{t('catalog.search.all')}</option>
              {options[key].map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
              {values[key] && !options[key].some((o) => o.value === values[key]) && <option value={values[key]}>{values[key]}</option>}
            </select>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

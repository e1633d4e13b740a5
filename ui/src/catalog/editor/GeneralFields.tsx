// The editor's general part: the id (on creation), titles and descriptions in both languages, the sector, the
// classifiers from the taxonomy as checkboxes, keywords, related services and municipalities.
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/i18n/useLocalized';
import type { Scheme, ServiceRef, Taxonomy } from '../types';
import { CheckboxGroup, PairFields, SelectField, TextField } from './Fields';
import type { EditorState } from './model';

type Patch = (change: Partial<EditorState>) => void;

export function GeneralFields({
  state,
  patch,
  creating,
  taxonomy,
  services,
}: {
  state: EditorState;
  patch: Patch;
  creating: boolean;
  taxonomy: Taxonomy;
  services: ServiceRef[];
}) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const concepts = (scheme: Scheme) => taxonomy.schemes[scheme].map((c) => ({ value: c.code, label: loc(c.label) }));
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  return (
    <section aria-labelledby="general-heading">
      <h2 id="general-heading">{t('catalog.editor.general')}</h2>
      {creating ? (
        <TextField
          id="f-id"
          label={t('catalog.fields.id')}
          hint={t('catalog.editor.idHint')}
          value={state.id}
          onChange={(id) => patch({ id })}
        />
      ) : (
        <p>
          <strong>{t('catalog.fields.id')}:</strong> <span className="mono">{state.id}</span>
        </p>
      )}
      <PairFields idBase="f-title" legend={t('catalog.fields.title')} value={state.title} onChange={(title) => patch({ title })} />
      <PairFields
        idBase="f-description"
        legend={t('catalog.fields.description')}
        multiline
        value={state.description}
        onChange={(description) => patch({ description })}
      />
      <SelectField
        id="f-sector"
        label={t('catalog.fields.sector')}
        value={state.sector}
        onChange={(sector) => patch({ sector })}
        placeholder={t('catalog.editor.choose')}
        options={taxonomy.sectors.map((s) => ({ value: s.id, label: loc(s.name) })).sort(byLabel)}
      />
      <CheckboxGroup
        id="f-thematicAreas"
        legend={t('catalog.fields.thematicAreas')}
        options={concepts('thematic-area')}
        values={state.thematicAreas}
        onChange={(thematicAreas) => patch({ thematicAreas })}
      />
      <CheckboxGroup
        id="f-lifeEvents"
        legend={t('catalog.fields.lifeEvents')}
        options={concepts('life-event')}
        values={state.lifeEvents}
        onChange={(lifeEvents) => patch({ lifeEvents })}
      />
      <CheckboxGroup
        id="f-businessEvents"
        legend={t('catalog.fields.businessEvents')}
        options={concepts('business-event')}
        values={state.businessEvents}
        onChange={(businessEvents) => patch({ businessEvents })}
      />
      <PairFields
        idBase="f-keywords"
        legend={t('catalog.fields.keywords')}
        hint={t('catalog.editor.keywordsHint')}
        value={state.keywords}
        onChange={(keywords) => patch({ keywords })}
      />
      <CheckboxGroup
        id="f-relatedServices"
        legend={t('catalog.fields.relatedServices')}
        values={state.relatedServices}
        onChange={(relatedServices) => patch({ relatedServices })}
        options={services
          .filter((s) => s.id !== state.id)
          .map((s) => ({ value: s.id, label: loc(s.title) }))
          .sort(byLabel)}
      />
      <CheckboxGroup
        id="f-municipalities"
        legend={t('catalog.fields.municipalities')}
        hint={t('catalog.editor.municipalitiesHint')}
        values={state.municipalities}
        onChange={(municipalities) => patch({ municipalities })}
        options={taxonomy.municipalities.map((m) => ({ value: m.code, label: loc(m.name) })).sort(byLabel)}
      />
    </section>
  );
}

// One channel in the editor: the steps in order, the documents needed (from the service's evidence), the cost, the
// processing time as a number and a unit, and what belongs to the channel's type: the e-service link, offices,
// the phone line, the e-mail address, the postal address, and the hours of the phone and e-mail lines.
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/i18n/useLocalized';
import type { ChannelType, Office } from '../types';
import { CheckboxGroup, PairFields, SelectField, TextField } from './Fields';
import { TIME_UNITS, type ChannelDraft, type ItemDraft } from './model';

export function ChannelFields({
  type,
  draft,
  evidence,
  offices,
  onChange,
}: {
  type: ChannelType;
  draft: ChannelDraft;
  evidence: ItemDraft[];
  offices: Office[];
  onChange: (change: Partial<ChannelDraft>) => void;
}) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const id = (field: string) => `f-ch-${type}-${field}`;
  const setStep = (i: number, v: ChannelDraft['steps'][number]) => onChange({ steps: draft.steps.map((s, j) => (j === i ? v : s)) });
  const addStep = () => {
    onChange({ steps: [...draft.steps, { lv: '', en: '' }] });
    requestAnimationFrame(() => document.getElementById(id(`steps-${draft.steps.length}-lv`))?.focus());
  };
  const officeOptions = offices
    .map((o) => ({ value: o.id, label: loc(o.name), hint: o.address }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <div className="channel-fields">
      <fieldset className="steps-editor">
        <legend>{t('catalog.channelFields.steps')}</legend>
        {draft.steps.map((step, i) => (
          <div key={i} className="step-row">
            <PairFields
              idBase={id(`steps-${i}`)}
              legend={t('catalog.channelFields.step', { n: i + 1 })}
              multiline
              value={step}
              onChange={(v) => setStep(i, v)}
            />
            {draft.steps.length > 1 && (
              <button type="button" className="secondary" onClick={() => onChange({ steps: draft.steps.filter((_, j) => j !== i) })}>
                {t('catalog.editor.removeNamed', { name: t('catalog.channelFields.step', { n: i + 1 }) })}
              </button>
            )}
          </div>
        ))}
        <button type="button" className="secondary" onClick={addStep}>
          {t('catalog.channelFields.addStep')}
        </button>
      </fieldset>
      <CheckboxGroup
        id={id('evidence')}
        legend={t('catalog.channelFields.evidence')}
        values={draft.evidence}
        onChange={(v) => onChange({ evidence: v })}
        empty={t('catalog.channelFields.noEvidence')}
        options={evidence.map((e, i) => ({ value: e.key, label: loc(e.name) || t('catalog.editor.itemName.evidence', { n: i + 1 }) }))}
      />
      <TextField
        id={id('cost')}
        label={t('catalog.channelFields.cost')}
        hint={t('catalog.channelFields.costHint')}
        inputMode="decimal"
        className="narrow"
        value={draft.cost}
        onChange={(v) => onChange({ cost: v })}
      />
      {draft.cost.trim() !== '' && (
        <PairFields
          idBase={id('costNote')}
          legend={t('catalog.channelFields.costNote')}
          value={draft.costNote}
          onChange={(v) => onChange({ costNote: v })}
        />
      )}
      <fieldset className="time-row">
        <legend>{t('catalog.channelFields.time')}</legend>
        <TextField
          id={id('time')}
          label={t('catalog.channelFields.timeAmount')}
          inputMode="numeric"
          className="narrow"
          value={draft.time}
          onChange={(v) => onChange({ time: v })}
        />
        <SelectField
          id={id('unit')}
          label={t('catalog.channelFields.timeUnit')}
          value={draft.unit}
          onChange={(v) => onChange({ unit: v as ChannelDraft['unit'] })}
          options={TIME_UNITS.map((u) => ({ value: u, label: t(`catalog.units.${u}`) }))}
        />
      </fieldset>
      {type === 'eservice' && (
        <TextField
          id={id('eserviceUrl')}
          label={t('catalog.channelFields.eserviceUrl')}
          hint={t('catalog.channelFields.eserviceUrlHint')}
          value={draft.eserviceUrl}
          onChange={(v) => onChange({ eserviceUrl: v })}
        />
      )}
      {(type === 'in_person' || type === 'post') && (
        <CheckboxGroup
          id={id('offices')}
          legend={t('catalog.channelFields.offices')}
          hint={t(type === 'post' ? 'catalog.channelFields.officesPostHint' : 'catalog.channelFields.officesHint')}
          options={officeOptions}
          values={draft.offices}
          onChange={(v) => onChange({ offices: v })}
        />
      )}
      {type === 'phone' && (
        <TextField
          id={id('phone')}
          label={t('catalog.channelFields.phone')}
          hint={t('catalog.channelFields.phoneHint')}
          type="tel"
          value={draft.phone}
          onChange={(v) => onChange({ phone: v })}
        />
      )}
      {type === 'email' && (
        <TextField
          id={id('email')}
          label={t('catalog.channelFields.email')}
          type="email"
          value={draft.email}
          onChange={(v) => onChange({ email: v })}
        />
      )}
      {type === 'post' && (
        <TextField
          id={id('postalAddress')}
          label={t('catalog.channelFields.postalAddress')}
          value={draft.postalAddress}
          onChange={(v) => onChange({ postalAddress: v })}
        />
      )}
      {(type === 'phone' || type === 'email') && (
        <PairFields
          idBase={id('hours')}
          legend={t('catalog.channelFields.hours')}
          hint={t('catalog.channelFields.hoursHint')}
          value={draft.hours}
          onChange={(v) => onChange({ hours: v })}
        />
      )}
    </div>
  );
}

// The channels of the editor as tabs (e-service, in person, phone, e-mail, post). Each tab says whether its channel
// is offered and whether it has errors; a channel is switched on or off with a checkbox at the top of its panel.
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { Tabs } from '../Tabs';
import { CHANNEL_TYPES, type ChannelType, type Office } from '../types';
import { ChannelFields } from './ChannelFields';
import { FieldErrors } from './Fields';
import type { ChannelDraft, EditorState } from './model';

export function ChannelsEditor({
  state,
  onChange,
  offices,
  selected,
  onSelect,
  channelsWithErrors,
}: {
  state: EditorState;
  onChange: (type: ChannelType, change: Partial<ChannelDraft>) => void;
  offices: Office[];
  selected: ChannelType;
  onSelect: (type: ChannelType) => void;
  channelsWithErrors: Set<string>;
}) {
  const { t } = useTranslation();
  const channelsError = useContext(FieldErrors)('f-channels');
  return (
    <section aria-labelledby="channels-heading" id="f-channels" className={channelsError ? 'has-error' : undefined}>
      <h2 id="channels-heading">{t('catalog.editor.channels')}</h2>
      <p className="field-description">{t('catalog.editor.channelsHint')}</p>
      {channelsError && <p className="field-error">{channelsError}</p>}
      <Tabs
        idPrefix="editor-channel"
        label={t('catalog.editor.channels')}
        selected={selected}
        onSelect={(id) => onSelect(id as ChannelType)}
        tabs={CHANNEL_TYPES.map((type) => ({
          id: type,
          label: t(`channel.${type}`),
          marker: (
            <span className="tab-state">
              {' · '}
              {state.channels[type].enabled ? t('catalog.editor.channelOn') : t('catalog.editor.channelOff')}
              {channelsWithErrors.has(type) && <strong className="tab-error"> · {t('catalog.editor.channelHasErrors')}</strong>}
            </span>
          ),
        }))}
        panel={(id) => {
          const type = id as ChannelType;
          const draft = state.channels[type];
          return (
            <>
              <div className="checkbox channel-toggle">
                <input
                  type="checkbox"
                  id={`f-ch-${type}-enabled`}
                  checked={draft.enabled}
                  onChange={(e) => onChange(type, { enabled: e.target.checked })}
                />
                <label htmlFor={`f-ch-${type}-enabled`}>{t('catalog.editor.offerChannel', { channel: t(`channel.${type}`) })}</label>
              </div>
              {draft.enabled && (
                <ChannelFields
                  type={type}
                  draft={draft}
                  evidence={state.evidence}
                  offices={offices}
                  onChange={(change) => onChange(type, change)}
                />
              )}
            </>
          );
        }}
      />
    </section>
  );
}

// What the citizen's screen shows now: the portal page, the step, the focused field and the validation errors.
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import { fieldLabel, pointerToPath } from '../../applications/form/errors';
import { presenceMessage } from '../presence-errors';
import type { Presence } from '../types';
import { useFormatDate } from '../../app/i18n/dates';
import { useLocalizedForm } from '../../applications/form/EServiceForm';
import { pageName } from './page-names';

const EMPTY: { schema: RJSFSchema; uiSchema: UiSchema } = { schema: {}, uiSchema: {} };

export function PresenceInfo({ presence, form }: { presence: Presence | null; form: { schema: RJSFSchema; uiSchema: UiSchema } | null }) {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const { schema: localized } = useLocalizedForm((form ?? EMPTY).schema, (form ?? EMPTY).uiSchema);
  const schema = form ? localized : null;
  const label = (pointer: string) => (schema ? fieldLabel(schema, pointerToPath(pointer)) : pointer) || pointer;
  const errors = presence?.errors ?? [];
  return (
    <section className="panel presence" aria-labelledby="presence-heading" data-testid="presence">
      <h2 id="presence-heading">{t('assist.presenceTitle')}</h2>
      <dl className="presence-list">
        <dt>{t('assist.page')}</dt>
        <dd data-testid="presence-page" data-page={presence?.page ?? ''}>
          {pageName(presence?.page, t)}
        </dd>
        {schema && (
          <>
            <dt>{t('assist.step')}</dt>
            <dd>{presence?.step ? t(`assist.steps.${presence.step}`, { defaultValue: presence.step }) : t('assist.unknown')}</dd>
            <dt>{t('assist.focus')}</dt>
            <dd data-testid="presence-focus">{presence?.focus ? label(presence.focus) : t('assist.noFocus')}</dd>
            <dt>{t('assist.errors')}</dt>
            <dd>
              {errors.length === 0 ? (
                t('assist.noErrors')
              ) : (
                <ul className="plain">
                  {errors.map((e, i) => (
                    <li key={`${e.pointer}-${i}`}>
                      <strong>{label(e.pointer)}</strong>: {presenceMessage(e, t)}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </>
        )}
        {presence?.at && (
          <>
            <dt>{t('assist.seenAt')}</dt>
            <dd>{fmt(presence.at)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

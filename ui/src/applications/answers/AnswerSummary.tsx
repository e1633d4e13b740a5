// The answers of an application as a GOV.UK-style summary list: each field's title and value, in the form's order,
// and (while checking before submitting) a "Change" link that takes the citizen back to that field.
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import type { FormData } from '../../app/api/types';
import { useFormatDay } from '../../app/i18n/dates';
import { useLocalizedForm } from '../form/EServiceForm';
import { answerSections, type AnswerRow, type AnswerValue } from './answer-rows';

export interface AnswerSummaryProps {
  schema: RJSFSchema;
  uiSchema: UiSchema;
  data: FormData;
  /** With it, each changeable row has a "Change" link to its field (given the field's control id). */
  onChange?: (fieldId: string) => void;
  /** The heading level of the sections (below the page's section heading). */
  sectionLevel?: 3 | 4;
}

function Value({ value }: { value: AnswerValue }) {
  const { t } = useTranslation();
  const day = useFormatDay();
  switch (value.kind) {
    case 'empty':
      return <span className="muted">{t('submission.check.notGiven')}</span>;
    case 'yes':
      return <>{t('submission.check.yes')}</>;
    case 'no':
      return <>{t('submission.check.no')}</>;
    case 'day':
      return <time dateTime={value.day}>{day(value.day)}</time>;
    default:
      return <>{value.text}</>;
  }
}

function Rows({ rows, onChange }: { rows: AnswerRow[]; onChange?: (fieldId: string) => void }) {
  const { t } = useTranslation();
  return (
    <dl className={onChange ? 'answers-list with-actions' : 'answers-list'}>
      {rows.map((r) => (
        <div className="answers-row" key={r.fieldId} data-field={r.fieldId}>
          <dt>{r.label}</dt>
          <dd>
            <Value value={r.value} />
          </dd>
          {onChange && (
            <dd className="answers-action">
              {r.changeable && (
                <a
                  href={`#${r.fieldId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onChange(r.fieldId);
                  }}
                >
                  {t('submission.check.change')}
                  <span className="visually-hidden"> {r.label}</span>
                </a>
              )}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

export function AnswerSummary({ schema, uiSchema, data, onChange, sectionLevel = 3 }: AnswerSummaryProps) {
  const localized = useLocalizedForm(schema, uiSchema);
  const sections = answerSections(localized.schema, localized.uiSchema, data);
  const { t } = useTranslation();
  const Heading = sectionLevel === 3 ? 'h3' : 'h4';
  const fixed = !!onChange && sections.some((s) => s.rows.some((r) => !r.changeable));
  return (
    <div className="answers">
      {fixed && <p className="muted">{t('submission.check.fromRegister')}</p>}
      {sections.map((s, i) => (
        <div key={s.title ?? `fields-${i}`}>
          {s.title && <Heading className="answers-section">{s.title}</Heading>}
          <Rows rows={s.rows} onChange={onChange} />
        </div>
      ))}
    </div>
  );
}

// Beside the application's data, what the officer weighs: what the citizen changed in her answers to requests for
// information (previous and new value, with the files she sent), the automatic register checks the workflow made,
// and every file she uploaded, each a link that downloads it.
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import type { TaskDetails } from '../types';
import { useLocalizedForm } from '../form/EServiceForm';
import { useFormatDate } from '../../app/i18n/dates';
import { fieldLabelAt, schemaAt, useReadableValue } from './ApplicationSummary';

type TaskFile = TaskDetails['files'][number];

function FileLink({ file }: { file: TaskFile }) {
  const { t } = useTranslation();
  return (
    <>
      <a href={file.href} download={file.fileName} data-file={file.id}>
        {file.fileName}
      </a>{' '}
      <span className="muted">({t('task.fileSize', { size: Math.max(1, Math.ceil(file.byteSize / 1024)) })})</span>
    </>
  );
}

export function AnswerChanges({ task, schema, uiSchema }: { task: TaskDetails; schema: RJSFSchema; uiSchema: UiSchema }) {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const readable = useReadableValue();
  const localized = useLocalizedForm(schema, uiSchema).schema;
  if (task.changes.length === 0) return null;
  const files = new Map(task.files.map((f) => [f.id, f]));
  return (
    <section aria-labelledby="changes-heading">
      <h2 id="changes-heading">{t('task.changes.title')}</h2>
      {task.changes.map((answer, i) => (
        <div key={answer.answeredAt + String(i)} className="answer-changes" data-answer={i + 1}>
          <h3>{t('task.changes.answer', { number: i + 1, at: fmt(answer.answeredAt) })}</h3>
          {answer.fields.length === 0 ? (
            <p>{t('task.changes.noFields')}</p>
          ) : (
            <table className="changes">
              <caption className="visually-hidden">{t('task.changes.caption', { number: i + 1 })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('task.changes.field')}</th>
                  <th scope="col">{t('task.changes.previous')}</th>
                  <th scope="col">{t('task.changes.value')}</th>
                </tr>
              </thead>
              <tbody>
                {answer.fields.map((f) => (
                  <tr key={f.pointer} data-field={f.pointer}>
                    <th scope="row">{fieldLabelAt(localized, f.pointer)}</th>
                    <td>
                      <del>{readable(f.previous, schemaAt(localized, f.pointer))}</del>
                    </td>
                    <td>
                      <ins>{readable(f.value, schemaAt(localized, f.pointer))}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {answer.fileIds.length > 0 && (
            <p>
              {t('task.changes.files')}:{' '}
              {answer.fileIds.map((id, n) => {
                const file = files.get(id);
                return (
                  <span key={id}>
                    {n > 0 && ', '}
                    {file ? <FileLink file={file} /> : id}
                  </span>
                );
              })}
            </p>
          )}
        </div>
      ))}
    </section>
  );
}

export function RegisterChecks({ checks }: { checks: TaskDetails['registerChecks'] }) {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  if (checks.length === 0) return null;
  return (
    <section aria-labelledby="checks-heading">
      <h2 id="checks-heading">{t('task.checks.title')}</h2>
      <table className="register-checks">
        <caption className="visually-hidden">{t('task.checks.caption', { count: checks.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('task.checks.check')}</th>
            <th scope="col">{t('task.checks.result')}</th>
            <th scope="col">{t('task.checks.at')}</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <tr key={`${c.stepId}-${c.attempt}`} data-check={c.stepId} data-passed={c.passed}>
              <th scope="row">
                {t(`registers.${c.register}`, { defaultValue: c.register })}:{' '}
                {t(`registers.operations.${c.operation}`, { defaultValue: c.operation })}
                {c.attempt > 1 && <div className="muted">{t('task.checks.attempt', { attempt: c.attempt })}</div>}
              </th>
              <td>
                <span className={`badge ${c.passed ? 'badge-passed' : 'badge-failed'}`}>
                  {c.passed ? t('task.checks.passed') : t('task.checks.failed')}
                </span>
              </td>
              <td>{fmt(c.checkedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function Attachments({ files }: { files: TaskFile[] }) {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">{t('task.files')}</h2>
      <ul className="attachments">
        {files.map((f) => (
          <li key={f.id}>
            <FileLink file={f} /> <span className="muted">{fmt(f.uploadedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

// A task: first what the officer decides on (the application's data as a summary list, what the citizen changed
// since, the register checks, her files), then claim and decide; the documents issued and the history after.
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import type { Application, TaskDetails } from '../types';
import { useAuth } from '../../app/auth/AuthContext';
import { Alert, Loading } from '../../app/components/Alert';
import { StatusBadge } from '../../app/components/StatusBadge';
import { Timeline } from '../../app/components/Timeline';
import { usePageTitle } from '../../app/components/usePageTitle';
import { useLocalized } from '../../app/i18n/useLocalized';
import { useFormatDate } from '../../app/i18n/dates';
import { Documents } from '../Documents';
import { Decision } from './Decision';
import { ApplicationSummary } from './ApplicationSummary';
import { AnswerChanges, Attachments, RegisterChecks } from './CaseEvidence';
import './tasks.css';

export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  const { principal } = useAuth();
  const [task, setTask] = useState<TaskDetails | null>(null);
  const [app, setApp] = useState<Application | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(task ? loc(task.title) : t('task.title'));

  const load = useCallback(() => {
    api<TaskDetails>(`/api/v1/tasks/${encodeURIComponent(id)}`)
      .then((tk) => {
        setTask(tk);
        return api<Application>(`/api/v1/applications/${tk.caseId}`).then(setApp);
      })
      .catch((e: unknown) => setError(e instanceof ApiError && e.status === 404 ? t('task.notFound') : t('errors.generic')));
  }, [id, t]);
  useEffect(load, [load]);

  const claim = async () => {
    try {
      await api(`/api/v1/tasks/${encodeURIComponent(id)}/claim`, { method: 'POST' });
      setNotice(t('task.claimed'));
      load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.generic'));
    }
  };

  if (!task)
    return (
      <>
        <h1>{t('task.title')}</h1>
        {error ? <Alert kind="error">{error}</Alert> : <Loading />}
      </>
    );
  const mine = task.claimedBy === principal?.sub;
  const data = task.currentData ?? task.submittedData;
  const changed = new Set(task.changes.flatMap((c) => c.fields.map((f) => f.pointer)));
  return (
    <>
      <p>
        <Link to="/officer/tasks">{t('task.back')}</Link>
      </p>
      <h1>{loc(task.title)}</h1>
      <p className="meta">
        {loc(task.case.eserviceTitle)} · <span className="mono">{task.caseId}</span> · <StatusBadge status={task.case.status} /> ·{' '}
        {t('inbox.due')}: {fmt(task.dueAt)}
      </p>
      {error && <Alert kind="error">{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      {task.instructions && <p className="instructions">{loc(task.instructions)}</p>}
      <p>
        {t('task.recipient')}: <strong>{task.recipient.name}</strong> <span className="mono">({task.recipient.id})</span>
        {task.recipient.type === 'natural' && (
          <>
            {' · '}
            <Link to={`/officer/clients/${task.recipient.id}`}>{t('timeline.officer.fromTask')}</Link>
          </>
        )}
      </p>
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('task.data')}</h2>
        {app && data ? (
          <ApplicationSummary schema={app.form.schema} uiSchema={app.form.uiSchema} data={data} changed={changed} />
        ) : (
          <Loading />
        )}
      </section>
      {app && <AnswerChanges task={task} schema={app.form.schema} uiSchema={app.form.uiSchema} />}
      <RegisterChecks checks={task.registerChecks} />
      <Attachments files={task.files} />
      {task.status === 'open' && (
        <button type="button" id="claim-task" className="primary" onClick={() => void claim()}>
          {t('task.claim')}
        </button>
      )}
      {task.status === 'claimed' && !mine && <p>{t('task.claimedBy', { name: task.claimedByName ?? task.claimedBy })}</p>}
      {task.status === 'claimed' && mine && (
        <Decision
          taskId={task.id}
          outcomes={task.outcomes}
          onDone={(r) => {
            setNotice(r.status ? t('task.decided', { status: t(`status.${r.status}`) }) : t('task.decidedAccepted'));
            load();
          }}
        />
      )}
      {task.status === 'completed' && (
        <p>{t('task.completed', { outcome: t(`decision.outcomes.${task.outcome ?? ''}`, { defaultValue: task.outcome ?? '' }) })}</p>
      )}
      {app && <Documents appId={app.id} documents={app.documents} />}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('case.history')}</h2>
        <Timeline entries={task.history} />
      </section>
    </>
  );
}

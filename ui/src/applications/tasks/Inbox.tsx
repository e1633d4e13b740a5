// The agency inbox: tasks filtered by status (and mine), sorted by due date, a page at a time (keyset: "Show more"
// follows the previous page's `next` link; the first page asks for the total).
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client';
import type { Task, TaskList } from '../types';
import { Alert, Loading } from '../../app/components/Alert';
import { StatusBadge } from '../../app/components/StatusBadge';
import { usePageTitle } from '../../app/components/usePageTitle';
import { useLocalized } from '../../app/i18n/useLocalized';
import { useFormatDate } from '../../app/i18n/dates';

const FILTERS = ['active', 'open', 'claimed', 'completed'] as const;
const SORTS = ['due_at', '-created_at'] as const;
const PAGE = 50;

export function Inbox() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  const [status, setStatus] = useState<(typeof FILTERS)[number]>('active');
  const [mine, setMine] = useState(false);
  const [sort, setSort] = useState<(typeof SORTS)[number]>('due_at');
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('inbox.title'));

  const load = useCallback(
    (nextPage: string | null) => {
      if (!nextPage) setTasks(null);
      api<TaskList>(nextPage ?? `/api/v1/tasks?status=${status}&sort=${sort}&mine=${mine}&limit=${PAGE}&count=true`).then(
        (r) => {
          setTasks((prev) => (!nextPage || !prev ? r.items : [...prev, ...r.items]));
          if (r.total !== undefined) setTotal(r.total);
          setNext(r.next);
        },
        () => setError(t('errors.generic')),
      );
    },
    [status, mine, sort, t],
  );
  useEffect(() => load(null), [load]);

  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field-inline">
          <label htmlFor="task-status">{t('inbox.status')}</label>
          <select id="task-status" value={status} onChange={(e) => setStatus(e.target.value as (typeof FILTERS)[number])}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`inbox.filter.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field-inline">
          <label htmlFor="task-sort">{t('inbox.sort')}</label>
          <select id="task-sort" value={sort} onChange={(e) => setSort(e.target.value as (typeof SORTS)[number])}>
            {SORTS.map((o) => (
              <option key={o} value={o}>
                {t(`inbox.sorts.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field-inline">
          <input id="task-mine" type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />
          <label htmlFor="task-mine">{t('inbox.mine')}</label>
        </div>
      </form>
      {error && <Alert kind="error">{error}</Alert>}
      {!tasks && !error && <Loading />}
      {tasks && tasks.length === 0 && <p role="status">{t('inbox.empty')}</p>}
      {tasks && tasks.length > 0 && (
        <table className="tasks">
          <caption className="visually-hidden">{t('inbox.caption', { count: Math.max(total, tasks.length) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inbox.task')}</th>
              <th scope="col">{t('inbox.recipient')}</th>
              <th scope="col">{t('inbox.case')}</th>
              <th scope="col">{t('inbox.due')}</th>
              <th scope="col">{t('inbox.state')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <tr key={task.id} data-task={task.id} data-case={task.caseId}>
                <td>
                  <Link to={`/officer/tasks/${encodeURIComponent(task.id)}`}>{loc(task.title)}</Link>
                  <div className="muted">{loc(task.case.eserviceTitle)}</div>
                </td>
                <td>{task.case.recipientName}</td>
                <td>
                  <span className="mono">{task.caseId}</span> <StatusBadge status={task.case.status} />
                </td>
                <td className={task.overdue ? 'overdue' : undefined}>
                  {fmt(task.dueAt)}
                  {task.overdue && <> ({t('inbox.overdue')})</>}
                </td>
                <td>
                  {t(`inbox.filter.${task.status}`)}
                  {task.claimedByName && <div className="muted">{task.claimedByName}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {tasks && next && (
        <p>
          <button type="button" className="secondary" onClick={() => load(next)}>
            {t('inbox.more', { shown: tasks.length, total: Math.max(total, tasks.length) })}
          </button>
        </p>
      )}
    </>
  );
}

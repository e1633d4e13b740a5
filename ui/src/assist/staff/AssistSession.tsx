// A co-browsing session in the staff console: the citizen's screen live (form, values, step, focus, errors; for a
// portal session the page), editing and submitting on the citizen's behalf in assist mode, Leave, and a clear
// message when the citizen stops the session or changes the mode.
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../app/api/types';
import { useAuth } from '../../app/auth/AuthContext';
import { Alert, Loading } from '../../app/components/Alert';
import { usePageTitle } from '../../app/components/usePageTitle';
import type { AssistSessionOpened } from '../types';
import { useStaffAssist } from './useStaffAssist';
import { PresenceInfo } from './PresenceInfo';
import { StaffForm } from './StaffForm';

export function AssistSession() {
  const { grantId = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { principal } = useAuth();
  const opened = (useLocation().state as { application?: AssistSessionOpened['application'] } | null)?.application ?? null;
  const { session, local, leave, flush } = useStaffAssist(grantId, principal?.sub ?? '');
  const [submitted, setSubmitted] = useState<CaseStatus | null>(null);
  const endedRef = useRef<HTMLDivElement>(null);
  usePageTitle(t('assist.sessionTitle'));

  const support = !!principal?.roles.includes('support-specialist');
  const { grant, phase, mode } = session;
  const status = submitted ?? session.snapshot?.status ?? null;
  const isDraft = status === 'draft';
  const canEdit = phase === 'active' && mode === 'assist' && !support && isDraft;

  // The end of the session is announced (role=alert) and takes the focus, so nobody keeps working unaware.
  useEffect(() => {
    if (phase === 'ended' || phase === 'failed') endedRef.current?.focus();
  }, [phase]);

  const doLeave = async () => {
    await leave();
    void navigate('/assist', { state: { ended: 'left' } });
  };

  return (
    <>
      <h1>{t('assist.sessionTitle')}</h1>
      <p className="meta" data-testid="session-meta">
        {opened?.recipientName && (
          <>
            {t('assist.recipient')}: <strong>{opened.recipientName}</strong> ·{' '}
          </>
        )}
        {grant?.caseId && (
          <>
            {t('assist.application')}: <span className="mono">{grant.caseId}</span> ·{' '}
          </>
        )}
        {grant?.scope === 'portal' && <>{t('assist.portalSession')} · </>}
        {t('assist.modeLabel')}:{' '}
        <span className={`badge mode-${mode}`} data-testid="session-mode" data-mode={mode}>
          {t(`assist.modes.${mode}`)}
        </span>
        {status && (
          <>
            {' '}
            · {t('application.status')}: <span className="mono">{t(`status.${status}`)}</span>
          </>
        )}
      </p>
      {(phase === 'ended' || phase === 'failed') && (
        <div
          tabIndex={-1}
          ref={endedRef}
          className="session-ended"
          data-testid="session-ended"
          data-reason={session.endReason ?? session.failure ?? ''}
        >
          <Alert kind={session.endReason === 'left' ? 'info' : 'error'}>
            {phase === 'failed'
              ? t(`assist.joinErrors.${session.failure ?? 'no_consent'}`, { defaultValue: t('assist.joinErrors.no_consent') })
              : t(`assist.ended.${session.endReason ?? 'ended'}`, { defaultValue: t('assist.ended.ended') })}
          </Alert>
          <p>
            <Link to="/assist">{t('assist.another')}</Link>
          </p>
        </div>
      )}
      {phase === 'joining' && <Loading />}
      {phase === 'active' && (
        <>
          {!session.connected && <Alert kind="info">{t('assist.reconnecting')}</Alert>}
          {session.modeChanged && (
            <Alert kind="info">
              <span data-testid="mode-changed">{t(`assist.modeNow.${session.modeChanged}`)}</span>
            </Alert>
          )}
          {support && grant?.scope === 'application' && <p className="muted">{t('assist.maskedHint')}</p>}
          {submitted && (
            <Alert kind="success">
              <span data-testid="submitted">{t('assist.submitted', { status: t(`status.${submitted}`) })}</span>
            </Alert>
          )}
          {status && !isDraft && !submitted && <Alert kind="info">{t('assist.notDraft', { status: t(`status.${status}`) })}</Alert>}
          <PresenceInfo presence={session.presence} form={session.snapshot?.form ?? null} />
          <StaffForm
            session={session}
            canEdit={canEdit}
            canSubmit={canEdit && !support}
            onChange={local}
            flush={flush}
            onSubmitted={setSubmitted}
            hint={t(canEdit ? 'assist.assistHint' : mode === 'assist' && !support && !isDraft ? 'assist.frozenHint' : 'assist.viewHint')}
          />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => void doLeave()}>
              {t('assist.leave')}
            </button>
          </div>
        </>
      )}
    </>
  );
}

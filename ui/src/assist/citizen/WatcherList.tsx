// Who can see the citizen's session right now, in which mode, with a mode switch and a Stop button for each.
import { useTranslation } from 'react-i18next';
import type { AssistMode, Watcher } from '../types';
import { useOfficeName } from '../useOffices';

interface Props {
  watchers: Watcher[];
  busy: boolean;
  /** Whether the citizen may switch the mode (not for support specialists, who only watch). */
  canSwitch(w: Watcher): boolean;
  onMode(w: Watcher, mode: AssistMode): void;
  onStop(w: Watcher): void;
  heading: string;
}

export function WatcherList({ watchers, busy, canSwitch, onMode, onStop, heading }: Props) {
  const { t } = useTranslation();
  const office = useOfficeName();
  if (!watchers.length) return null;
  return (
    <div className="watchers">
      <h3 id="watchers-heading">{heading}</h3>
      <ul aria-labelledby="watchers-heading">
        {watchers.map((w) => {
          const name = w.name ?? t('assist.changes.staffMember');
          const other: AssistMode = w.mode === 'assist' ? 'view' : 'assist';
          return (
            <li key={w.grantId} className="watcher" data-grant={w.grantId} data-mode={w.mode}>
              <div className="watcher-who">
                <strong>{name}</strong>
                {w.office && <>, {office(w.office)}</>}
                {w.role && <span className="muted"> ({t(`help.roles.${w.role}`, { defaultValue: w.role })})</span>}
                <div>
                  <span className={`badge mode-${w.mode}`}>{t(`help.watcherMode.${w.mode}`)}</span>
                </div>
              </div>
              <div className="actions">
                {canSwitch(w) && (
                  <button type="button" className="secondary" disabled={busy} onClick={() => onMode(w, other)}>
                    {t(`help.switchTo.${other}`)}
                    <span className="visually-hidden"> — {name}</span>
                  </button>
                )}
                <button type="button" className="danger" disabled={busy} onClick={() => onStop(w)}>
                  {t('help.stop')}
                  <span className="visually-hidden"> — {name}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

// Who is watching the citizen's session now: for an application, live from `cobrowse:watchers` (the server sends
// it on every join, leave, mode change and revocation); for the whole portal session, read from the consents
// every few seconds while a code is out or someone watches.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../app/api/client';
import { useSocket } from '../../app/api/realtime';
import type { AssistScope, AssistWatchersEvent, GetMeAssistGrantsResponse, Grant, Watcher } from '../types';

const POLL_MS = 4000;

function watcherOf(g: Grant): Watcher {
  return { grantId: g.id, name: g.usedByName, role: g.usedByRole, office: g.usedByOffice, mode: g.mode };
}

export function useWatchers(scope: AssistScope, applicationId: string | undefined, poll: boolean) {
  const socket = useSocket();
  const [watchers, setWatchers] = useState<Watcher[]>([]);

  const refresh = useCallback(async () => {
    const query = applicationId ? `?applicationId=${encodeURIComponent(applicationId)}` : '';
    try {
      const { items } = await api<GetMeAssistGrantsResponse>(`/api/v1/me/assist-grants${query}`);
      setWatchers(items.filter((g) => g.active && g.scope === scope).map(watcherOf));
    } catch {
      // Keep what is shown; the next event or poll corrects it.
    }
  }, [scope, applicationId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (!socket || scope !== 'application') return undefined;
    const onWatchers = (m: AssistWatchersEvent) => {
      if (m.applicationId === applicationId) setWatchers(m.watchers);
    };
    socket.on('cobrowse:watchers', onWatchers);
    return () => {
      socket.off('cobrowse:watchers', onWatchers);
    };
  }, [socket, scope, applicationId]);

  const polling = scope === 'portal' && (poll || watchers.length > 0);
  useEffect(() => {
    if (!polling) return undefined;
    const id = window.setInterval(() => {
      void refresh();
    }, POLL_MS);
    return () => window.clearInterval(id);
  }, [polling, refresh]);

  /** Shows a change at once (the server's event confirms it). */
  const update = useCallback((grantId: string, change: Partial<Watcher> | null) => {
    setWatchers((list) =>
      change ? list.map((w) => (w.grantId === grantId ? { ...w, ...change } : w)) : list.filter((w) => w.grantId !== grantId),
    );
  }, []);

  return { watchers, refresh, update };
}

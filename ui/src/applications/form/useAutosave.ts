// Autosave of an e-service draft: every change is saved after a 500 ms pause, over Socket.IO (`draft:save`, with
// an acknowledgement) or, without a connection, with PUT /draft. Saves run one at a time; a stale version (the
// register prefill moved the draft ahead) is merged and saved again. Until the citizen types, the draft is
// re-read for a few seconds so the prefilled fields appear. Values that arrive from co-browsing (`replace`) are already
// saved by the server and only shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../app/api/client';
import { useSocket } from '../../app/api/realtime';
import type { Application } from '../types';
import type { FormData } from '../../app/api/types';
import type { DraftSaveAck, DraftSaveMessage, PutApplicationsIdDraftResponse } from '../../../../forms/types/api';
import { mergeDrafts, stableJson } from './merge';
import { beforeSessionEnds, noteActivity } from '../../app/auth/session';

export type SaveState = { kind: 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'closed'; at?: string | null };
type Saved = PutApplicationsIdDraftResponse;

const DEBOUNCE_MS = 500;

export function useAutosave(app: Application) {
  const socket = useSocket();
  const [data, setData] = useState<FormData>(app.draft.data);
  const [state, setState] = useState<SaveState>({ kind: app.draft.savedAt ? 'saved' : 'idle', at: app.draft.savedAt });
  const version = useRef(app.draft.version);
  const current = useRef<FormData>(app.draft.data);
  const typed = useRef(false);
  const pending = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const socketRef = useRef(socket);
  socketRef.current = socket;

  const send = useCallback(
    async (body: { version: number; data: FormData; step: string }): Promise<Saved> => {
      const s = socketRef.current;
      if (s?.connected) {
        const message: DraftSaveMessage = { applicationId: app.id, ...body };
        const ack = (await s.timeout(5000).emitWithAck('draft:save', message)) as DraftSaveAck;
        if (ack.ok) {
          noteActivity(); // the server counted the save as activity on the session
          return { version: ack.version, savedAt: ack.savedAt };
        }
        throw new ApiError(ack.error.code === 'not_found' ? 404 : 409, ack.error.code, ack.error.message, ack.error.details);
      }
      return api<Saved>(`/api/v1/applications/${app.id}/draft`, { method: 'PUT', body });
    },
    [app.id],
  );

  const saveNow = useCallback(async () => {
    if (!pending.current) return;
    pending.current = false;
    setState({ kind: 'saving' });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const saved = await send({ version: version.current, data: current.current, step: 'form' });
        version.current = saved.version;
        if (!pending.current) setState({ kind: 'saved', at: saved.savedAt });
        return;
      } catch (e) {
        if (e instanceof ApiError && e.code === 'stale_version') {
          const fresh = await api<Application>(`/api/v1/applications/${app.id}`);
          version.current = fresh.draft.version;
          current.current = mergeDrafts(fresh.draft.data, current.current);
          setData(current.current);
          continue;
        }
        if (e instanceof ApiError && e.code === 'not_draft') {
          setState({ kind: 'closed' });
          return;
        }
        pending.current = true;
        setState({ kind: 'error' });
        return;
      }
    }
    pending.current = true;
    setState({ kind: 'error' });
  }, [app.id, send]);

  /** Runs the pending save now (in order after any save in flight) and resolves when it is done. */
  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    chain.current = chain.current.then(saveNow);
    return chain.current;
  }, [saveNow]);

  const onChange = useCallback(
    (next: FormData) => {
      if (stableJson(next) === stableJson(current.current)) return;
      typed.current = true;
      current.current = next;
      pending.current = true;
      setData(next);
      setState({ kind: 'pending' });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        void flush();
      }, DEBOUNCE_MS);
    },
    [flush],
  );

  // The register prefill lands in the draft shortly after opening (later on a busy platform: the workflow runs it):
  // follow it until the citizen types, for half a minute at most.
  useEffect(() => {
    let polls = 0;
    const id = window.setInterval(() => {
      polls += 1;
      if (typed.current || polls > 30) {
        window.clearInterval(id);
        return;
      }
      api<Application>(`/api/v1/applications/${app.id}`).then(
        (fresh) => {
          if (typed.current || fresh.draft.version <= version.current) return;
          version.current = fresh.draft.version;
          // Merged, so a value a helper entered meanwhile (co-browsing) stays.
          current.current = mergeDrafts(fresh.draft.data, current.current);
          setData(current.current);
          setState({ kind: 'saved', at: fresh.draft.savedAt });
        },
        () => undefined,
      );
    }, 1000);
    return () => window.clearInterval(id);
  }, [app.id]);

  /** Shows data that the server already holds (a co-browsing edit or resync): nothing to save. */
  const replace = useCallback((next: FormData) => {
    current.current = next;
    setData(next);
  }, []);

  // A session about to end for inactivity first saves what is pending (ui/src/app/auth/SessionTimeout.tsx).
  useEffect(() => beforeSessionEnds(flush), [flush]);

  // Leaving the page saves what is pending.
  useEffect(
    () => () => {
      if (pending.current) void flush();
    },
    [flush],
  );

  return { data, state, onChange, flush, current, replace };
}

// The draft of an application opened at the counter, kept by the staff member's screen: saved with PUT /draft a
// moment after each change (one save at a time; a stale version, such as the register prefill arriving, is
// merged and saved again), and followed for a few seconds after opening so the prefilled fields appear.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../app/api/client';
import type { Application } from '../../applications/types';
import type { FormData } from '../../app/api/types';
import type { PutApplicationsIdDraftResponse } from '../types';
import { mergeDrafts, stableJson } from '../../applications/form/merge';

const DEBOUNCE_MS = 600;

export function useCounterDraft(app: Application) {
  const [data, setData] = useState<FormData>(app.draft.data);
  const current = useRef<FormData>(app.draft.data);
  const version = useRef(app.draft.version);
  const typed = useRef(false);
  const pending = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const chain = useRef<Promise<void>>(Promise.resolve());

  const saveNow = useCallback(async () => {
    if (!pending.current) return;
    pending.current = false;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const saved = await api<PutApplicationsIdDraftResponse>(`/api/v1/applications/${app.id}/draft`, {
          method: 'PUT',
          body: { version: version.current, data: current.current, step: 'form' },
        });
        version.current = saved.version;
        return;
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'stale_version')) {
          pending.current = true;
          throw e;
        }
        const fresh = await api<Application>(`/api/v1/applications/${app.id}`);
        version.current = fresh.draft.version;
        current.current = mergeDrafts(fresh.draft.data, current.current);
        setData(current.current);
      }
    }
    pending.current = true;
    throw new ApiError(409, 'stale_version', 'The draft kept changing.');
  }, [app.id]);

  /** Saves what is pending now (after any save under way); rejects when saving failed. */
  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    const next = chain.current.catch(() => undefined).then(saveNow);
    chain.current = next;
    return next;
  }, [saveNow]);

  const onChange = useCallback(
    (next: FormData) => {
      if (stableJson(next) === stableJson(current.current)) return;
      typed.current = true;
      current.current = next;
      pending.current = true;
      setData(next);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        flush().catch(() => undefined);
      }, DEBOUNCE_MS);
    },
    [flush],
  );

  // The population register prefill lands a moment after opening: follow it until the staff member types.
  useEffect(() => {
    let polls = 0;
    const id = window.setInterval(() => {
      polls += 1;
      if (typed.current || polls > 15) {
        window.clearInterval(id);
        return;
      }
      api<Application>(`/api/v1/applications/${app.id}`).then(
        (fresh) => {
          if (typed.current || fresh.draft.version <= version.current) return;
          version.current = fresh.draft.version;
          current.current = mergeDrafts(fresh.draft.data, current.current);
          setData(current.current);
        },
        () => undefined,
      );
    }, 1000);
    return () => window.clearInterval(id);
  }, [app.id]);

  // Leaving the page saves what is pending.
  useEffect(
    () => () => {
      if (pending.current) flush().catch(() => undefined);
    },
    [flush],
  );

  return { data, onChange, flush };
}

// The citizen's side of co-browsing on an open draft: `cobrowse:open` once per connection (again after every
// reconnect, with a resync from the server's saved state that keeps unsent local edits), each changed field sent
// as `cobrowse:edit` (debounced per field), presence (step, focused field, validation errors) on every change,
// and staff edits applied live and remembered per field, so the form can mark them.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { RJSFSchema } from '@rjsf/utils';
import { useSocket } from '../../app/api/realtime';
import type { FormData } from '../../app/api/types';
import { stableJson } from '../../applications/form/merge';
import { FieldSync, type EditResult } from '../field-sync';
import { getAt, idToPointer, setAt } from '../pointer';
import type { AssistEditAck, AssistOpenAck, EditAuthor, PresenceError, RemoteEdit } from '../types';

export interface CitizenAssistOptions {
  appId: string;
  step: string;
  schema: RJSFSchema;
  /** The form data as the autosave holds it now. */
  current: RefObject<FormData>;
  /** Shows data that came from the server (not the citizen's typing: no autosave needed). */
  replace(data: FormData): void;
}

export interface LastChange {
  pointer: string;
  by: EditAuthor;
  seq: number;
}

export function useCitizenAssist({ appId, step, schema, current, replace }: CitizenAssistOptions) {
  const socket = useSocket();
  const opened = useRef<string | null>(null); // the socket id the application was opened on
  const presence = useRef<{ focus: string | null; errors: PresenceError[] }>({ focus: null, errors: [] });
  const presenceTimer = useRef<number | undefined>(undefined);
  const [marks, setMarks] = useState<Map<string, EditAuthor>>(new Map());
  const [lastChange, setLastChange] = useState<LastChange | null>(null);
  const replaceRef = useRef(replace);
  replaceRef.current = replace;
  const socketRef = useRef(socket);
  socketRef.current = socket;

  const [sync] = useState(
    () =>
      new FieldSync({
        canSend: () => !!socketRef.current?.connected && opened.current === socketRef.current.id,
        emit: async (pointer, value): Promise<EditResult> => {
          const ack = (await (socketRef.current as NonNullable<typeof socket>)
            .timeout(5000)
            .emitWithAck('cobrowse:edit', { applicationId: appId, pointer, value })) as AssistEditAck;
          return ack.ok ? { ok: true, version: ack.version } : { ok: false, code: ack.error.code };
        },
      }),
  );
  useEffect(() => () => sync.dispose(), [sync]);

  const sendPresence = useCallback(() => {
    window.clearTimeout(presenceTimer.current);
    presenceTimer.current = window.setTimeout(() => {
      const s = socketRef.current;
      if (!s?.connected || opened.current !== s.id) return;
      s.emit('cobrowse:presence', { applicationId: appId, page: window.location.pathname, step, ...presence.current });
    }, 50);
  }, [appId, step]);

  useEffect(() => {
    if (!socket) return undefined;
    let live = true;
    const open = async () => {
      opened.current = null;
      try {
        const ack = (await socket.timeout(5000).emitWithAck('cobrowse:open', { applicationId: appId })) as AssistOpenAck;
        if (!live || !ack.ok) return;
        opened.current = socket.id ?? null;
        if (ack.snapshot) {
          const merged = sync.resync(ack.snapshot.data ?? {}, ack.snapshot.fieldVersions, current.current);
          if (stableJson(merged) !== stableJson(current.current)) replaceRef.current(merged);
        }
        sync.resendUnsent();
        sendPresence();
      } catch {
        // No answer: the next (re)connect opens again.
      }
    };
    const onEdit = (e: RemoteEdit) => {
      if (e.applicationId !== appId || !sync.remote(e.pointer, e.version)) return;
      if (stableJson(getAt(current.current, e.pointer) ?? null) !== stableJson(e.value ?? null)) {
        replaceRef.current(setAt(current.current, e.pointer, e.value));
      }
      const by = e.by;
      if (by?.type === 'staff') {
        setMarks((m) => new Map(m).set(e.pointer, by));
        setLastChange((c) => ({ pointer: e.pointer, by, seq: (c?.seq ?? 0) + 1 }));
      }
    };
    socket.on('connect', open);
    socket.on('cobrowse:edit', onEdit);
    if (socket.connected) void open();
    return () => {
      live = false;
      socket.off('connect', open);
      socket.off('cobrowse:edit', onEdit);
    };
  }, [socket, appId, sync, current, sendPresence]);

  useEffect(() => () => window.clearTimeout(presenceTimer.current), []);

  /** Call with the new data before the autosave takes it: the changed fields go to the watchers. */
  const local = useCallback(
    (next: FormData) => {
      const changed = sync.local(current.current, next);
      if (changed.length) {
        setMarks((m) => {
          if (!changed.some((p) => m.has(p))) return m;
          const copy = new Map(m);
          for (const p of changed) copy.delete(p);
          return copy;
        });
      }
    },
    [sync, current],
  );

  const setFocus = useCallback(
    (id: string | null) => {
      const focus = id ? idToPointer(schema, id) : null;
      if (focus === presence.current.focus) return;
      presence.current = { ...presence.current, focus };
      sendPresence();
    },
    [schema, sendPresence],
  );

  const setErrors = useCallback(
    (errors: PresenceError[]) => {
      if (stableJson(errors) === stableJson(presence.current.errors)) return;
      presence.current = { ...presence.current, errors };
      sendPresence();
    },
    [sendPresence],
  );

  const flush = useCallback(() => sync.flush(), [sync]);

  return { local, setFocus, setErrors, marks, lastChange, flush };
}

// The helper's side of co-browsing: `cobrowse:join` with the consent (again after every reconnect, resyncing from
// the server's saved state and keeping unsent edits), the citizen's form, values, presence and edits live, the
// helper's own edits in assist mode, and the end of the session (revoked, left, expired) or a mode change.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../app/api/client';
import { useSocket } from '../../app/api/realtime';
import type { FormData } from '../../app/api/types';
import { FieldSync, type EditResult } from '../field-sync';
import { setAt } from '../pointer';
import type { AnnouncedChange } from '../ChangeAnnouncer';
import type {
  AssistEditAck,
  AssistEndedEvent,
  AssistJoinAck,
  AssistMode,
  AssistModeEvent,
  AssistStatusEvent,
  EditAuthor,
  Grant,
  Presence,
  RemoteEdit,
  Snapshot,
} from '../types';

export type Phase = 'joining' | 'active' | 'ended' | 'failed';

export interface StaffSession {
  phase: Phase;
  failure: string | null;
  endReason: string | null;
  grant: Grant | null;
  mode: AssistMode;
  snapshot: Snapshot | null;
  data: FormData;
  presence: Presence | null;
  connected: boolean;
  marks: Map<string, EditAuthor>;
  lastChange: AnnouncedChange | null;
  modeChanged: AssistMode | null;
}

const INITIAL: StaffSession = {
  phase: 'joining',
  failure: null,
  endReason: null,
  grant: null,
  mode: 'view',
  snapshot: null,
  data: {},
  presence: null,
  connected: true,
  marks: new Map(),
  lastChange: null,
  modeChanged: null,
};

export function useStaffAssist(grantId: string, me: string) {
  const socket = useSocket();
  const [s, setS] = useState<StaffSession>(INITIAL);
  const data = useRef<FormData>({});
  const joined = useRef<string | null>(null);
  const session = useRef(s);
  session.current = s;
  const socketRef = useRef(socket);
  socketRef.current = socket;
  const patch = useCallback((p: Partial<StaffSession> | ((prev: StaffSession) => Partial<StaffSession>)) => {
    setS((prev) => ({ ...prev, ...(typeof p === 'function' ? p(prev) : p) }));
  }, []);

  const end = useCallback(
    (reason: string) => {
      joined.current = null;
      data.current = {};
      patch({ phase: 'ended', endReason: reason, data: {}, snapshot: null, presence: null });
    },
    [patch],
  );

  const [sync] = useState(
    () =>
      new FieldSync({
        canSend: () => !!socketRef.current?.connected && joined.current === socketRef.current.id && session.current.mode === 'assist',
        emit: async (pointer, value): Promise<EditResult> => {
          const ack = (await (socketRef.current as NonNullable<typeof socket>)
            .timeout(5000)
            .emitWithAck('cobrowse:edit', { grantId, pointer, value })) as AssistEditAck;
          return ack.ok ? { ok: true, version: ack.version } : { ok: false, code: ack.error.code };
        },
        onRefused: (code) => {
          if (code === 'no_consent') end('revoked');
          else if (code === 'view_only') patch({ mode: 'view' });
          // Submitted meanwhile (the `cobrowse:status` news may still be on its way): the form freezes.
          else if (code === 'not_draft')
            patch((prev) => (prev.snapshot?.status === 'draft' ? { snapshot: { ...prev.snapshot, status: 'submitted' } } : {}));
        },
      }),
  );
  useEffect(() => () => sync.dispose(), [sync]);

  useEffect(() => {
    if (!socket) return undefined;
    let live = true;
    const join = async () => {
      joined.current = null;
      patch({ connected: true });
      try {
        const ack = (await socket.timeout(5000).emitWithAck('cobrowse:join', { grantId })) as AssistJoinAck;
        if (!live) return;
        if (!ack.ok) {
          if (session.current.phase === 'active') end('revoked');
          else if (session.current.phase !== 'ended') patch({ phase: 'failed', failure: ack.error.code });
          return;
        }
        joined.current = socket.id ?? null;
        const snap = ack.snapshot;
        if (!snap) return; // the application is gone
        const form = 'form' in snap ? snap : null; // a portal session has only the presence
        if (form) data.current = sync.resync(form.data, form.fieldVersions, data.current);
        patch({
          phase: 'active',
          grant: ack.grant,
          mode: ack.grant.mode,
          snapshot: form?.form ? form : null,
          presence: snap.presence ?? null,
          data: data.current,
        });
        sync.resendUnsent();
      } catch {
        // No answer: the next (re)connect joins again.
      }
    };
    const onDisconnect = () => patch({ connected: false });
    const onEdit = (e: RemoteEdit) => {
      const caseId = session.current.grant?.caseId;
      if (!caseId || e.applicationId !== caseId || !sync.remote(e.pointer, e.version)) return;
      data.current = setAt(data.current, e.pointer, e.value);
      const by = e.by?.type === 'citizen' || e.by?.type === 'staff' ? e.by : null; // a catch-up has no author
      const mine = by?.type === 'staff' && by.id === me;
      patch((prev) => ({
        data: data.current,
        ...(mine || !by
          ? {}
          : {
              marks: new Map(prev.marks).set(e.pointer, by),
              lastChange: { pointer: e.pointer, by, seq: (prev.lastChange?.seq ?? 0) + 1 },
            }),
      }));
    };
    const onPresence = (p: Presence) => {
      const g = session.current.grant;
      if (!g || (g.scope === 'application' && p.applicationId !== g.caseId)) return;
      patch({ presence: p });
    };
    const onEnded = (m: AssistEndedEvent) => {
      if (m.grantId === grantId) end(m.reason);
    };
    const onStatus = (m: AssistStatusEvent) => {
      if (m.applicationId === session.current.grant?.caseId)
        patch((prev) => (prev.snapshot ? { snapshot: { ...prev.snapshot, status: m.status } } : {}));
    };
    const onMode = (m: AssistModeEvent) => {
      if (m.grantId === grantId) patch({ mode: m.mode, modeChanged: m.mode });
    };
    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    socket.on('cobrowse:edit', onEdit);
    socket.on('cobrowse:presence', onPresence);
    socket.on('cobrowse:ended', onEnded);
    socket.on('cobrowse:mode', onMode);
    socket.on('cobrowse:status', onStatus);
    if (socket.connected) void join();
    return () => {
      live = false;
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.off('cobrowse:edit', onEdit);
      socket.off('cobrowse:presence', onPresence);
      socket.off('cobrowse:ended', onEnded);
      socket.off('cobrowse:mode', onMode);
      socket.off('cobrowse:status', onStatus);
    };
  }, [socket, grantId, me, sync, patch, end]);

  /** The helper changed the form (assist mode). */
  const local = useCallback(
    (next: FormData) => {
      if (session.current.phase !== 'active' || session.current.mode !== 'assist') return;
      const changed = sync.local(data.current, next);
      data.current = next;
      patch((prev) => {
        if (!changed.some((p) => prev.marks.has(p))) return { data: next };
        const marks = new Map(prev.marks);
        for (const p of changed) marks.delete(p);
        return { data: next, marks };
      });
    },
    [sync, patch],
  );

  const leave = useCallback(async () => {
    const s0 = socketRef.current;
    await sync.flush().catch(() => undefined);
    const viaSocket = s0?.connected
      ? await s0
          .timeout(5000)
          .emitWithAck('cobrowse:leave', { grantId })
          .then(
            (a: { ok: boolean }) => a.ok,
            () => false,
          )
      : false;
    if (!viaSocket) await api(`/api/v1/assist-grants/${encodeURIComponent(grantId)}/end`, { method: 'POST' }).catch(() => undefined);
    end('left');
  }, [sync, grantId, end]);

  const flush = useCallback(() => sync.flush(), [sync]);

  return { session: s, local, leave, flush };
}

// Connection state recovery for co-browsing. A dropped connection comes back (Socket.IO restores its rooms and the
// events it missed) only into sessions whose consent is still active; and since co-browse edits are not kept for
// recovery in memory (realtime.ts), it gets each edited field's current value instead (`catchUp`).
import type { Pool } from 'pg';
import { findGrant, type Grant } from './grants';
import { maskEdit } from './masking';
import { getPointer } from '../../forms/eservice-definition/expressions';
import type { AssistEdit } from '../../forms/types/api';

/** What a session restored by connection state recovery carries (socket.io's Session, as far as we touch it). */
export interface RestoredSession {
  rooms: string[];
  missedPackets: unknown[][];
}

export const personKey = (p: { type: string; id: string }) => `${p.type}:${p.id}`;

/** The rooms through which a consent's holder sees the session (masked: a support specialist's). */
export function sessionRooms(grant: Grant, masked: boolean): string[] {
  if (!grant.caseId) return [`pwatch:${personKey(grant.person)}`];
  return [masked ? `watchm:${grant.caseId}` : `watch:${grant.caseId}`];
}

export interface RecoveryDeps {
  pool: Pool;
  /** Several API nodes share rooms (a Redis adapter, which keeps edits for recovery like any other event). */
  clustered: boolean;
  /** The draft as the screens should show it: saved, with the edits not yet saved merged in. */
  currentFields(caseId: string): Promise<{ data: Record<string, unknown>; versions: Record<string, number> } | null>;
  sensitiveOf(caseId: string): Promise<string[]>;
}

export function sessionRecovery({ pool, clustered, currentFields, sensitiveOf }: RecoveryDeps) {
  /**
   * A staff connection that dropped comes back in the rooms it had, with the events it missed, unless a consent
   * ended meanwhile: then the rooms of that session are left out, and so is everything of the session it missed
   * except the news that it ended.
   */
  async function vetRestoredSession<S extends RestoredSession>(session: S | null | undefined): Promise<S | null | undefined> {
    if (!session) return session;
    const live = new Set<string>();
    const dead = new Set<string>();
    for (const room of session.rooms.filter((r) => /^grant:[^:]+$/.test(r))) {
      const g = await findGrant(pool, room.slice(6));
      if (!g) continue;
      for (const r of [...sessionRooms(g, false), ...sessionRooms(g, true)]) (g.active ? live : dead).add(r);
      if (!g.active) dead.add(room);
      if (!g.active || g.mode !== 'assist') dead.add(`${room}:assist`);
    }
    for (const r of live) dead.delete(r);
    if (dead.size > 0) dropEnded(session, live, dead);
    // With Redis the adapter keeps edits for recovery like any other event (in Redis, not in this heap).
    if (!clustered) session.missedPackets.push(...(await catchUp(session.rooms)));
    return session;
  }

  /** Takes out of a restored session the rooms and missed events of co-browsing that ended while it was away. */
  function dropEnded(session: RestoredSession, live: Set<string>, dead: Set<string>): void {
    const deadCases = new Set([...dead].filter((r) => r.startsWith('watch') && !live.has(r)).map((r) => r.slice(r.indexOf(':') + 1)));
    const portalEnded = [...dead].some((r) => r.startsWith('pwatch:'));
    session.rooms = session.rooms.filter((r) => !dead.has(r));
    session.missedPackets = session.missedPackets.filter(([event, payload]) => {
      if (typeof event !== 'string' || !event.startsWith('cobrowse:') || event === 'cobrowse:ended' || event === 'cobrowse:mode')
        return true;
      const caseId = (payload as { applicationId?: unknown } | null)?.applicationId;
      if (typeof caseId === 'string' && deadCases.has(caseId)) return false;
      return !(portalEnded && event === 'cobrowse:presence');
    });
  }

  /**
   * Edits are not kept for recovery in memory (realtime.ts): a restored connection gets, for each application it
   * has open or watches, every edited field's current value and version, masked for a support specialist. Screens
   * merge by version, so what they already have is ignored.
   */
  async function catchUp(rooms: string[]): Promise<unknown[][]> {
    const open = new Map<string, boolean>(); // case → masked
    for (const room of rooms) {
      const m = /^(app|watch|watchm):(.+)$/.exec(room);
      if (m) open.set(m[2], (open.get(m[2]) ?? true) && m[1] === 'watchm');
    }
    const packets: unknown[][] = [];
    for (const [caseId, masked] of open) {
      const state = await currentFields(caseId);
      if (!state) continue;
      const sensitive = masked ? await sensitiveOf(caseId) : [];
      for (const [pointer, version] of Object.entries(state.versions)) {
        const value = getPointer(state.data, pointer);
        const shown = masked ? maskEdit(pointer, value, sensitive) : { masked: false, value };
        const edit: AssistEdit = {
          applicationId: caseId,
          pointer,
          value: shown.value,
          version,
          by: { type: 'catch-up' },
          ...(shown.masked ? { masked: true } : {}),
        };
        packets.push(['cobrowse:edit', edit]);
      }
    }
    return packets;
  }

  return { vetRestoredSession };
}

// Socket.IO: live status for citizens. A signed-in citizen's sockets join the room of their person
// ("person:natural:01018012345"); every status event that concerns that person, as recipient or representative,
// is pushed as `case:status`. Events arrive from PostgreSQL NOTIFY, so it does not matter which process wrote them.
import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { Pool } from 'pg';
import type { Principal } from './auth/principal';
import type { BrowserSession } from './auth/session/browser-session';
import { listenForStatusEvents, readCaseStatuses, readStatusEvents } from '../../db/cases/status-events';
import { saveDraftFromSocket } from '../applications/draft-socket';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient, type RedisClientType } from 'redis';
import { assistSocket } from '../assist/socket';
import type { RestoredSession } from '../assist/recovery';
import { memoryFieldVersions, redisFieldVersions } from '../assist/field-store';
import type { Grant } from '../assist/grants';
import { representativeMayRead } from './auth/policy';
import type { CaseStatusEvent, SocketReadyEvent } from '../../forms/types/api';

export interface Realtime {
  io: Server;
  grantChanged(grant: Grant): Promise<void>;
  flush(caseId: string): Promise<void>;
  /** The application left draft (submitted, withdrawn): co-browse edits are refused from now on, on every node. */
  leftDraft(caseId: string, status: string): Promise<void>;
  /** Browser sessions ended (sign-out, everywhere): their sockets are told and closed, on every node. */
  sessionsEnded(sessionIds: string[]): void;
  close(): Promise<void>;
}

const personRoom = (key: string) => `person:${key}`;
const sessionRoom = (id: string) => `session:${id}`;

/**
 * Connection state recovery keeps every broadcast for two minutes, in this process's memory without Redis. Co-browse
 * keystrokes are most of them (a thousand a second at 200 sessions): kept, they were most of the heap, the garbage
 * collector's pauses grew with it, and they showed in the keystrokes' tail latency (scripts/bench/assist.ts).
 * So edits are broadcast without being kept; a recovered connection gets each field's current value instead
 * (catchUp in assist/recovery.ts), which is also all its screen needs.
 */
function keepEditsOutOfRecovery(io: Server): void {
  type Broadcast = (packet: { data?: unknown[] }, opts: unknown) => unknown;
  const adapter = io.of('/').adapter as unknown as { broadcast: Broadcast };
  const keeping = adapter.broadcast;
  const plain = (Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as { broadcast?: Broadcast }).broadcast;
  if (typeof plain !== 'function' || plain === keeping) return; // not the session-aware in-memory adapter
  adapter.broadcast = (packet, opts) => (packet.data?.[0] === 'cobrowse:edit' ? plain : keeping).call(adapter, packet, opts);
}

/**
 * Cross-site WebSocket hijacking: a browser opens a socket to any host and sends the page's Origin. A browser's
 * connection is let in only from the platform's own origins: the origin it reached this server at (the Host
 * header, which a page cannot set), PUBLIC_URL's and ALLOWED_ORIGINS. Clients that send no Origin (not browsers:
 * agency systems, tests) are let through here and must still present a valid token to the middleware below.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, own: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  if (own.has(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false; // "null" (sandboxed frames, file:) and anything unparsable
  }
}

export async function attachRealtime(
  server: http.Server,
  deps: {
    pool: Pool;
    databaseUrl: string;
    redisUrl?: string | undefined;
    logger: Logger;
    verify(token: string): Promise<Principal>;
    /** The open browser session the handshake's cookie names (`touch`: count it as activity), if any. */
    session?(headers: http.IncomingHttpHeaders, touch: boolean): Promise<BrowserSession | null>;
    publicUrl?: string;
    allowedOrigins?: readonly string[];
  },
): Promise<Realtime> {
  const ownOrigins = new Set([...(deps.publicUrl ? [deps.publicUrl] : []), ...(deps.allowedOrigins ?? [])].map((o) => new URL(o).origin));
  // With REDIS_URL, several API nodes share rooms (Redis streams adapter, which also keeps connection state
  // recovery working across nodes) and co-browse field versions. Nodes of one deployment share a database, so its
  // name keeps their streams and keys apart from another deployment's (or a test run's) on the same Redis.
  let redis: RedisClientType | null = null;
  const space = `sdp:${decodeURIComponent(new URL(deps.databaseUrl).pathname.slice(1)) || 'default'}`;
  if (deps.redisUrl) {
    redis = createClient({ url: deps.redisUrl });
    redis.on('error', (err: unknown) => deps.logger.warn({ err }, 'redis'));
    await redis.connect();
  }
  const io = new Server(server, {
    path: '/socket.io',
    serveClient: false,
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      if (originAllowed(origin, req.headers.host, ownOrigins)) callback(null, true);
      else {
        deps.logger.warn({ origin }, 'Socket.IO connection from a foreign origin refused');
        callback('origin_not_allowed', false);
      }
    },
    // A dropped connection gets the events it missed on reconnect (within two minutes).
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    ...(redis
      ? {
          adapter: createAdapter(redis, {
            streamName: `${space}:socket.io`,
            channelPrefix: `${space}:socket.io`,
            sessionKeyPrefix: `${space}:sio:session:`,
          }),
        }
      : {}),
  });
  if (!redis) keepEditsOutOfRecovery(io);
  const store = redis ? redisFieldVersions(redis, `${space}:cobrowse:`) : memoryFieldVersions();
  const assist = assistSocket({ io, pool: deps.pool, logger: deps.logger, store, clustered: !!redis });
  // A restored connection must not get back into a co-browsing session whose consent ended while it was away.
  const adapter = io.of('/').adapter as unknown as { restoreSession(pid: string, offset: string): Promise<RestoredSession | null> | null };
  const restoreSession = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => (await assist.vetRestoredSession(await restoreSession(pid, offset))) ?? null;

  // A browser connects with its session cookie; a system or test client with a bearer token in auth.token.
  io.use((socket: Socket, next) => {
    const refuse = (message: string) => next(Object.assign(new Error('unauthenticated'), { data: { code: 'unauthenticated', message } }));
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (typeof token === 'string') {
      deps.verify(token).then(
        (principal) => {
          // Live status and co-browsing are a person's own; an act-for token (its party's HTTP area only) is refused.
          if (principal.actingFor) return refuse('An act-for token cannot open a live connection.');
          socket.data.principal = principal;
          next();
        },
        () => refuse('The token is invalid or expired.'),
      );
      return;
    }
    if (!deps.session) return refuse('Send auth.token.');
    deps.session(socket.handshake.headers, false).then(
      (session) => {
        if (!session) return refuse('Sign in first: no open session.');
        socket.data.principal = session.principal;
        socket.data.sessionId = session.id;
        void socket.join(sessionRoom(session.id));
        next();
      },
      () => refuse('The session could not be checked; try again.'),
    );
  });

  /** Typing in a form is activity: an autosave moves the session's idle end, and one that finds it ended is refused. */
  const sessionStillOpen = async (socket: Socket): Promise<boolean> => {
    if (!socket.data.sessionId || !deps.session) return true;
    const session = await deps.session(socket.handshake.headers, true);
    return session?.id === socket.data.sessionId;
  };

  io.on('connection', (socket) => {
    const principal = socket.data.principal as Principal;
    if (principal.person) void socket.join(personRoom(`${principal.person.type}:${principal.person.id}`));
    socket.on('draft:save', (message: unknown, ack?: (answer: unknown) => void) => {
      void sessionStillOpen(socket).then(async (open) => {
        if (!open) {
          if (typeof ack === 'function')
            ack({ ok: false, error: { code: 'unauthenticated', message: 'The session has ended: sign in again.' } });
          socket.emit('session:ended', {});
          socket.disconnect(true);
          return;
        }
        const answer = await saveDraftFromSocket(deps.pool, principal, message);
        if (!answer.ok && answer.error.code === 'internal_error') deps.logger.warn({ message }, 'draft:save failed');
        if (typeof ack === 'function') ack(answer);
      });
    });
    assist.onConnection(socket);
    const ready: SocketReadyEvent = { rooms: [...socket.rooms].filter((r) => r !== socket.id) };
    socket.emit('ready', ready);
  });

  // Only events of people connected to this node are read; recently sent ids are remembered because two
  // notified ranges may overlap when transactions interleave.
  const sent = new Set<number>();
  const remember = (id: number) => {
    sent.add(id);
    if (sent.size > 50_000) sent.delete(sent.values().next().value as number);
  };
  const connectedPeople = () => [...io.of('/').adapter.rooms.keys()].filter((r) => r.startsWith('person:')).map((r) => r.slice(7));
  const stopListening = listenForStatusEvents(
    deps.databaseUrl,
    (from, to) => {
      // Co-browsed drafts that were submitted (by whichever process): no more edits to them from this node's sockets.
      const coBrowsed = assist.casesHere();
      if (coBrowsed.length) {
        readCaseStatuses(deps.pool, from, to, coBrowsed)
          .then((changes) => Promise.all(changes.filter((c) => c.status !== 'draft').map((c) => assist.leftDraft(c.caseId, c.status))))
          .catch((err: unknown) => deps.logger.warn({ err }, 'reading co-browsed statuses failed'));
      }
      const people = connectedPeople();
      if (people.length === 0) return;
      readStatusEvents(deps.pool, from, to, people)
        .then(async (events) => {
          for (const e of events) {
            if (sent.has(e.eventId)) continue;
            remember(e.eventId);
            const payload: CaseStatusEvent = {
              caseId: e.caseId,
              status: e.status,
              label: e.label,
              at: e.at,
              agencyId: e.agencyId,
              serviceId: e.serviceId,
              eventId: e.eventId,
            };
            const rooms = [personRoom(e.recipientKey)];
            // The representative hears of it only while the basis they follow the case on is valid (asked now).
            if (e.representativeKey && (await representativeMayRead(deps.pool, e.caseId, e.representativeKey)))
              rooms.push(personRoom(e.representativeKey));
            io.local.to(rooms).emit('case:status', payload);
          }
        })
        .catch((err: unknown) => deps.logger.warn({ err }, 'reading status events failed'));
    },
    (err) => deps.logger.warn({ err }, 'status event listener'),
  );

  return {
    io,
    grantChanged: (grant) => assist.grantChanged(grant),
    flush: (caseId) => assist.flush(caseId),
    // The status is written already: a failure here (Redis away) must not fail the request that wrote it.
    leftDraft: (caseId, status) =>
      assist
        .leftDraft(caseId, status)
        .catch((err: unknown) => deps.logger.warn({ err, caseId }, 'marking a co-browsed draft as left failed')),
    sessionsEnded(sessionIds) {
      for (const id of sessionIds) {
        io.in(sessionRoom(id)).emit('session:ended', {});
        io.in(sessionRoom(id)).disconnectSockets(true);
      }
    },
    async close() {
      await assist.flushAll();
      await store.close();
      await stopListening();
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      if (redis) await redis.quit().catch(() => undefined);
    },
  };
}

// Co-browsing over Socket.IO. Rooms: `app:<case>` (the citizen's own tabs), `watch:<case>` (staff seeing the form
// as the citizen does), `watchm:<case>` (support specialists: sensitive fields masked), `pwatch:<person>` (a
// support specialist watching the whole portal session), `grant:<id>` (the sockets of one consent, so a revocation
// reaches them at once on any node) and `grant:<id>:assist` (those of them that may edit now).
// Consent is checked in the database (api/platform/auth/policy.ts) for every staff message, keystrokes included: a revocation
// refuses the very next one. Membership of the consent's rooms decides what a socket is sent; a revocation or mode
// change takes the sockets out of them on every node (through the adapter) right after it is committed.
// An application that left draft takes no more edits from anyone (`not_draft`): the field store knows it without
// a query per keystroke (see field-store.ts), and open screens are told its status (`cobrowse:status`).
import type { Server, Socket } from 'socket.io';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Principal } from '../platform/auth/principal';
import { errorBody } from '../platform/errors';
import { nulCharacters } from '../../forms/validation';
import { audit, type AuditEntry } from '../../db/audit';
import { isValidCaseId } from '../../db/domain/case-id';
import { findApplication, savedFieldVersions } from '../../db/applications/reads';
import { publishedVersion } from '../../db/eservice-definitions/definitions';
import { findGrant, grantsOfPerson, type Grant } from './grants';
import { endGrant } from '../../db/assist/grants';
import { accessTo, activeConsent, actorKind, applicationSubject, personKey as personRef } from '../platform/auth/policy';
import type { FieldVersions } from './field-store';
import { editFlusher, flushEdits } from './autosave';
import { personKey, sessionRecovery, sessionRooms } from './recovery';
import { isSensitive, MASK, maskData, maskEdit, maskedPointers } from './masking';
import { getPointer, setPointer } from '../../forms/eservice-definition/expressions';
import type {
  AssistEdit,
  AssistEditAck,
  AssistEditAuthor,
  AssistEndedEvent,
  AssistJoinAck,
  AssistLeaveAck,
  AssistModeEvent,
  AssistOpenAck,
  AssistPresence,
  AssistRefusal,
  AssistRevealAck,
  AssistSnapshot,
  AssistStatusEvent,
  AssistWatchersEvent,
  CaseStatus,
} from '../../forms/types/api';

type Ack = (answer: unknown) => void;
// Any message from a client is untrusted: read it as a bag of unknown values.
type Message = Record<string, unknown>;
const POINTER = /^(\/[^/]{1,100}){1,8}$/;
const FORBIDDEN_KEYS = /\/(__proto__|prototype|constructor)(\/|$)/;
const MAX_VALUE_CHARS = 10_000;
const MAX_PRESENCE_CHARS = 20_000;
const NOT_DRAFT = 'The application has been submitted (or withdrawn): the form can no longer change.';

function refuse(ack: Ack | undefined, code: string, message: string) {
  if (typeof ack === 'function') ack({ ok: false, error: errorBody(code, message).error } satisfies AssistRefusal);
}

/** A grant as a support specialist may see it: whose session it is, without their personal code. */
export function grantForViewer(grant: Grant, viewer: Principal): Grant {
  return viewer.roles.includes('support-specialist') ? { ...grant, person: { ...grant.person, id: MASK } } : grant;
}

export interface AssistSocketDeps {
  io: Server;
  pool: Pool;
  logger: Logger;
  store: FieldVersions;
  /** Several API nodes share rooms (a Redis adapter): a room empty here may have members elsewhere. */
  clustered?: boolean;
}

export function assistSocket({ io, pool, logger, store, clustered = false }: AssistSocketDeps) {
  const flusher = editFlusher(pool, store, (e) => logger.warn({ err: e }, 'flushing co-browse edits failed'));
  const sensitiveCache = new Map<string, string[]>();

  async function sensitiveOf(caseId: string): Promise<string[]> {
    const cached = sensitiveCache.get(caseId);
    if (cached) return cached;
    const row = await findApplication(pool, caseId);
    const def = row ? await publishedVersion(pool, row.definition_id, row.definition_version) : null;
    const list = maskedPointers(def?.content.form);
    sensitiveCache.set(caseId, list);
    if (sensitiveCache.size > 10_000) sensitiveCache.delete(sensitiveCache.keys().next().value as string);
    return list;
  }

  /** The draft as the screens should show it: the saved draft with the edits not yet saved merged in. */
  async function currentFields(caseId: string) {
    // Pending edits first: one flushed (and forgotten by the store) meanwhile is then in the draft read after.
    const pending = await store.pending(caseId);
    const row = await findApplication(pool, caseId);
    if (!row) return null;
    let data = row.draft_data;
    const versions: Record<string, number> = {
      ...((row as unknown as { draft_field_versions: Record<string, number> }).draft_field_versions ?? {}),
    };
    for (const e of pending) {
      if ((versions[e.pointer] ?? 0) < e.version) {
        data = setPointer(data, e.pointer, e.value);
        versions[e.pointer] = e.version;
      }
    }
    return { row, data, versions };
  }

  async function snapshot(caseId: string, masked: boolean): Promise<AssistSnapshot | null> {
    const current = await currentFields(caseId);
    if (!current) return null;
    const { row, data, versions } = current;
    const def = await publishedVersion(pool, row.definition_id, row.definition_version);
    return {
      applicationId: caseId,
      status: row.status,
      data: masked ? maskData(data, await sensitiveOf(caseId)) : data,
      fieldVersions: versions,
      form: def ? { schema: def.content.form.schema, uiSchema: def.content.form.uiSchema ?? {} } : null,
      presence: await store.presence(caseId),
    };
  }

  async function watchers(caseId: string, person: { type: string; id: string }) {
    const list = (await grantsOfPerson(pool, person as Grant['person'], caseId)).filter((g) => g.active);
    io.to(`app:${caseId}`).emit('cobrowse:watchers', {
      applicationId: caseId,
      watchers: list.map((g) => ({ grantId: g.id, name: g.usedByName, role: g.usedByRole, office: g.usedByOffice, mode: g.mode })),
    } satisfies AssistWatchersEvent);
  }

  /** Relays and queues an edit for saving; null (nothing done) when the application is no longer a draft. */
  async function applyEdit(
    caseId: string,
    pointer: string,
    sent: unknown,
    by: AssistEditAuthor,
    savedBy: string,
    auditOf?: (version: number) => AuditEntry,
  ) {
    const value = sent === undefined ? null : sent; // an edit without a value empties the field, on screens and in the draft alike
    const version = await store.next(caseId, pointer, value, () => savedFieldVersions(pool, caseId));
    if (version === null) return null;
    flusher.add(caseId, { pointer, value, version }, savedBy, auditOf?.(version));
    const message: AssistEdit = { applicationId: caseId, pointer, value, version, by };
    io.to([`app:${caseId}`, `watch:${caseId}`]).emit('cobrowse:edit', message);
    // Support specialists rarely watch: a keystroke is not encoded (and kept for recovery) for an empty room.
    if (clustered || io.of('/').adapter.rooms.has(`watchm:${caseId}`)) {
      const masked = maskEdit(pointer, value, await sensitiveOf(caseId));
      io.to(`watchm:${caseId}`).emit('cobrowse:edit', masked.masked ? { ...message, value: masked.value, masked: true } : message);
    }
    return version;
  }

  function validEdit(m: Message): string | null {
    if (typeof m.pointer !== 'string' || !POINTER.test(m.pointer) || FORBIDDEN_KEYS.test(m.pointer))
      return 'The pointer must be a JSON Pointer such as /applicant/givenName.';
    if (JSON.stringify(m.value ?? null).length > MAX_VALUE_CHARS) return 'The value is too long.';
    // PostgreSQL cannot store U+0000: refused here, or the autosave round of every session saved with it would fail.
    if (m.pointer.includes('\u0000') || nulCharacters(m.value, '').length > 0) return 'Text must not contain the NUL character (U+0000).';
    return null;
  }

  /** Registers a handler that never leaves a promise rejected: a failure is logged and answered, never a crash. */
  function on(socket: Socket, event: string, handler: (m: Message, ack: Ack | undefined) => Promise<unknown>) {
    socket.on(event, (first?: unknown, second?: unknown) => {
      // `emit(event, ack)` without a payload puts the acknowledgement first.
      const ack = (typeof second === 'function' ? second : typeof first === 'function' ? first : undefined) as Ack | undefined;
      const m = (first && typeof first === 'object' ? first : {}) as Message;
      handler(m, ack).catch((err: unknown) => {
        logger.warn({ err, event }, 'co-browse message failed');
        refuse(ack, 'internal_error', 'Something went wrong on our side; try again.');
      });
    });
  }

  function onConnection(socket: Socket) {
    const p = socket.data.principal as Principal;
    // A connection restored by connection state recovery is back in its rooms: the applications it had opened.
    const ownCases = new Set([...socket.rooms].filter((r) => r.startsWith('app:')).map((r) => r.slice(4)));

    if (p.roles.includes('citizen') && p.person) {
      const person = p.person;
      on(socket, 'cobrowse:open', async (m, ack) => {
        const id = typeof m.applicationId === 'string' ? m.applicationId : '';
        const row = isValidCaseId(id) ? await findApplication(pool, id) : null;
        // The recipient's own screen (others follow through a consent): asked of the policy module like every read.
        const access = row ? await accessTo(pool, p, applicationSubject(row), 'read') : null;
        if (!row || access?.as !== 'recipient') return refuse(ack, 'not_found', 'No such application.');
        ownCases.add(id);
        await socket.join(`app:${id}`);
        await watchers(id, person);
        ack?.({ ok: true, snapshot: await snapshot(id, false) } satisfies AssistOpenAck);
      });
      on(socket, 'cobrowse:presence', async (m) => {
        // Relayed as the citizen's screen sent it (only its size is checked): typed as the screen sends it.
        const presence = {
          page: m.page ?? null,
          step: m.step ?? null,
          focus: m.focus ?? null,
          errors: Array.isArray(m.errors) ? m.errors.slice(0, 50) : [],
          at: new Date().toISOString(),
        } as AssistPresence;
        if (JSON.stringify(presence).length > MAX_PRESENCE_CHARS) return;
        const id = typeof m.applicationId === 'string' && ownCases.has(m.applicationId) ? m.applicationId : null;
        if (id) {
          await store.setPresence(id, presence);
          io.to([`watch:${id}`, `watchm:${id}`]).emit('cobrowse:presence', { applicationId: id, ...presence } satisfies AssistPresence);
        }
        await store.setPresence(`portal:${personKey(person)}`, presence);
        io.to(`pwatch:${personKey(person)}`).emit('cobrowse:presence', { applicationId: id, ...presence } satisfies AssistPresence);
      });
      on(socket, 'cobrowse:edit', async (m, ack) => {
        const id = typeof m.applicationId === 'string' ? m.applicationId : '';
        if (!ownCases.has(id)) return refuse(ack, 'not_found', 'Open the application first (cobrowse:open).');
        const bad = validEdit(m);
        if (bad) return refuse(ack, 'validation_failed', bad);
        const version = await applyEdit(id, m.pointer as string, m.value, { type: 'citizen' }, p.sub);
        if (version === null) return refuse(ack, 'not_draft', NOT_DRAFT);
        ack?.({ ok: true, version } satisfies AssistEditAck);
      });
      return;
    }

    const isSupport = p.roles.includes('support-specialist');
    if (!p.roles.some((r) => r === 'kac-staff' || r === 'agency-officer' || r === 'support-specialist')) return;
    const actor = { type: actorKind(p), id: p.sub, agency: p.agency, office: p.office };
    const auditEntry = (g: Grant, purpose: string, details?: Record<string, unknown>): AuditEntry => ({
      actor,
      onBehalfOf: personRef(g.person),
      subject: g.person,
      action: purpose.startsWith('edit') ? 'update' : 'read',
      resource: g.caseId ? `application:${g.caseId}` : `portal:${personKey(g.person)}`,
      purpose,
      details: { grantId: g.id, basis: 'consent', mode: g.mode, ...details },
    });
    const auditAs = (g: Grant, purpose: string, details?: Record<string, unknown>) => audit(pool, auditEntry(g, purpose, details));
    /**
     * The consent a staff message acts under: active, redeemed by this staff member, for the session the message
     * names (if it names one). Anything else is refused with a stable code and audited as `<action>-refused:<code>`.
     */
    async function consentFor(action: string, m: Message, ack: Ack | undefined): Promise<Grant | null> {
      const id = typeof m.grantId === 'string' ? m.grantId : null;
      // Read now, for every message (policy module): a revocation committed a moment ago refuses this one.
      const { grant, valid } = await activeConsent(pool, p, id);
      if (!grant || !valid) {
        await audit(pool, {
          actor,
          subject: grant?.person,
          action: 'read',
          resource: `assist-grant:${grant ? grant.id : 'unknown'}`,
          purpose: `${action}-refused:no_consent`,
          details: { grantId: id, ...(typeof m.applicationId === 'string' ? { applicationId: m.applicationId } : {}) },
        });
        refuse(
          ack,
          'no_consent',
          'No active consent: ask the citizen for a join code and redeem it first, or the consent was revoked or has ended.',
        );
        return null;
      }
      if (m.applicationId !== undefined && m.applicationId !== grant.caseId) {
        await auditAs(grant, `${action}-refused:wrong_session`, { applicationId: m.applicationId });
        refuse(ack, 'wrong_session', 'This consent is for another session; ask the citizen for a code for this one.');
        return null;
      }
      return grant;
    }

    on(socket, 'cobrowse:join', async (m, ack) => {
      const first = await consentFor('join', m, ack);
      if (!first) return;
      const assistRoom = `grant:${first.id}:assist`;
      const rooms = [`grant:${first.id}`, ...sessionRooms(first, isSupport)];
      await socket.join(first.mode === 'assist' && !isSupport ? [...rooms, assistRoom] : rooms);
      // Read again once in the rooms: a revocation or mode change that raced with this join has either taken this
      // socket out of them already or is seen here. (Rooms are only ever left after this point, never joined.)
      const grant = await findGrant(pool, first.id);
      if (!grant || !grant.active) {
        for (const r of [...rooms, assistRoom]) await socket.leave(r);
        await auditAs(first, 'join-refused:no_consent');
        return refuse(ack, 'no_consent', 'The consent ended just now.');
      }
      if (grant.mode !== 'assist') await socket.leave(assistRoom);
      // No audit row, no data: a join whose watch cannot be put on record leaves the rooms it entered above.
      const auditWatch = (purpose: string) =>
        auditAs(grant, purpose).catch(async (err: unknown) => {
          for (const r of [...rooms, assistRoom]) await socket.leave(r);
          throw err;
        });
      if (grant.scope === 'portal') {
        await auditWatch('watch-portal');
        return ack?.({
          ok: true,
          grant: grantForViewer(grant, p),
          snapshot: { presence: await store.presence(`portal:${personKey(grant.person)}`) },
        } satisfies AssistJoinAck);
      }
      const caseId = grant.caseId as string;
      await auditWatch(`watch:${grant.mode}`);
      await watchers(caseId, grant.person);
      ack?.({ ok: true, grant: grantForViewer(grant, p), snapshot: await snapshot(caseId, isSupport) } satisfies AssistJoinAck);
    });

    on(socket, 'cobrowse:edit', async (m, ack) => {
      // Every keystroke is checked against the consent as it is now (one indexed read), never a grant held in memory.
      const grant = await consentFor('edit', m, ack);
      if (!grant) return;
      if (grant.mode !== 'assist' || isSupport || !grant.caseId) {
        await auditAs(grant, 'edit-refused:view_only', { pointer: m.pointer });
        return refuse(ack, 'view_only', 'The citizen allowed viewing only.');
      }
      const bad = validEdit(m);
      if (bad) return refuse(ack, 'validation_failed', bad);
      // Audited by the autosave that stores it, just before it does, a fraction of a second later.
      const version = await applyEdit(
        grant.caseId,
        m.pointer as string,
        m.value,
        { type: 'staff', id: p.sub, name: p.name, office: p.office ?? null },
        p.sub,
        (v) => auditEntry(grant, 'edit', { pointer: m.pointer, version: v }),
      );
      if (version === null) {
        await auditAs(grant, 'edit-refused:not_draft', { pointer: m.pointer });
        return refuse(ack, 'not_draft', NOT_DRAFT);
      }
      ack?.({ ok: true, version } satisfies AssistEditAck);
    });

    on(socket, 'cobrowse:reveal', async (m, ack) => {
      const grant = await consentFor('reveal', m, ack);
      if (!grant) return;
      if (!grant.caseId) return refuse(ack, 'not_found', 'A portal session has no form fields.');
      if (typeof m.pointer !== 'string' || !POINTER.test(m.pointer))
        return refuse(ack, 'validation_failed', 'The pointer must be a JSON Pointer such as /applicant/givenName.');
      if (isSupport && isSensitive(m.pointer, await sensitiveOf(grant.caseId))) {
        await auditAs(grant, 'reveal-refused:field_masked', { pointer: m.pointer });
        return refuse(ack, 'field_masked', 'This field is masked for support specialists.');
      }
      const snap = await snapshot(grant.caseId, isSupport);
      await auditAs(grant, 'reveal', { pointer: m.pointer });
      ack?.({ ok: true, value: snap ? (getPointer(snap.data, m.pointer) ?? null) : null } satisfies AssistRevealAck);
    });

    on(socket, 'cobrowse:leave', async (m, ack) => {
      const grant = await consentFor('leave', m, ack);
      if (!grant) return;
      await endGrant(pool, grant.id);
      await auditAs(grant, 'leave');
      await grantEnded({ ...grant, active: false }, 'left');
      ack?.({ ok: true } satisfies AssistLeaveAck);
    });
  }

  /** A consent ended (revoked, left, expired): its sockets leave every room of the session at once, on every node. */
  async function grantEnded(grant: Grant, reason: AssistEndedEvent['reason']) {
    io.to(`grant:${grant.id}`).emit('cobrowse:ended', { grantId: grant.id, reason } satisfies AssistEndedEvent);
    const rooms = [...sessionRooms(grant, false), ...sessionRooms(grant, true), `grant:${grant.id}:assist`, `grant:${grant.id}`];
    io.in(`grant:${grant.id}`).socketsLeave([...new Set(rooms)]);
    if (grant.caseId) await watchers(grant.caseId, grant.person);
  }

  async function grantChanged(grant: Grant) {
    if (!grant.active) return grantEnded(grant, grant.revokedAt ? 'revoked' : 'ended');
    // Switching to view takes away the edit permission at once; switching to assist gives it to the joined sockets
    // (never to a support specialist's, whose consent cannot be in assist mode).
    if (grant.mode === 'assist' && grant.usedByRole !== 'support-specialist')
      io.in(`grant:${grant.id}`).socketsJoin(`grant:${grant.id}:assist`);
    else io.in(`grant:${grant.id}`).socketsLeave(`grant:${grant.id}:assist`);
    io.to(`grant:${grant.id}`).emit('cobrowse:mode', { grantId: grant.id, mode: grant.mode } satisfies AssistModeEvent);
    if (grant.caseId) await watchers(grant.caseId, grant.person);
  }

  /** Saves what is pending for an application: this node's queue, then what any node holds in the shared store. */
  async function flush(caseId: string) {
    await flusher.flush(caseId);
    const pending = await store.pending(caseId);
    if (pending.length) store.settled(caseId, await flushEdits(pool, caseId, pending, 'co-browsing'));
  }

  /**
   * The application left draft (its new status): no more edits from anyone, and the screens open on this node are
   * told. Every node hears of it (the status notification), so each tells only its own sockets.
   */
  async function leftDraft(caseId: string, status: string) {
    await store.leftDraft(caseId);
    // A status written to the case (the case register holds only the canonical statuses); the workflow's update
    // results (workflows/application/api.ts UpdateResult) still type it as a string.
    const event: AssistStatusEvent = { applicationId: caseId, status: status as CaseStatus };
    io.local.to([`app:${caseId}`, `watch:${caseId}`, `watchm:${caseId}`]).emit('cobrowse:status', event);
  }

  /** Applications with a co-browsing room on this node (whose status changes matter here). */
  function casesHere(): string[] {
    const ids = new Set<string>();
    for (const room of io.of('/').adapter.rooms.keys()) {
      const m = /^(?:app|watch|watchm):(.+)$/.exec(room);
      if (m) ids.add(m[1]);
    }
    return [...ids];
  }

  const { vetRestoredSession } = sessionRecovery({ pool, clustered, currentFields, sensitiveOf });
  return { onConnection, grantChanged, vetRestoredSession, flushAll: () => flusher.flushAll(), flush, leftDraft, casesHere };
}

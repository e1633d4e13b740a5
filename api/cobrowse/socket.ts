// Co-browsing over Socket.IO. Rooms: `app:<case>` (the citizen's own tabs), `watch:<case>` (staff seeing the form
// as the citizen does), `watchm:<case>` (support specialists: sensitive fields masked), `pwatch:<person>` (a
// support specialist watching the whole portal session), `grant:<id>` (the sockets of one consent, so a revocation
// reaches them at once on any node).
import type { Server, Socket } from 'socket.io';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import { errorBody } from '../errors';
import { audit } from '../../db/audit';
import { isValidCaseId } from '../domain/case-id';
import { findApplication } from '../queries/applications';
import { publishedVersion } from '../commands/eservice-definitions';
import { activeGrantOf, grantsOfPerson, type Grant } from './grants';
import { editFlusher, savedFieldVersions, type FieldVersions } from './field-store';
import { isSensitive, MASK, maskData, sensitivePointers } from './masking';
import { getPointer, setPointer } from '../../workflows/application/expressions';

type Ack = (answer: unknown) => void;
const POINTER = /^(\/[^/]{1,100}){1,8}$/;
const MAX_VALUE_CHARS = 10_000;

function refuse(ack: Ack | undefined, code: string, message: string) {
  if (typeof ack === 'function') ack({ ok: false, error: errorBody(code, message).error });
}

export interface CobrowseDeps { io: Server; pool: Pool; logger: Logger; store: FieldVersions }

export function cobrowse({ io, pool, logger, store }: CobrowseDeps) {
  const flusher = editFlusher(pool, (e) => logger.warn({ err: e }, 'flushing co-browse edits failed'));
  const sensitiveCache = new Map<string, string[]>();
  const personKey = (p: { type: string; id: string }) => `${p.type}:${p.id}`;

  async function sensitiveOf(caseId: string): Promise<string[]> {
    const cached = sensitiveCache.get(caseId);
    if (cached) return cached;
    const row = await findApplication(pool, caseId);
    const def = row ? await publishedVersion(pool, row.definition_id, row.definition_version) : null;
    const list = sensitivePointers(def?.content.form.uiSchema);
    sensitiveCache.set(caseId, list);
    return list;
  }

  async function snapshot(caseId: string, masked: boolean) {
    const row = await findApplication(pool, caseId);
    if (!row) return null;
    let data = row.draft_data;
    const versions: Record<string, number> = { ...((row as unknown as { draft_field_versions: Record<string, number> }).draft_field_versions ?? {}) };
    for (const e of await store.pending(caseId)) {
      if ((versions[e.pointer] ?? 0) < e.version) {
        data = setPointer(data, e.pointer, e.value);
        versions[e.pointer] = e.version;
      }
    }
    const def = await publishedVersion(pool, row.definition_id, row.definition_version);
    return {
      applicationId: caseId, status: row.status, data: masked ? maskData(data, await sensitiveOf(caseId)) : data, fieldVersions: versions,
      form: def ? { schema: def.content.form.schema, uiSchema: def.content.form.uiSchema ?? {} } : null,
      presence: await store.presence(caseId),
    };
  }

  async function watchers(caseId: string, person: { type: string; id: string }) {
    const list = (await grantsOfPerson(pool, person as Grant['person'], caseId)).filter((g) => g.active);
    io.to(`app:${caseId}`).emit('cobrowse:watchers', { applicationId: caseId, watchers: list.map((g) => ({ grantId: g.id, name: g.usedByName, role: g.usedByRole, office: g.usedByOffice, mode: g.mode })) });
  }

  async function applyEdit(caseId: string, pointer: string, value: unknown, by: Record<string, unknown>, savedBy: string) {
    const version = await store.next(caseId, pointer, value, () => savedFieldVersions(pool, caseId));
    flusher.add(caseId, { pointer, value, version }, savedBy);
    const message = { applicationId: caseId, pointer, value, version, by };
    io.to([`app:${caseId}`, `watch:${caseId}`]).emit('cobrowse:edit', message);
    const masked = isSensitive(pointer, await sensitiveOf(caseId));
    io.to(`watchm:${caseId}`).emit('cobrowse:edit', masked ? { ...message, value: MASK, masked: true } : message);
    return version;
  }

  function validEdit(m: { pointer?: unknown; value?: unknown }): string | null {
    if (typeof m.pointer !== 'string' || !POINTER.test(m.pointer)) return 'The pointer must be a JSON Pointer such as /applicant/givenName.';
    if (JSON.stringify(m.value ?? null).length > MAX_VALUE_CHARS) return 'The value is too long.';
    return null;
  }

  function onConnection(socket: Socket) {
    const p = socket.data.principal as Principal;
    const ownCases = new Set<string>();

    if (p.roles.includes('citizen') && p.person) {
      const person = p.person;
      socket.on('cobrowse:open', async (m: { applicationId?: unknown }, ack?: Ack) => {
        const id = typeof m?.applicationId === 'string' ? m.applicationId : '';
        const row = isValidCaseId(id) ? await findApplication(pool, id) : null;
        if (!row || row.recipient_type !== person.type || row.recipient_id !== person.id) return refuse(ack, 'not_found', 'No such application.');
        ownCases.add(id);
        await socket.join(`app:${id}`);
        await watchers(id, person);
        ack?.({ ok: true, snapshot: await snapshot(id, false) });
      });
      socket.on('cobrowse:presence', async (m: Record<string, unknown>) => {
        const presence = { page: m?.page ?? null, step: m?.step ?? null, focus: m?.focus ?? null, errors: Array.isArray(m?.errors) ? m.errors.slice(0, 50) : [], at: new Date().toISOString() };
        const id = typeof m?.applicationId === 'string' && ownCases.has(m.applicationId) ? m.applicationId : null;
        if (id) {
          await store.setPresence(id, presence);
          io.to([`watch:${id}`, `watchm:${id}`]).emit('cobrowse:presence', { applicationId: id, ...presence });
        }
        await store.setPresence(`portal:${personKey(person)}`, presence);
        io.to(`pwatch:${personKey(person)}`).emit('cobrowse:presence', { applicationId: id, ...presence });
      });
      socket.on('cobrowse:edit', async (m: { applicationId?: unknown; pointer?: unknown; value?: unknown }, ack?: Ack) => {
        const id = typeof m?.applicationId === 'string' ? m.applicationId : '';
        if (!ownCases.has(id)) return refuse(ack, 'not_found', 'Open the application first (cobrowse:open).');
        const bad = validEdit(m);
        if (bad) return refuse(ack, 'validation_failed', bad);
        const version = await applyEdit(id, m.pointer as string, m.value, { type: 'citizen' }, p.sub);
        ack?.({ ok: true, version });
      });
      return;
    }

    const isSupport = p.roles.includes('support-specialist');
    if (!p.roles.some((r) => r === 'kac-staff' || r === 'agency-officer' || r === 'support-specialist')) return;
    const auditAs = (g: Grant, purpose: string, details?: Record<string, unknown>) => audit(pool, {
      actor: { type: 'staff', id: p.sub, agency: p.agency, office: p.office }, subject: g.person, action: purpose.startsWith('edit') ? 'update' : 'read',
      resource: g.caseId ? `application:${g.caseId}` : `portal:${personKey(g.person)}`, purpose, details: { grantId: g.id, basis: 'consent', mode: g.mode, ...details },
    });

    socket.on('cobrowse:join', async (m: { grantId?: unknown }, ack?: Ack) => {
      const grant = typeof m?.grantId === 'string' ? await activeGrantOf(pool, m.grantId, p.sub) : null;
      if (!grant) return refuse(ack, 'no_consent', 'No active consent: redeem a join code first, or it was revoked.');
      await socket.join(`grant:${grant.id}`);
      if (grant.scope === 'portal') {
        await socket.join(`pwatch:${personKey(grant.person)}`);
        await auditAs(grant, 'watch-portal');
        return ack?.({ ok: true, grant, snapshot: { presence: await store.presence(`portal:${personKey(grant.person)}`) } });
      }
      const caseId = grant.caseId as string;
      await socket.join(isSupport ? `watchm:${caseId}` : `watch:${caseId}`);
      await auditAs(grant, `watch:${grant.mode}`);
      await watchers(caseId, grant.person);
      ack?.({ ok: true, grant, snapshot: await snapshot(caseId, isSupport) });
    });

    socket.on('cobrowse:edit', async (m: { grantId?: unknown; pointer?: unknown; value?: unknown }, ack?: Ack) => {
      const grant = typeof m?.grantId === 'string' ? await activeGrantOf(pool, m.grantId, p.sub) : null;
      if (!grant || !grant.caseId) return refuse(ack, 'no_consent', 'No active consent for this session.');
      if (grant.mode !== 'assist' || isSupport) {
        await auditAs(grant, 'edit-refused:view_only', { pointer: m.pointer });
        return refuse(ack, 'view_only', 'The citizen allowed viewing only.');
      }
      const bad = validEdit(m);
      if (bad) return refuse(ack, 'validation_failed', bad);
      const version = await applyEdit(grant.caseId, m.pointer as string, m.value, { type: 'staff', id: p.sub, name: p.name, office: p.office ?? null }, p.sub);
      await auditAs(grant, 'edit', { pointer: m.pointer, version });
      ack?.({ ok: true, version });
    });

    socket.on('cobrowse:reveal', async (m: { grantId?: unknown; pointer?: unknown }, ack?: Ack) => {
      const grant = typeof m?.grantId === 'string' ? await activeGrantOf(pool, m.grantId, p.sub) : null;
      if (!grant || !grant.caseId || typeof m.pointer !== 'string') return refuse(ack, 'no_consent', 'No active consent for this session.');
      if (isSupport && isSensitive(m.pointer, await sensitiveOf(grant.caseId))) {
        await auditAs(grant, 'reveal-refused:field_masked', { pointer: m.pointer });
        return refuse(ack, 'field_masked', 'This field is masked for support specialists.');
      }
      const snap = await snapshot(grant.caseId, isSupport);
      await auditAs(grant, 'reveal', { pointer: m.pointer });
      ack?.({ ok: true, value: snap ? getPointer(snap.data, m.pointer) : null });
    });

    socket.on('cobrowse:leave', async (m: { grantId?: unknown }, ack?: Ack) => {
      const grant = typeof m?.grantId === 'string' ? await activeGrantOf(pool, m.grantId, p.sub) : null;
      if (!grant) return refuse(ack, 'no_consent', 'No active consent.');
      await pool.query('UPDATE assist_grants SET ended_at = COALESCE(ended_at, now()) WHERE id = $1', [grant.id]);
      await auditAs(grant, 'leave');
      await grantEnded({ ...grant, active: false }, 'left');
      ack?.({ ok: true });
    });
  }

  /** A consent ended (revoked, left, expired): its sockets leave every room of the session at once, on every node. */
  async function grantEnded(grant: Grant, reason: string) {
    io.to(`grant:${grant.id}`).emit('cobrowse:ended', { grantId: grant.id, reason });
    const rooms = grant.caseId ? [`watch:${grant.caseId}`, `watchm:${grant.caseId}`] : [`pwatch:${personKey(grant.person)}`];
    io.in(`grant:${grant.id}`).socketsLeave(rooms);
    if (grant.caseId) await watchers(grant.caseId, grant.person);
  }

  async function grantChanged(grant: Grant) {
    if (!grant.active) return grantEnded(grant, grant.revokedAt ? 'revoked' : 'ended');
    io.to(`grant:${grant.id}`).emit('cobrowse:mode', { grantId: grant.id, mode: grant.mode });
    if (grant.caseId) await watchers(grant.caseId, grant.person);
  }

  return { onConnection, grantChanged, flushAll: () => flusher.flushAll(), flush: (caseId: string) => flusher.flush(caseId) };
}

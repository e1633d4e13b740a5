// Autosave of co-browse edits. Each API node saves what was typed into all its sessions in rounds: per round, one
// INSERT of the staff edits' audit rows, then one statement that merges every application's edits into its saved
// draft inside PostgreSQL (draft_merge, migration 0010), field by field, each only if newer than the version saved
// for that field. The audit rows go first, so no edit is saved unaudited. Only the newest edit of each field is
// sent; the draft itself never travels to this process and back, so a round costs the relay thread next to nothing.
import type { Pool } from 'pg';
import { audit, type AuditEntry } from '../../db/audit';
import { mergeDraftEdits } from '../../db/applications/applications';
import type { FieldEdit, FieldVersions } from './field-store';

/** What one save writes for an application: its edits, the audit rows of its staff edits, who typed last. */
export interface DraftEdits {
  caseId: string;
  edits: FieldEdit[];
  audits: AuditEntry[];
  savedBy: string;
}

/**
 * Adds a staff edit's audit entry to a save's rows: one row per person, consent and field, however many keystrokes
 * it took, with the last version (`version`), the first (`firstVersion`) and how many edits (`edits`). A field
 * typed into letter by letter is one change of personal data on record, not a row per letter. The entry may itself
 * be such a row (a round whose audit rows could not be written is merged into the next): its counts are kept.
 */
export function addEditAudit(rows: Map<string, AuditEntry>, entry: AuditEntry): void {
  const d = entry.details ?? {};
  // Called for every staff keystroke: a plain key (only the pointer, last, comes from the client).
  const key = `${entry.actor.id}\u0000${entry.onBehalfOf ?? ''}\u0000${entry.resource}\u0000${entry.purpose}\u0000${String(d.grantId ?? '')}\u0000${String(d.pointer ?? '')}`;
  const first = typeof d.firstVersion === 'number' ? d.firstVersion : d.version;
  const edits = typeof d.edits === 'number' ? d.edits : 1;
  const row = rows.get(key);
  if (!row) {
    rows.set(key, { ...entry, details: { ...d, firstVersion: first, edits } });
    return;
  }
  const details = row.details as { version?: unknown; firstVersion?: unknown; edits: number };
  if (typeof d.version === 'number' && (typeof details.version !== 'number' || d.version > details.version)) details.version = d.version;
  if (typeof first === 'number' && (typeof details.firstVersion !== 'number' || first < details.firstVersion)) details.firstVersion = first;
  details.edits += edits;
}

/**
 * Saves the edits of several applications in two statements whatever their number (see the top of this file).
 * The merge reads each draft under the row lock of its own UPDATE, so an edit saved meanwhile by PUT /draft or
 * another node is merged into, never overwritten, and nothing is retried. Returns, per application, field versions
 * the saved draft now holds at least, or null when it is no longer a draft (its edits were not saved).
 */
export async function saveDrafts(pool: Pool, batch: DraftEdits[]): Promise<Map<string, Record<string, number> | null>> {
  await audit(
    pool,
    batch.flatMap((b) => b.audits),
  );
  for (const b of batch) b.audits = []; // on record: saving the edits again after a failure does not audit them twice
  const todo = batch.filter((b) => b.edits.length > 0);
  const result = new Map<string, Record<string, number> | null>();
  if (todo.length === 0) return result;
  // One JSON parameter: [{ c: case, s: saved by, e: [[pointer, value, version], ...] }, ...] (see audit()).
  const apps = todo.map((b) => ({ c: b.caseId, s: b.savedBy, e: b.edits.map((e) => [e.pointer, e.value ?? null, e.version]) }));
  const rows = await mergeDraftEdits(pool, apps);
  const draft = new Map(rows.map((r) => [r.case_id, r.draft === true]));
  for (const b of todo) {
    if (!draft.get(b.caseId)) {
      result.set(b.caseId, null); // submitted meanwhile (or gone): the draft is frozen
      continue;
    }
    const versions: Record<string, number> = {};
    for (const e of b.edits) versions[e.pointer] = Math.max(versions[e.pointer] ?? 0, e.version);
    result.set(b.caseId, versions);
  }
  return result;
}

/** The edits of one application saved at once (see saveDrafts). */
export async function flushEdits(pool: Pool, caseId: string, edits: FieldEdit[], savedBy: string): Promise<Record<string, number> | null> {
  return (await saveDrafts(pool, [{ caseId, edits, audits: [], savedBy }])).get(caseId) ?? null;
}

// A second: typing reaches the database once a second per node, however many sessions type, and a crash loses at
// most the last second (a submit flushes first). Rounds are what keystrokes can wait behind (PostgreSQL busy with a
// round takes one of the cores the relay runs on): with half-second rounds that rebuilt whole drafts here, half of
// the slowest 1 % of keystrokes in scripts/bench/assist.ts arrived during a round.
export const AUTOSAVE_ROUND_MS = 1000;
// Applications per statement: bounds one statement's size; a round of a few hundred sessions is one statement.
const AUTOSAVE_SLICE = 500;

/** One application's edits waiting for the next round: the newest edit of each field, and the audit rows. */
interface Queued {
  caseId: string;
  fields: Map<string, FieldEdit>;
  audits: Map<string, AuditEntry>;
  savedBy: string;
  failures: number;
}

/**
 * Autosave rounds: whatever was typed into any application since the last round is saved in one (saveDrafts),
 * rounds one after another and never overlapping; when the database is slow the rounds simply grow. An
 * application can be saved at once (before it is submitted).
 */
export function editFlusher(pool: Pool, store: FieldVersions, onError: (e: unknown) => void, intervalMs = AUTOSAVE_ROUND_MS) {
  const queues = new Map<string, Queued>();
  let chain: Promise<void> = Promise.resolve(); // rounds, one after another
  let timer: NodeJS.Timeout | null = null;
  let lastRound = 0;

  const queued = (caseId: string, savedBy: string): Queued => {
    let q = queues.get(caseId);
    if (!q) {
      q = { caseId, fields: new Map(), audits: new Map(), savedBy, failures: 0 };
      queues.set(caseId, q);
    }
    return q;
  };
  const keepNewest = (q: Queued, edit: FieldEdit) => {
    const held = q.fields.get(edit.pointer);
    if (!held || held.version < edit.version) q.fields.set(edit.pointer, edit);
  };
  const save = async (batch: Queued[]) => {
    const drafts = batch.map((q): DraftEdits => ({
      caseId: q.caseId,
      edits: [...q.fields.values()],
      audits: [...q.audits.values()],
      savedBy: q.savedBy,
    }));
    try {
      for (const [caseId, versions] of await saveDrafts(pool, drafts)) store.settled(caseId, versions);
    } catch (e) {
      // Tried again in the next round (twice at most), merged with anything typed since; audit rows already
      // written are not written again (saveDrafts emptied them).
      batch.forEach((q, i) => {
        if (q.failures >= 2) return;
        const again = queued(q.caseId, q.savedBy);
        again.failures = Math.max(again.failures, q.failures + 1);
        for (const edit of drafts[i].edits) keepNewest(again, edit);
        for (const row of drafts[i].audits) addEditAudit(again.audits, row);
      });
      onError(e);
    }
  };
  const take = (caseIds: string[]) =>
    caseIds.flatMap((id) => {
      const q = queues.get(id);
      queues.delete(id);
      return q ? [q] : [];
    });
  const round = (caseIds?: string[]) => {
    chain = chain.then(async () => {
      const batch = take(caseIds ?? [...queues.keys()].slice(0, 1000)); // the rest in the next round
      for (let i = 0; i < batch.length; i += AUTOSAVE_SLICE) await save(batch.slice(i, i + AUTOSAVE_SLICE));
    });
    return chain;
  };
  const schedule = () => {
    if (timer || queues.size === 0) return;
    timer = setTimeout(
      () => {
        timer = null;
        lastRound = Date.now();
        void round().then(schedule);
      },
      Math.max(0, lastRound + intervalMs - Date.now()),
    ); // a round at most every intervalMs; back to back when slower
  };
  return {
    /** Queues an edit for the next round; a staff member's comes with its audit entry. */
    add(caseId: string, edit: FieldEdit, savedBy: string, auditEntry?: AuditEntry) {
      const q = queued(caseId, savedBy);
      q.savedBy = savedBy;
      keepNewest(q, edit);
      if (auditEntry) addEditAudit(q.audits, auditEntry);
      schedule();
    },
    /** Saves what is queued for the application now, after any round already under way. */
    flush: (caseId: string) => round([caseId]),
    async flushAll() {
      await round([...queues.keys()]);
    },
  };
}

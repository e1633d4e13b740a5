// What the citizen is told about an application's way ahead: the steps still to come (from the definition the
// application is pinned to) and the date a decision is expected by: the officer task's due date once the task
// exists, before that the task step's due period counted from the submission (from today for a draft).
import { durationMs } from '../../forms/eservice-definition/expressions';
import type { EServiceDefinition, Step, TaskStep } from '../../forms/eservice-definition/dsl';
import { isTerminal, STATUS_NAMES } from '../../db/domain/case-status';
import type { ApplicationHistory, ApplicationRow } from '../../db/applications/reads';
import type { Application } from '../../forms/types/api';

type Progress = Application['progress'];
type Upcoming = Progress['upcoming'][number];

const DECIDED = new Set(['approve', 'reject']);
/** Statuses after which no decision is awaited any more. */
const PAST_DECISION = new Set(['answered', 'licence_issued']);

function firstTaskStep(steps: Step[]): TaskStep | null {
  for (const s of steps) if (s.kind === 'task') return s;
  return null;
}

function decided(row: ApplicationRow, history: ApplicationHistory): boolean {
  return (
    isTerminal(row.status) ||
    PAST_DECISION.has(row.status) ||
    history.documents.length > 0 ||
    history.tasks.some((t) => t.outcome !== null && DECIDED.has(t.outcome))
  );
}

/** The date a decision is expected by, or null (decided, ended, waiting for the citizen's answer, no officer task). */
export function expectedDecisionBy(row: ApplicationRow, def: EServiceDefinition, history: ApplicationHistory, now: Date): Date | null {
  if (decided(row, history) || row.status === 'info_requested') return null;
  const open = history.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
  if (open.length) return open[open.length - 1].due_at;
  const step = firstTaskStep(def.steps);
  if (!step) return null;
  return new Date((row.submitted_at ?? now).getTime() + durationMs(step.dueIn));
}

/** The milestones still ahead of the application, in the definition's order (none once it has ended). */
export function upcomingSteps(
  row: ApplicationRow,
  def: EServiceDefinition,
  history: ApplicationHistory,
  expectedBy: Date | null,
): Upcoming[] {
  if (isTerminal(row.status)) return [];
  const checked = !['draft', 'submitted'].includes(row.status) || history.tasks.length > 0;
  const issued = new Set(history.documents.map((d) => d.document_type));
  const isDecided = decided(row, history);
  const out: Upcoming[] = [];
  for (const s of def.steps) {
    if ((s.kind === 'registryCheck' || s.kind === 'callSystem') && !checked && !out.some((u) => u.kind === 'checks'))
      out.push({ kind: 'checks', title: null, expectedBy: null });
    else if (s.kind === 'task' && !isDecided && !out.some((u) => u.kind === 'decision'))
      out.push({ kind: 'decision', title: s.title, expectedBy: expectedBy?.toISOString() ?? null });
    else if (s.kind === 'issueDocument' && !issued.has(s.documentType))
      out.push({ kind: 'document', title: s.documentTitle, expectedBy: null });
    else if (s.kind === 'setStatus' && isTerminal(s.status) && s.status !== 'rejected')
      out.push({ kind: 'outcome', title: s.label ?? STATUS_NAMES[s.status], expectedBy: null });
  }
  return out;
}

export function progressOf(row: ApplicationRow, def: EServiceDefinition, history: ApplicationHistory, now = new Date()): Progress {
  const expected = expectedDecisionBy(row, def, history, now);
  return { expectedDecisionBy: expected?.toISOString() ?? null, upcoming: upcomingSteps(row, def, history, expected) };
}

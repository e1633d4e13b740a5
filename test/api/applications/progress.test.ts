// What the citizen is told about the way ahead (api/applications/progress.ts): the expected decision date (the
// officer task's due date once it exists, else the task step's due period from the submission or from today) and
// the steps still to come, from the residence declaration as shipped.
import { expect } from 'chai';
import { shippedDefinition } from '../../../scripts/seed/eservices';
import type { EServiceDefinition } from '../../../forms/eservice-definition/dsl';
import type { ApplicationHistory, ApplicationRow } from '../../../db/applications/reads';
import type { CaseStatus } from '../../../db/domain/case-status';
import { progressOf } from '../../../api/applications/progress';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-12-04T10:00:00Z');
const SUBMITTED = new Date('2026-12-03T09:00:00Z');
const def = shippedDefinition('residence-declaration') as unknown as EServiceDefinition;

const row = (status: CaseStatus, submitted: Date | null = SUBMITTED) => ({ status, submitted_at: submitted }) as ApplicationRow;
const history = (h: Partial<ApplicationHistory> = {}): ApplicationHistory => ({
  events: [],
  documents: [],
  infoAnswers: [],
  tasks: [],
  ...h,
});
const kinds = (p: ReturnType<typeof progressOf>) => p.upcoming.map((u) => u.kind);

describe('api/applications: progress (expected decision date, steps to come)', () => {
  it('a draft: every step ahead, the decision expected 5 days from today', () => {
    const p = progressOf(row('draft', null), def, history(), NOW);
    expect(p.expectedDecisionBy).to.equal(new Date(NOW.getTime() + 5 * DAY_MS).toISOString());
    expect(kinds(p)).to.deep.equal(['checks', 'decision', 'document', 'outcome']);
    expect(p.upcoming[2].title).to.deep.equal({
      lv: 'Lēmums par dzīvesvietas deklarēšanu',
      en: 'Decision on the declaration of residence',
    });
    expect(p.upcoming[3].title).to.deep.equal({ lv: 'Dzīvesvieta deklarēta', en: 'Residence declared' });
  });

  it('submitted, before the task exists: counted from the submission', () => {
    const p = progressOf(row('submitted'), def, history(), NOW);
    expect(p.expectedDecisionBy).to.equal(new Date(SUBMITTED.getTime() + 5 * DAY_MS).toISOString());
    expect(p.upcoming[1]).to.deep.include({ kind: 'decision', expectedBy: p.expectedDecisionBy });
  });

  it("once the officer's task exists: its due date, the checks done", () => {
    const due = new Date('2026-12-09T08:30:00Z');
    const p = progressOf(row('in_progress'), def, history({ tasks: [{ status: 'claimed', outcome: null, due_at: due }] }), NOW);
    expect(p.expectedDecisionBy).to.equal(due.toISOString());
    expect(kinds(p)).to.deep.equal(['decision', 'document', 'outcome']);
  });

  it('waiting for the citizen: no date until they answer', () => {
    const p = progressOf(
      row('info_requested'),
      def,
      history({ tasks: [{ status: 'completed', outcome: 'requestInfo', due_at: NOW }] }),
      NOW,
    );
    expect(p.expectedDecisionBy).to.equal(null);
    expect(kinds(p)).to.deep.equal(['decision', 'document', 'outcome']);
  });

  it('decided, the document issued, ended: nothing is expected any more', () => {
    const approved = history({ tasks: [{ status: 'completed', outcome: 'approve', due_at: NOW }] });
    const deciding = progressOf(row('in_progress'), def, approved, NOW);
    expect(deciding.expectedDecisionBy).to.equal(null);
    expect(kinds(deciding)).to.deep.equal(['document', 'outcome']);
    const issued = history({
      ...approved,
      documents: [{ id: 'd', document_type: 'residence-declaration-decision', title_lv: '', title_en: '', created_at: NOW }],
    });
    expect(kinds(progressOf(row('in_progress'), def, issued, NOW))).to.deep.equal(['outcome']);
    for (const ended of ['completed', 'rejected', 'withdrawn'] as const) {
      expect(progressOf(row(ended), def, approved, NOW)).to.deep.equal({ expectedDecisionBy: null, upcoming: [] });
    }
  });
});

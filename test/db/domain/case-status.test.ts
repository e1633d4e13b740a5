// The canonical status vocabulary and its transitions.
import { expect } from 'chai';
import {
  CASE_STATUSES,
  CHANNELS,
  INITIAL_STATUSES,
  TERMINAL_STATUSES,
  STATUS_NAMES,
  canTransition,
  firstInvalidStep,
  isTerminal,
  type CaseStatus,
} from '../../../db/domain/case-status';

describe('db/domain/case-status', () => {
  it('has the canonical vocabulary of DESIGN.md and the six channels', () => {
    expect([...CASE_STATUSES]).to.deep.equal([
      'draft',
      'submitted',
      'in_progress',
      'info_requested',
      'awaiting_payment',
      'answered',
      'licence_issued',
      'rejected',
      'completed',
      'withdrawn',
    ]);
    expect([...CHANNELS]).to.deep.equal(['eservice', 'in_person', 'phone', 'email', 'post', 'other']);
    for (const s of CASE_STATUSES) {
      expect(STATUS_NAMES[s].lv, s).to.be.a('string').and.not.empty;
      expect(STATUS_NAMES[s].en, s).to.be.a('string').and.not.empty;
    }
  });

  it('ends a case in rejected, completed or withdrawn', () => {
    expect([...TERMINAL_STATUSES].sort()).to.deep.equal(['completed', 'rejected', 'withdrawn']);
    for (const s of CASE_STATUSES) expect(isTerminal(s), s).to.equal(['rejected', 'completed', 'withdrawn'].includes(s));
  });

  it('lets nothing follow a terminal status', () => {
    for (const from of TERMINAL_STATUSES) {
      for (const to of CASE_STATUSES) expect(canTransition(from, to), `${from} → ${to}`).to.equal(false);
    }
  });

  it('lets every open status reach a terminal status', () => {
    for (const from of CASE_STATUSES) {
      if (isTerminal(from)) continue;
      // Breadth-first search over the allowed transitions.
      const seen = new Set<CaseStatus>([from]);
      const queue: CaseStatus[] = [from];
      while (queue.length > 0) {
        const s = queue.shift() as CaseStatus;
        for (const to of CASE_STATUSES)
          if (canTransition(s, to) && !seen.has(to)) {
            seen.add(to);
            queue.push(to);
          }
      }
      expect([...seen].some(isTerminal), from).to.equal(true);
    }
  });

  it('allows the usual paths of a case', () => {
    const allowed: Array<[CaseStatus, CaseStatus]> = [
      ['draft', 'submitted'],
      ['draft', 'withdrawn'],
      ['submitted', 'in_progress'],
      ['submitted', 'rejected'],
      ['in_progress', 'info_requested'],
      ['info_requested', 'submitted'],
      ['info_requested', 'in_progress'],
      ['in_progress', 'awaiting_payment'],
      ['awaiting_payment', 'licence_issued'],
      ['licence_issued', 'completed'],
      ['in_progress', 'answered'],
      ['answered', 'completed'],
      ['answered', 'in_progress'],
      ['in_progress', 'withdrawn'],
    ];
    for (const [from, to] of allowed) expect(canTransition(from, to), `${from} → ${to}`).to.equal(true);
  });

  it('refuses going back to draft, staying in the same status, and skipping submission from a draft', () => {
    for (const from of CASE_STATUSES) {
      expect(canTransition(from, 'draft'), `${from} → draft`).to.equal(false);
      expect(canTransition(from, from), `${from} → ${from}`).to.equal(false);
    }
    for (const to of ['in_progress', 'answered', 'completed', 'rejected', 'licence_issued'] as CaseStatus[]) {
      expect(canTransition('draft', to), `draft → ${to}`).to.equal(false);
    }
    expect(canTransition('answered', 'rejected')).to.equal(false);
    expect(canTransition('licence_issued', 'answered')).to.equal(false);
  });

  it('starts a case only in draft, submitted or in_progress', () => {
    expect([...INITIAL_STATUSES].sort()).to.deep.equal(['draft', 'in_progress', 'submitted']);
  });

  describe('firstInvalidStep', () => {
    it('is -1 for an allowed history', () => {
      expect(firstInvalidStep(['submitted'])).to.equal(-1);
      expect(
        firstInvalidStep([
          'draft',
          'submitted',
          'in_progress',
          'info_requested',
          'in_progress',
          'awaiting_payment',
          'licence_issued',
          'completed',
        ]),
      ).to.equal(-1);
      expect(firstInvalidStep(['in_progress', 'rejected'])).to.equal(-1);
    });

    it('points at the first step that is not allowed', () => {
      expect(firstInvalidStep([])).to.equal(0);
      expect(firstInvalidStep(['completed'])).to.equal(0);
      expect(firstInvalidStep(['answered', 'completed'])).to.equal(0);
      expect(firstInvalidStep(['submitted', 'completed', 'in_progress'])).to.equal(2);
      expect(firstInvalidStep(['submitted', 'in_progress', 'in_progress'])).to.equal(2);
      expect(firstInvalidStep(['draft', 'in_progress'])).to.equal(1);
      expect(firstInvalidStep(['submitted', 'withdrawn', 'submitted', 'withdrawn'])).to.equal(2);
    });
  });
});

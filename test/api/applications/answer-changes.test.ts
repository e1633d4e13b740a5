// What the citizen changed in her answers to requests for information, field by field (fast tier).
import { expect } from 'chai';
import { answerChanges } from '../../../api/applications/answer-changes';

describe('api/applications/answer-changes', () => {
  const submitted = {
    newAddress: { text: 'Nekurienes iela 1', code: '1' },
    residenceBasis: 'other',
    phone: '+371 20000000',
    additionalInformation: [{ residenceBasis: 'tenant', fileIds: [] }],
  };
  const at = (s: number) => new Date(Date.UTC(2026, 11, 4, 10, 0, s));

  it('lists each changed leaf with its previous and new value, answer after answer, and the data as it stands', () => {
    const { current, changes } = answerChanges(submitted, [
      { answer: { newAddress: { text: 'Dzirnavu iela 67' }, fileIds: ['f1'] }, recordedAt: at(1) },
      { answer: { residenceBasis: 'tenant', phone: '+371 20000000', fileIds: [] }, recordedAt: at(2) },
    ]);
    expect(changes).to.deep.equal([
      {
        answeredAt: at(1),
        fields: [
          { pointer: '/newAddress/text', previous: 'Nekurienes iela 1', value: 'Dzirnavu iela 67' },
          // The workflow merges an answer's fields at the top level: a group sent without a field clears it.
          { pointer: '/newAddress/code', previous: '1', value: null },
        ],
        fileIds: ['f1'],
      },
      { answeredAt: at(2), fields: [{ pointer: '/residenceBasis', previous: 'other', value: 'tenant' }], fileIds: [] },
    ]);
    expect(current).to.deep.equal({ newAddress: { text: 'Dzirnavu iela 67' }, residenceBasis: 'tenant', phone: '+371 20000000' });
  });

  it('has nothing to show before submission, and the data as submitted without answers', () => {
    expect(answerChanges(null, [])).to.deep.equal({ current: null, changes: [] });
    expect(answerChanges({ a: 1 }, [])).to.deep.equal({ current: { a: 1 }, changes: [] });
  });

  it('escapes field names in pointers and records a field sent for the first time', () => {
    const { changes } = answerChanges({}, [{ answer: { 'a/b': { 'c~d': 'x' } }, recordedAt: at(3) }]);
    expect(changes[0].fields).to.deep.equal([{ pointer: '/a~1b/c~0d', previous: null, value: 'x' }]);
  });
});

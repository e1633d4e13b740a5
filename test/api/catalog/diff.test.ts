// The version diff: JSON-pointer operations with both sides; keyed arrays compared by id (or channel type).
import { expect } from 'chai';
import { diffDocuments } from '../../../api/catalog/diff';

describe('api/catalog/diff', () => {
  it('finds nothing between equal documents', () => {
    expect(diffDocuments({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).to.deep.equal([]);
  });

  it('reports replaced, added and removed fields with both sides', () => {
    expect(diffDocuments({ title: { lv: 'A', en: 'A' }, old: 1 }, { title: { lv: 'Ā', en: 'A' }, added: true })).to.deep.equal([
      { op: 'replace', path: '/title/lv', from: 'A', to: 'Ā' },
      { op: 'remove', path: '/old', from: 1 },
      { op: 'add', path: '/added', to: true },
    ]);
  });

  it('compares items with ids by id, so an insertion is one change', () => {
    const before = {
      evidence: [
        { id: 'passport', name: 'P' },
        { id: 'photo', name: 'F' },
      ],
    };
    const after = {
      evidence: [
        { id: 'consent', name: 'C' },
        { id: 'passport', name: 'P' },
        { id: 'photo', name: 'Foto' },
      ],
    };
    expect(diffDocuments(before, after)).to.deep.equal([
      { op: 'replace', path: '/evidence/photo/name', from: 'F', to: 'Foto' },
      { op: 'add', path: '/evidence/consent', to: { id: 'consent', name: 'C' } },
    ]);
  });

  it('compares channels by type and plain arrays by position, escaping pointer characters', () => {
    expect(diffDocuments({ channels: [{ type: 'phone', steps: ['a'] }] }, { channels: [{ type: 'post', steps: ['a'] }] })).to.deep.equal([
      { op: 'remove', path: '/channels/phone', from: { type: 'phone', steps: ['a'] } },
      { op: 'add', path: '/channels/post', to: { type: 'post', steps: ['a'] } },
    ]);
    expect(diffDocuments({ k: ['x', 'y'] }, { k: ['x'] })).to.deep.equal([{ op: 'remove', path: '/k/1', from: 'y' }]);
    expect(diffDocuments({ 'a/b': 1 }, { 'a/b': 2 })).to.deep.equal([{ op: 'replace', path: '/a~1b', from: 1, to: 2 }]);
  });
});

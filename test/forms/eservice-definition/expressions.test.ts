// The interpreter's pure helpers against literal values from independent sources: JSONLogic's own documented
// examples (jsonlogic.com), the JSON Pointer examples of RFC 6901 section 5, and durations as the literal number
// of milliseconds, cross-checked with the parser Temporal itself uses for `sleep('5 days')`.
import { expect } from 'chai';
import { msToNumber } from '@temporalio/common/lib/time';
import definitionSchema from '../../../forms/eservice-definition/v1.schema.json';
import {
  durationMs,
  evaluate,
  evaluateArgs,
  getPath,
  getPointer,
  renderTemplate,
  renderText,
  setPointer,
} from '../../../forms/eservice-definition/expressions';

describe('forms/eservice-definition/expressions', () => {
  describe('evaluate (JSONLogic)', () => {
    it('gives the results jsonlogic.com documents for its examples', () => {
      expect(evaluate({ '==': [1, 1] }, {})).to.equal(true);
      expect(evaluate({ and: [{ '>': [3, 1] }, { '<': [1, 3] }] }, {})).to.equal(true);
      expect(evaluate({ var: ['a'] }, { a: 1, b: 2 })).to.equal(1);
      expect(evaluate({ var: 'champ.name' }, { champ: { name: 'Fezzig', height: 223 } })).to.equal('Fezzig');
      expect(evaluate({ var: 1 }, ['zero', 'one', 'two'])).to.equal('one');
      expect(evaluate({ var: ['z', 26] }, { a: 1 }), 'a default').to.equal(26);
      expect(evaluate({ and: [true, 'a', 3] }, {})).to.equal(3);
      expect(evaluate({ or: [false, 0, 'a'] }, {})).to.equal('a');
      expect(evaluate({ '!!': [[]] }, {}), 'an empty array is falsy').to.equal(false);
      expect(evaluate({ '!!': ['0'] }, {}), 'a non-empty string is truthy').to.equal(true);
      expect(
        evaluate({ if: [{ '<': [{ var: 'temp' }, 0] }, 'freezing', { '<': [{ var: 'temp' }, 100] }, 'liquid', 'gas'] }, { temp: 55 }),
      ).to.equal('liquid');
      expect(evaluate({ in: ['Spring', 'Springfield'] }, {})).to.equal(true);
      expect(evaluate({ cat: ['I love', ' pie'] }, {})).to.equal('I love pie');
      expect(evaluate({ '*': [{ var: 'form.copies' }, 7.5] }, { form: { copies: 2 } })).to.equal(15);
    });

    it('passes a literal through, and evaluateArgs evaluates every named input', () => {
      expect(evaluate('40003032949', {})).to.equal('40003032949');
      expect(evaluateArgs(undefined, {})).to.deep.equal({});
      expect(
        evaluateArgs(
          { personalCode: { var: 'recipient.id' }, fixed: 'x', missing: { var: 'form.none' } },
          { recipient: { id: '010190-10003' }, form: {} },
        ),
      ).to.deep.equal({ personalCode: '010190-10003', fixed: 'x', missing: null });
    });
  });

  describe('JSON Pointer (RFC 6901)', () => {
    // RFC 6901 section 5, the document and its pointers verbatim.
    const doc = { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'c%d': 2, 'e^f': 3, 'g|h': 4, 'i\\j': 5, 'k"l': 6, ' ': 7, 'm~n': 8 };
    const rfcExamples: Array<[string, unknown]> = [
      ['', doc],
      ['/foo', ['bar', 'baz']],
      ['/foo/0', 'bar'],
      ['/', 0],
      ['/a~1b', 1],
      ['/c%d', 2],
      ['/e^f', 3],
      ['/g|h', 4],
      ['/i\\j', 5],
      ['/k"l', 6],
      ['/ ', 7],
      ['/m~0n', 8],
    ];
    for (const [pointer, expected] of rfcExamples) {
      it(`getPointer("${pointer}") is the RFC's value`, () => {
        expect(getPointer(doc, pointer)).to.deep.equal(expected);
      });
    }

    it('decodes ~1 before ~0, so "~01" is the key "~1" (RFC 6901 section 4)', () => {
      expect(getPointer({ '~1': 'tilde-one', '/': 'slash' }, '/~01')).to.equal('tilde-one');
    });

    it('answers undefined for a path through a missing or scalar value', () => {
      expect(getPointer(doc, '/nothing/here')).to.equal(undefined);
      expect(getPointer(doc, '/foo/0/x')).to.equal(undefined);
      expect(getPointer({ a: null }, '/a/b')).to.equal(undefined);
    });

    it('setPointer returns a copy with the value set, creating objects on the way and leaving the input alone', () => {
      const draft = { applicant: { givenName: 'Anna' }, phone: '+371 20000000' };
      const next = setPointer(draft, '/applicant/familyName', 'Bērziņa');
      expect(next).to.deep.equal({ applicant: { givenName: 'Anna', familyName: 'Bērziņa' }, phone: '+371 20000000' });
      expect(draft).to.deep.equal({ applicant: { givenName: 'Anna' }, phone: '+371 20000000' });
      expect(setPointer({}, '/a/b/c', 1)).to.deep.equal({ a: { b: { c: 1 } } });
      expect(setPointer({ a: 'text' }, '/a/b', 1), 'a scalar in the way becomes an object').to.deep.equal({ a: { b: 1 } });
      expect(setPointer({}, '/a~1b/m~0n', 2), 'escaped keys').to.deep.equal({ 'a/b': { 'm~n': 2 } });
    });
  });

  describe('dot paths and templates', () => {
    const context = {
      recipient: { id: '010190-10003', name: 'Anna Bērziņa' },
      form: { count: 0, flag: false, none: null, address: { text: 'Brīvības iela 1' } },
      steps: { 'check-address': { result: { address: { code: '105360219' } } }, list: { items: ['a', 'b'] } },
    };

    it('getPath follows dots (hyphenated step ids and array indexes too)', () => {
      expect(getPath(context, 'steps.check-address.result.address.code')).to.equal('105360219');
      expect(getPath(context, 'steps.list.items.1')).to.equal('b');
      expect(getPath(context, 'form.address.text.length.x')).to.equal(undefined);
      expect(getPath(context, 'form.none.x')).to.equal(undefined);
      expect(getPath({ a: 1 }, '')).to.deep.equal({ a: 1 });
    });

    it('renderTemplate fills placeholders; missing and null render empty, zero and false as text, objects as JSON', () => {
      expect(renderTemplate('{{recipient.name}} ({{ recipient.id }})', context)).to.equal('Anna Bērziņa (010190-10003)');
      expect(renderTemplate('kods {{steps.check-address.result.address.code}}.', context)).to.equal('kods 105360219.');
      expect(renderTemplate('[{{form.missing}}][{{form.none}}][{{form.count}}][{{form.flag}}]', context)).to.equal('[][][0][false]');
      expect(renderTemplate('{{steps.list.items}} {{form.address}}', context)).to.equal('["a","b"] {"text":"Brīvības iela 1"}');
      expect(renderTemplate('{{not a path}} {single}', context), 'not placeholders').to.equal('{{not a path}} {single}');
    });

    it('renderText renders both languages', () => {
      expect(renderText({ lv: 'Sveiki, {{recipient.name}}', en: 'Hello, {{recipient.name}}' }, context)).to.deep.equal({
        lv: 'Sveiki, Anna Bērziņa',
        en: 'Hello, Anna Bērziņa',
      });
    });
  });

  describe('durationMs', () => {
    const durationPattern = new RegExp((definitionSchema as { $defs: { duration: { pattern: string } } }).$defs.duration.pattern);
    // Literal milliseconds; Temporal's own parser (what `sleep` and `condition` use for the same strings) agrees.
    const literals: Array<[string, number]> = [
      ['250ms', 250],
      ['10 s', 10_000],
      ['3 seconds', 3_000],
      ['1 second', 1_000],
      ['30m', 1_800_000],
      ['1 minute', 60_000],
      ['15 minutes', 900_000],
      ['2h', 7_200_000],
      ['1 hour', 3_600_000],
      ['2 hours', 7_200_000],
      ['1 d', 86_400_000],
      ['1 day', 86_400_000],
      ['5 days', 432_000_000],
      ['30 days', 2_592_000_000],
    ];
    for (const [text, ms] of literals) {
      it(`"${text}" is ${ms} ms, as Temporal reads it, and the DSL schema accepts it`, () => {
        expect(durationMs(text)).to.equal(ms);
        expect(msToNumber(text as never)).to.equal(ms);
        expect(durationPattern.test(text)).to.equal(true);
      });
    }

    it('refuses what the DSL schema refuses (ISO 8601 "P5D" included: the DSL\'s durations are "5 days")', () => {
      for (const text of ['P5D', 'PT30M', '5 weeks', '1.5 h', '-1 d', '', '5  days', 'days', '5 Days']) {
        expect(() => durationMs(text), text).to.throw(RangeError, 'not a duration');
        expect(durationPattern.test(text), text).to.equal(false);
      }
    });
  });
});

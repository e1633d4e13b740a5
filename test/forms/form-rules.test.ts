// The platform's form keywords (forms/form-rules.ts): date bounds relative to today in Latvia, real calendar days,
// and the address fields of a schema, the same in the API's ajv and the browser's.
import { expect } from 'chai';
import { addFormRuleKeywords, addressFields, isRealDay, resolveDayBound, todayInLatvia } from '../../forms/form-rules';
import { createValidator } from '../../forms/validator';

describe('form rules (x-earliest, x-latest, x-address)', () => {
  it('knows real calendar days', () => {
    expect(isRealDay('2026-12-01')).to.equal(true);
    expect(isRealDay('2024-02-29')).to.equal(true);
    expect(isRealDay('2026-02-29')).to.equal(false);
    expect(isRealDay('2026-13-01')).to.equal(false);
    expect(isRealDay('2026-12-1')).to.equal(false);
    expect(isRealDay('0000-01-01')).to.equal(false);
  });

  it('resolves bounds relative to today, the 31st of a shorter month becoming its last day', () => {
    const today = '2026-03-31';
    expect(resolveDayBound('today', today)).to.equal('2026-03-31');
    expect(resolveDayBound('today-P1M', today)).to.equal('2026-02-28');
    expect(resolveDayBound('today+P1Y', '2024-02-29')).to.equal('2025-02-28');
    expect(resolveDayBound('today-P18Y', today)).to.equal('2008-03-31');
    expect(resolveDayBound('today+P2W', today)).to.equal('2026-04-14');
    expect(resolveDayBound('today-P1Y2M3D', today)).to.equal('2025-01-28');
    expect(resolveDayBound('2026-01-01', today)).to.equal('2026-01-01');
    expect(resolveDayBound('yesterday', today)).to.equal(null);
  });

  it("takes today's date in Latvia, not in the server's time zone", () => {
    // 22:30 UTC on 31 December is already 1 January in Riga (UTC+2).
    expect(todayInLatvia(new Date('2026-12-31T22:30:00Z'))).to.equal('2027-01-01');
    expect(todayInLatvia(new Date('2026-07-01T20:59:00Z'))).to.equal('2026-07-01');
  });

  it('refuses a birth date in the future and a date outside the bounds, with the bound as a parameter', () => {
    const ajv = addFormRuleKeywords(createValidator({ strict: false, useDefaults: false, schemas: [] }));
    const validate = ajv.compile({
      type: 'object',
      properties: {
        born: { type: 'string', format: 'date', 'x-latest': 'today' },
        from: { type: 'string', format: 'date', 'x-earliest': '2026-01-01', 'x-latest': '2026-12-31' },
      },
    });
    const today = todayInLatvia();
    expect(validate({ born: today, from: '2026-06-01' })).to.equal(true);
    expect(validate({ born: '9999-01-01', from: '2025-12-31' })).to.equal(false);
    expect(validate.errors?.map((e) => [e.instancePath, e.keyword, (e.params as { limit: string }).limit])).to.deep.equal([
      ['/born', 'x-latest', today],
      ['/from', 'x-earliest', '2026-01-01'],
    ]);
    // A text that is not a date is the format's to refuse, once.
    expect(validate({ from: '31.02.2026' })).to.equal(false);
    expect(validate.errors?.map((e) => e.keyword)).to.deep.equal(['format']);
  });

  it('refuses a definition whose bound is neither a date nor relative to today', () => {
    const ajv = addFormRuleKeywords(createValidator({ strict: false, useDefaults: false, schemas: [] }));
    expect(() => ajv.compile({ type: 'string', format: 'date', 'x-latest': 'next week' })).to.throw();
    expect(() => ajv.compile({ type: 'object', 'x-address': 'somewhere' })).to.throw();
  });

  it('finds the address fields of a form at any depth', () => {
    const schema = {
      type: 'object',
      properties: {
        home: { type: 'object', 'x-address': 'residential', properties: { text: { type: 'string' } } },
        company: { type: 'object', properties: { seat: { type: 'object', 'x-address': true } } },
        name: { type: 'string' },
      },
    };
    expect(addressFields(schema)).to.deep.equal([
      { pointer: '/home', residential: true },
      { pointer: '/company/seat', residential: false },
    ]);
  });
});

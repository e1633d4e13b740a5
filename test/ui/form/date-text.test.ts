// Dates typed on e-service forms (ui/src/app/i18n/date-text.ts): day first whatever the browser's locale
// ("01 12 2026" is 1 December, never 12 January), stored as ISO, and what to fix when it is not a real date.
import { expect } from 'chai';
import { dateProblem, parseDateText, textOfValue, valueOfText } from '../../../ui/src/app/i18n/date-text';

describe('date text fields', () => {
  it('reads day, month and year in the Latvian order with any separator', () => {
    for (const typed of ['01.12.2026', '1.12.2026', '01 12 2026', '1/12/2026', '01-12-2026', '01122026', ' 1. 12. 2026. ', '2026-12-01'])
      expect(parseDateText(typed), typed).to.equal('2026-12-01');
  });

  it('refuses what is not a real date', () => {
    for (const typed of ['31.02.2026', '00.12.2026', '01.13.2026', '01.12.26', 'rīt', '12/31/2026'])
      expect(parseDateText(typed), typed).to.equal(null);
  });

  it('stores ISO for a real date, the text as typed otherwise, nothing when empty', () => {
    expect(valueOfText('01 12 2026')).to.equal('2026-12-01');
    expect(valueOfText('31.02.2026')).to.equal('31.02.2026');
    expect(valueOfText('   ')).to.equal(undefined);
  });

  it('shows a stored date day first, and a kept text as it was typed', () => {
    expect(textOfValue('2026-12-01')).to.equal('01.12.2026');
    expect(textOfValue('31.02.2026')).to.equal('31.02.2026');
    expect(textOfValue(undefined)).to.equal('');
  });

  it('says what is wrong with a kept text', () => {
    expect(dateProblem('2026-12-01')).to.equal(null);
    expect(dateProblem(undefined)).to.equal(null);
    expect(dateProblem('decembris')).to.equal('dateFormat');
    expect(dateProblem('1.12')).to.equal('dateFormat');
    expect(dateProblem('01.12.26')).to.equal('dateYear');
    expect(dateProblem('31.02.2026')).to.equal('dateNotReal');
    expect(dateProblem('12/31/2026')).to.equal('dateNotReal');
  });
});

// The UI's one date helper (ui/src/app/i18n/dates.ts): the page's language decides, never the browser's locale; a
// calendar day never shifts by a time zone; moments are shown in Latvian time.
import { expect } from 'chai';
import { formatDateTime, formatDay, formatTime } from '../../../ui/src/app/i18n/dates';

describe('UI dates', () => {
  it('writes a calendar day in the page language', () => {
    expect(formatDay('2026-12-01', 'lv')).to.equal('2026. gada 1. dec.');
    expect(formatDay('2026-12-01', 'en')).to.equal('1 Dec 2026');
    expect(formatDay(null, 'en')).to.equal('');
    expect(formatDay('not a date', 'en')).to.equal('not a date');
  });

  it('gives a moment its day and time in Latvia', () => {
    // 23:30 UTC on 31 December is 1 January, 01:30 in Riga.
    expect(formatDay('2026-12-31T23:30:00Z', 'en')).to.equal('1 Jan 2027');
    expect(formatTime('2026-12-31T23:30:00Z', 'lv')).to.equal('01:30');
    expect(formatDateTime('2026-06-15T08:05:00Z', 'en')).to.equal('15 Jun 2026, 11:05');
    expect(formatDateTime('2026-06-15T08:05:00Z', 'lv', false)).to.equal('2026. gada 15. jūn.');
    expect(formatDateTime('2026-06-15', 'en')).to.equal('15 Jun 2026');
  });
});

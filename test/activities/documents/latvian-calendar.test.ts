// Dates as Latvian administrative acts write them, the working days their time limits count, and the appeal terms
// computed from them (activities/documents/latvian-calendar.ts, administrative-act.ts).
import { expect } from 'chai';
import {
  addMonths,
  englishDate,
  isWorkingDay,
  latvianDate,
  nextWorkingDayFrom,
  publicHolidays,
  rigaDate,
  workingDaysAfter,
} from '../../../activities/documents/latvian-calendar';
import { appealTerms } from '../../../activities/documents/administrative-act';

const PMLP = { lv: 'Pilsonības un migrācijas lietu pārvalde', en: 'Office of Citizenship and Migration Affairs' };

describe('activities/documents/latvian-calendar', () => {
  it('writes dates as a Latvian document does, in the case the sentence needs, and as an English one', () => {
    expect(latvianDate('2026-12-04')).to.equal('2026. gada 4. decembris');
    expect(latvianDate('2027-01-04', 'dative')).to.equal('2027. gada 4. janvārim');
    expect(latvianDate('2026-03-02', 'locative')).to.equal('2026. gada 2. martā');
    expect(latvianDate('2026-07-15')).to.equal('2026. gada 15. jūlijs');
    expect(englishDate('2026-12-04')).to.equal('4 December 2026');
    expect(() => latvianDate('2026-02-30')).to.throw(RangeError, /not a calendar date/);
    expect(() => latvianDate('04.12.2026')).to.throw(RangeError);
  });

  it("dates by the day in Riga, not the server's UTC day", () => {
    expect(rigaDate(new Date('2026-12-04T22:30:00Z'))).to.equal('2026-12-05'); // 00:30 in Riga (UTC+2)
    expect(rigaDate(new Date('2026-07-01T21:30:00Z'))).to.equal('2026-07-02'); // 00:30 in summer (UTC+3)
    expect(rigaDate(new Date('2026-12-04T12:00:00Z'))).to.equal('2026-12-04');
  });

  it('knows the public holidays: Easter moves, 4 May and 18 November on a weekend give the Monday off', () => {
    const y2026 = publicHolidays(2026);
    for (const day of [
      '2026-01-01',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-04',
      '2026-06-23',
      '2026-06-24',
      '2026-11-18',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
    ])
      expect(y2026.has(day), day).to.equal(true);
    expect(publicHolidays(2025).has('2025-05-05'), '4 May 2025 was a Sunday').to.equal(true);
    expect(publicHolidays(2023).has('2023-11-20'), '18 November 2023 was a Saturday').to.equal(true);
    expect(publicHolidays(2025).has('2025-04-18'), 'Good Friday 2025').to.equal(true);
    expect(isWorkingDay('2026-12-04')).to.equal(true); // a Friday
    expect(isWorkingDay('2026-12-05')).to.equal(false); // a Saturday
    expect(isWorkingDay('2026-11-18')).to.equal(false);
  });

  it('counts working days after a date and a month on from one', () => {
    expect(workingDaysAfter('2026-12-04', 2)).to.equal('2026-12-08'); // Friday → Tuesday
    expect(workingDaysAfter('2026-12-22', 2)).to.equal('2026-12-28'); // over Christmas and a weekend
    expect(nextWorkingDayFrom('2027-01-02')).to.equal('2027-01-04');
    expect(nextWorkingDayFrom('2026-12-08')).to.equal('2026-12-08');
    expect(addMonths('2026-12-08', 1)).to.equal('2027-01-08');
    expect(addMonths('2027-01-31', 1)).to.equal('2027-02-28'); // no 31 February: the month's last day
    expect(addMonths('2028-01-31', 1)).to.equal('2028-02-29');
  });
});

describe('activities/documents/administrative-act: appeal terms', () => {
  it('takes effect on the second working day after it is sent; the month to challenge it ends on a working day', () => {
    expect(appealTerms('2026-12-04', PMLP, 'agencyHead')).to.include({ takesEffectOn: '2026-12-08', appealBy: '2027-01-08' });
    // Effective Wednesday 16 December; 16 January 2027 is a Saturday: the limit ends on Monday the 18th.
    expect(appealTerms('2026-12-14', PMLP, 'agencyHead')).to.include({ takesEffectOn: '2026-12-16', appealBy: '2027-01-18' });
    // Issued before Christmas: effective on Monday 28 December, a month from then is Thursday 28 January.
    expect(appealTerms('2026-12-22', PMLP, 'court')).to.include({ takesEffectOn: '2026-12-28', appealBy: '2027-01-28' });
  });

  it('names whom to turn to, and both dates, in each language', () => {
    const head = appealTerms('2026-12-04', PMLP, 'agencyHead');
    expect(head.heading).to.deep.equal({ lv: 'Apstrīdēšanas kārtība', en: 'How to contest' });
    expect(head.text.lv).to.include('iestādes vadītājam (Pilsonības un migrācijas lietu pārvalde)');
    expect(head.text.lv).to.include('2026. gada 8. decembrī').and.include('līdz 2027. gada 8. janvārim');
    expect(head.text.en).to.include('head of the agency (Office of Citizenship and Migration Affairs)');
    expect(head.text.en).to.include('8 December 2026').and.include('by 8 January 2027');
    const court = appealTerms('2026-12-04', PMLP, 'court');
    expect(court.heading.en).to.equal('How to appeal');
    expect(court.text.lv).to.include('Administratīvajā rajona tiesā').and.not.include('vadītājam');
    expect(court.text.en).to.include('Administrative District Court');
  });
});

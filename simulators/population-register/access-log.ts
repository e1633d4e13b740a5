// Reads of the population register by other institutions, seeded for the demo personas: the State Police (one read
// for a criminal investigation under embargo, one for a traffic offence), the State Revenue Service, and a sworn
// notary whose inheritance query about Anna read her relative Jānis's data (shown to Anna only). Times are relative
// to the start; record ids are fixed, so the platform stores each once across restarts.
import { AccessLog, isoAt, isoDate, type AccessLogRecord } from '../access-log/log';
import { ANNA_CODE, JANIS_CODE } from './data';

const POLICE = { code: '90000099200', name: { lv: 'Valsts policija', en: 'State Police' } };
const SRS = { code: '90000069281', name: { lv: 'Valsts ieņēmumu dienests', en: 'State Revenue Service' } };
const NOTARY = { code: '90000014484', name: { lv: 'Zvērināta notāra birojs', en: "Sworn notary's office" } };

function seed(): AccessLogRecord[] {
  return [
    {
      recordId: 'pmlp-seed-police-1',
      at: isoAt(-12, 9),
      subject: ANNA_CODE,
      agency: POLICE,
      role: { lv: 'Izmeklētājs', en: 'Investigator' },
      data: { lv: 'Personas dati un deklarētā dzīvesvieta', en: 'Personal data and declared place of residence' },
      purpose: { code: 'criminal-investigation', lv: 'Kriminālprocess', en: 'Criminal investigation' },
      legalBasis: 'Kriminālprocesa likums, 190. pants',
      embargoUntil: isoDate(180),
    },
    {
      recordId: 'pmlp-seed-police-2',
      at: isoAt(-9, 14),
      subject: ANNA_CODE,
      agency: POLICE,
      role: { lv: 'Ceļu policijas inspektors', en: 'Traffic police officer' },
      data: { lv: 'Personas dati', en: 'Personal data' },
      purpose: { code: 'administrative-offence', lv: 'Administratīvā pārkāpuma lieta', en: 'Administrative offence case' },
      legalBasis: 'Administratīvās atbildības likums, 156. pants',
      caseReference: 'AP-2026-018274',
    },
    {
      recordId: 'pmlp-seed-srs-1',
      at: isoAt(-5, 10),
      subject: ANNA_CODE,
      agency: SRS,
      role: { lv: 'Nodokļu inspektors', en: 'Tax inspector' },
      data: { lv: 'Deklarētā dzīvesvieta', en: 'Declared place of residence' },
      purpose: { code: 'tax-administration', lv: 'Nodokļu administrēšana', en: 'Tax administration' },
      legalBasis: 'Likums "Par nodokļiem un nodevām", 15. pants',
      caseReference: 'VID-2026-114532',
    },
    {
      recordId: 'pmlp-seed-notary-1',
      at: isoAt(-3, 11),
      subject: JANIS_CODE,
      concerns: ANNA_CODE,
      agency: NOTARY,
      role: { lv: 'Zvērināts notārs', en: 'Sworn notary' },
      data: { lv: 'Radinieka personas dati (mantojuma lietā)', en: "A relative's personal data (in an inheritance case)" },
      purpose: { code: 'inheritance-case', lv: 'Mantojuma lieta', en: 'Inheritance case' },
      legalBasis: 'Notariāta likums, 107. pants',
      caseReference: 'ML-2026-0412',
    },
    {
      recordId: 'pmlp-seed-srs-2',
      at: isoAt(-2, 8),
      subject: JANIS_CODE,
      agency: SRS,
      role: { lv: 'Nodokļu inspektors', en: 'Tax inspector' },
      data: { lv: 'Personas dati', en: 'Personal data' },
      purpose: { code: 'tax-administration', lv: 'Nodokļu administrēšana', en: 'Tax administration' },
      legalBasis: 'Likums "Par nodokļiem un nodevām", 15. pants',
    },
  ];
}

export const populationRegisterAccessLog = () => new AccessLog('population-register', seed());

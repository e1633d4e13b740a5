// Reads of the enterprise register by other institutions, seeded for the demo personas: the State Revenue Service
// checking Anna's positions in companies, and the Insolvency Control Service Jānis's.
import { AccessLog, isoAt, type AccessLogRecord } from '../access-log/log';
import { ANNA_CODE, JANIS_CODE } from '../population-register/data';

const SRS = { code: '90000069281', name: { lv: 'Valsts ieņēmumu dienests', en: 'State Revenue Service' } };
const INSOLVENCY = { code: '90001545302', name: { lv: 'Maksātnespējas kontroles dienests', en: 'Insolvency Control Service' } };

function seed(): AccessLogRecord[] {
  return [
    {
      recordId: 'ur-seed-srs-1',
      at: isoAt(-7, 13),
      subject: ANNA_CODE,
      agency: SRS,
      role: { lv: 'Nodokļu auditors', en: 'Tax auditor' },
      data: { lv: 'Amati uzņēmumos (valdes loceklis)', en: 'Positions in companies (board member)' },
      purpose: { code: 'tax-audit', lv: 'Nodokļu audits', en: 'Tax audit' },
      legalBasis: 'Likums "Par nodokļiem un nodevām", 15. pants',
      caseReference: 'VID-AUD-2026-3310',
    },
    {
      recordId: 'ur-seed-insolvency-1',
      at: isoAt(-4, 15),
      subject: JANIS_CODE,
      agency: INSOLVENCY,
      role: { lv: 'Maksātnespējas procesa uzraugs', en: 'Insolvency supervisor' },
      data: { lv: 'Amati uzņēmumos', en: 'Positions in companies' },
      purpose: { code: 'insolvency-supervision', lv: 'Maksātnespējas procesa uzraudzība', en: 'Supervision of an insolvency' },
      legalBasis: 'Maksātnespējas likums, 174. pants',
    },
  ];
}

export const enterpriseRegisterAccessLog = () => new AccessLog('enterprise-register', seed());

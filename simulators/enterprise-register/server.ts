// Enterprise register simulator (UR-like): companies with their officers (board members, owners).
//   GET /legal-entities/:regcode                  → WireCompany | 404
//   GET /legal-entities?officer=<personal code>   → { items: WireCompany[] }
//   GET /legal-entities?member=<personal code>    → { items: WireCompany[] } (the SIAs the person holds a share of)
import { createSimulatorApp, listen, personalCodeParam, type RunningSimulator } from '../app';
import { errorBody } from '../faults';
import { mountAccessLogRoutes, withAccessLogPush, type RegisterSimulatorOptions } from '../access-log/register';
import { enterpriseRegisterAccessLog } from './access-log';
import { companiesOfMember, companiesOfOfficer, companyByRegcode } from './data';

export async function startEnterpriseRegisterSimulator(opts: RegisterSimulatorOptions = {}): Promise<RunningSimulator> {
  const app = createSimulatorApp('enterprise-register', opts);

  app.get('/legal-entities', (req, res) => {
    if (typeof req.query.member === 'string') {
      const memberCode = personalCodeParam(req.query.member);
      if (!memberCode) res.status(400).json(errorBody('invalid_member', 'Give the member\'s 11-digit personal code in "member".'));
      else res.json({ items: companiesOfMember(memberCode) });
      return;
    }
    const code = typeof req.query.officer === 'string' ? personalCodeParam(req.query.officer) : null;
    if (!code) {
      res.status(400).json(errorBody('invalid_officer', 'Give the officer\'s 11-digit personal code in "officer".'));
      return;
    }
    res.json({ items: companiesOfOfficer(code) });
  });

  app.get('/legal-entities/:regcode', (req, res) => {
    const company = companyByRegcode(req.params.regcode);
    if (!company) res.status(404).json(errorBody('legal_entity_not_found', `No legal entity with number ${req.params.regcode}.`));
    else res.json(company);
  });

  const log = enterpriseRegisterAccessLog();
  mountAccessLogRoutes(app, log);
  return withAccessLogPush(await listen(app, opts), log, opts);
}

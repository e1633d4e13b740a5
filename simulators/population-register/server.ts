// Population register simulator (PMLP-like): persons and their declared place of residence.
//   GET /persons/:personalCode            → person with residence | 404 person_not_found
//   GET /persons/:personalCode/residence  → residence | 404 person_not_found / no_declared_address
//   GET /eidas-identities/:identifier      → {eidas_identifier, person_code} | 404 person_not_found (the identifier
//                                            URL-encoded, "DE%2FLV%2F…": an EU citizen the register links to a code)
// A residence carries the address text and municipality (ATVK) code from the address register, as PMLP does.
import { createSimulatorApp, listen, personalCodeParam, type RunningSimulator } from '../app';
import { errorBody } from '../faults';
import { mountAccessLogRoutes, withAccessLogPush, type RegisterSimulatorOptions } from '../access-log/register';
import { populationRegisterAccessLog } from './access-log';
import { addressByCode } from '../address-register/data';
import { personByCode, personByEidasIdentifier, type WirePerson } from './data';

function residenceOf(person: WirePerson) {
  if (!person.residence) return null;
  const address = addressByCode(person.residence.aris_code);
  if (!address) throw new Error(`seed data: unknown address ${person.residence.aris_code}`);
  return { aris_code: address.adr_cd, address: address.std, atvk: address.atvk, declared_from: person.residence.declared_from };
}

export async function startPopulationRegisterSimulator(opts: RegisterSimulatorOptions = {}): Promise<RunningSimulator> {
  const app = createSimulatorApp('population-register', opts);

  app.param('personalCode', (req, res, next, raw: string) => {
    const code = personalCodeParam(raw);
    if (!code) {
      res.status(400).json(errorBody('invalid_personal_code', 'A personal code has 11 digits (DDMMYY-NNNNN).'));
      return;
    }
    const person = personByCode(code);
    if (!person) {
      res.status(404).json(errorBody('person_not_found', 'The register has no person with this personal code.'));
      return;
    }
    res.locals.person = person;
    next();
  });

  app.get('/persons/:personalCode', (_req, res) => {
    const person = res.locals.person as WirePerson;
    res.json({ ...person, residence: residenceOf(person) });
  });

  app.get('/persons/:personalCode/residence', (_req, res) => {
    const residence = residenceOf(res.locals.person as WirePerson);
    if (!residence) res.status(404).json(errorBody('no_declared_address', 'The person has no declared place of residence.'));
    else res.json(residence);
  });

  app.get('/eidas-identities/:identifier', (req, res) => {
    const person = personByEidasIdentifier(req.params.identifier);
    if (!person) res.status(404).json(errorBody('person_not_found', 'The register links no person to this eIDAS identifier.'));
    else res.json({ eidas_identifier: req.params.identifier, person_code: person.person_code });
  });

  const log = populationRegisterAccessLog();
  mountAccessLogRoutes(app, log);
  return withAccessLogPush(await listen(app, opts), log, opts);
}

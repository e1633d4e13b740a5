// Population register simulator (PMLP-like): persons and their declared place of residence.
//   GET /persons/:personalCode            → person with residence | 404 person_not_found
//   GET /persons/:personalCode/residence  → residence | 404 person_not_found / no_declared_address
//   GET /eidas-identities/:identifier      → {eidas_identifier, person_code} | 404 person_not_found (the identifier
//                                            URL-encoded, "DE%2FLV%2F…": an EU citizen the register links to a code)
//   POST /persons/:personalCode/residence-declarations (header Idempotency-Key) → 201 the recorded declaration, the
//        person's declared residence from then on; the same key again → 200 the first one, duplicate: true, nothing
//        recorded twice; an address that is not a dwelling → 422 address_not_residential
//   GET  /persons/:personalCode/residence-declarations → { items } (what tests count recorded declarations with)
// A residence carries the address text and municipality (ATVK) code from the address register, as PMLP does.
// Declarations are kept per simulator process, over the seeded persons (which stay as seeded).
import crypto from 'node:crypto';
import { createSimulatorApp, listen, personalCodeParam, type RunningSimulator } from '../app';
import { errorBody } from '../faults';
import { mountAccessLogRoutes, withAccessLogPush, type RegisterSimulatorOptions } from '../access-log/register';
import { populationRegisterAccessLog } from './access-log';
import { addressByCode } from '../address-register/data';
import { personByCode, personByEidasIdentifier, type WirePerson } from './data';
import { declarationProblems, type WireDeclaration } from './declarations';

type Residence = WirePerson['residence'];

function residenceOf(residence: Residence) {
  if (!residence) return null;
  const address = addressByCode(residence.aris_code);
  if (!address) throw new Error(`seed data: unknown address ${residence.aris_code}`);
  return { aris_code: address.adr_cd, address: address.std, atvk: address.atvk, declared_from: residence.declared_from };
}

export async function startPopulationRegisterSimulator(opts: RegisterSimulatorOptions = {}): Promise<RunningSimulator> {
  const app = createSimulatorApp('population-register', opts);
  const declarations: WireDeclaration[] = [];
  const byKey = new Map<string, WireDeclaration>();
  /** The person's declared residence: the latest declaration recorded here, else the seeded one. */
  const currentResidence = (person: WirePerson): Residence => {
    const latest = declarations.filter((d) => d.person_code === person.person_code).at(-1);
    return latest ? { aris_code: latest.aris_code, declared_from: latest.declared_from } : person.residence;
  };
  const wirePerson = (person: WirePerson) => ({ ...person, residence: residenceOf(currentResidence(person)) });

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
    res.json(wirePerson(res.locals.person as WirePerson));
  });

  app.get('/persons/:personalCode/residence', (_req, res) => {
    const residence = residenceOf(currentResidence(res.locals.person as WirePerson));
    if (!residence) res.status(404).json(errorBody('no_declared_address', 'The person has no declared place of residence.'));
    else res.json(residence);
  });

  app.post('/persons/:personalCode/residence-declarations', (req, res) => {
    const person = res.locals.person as WirePerson;
    const key = req.get('Idempotency-Key');
    if (!key) {
      res.status(400).json(errorBody('missing_idempotency_key', 'Send an Idempotency-Key header so a retry is not recorded twice.'));
      return;
    }
    const earlier = byKey.get(key);
    if (earlier) {
      res.status(200).json({ ...earlier, residence: residenceOf(earlier), duplicate: true });
      return;
    }
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const problems = declarationProblems(body);
    if (problems.length) {
      const details = problems.map((message) => ({ code: 'invalid', message }));
      res.status(400).json(errorBody('invalid_declaration', 'The declaration is not valid.', details));
      return;
    }
    const address = addressByCode(body.aris_code as string);
    if (!address) {
      res.status(422).json(errorBody('address_not_found', `The address register has no address ${String(body.aris_code)}.`));
      return;
    }
    if (address.purpose !== 'dwelling') {
      res.status(422).json(errorBody('address_not_residential', `Residence cannot be declared at ${address.std} (${address.purpose}).`));
      return;
    }
    const declaration: WireDeclaration = {
      declaration_id: crypto.randomUUID(),
      idempotency_key: key,
      person_code: person.person_code,
      aris_code: address.adr_cd,
      declared_from: body.declared_from as string,
      basis: body.basis as WireDeclaration['basis'],
      document: (body.document as WireDeclaration['document'] | undefined) ?? null,
      case_id: (body.case_id as string | undefined) ?? null,
      recorded_at: new Date().toISOString(),
    };
    declarations.push(declaration);
    byKey.set(key, declaration);
    res.status(201).json({ ...declaration, residence: residenceOf(declaration), duplicate: false });
  });

  app.get('/persons/:personalCode/residence-declarations', (_req, res) => {
    const person = res.locals.person as WirePerson;
    res.json({ items: declarations.filter((d) => d.person_code === person.person_code) });
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

// Road-traffic register simulator (CSDD-like): the vehicles a person owns or holds.
//   GET /persons/:personalCode/vehicles → { items: WireVehicle[] } | 400 invalid_personal_code
// A person the register knows of (the population register's persons) without vehicles gets an empty list; one it has
// never heard of gets 404 person_not_found, as the real register answers.
import { createSimulatorApp, listen, personalCodeParam, type RunningSimulator, type SimulatorOptions } from '../app';
import { errorBody } from '../faults';
import { personByCode } from '../population-register/data';
import { vehiclesOf } from './data';

export async function startRoadTrafficRegisterSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const app = createSimulatorApp('road-traffic-register', opts);

  app.get('/persons/:personalCode/vehicles', (req, res) => {
    const code = personalCodeParam(req.params.personalCode);
    if (!code) {
      res.status(400).json(errorBody('invalid_personal_code', 'A personal code has 11 digits (DDMMYY-NNNNN).'));
      return;
    }
    const vehicles = vehiclesOf(code);
    if (!vehicles && !personByCode(code)) {
      res.status(404).json(errorBody('person_not_found', 'The register has no person with this personal code.'));
      return;
    }
    res.json({ items: vehicles ?? [] });
  });

  return listen(app, opts);
}

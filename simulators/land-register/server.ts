// Land-register simulator (State Unified Computerised Land Register with the VZD cadastre): the properties a person
// owns, with the share of ownership, the area and the land-book folio.
//   GET /owners/:personalCode/properties → { items: WireProperty[] } | 400 invalid_personal_code
// An owner of nothing gets an empty list (the land register is kept by property, not by person).
import { createSimulatorApp, listen, personalCodeParam, type RunningSimulator, type SimulatorOptions } from '../app';
import { errorBody } from '../faults';
import { propertiesOf } from './data';

export async function startLandRegisterSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const app = createSimulatorApp('land-register', opts);

  app.get('/owners/:personalCode/properties', (req, res) => {
    const code = personalCodeParam(req.params.personalCode);
    if (!code) {
      res.status(400).json(errorBody('invalid_personal_code', 'A personal code has 11 digits (DDMMYY-NNNNN).'));
      return;
    }
    res.json({ items: propertiesOf(code) });
  });

  return listen(app, opts);
}

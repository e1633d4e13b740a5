// Address register simulator (VZD ARIS-like): full-text search and lookup by address code.
//   GET /addresses?q=<text>&limit=<n>  → { items: WireAddress[] }   (case- and diacritics-insensitive)
//   GET /addresses/:code               → WireAddress | 404
import { createSimulatorApp, foldText, listen, type RunningSimulator, type SimulatorOptions } from '../app';
import { errorBody } from '../faults';
import { addressByCode, addresses, type WireAddress } from './data';

const MAX_LIMIT = 50;

/** Folded text with "100 - 12" written as "100-12" and quotes dropped, so typed variants still match. */
function searchable(text: string): string {
  return foldText(text)
    .replace(/["'„“”]/g, '')
    .replace(/\s*-\s*/g, '-');
}

const index = addresses.map((address) => ({ address, text: searchable(address.std) }));

export function searchAddresses(query: string, limit: number): WireAddress[] {
  const tokens = searchable(query)
    .split(/[\s,]+/)
    .filter(Boolean);
  if (!tokens.length) return [];
  return index
    .filter((entry) => tokens.every((token) => entry.text.includes(token)))
    .slice(0, limit)
    .map((entry) => entry.address);
}

export async function startAddressRegisterSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const app = createSimulatorApp('address-register', opts);

  app.get('/addresses', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    const limit = req.query.limit === undefined ? 10 : Number(req.query.limit);
    if (!q.trim()) {
      res.status(400).json(errorBody('missing_query', 'Give the address text to search for in "q".'));
      return;
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      res.status(400).json(errorBody('invalid_limit', `"limit" must be an integer from 1 to ${MAX_LIMIT}.`));
      return;
    }
    res.json({ items: searchAddresses(q, limit) });
  });

  app.get('/addresses/:code', (req, res) => {
    const address = addressByCode(req.params.code);
    if (!address) res.status(404).json(errorBody('address_not_found', `No address with code ${req.params.code}.`));
    else res.json(address);
  });

  return listen(app, opts);
}

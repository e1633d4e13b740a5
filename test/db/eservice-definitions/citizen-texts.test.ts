// Publication checks (db/eservice-definitions/definitions.ts): a text a citizen reads (a register check's failure, a
// notification) never names a form field by its internal name; the platform's date bounds must be well formed.
import { expect } from 'chai';
import { checkDefinition } from '../../../db/eservice-definitions/definitions';
import residence from '../../../forms/eservices/residence-declaration/definition.json';
import statement from '../../../forms/eservices/declared-address-statement/definition.json';

describe('e-service definitions: texts for citizens', () => {
  it('the platform definitions pass', () => {
    expect(checkDefinition(residence)).to.deep.equal([]);
    expect(checkDefinition(statement)).to.deep.equal([]);
  });

  it('refuses a failure message that names a field by its internal name, in either language', () => {
    const bad = structuredClone(residence) as { steps: Array<Record<string, unknown>> };
    bad.steps[0].failMessage = { lv: 'Pārbaudiet lauku newAddress.', en: 'Check the address.' };
    expect(checkDefinition(bad)).to.deep.equal([
      {
        path: '/steps/0/failMessage/lv',
        code: 'internal_field_name',
        message: 'names the form field "newAddress" by its internal name: say what the person should do instead',
      },
    ]);
  });

  it('allows placeholders of values and plain words that happen to be field names', () => {
    const ok = structuredClone(residence) as { steps: Array<Record<string, unknown>> };
    ok.steps[0].failMessage = {
      lv: 'Adrese {{form.newAddress.text}} nav atrasta.',
      en: 'The address {{form.newAddress.text}} was not found; check your phone and email.',
    };
    expect(checkDefinition(ok)).to.deep.equal([]);
  });

  it('refuses a date bound that is neither a date nor relative to today', () => {
    const bad = structuredClone(residence) as { form: { schema: { properties: Record<string, Record<string, unknown>> } } };
    bad.form.schema.properties.declarationDate['x-latest'] = 'next month';
    expect(checkDefinition(bad).map((p) => p.code)).to.deep.equal(['form_schema_invalid']);
  });
});

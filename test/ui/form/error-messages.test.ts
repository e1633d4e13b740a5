// What e-service form errors say (ui/src/applications/form/messages.ts, errors.ts): how to fix the problem, in Latvian
// and English, never a field's internal name; the definition's own wording first; the summary in the form's order.
import { expect } from 'chai';
import i18next, { type TFunction } from 'i18next';
import type { RJSFSchema, RJSFValidationError, UiSchema } from '@rjsf/utils';
import { lv } from '../../../ui/src/app/i18n/lv';
import { en } from '../../../ui/src/app/i18n/en';
import { clientSummary, serverErrors, translateErrors } from '../../../ui/src/applications/form/errors';
import { fieldOrder, inFormOrder } from '../../../ui/src/applications/form/messages';
import { localizeSchema, localizeUiSchema } from '../../../ui/src/applications/form/localize';
import definition from '../../../forms/eservices/residence-declaration/definition.json';

async function translator(lang: 'lv' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: lang, resources: { lv: { translation: lv }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i18n.t;
}

async function form(lang: 'lv' | 'en') {
  const t = await translator(lang);
  const schema = localizeSchema(definition.form.schema as RJSFSchema, lang);
  const uiSchema = localizeUiSchema(schema, definition.form.uiSchema as UiSchema, t, lang);
  return { t, schema, uiSchema };
}

const error = (property: string, name: string, params: Record<string, unknown> = {}): RJSFValidationError => ({
  property,
  name,
  params,
  message: `ajv says ${name}`,
  stack: '',
  schemaPath: '',
});

describe('e-service form error messages', () => {
  it('say how to fix each problem, in both languages, in the order of the form', async () => {
    for (const lang of ['lv', 'en'] as const) {
      const { t, schema, uiSchema } = await form(lang);
      const data = { declarationDate: '31.02.2026', phone: '12', newAddress: { text: 'Brīvības' } };
      const ctx = { schema, uiSchema, data, t };
      // ajv's order: required first, then the fields' own checks; the form shows the address before the date.
      const translated = translateErrors(() => ctx)([
        error('.confirm', 'required'),
        error('.residenceBasis', 'required'),
        error('.phone', 'pattern', { pattern: '^\\+?[0-9 ]{8,15}$' }),
        error('.declarationDate', 'format', { format: 'date' }),
        error('.newAddress.code', 'pattern'),
      ]);
      const summary = clientSummary(translated, ctx);
      expect(summary.map((s) => s.fieldId)).to.deep.equal([
        'root_newAddress',
        'root_residenceBasis',
        'root_declarationDate',
        'root_phone',
        'root_confirm',
      ]);
      const messages = summary.map((s) => s.message);
      if (lang === 'en') {
        expect(messages).to.deep.equal([
          'Enter the value in the right format.',
          'Choose one of the options.',
          'There is no such date. Enter a real date, for example 01.12.2026.',
          'Enter a phone number, for example +371 20000000',
          'Tick the box to confirm.',
        ]);
        expect(summary.map((s) => s.label)).to.deep.equal([
          'New place of residence',
          'Legal basis to live at the address',
          'From date',
          'Phone',
          'I confirm the data are true',
        ]);
      } else {
        expect(messages[2]).to.equal('Šāda datuma nav. Ievadiet īstu datumu, piemēram, 01.12.2026.');
        expect(messages[3]).to.equal('Ievadiet tālruņa numuru, piemēram, +371 20000000');
        expect(summary[0].label).to.equal('Jaunā dzīvesvieta');
      }
      for (const m of messages) expect(m).to.not.match(/newAddress|declarationDate|residenceBasis|ajv says/);
    }
  });

  it('word date bounds with the day as it is typed, and today as "not in the future"', async () => {
    const { t, schema, uiSchema } = await form('en');
    const ctx = { schema, uiSchema, data: {}, t };
    const [future, early] = translateErrors(() => ctx)([
      error('.applicant.dateOfBirth', 'x-latest', { limit: '2026-12-04', relative: 'today' }),
      error('.declarationDate', 'x-earliest', { limit: '2025-12-04', relative: 'today-P1Y' }),
    ]);
    expect(future.message).to.equal('The date cannot be in the future. Enter today or an earlier date.');
    expect(early.message).to.equal('Enter a date on or after 04.12.2025.');
  });

  it("turn the API's refusals into field errors by code, an address refusal on the address field", async () => {
    const { t, schema, uiSchema } = await form('lv');
    const { extraErrors, summary } = serverErrors(
      [
        { path: '/phone', code: 'pattern', message: 'must match pattern "^\\+?[0-9 ]{8,15}$"' },
        { path: '/newAddress', code: 'address_not_residential', message: 'residence cannot be declared at this address' },
        { path: '/newAddress/text', code: 'minLength', message: 'must NOT have fewer than 5 characters' },
      ],
      schema,
      t,
      'root',
      { uiSchema },
    );
    expect(summary.map((s) => [s.fieldId, s.message])).to.deep.equal([
      ['root_newAddress', 'Šajā adresē nevar deklarēt dzīvesvietu (tā nav dzīvojamā telpa). Izvēlieties citu adresi.'],
      ['root_phone', 'Ievadiet tālruņa numuru, piemēram, +371 20000000'],
    ]);
    expect((extraErrors as Record<string, { __errors?: string[] }>).newAddress.__errors).to.have.length(2);
  });

  it("keep the form's order with ui:order and a wildcard, a field's parts ranked with it", () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'object', properties: { x: {}, y: {} } }, c: {}, d: {} },
    } as RJSFSchema;
    const order = fieldOrder(schema, { 'ui:order': ['c', '*', 'a'] });
    expect(order).to.deep.equal(['root', 'root_c', 'root_b', 'root_b_x', 'root_b_y', 'root_d', 'root_a']);
    const items = [{ fieldId: 'root_a' }, { fieldId: 'root_b_y' }, { fieldId: null }, { fieldId: 'root_c' }];
    expect(inFormOrder(items, order).map((i) => i.fieldId)).to.deep.equal([null, 'root_c', 'root_b_y', 'root_a']);
  });
});

// The rows of "check your answers" and of the submitted data (ui/src/applications/answers/answer-rows.ts): the
// residence declaration as shipped, localized, in the form's order, labelled by the definition's titles.
import { expect } from 'chai';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { TFunction } from 'i18next';
import { shippedDefinition } from '../../../scripts/seed/eservices';
import { localizeSchema, localizeUiSchema } from '../../../ui/src/applications/form/localize';
import { answerSections, fieldTitle, withInfoAnswers } from '../../../ui/src/applications/answers/answer-rows';

const ENUM_EN: Record<string, string> = { 'enum.owner': 'Owner', 'enum.tenant': 'Tenant', 'enum.lease-agreement': 'Lease agreement' };
const t = ((key: string, opts?: { defaultValue?: string }) => ENUM_EN[key] ?? opts?.defaultValue ?? key) as unknown as TFunction;

function localized(lang: 'lv' | 'en') {
  const def = shippedDefinition('residence-declaration') as { form: { schema: RJSFSchema; uiSchema?: UiSchema } };
  const schema = localizeSchema(def.form.schema, lang);
  return { schema, uiSchema: localizeUiSchema(schema, def.form.uiSchema ?? {}, t) };
}

const DATA = {
  applicant: { givenName: 'Anna', familyName: 'Bērziņa', personalCode: '150385-11239' },
  currentAddress: 'Brīvības iela 100 - 12, Rīga',
  newAddress: { text: 'Brīvības iela 137 - 4, Rīga, LV-1012', code: '101000001' },
  residenceBasis: 'owner',
  declarationDate: '2026-12-01',
  confirm: true,
};

describe('ui/applications: the answers as a summary list', () => {
  it("lists every answer in the form's order under the definition's titles, never a field's internal name", () => {
    const { schema, uiSchema } = localized('en');
    const sections = answerSections(schema, uiSchema, DATA);
    expect(sections.map((s) => s.title)).to.deep.equal(['Applicant', null]);
    // The applicant's empty read-only fields (no eID identifier, no date of birth from the register) are left out.
    expect(sections[0].rows.map((r) => [r.label, r.changeable])).to.deep.equal([
      ['Given name', false],
      ['Family name', false],
      ['Personal code', false],
    ]);
    expect(sections[1].rows.map((r) => [r.fieldId, r.label, r.value])).to.deep.equal([
      ['root_currentAddress', 'Current declared address', { kind: 'text', text: 'Brīvības iela 100 - 12, Rīga' }],
      // An object with one visible field (the address code is hidden) is one row under the object's title.
      ['root_newAddress_text', 'New place of residence', { kind: 'text', text: 'Brīvības iela 137 - 4, Rīga, LV-1012' }],
      ['root_residenceBasis', 'Legal basis to live at the address', { kind: 'text', text: 'Owner' }],
      ['root_declarationDate', 'From date', { kind: 'day', day: '2026-12-01' }],
      ['root_phone', 'Phone', { kind: 'empty' }],
      ['root_email', 'E-mail', { kind: 'empty' }],
      ['root_confirm', 'I confirm the data are true', { kind: 'yes' }],
    ]);
    expect(sections[1].rows.filter((r) => r.changeable).map((r) => r.fieldId)).not.to.include('root_currentAddress');
  });

  it("shows a tenant's lease agreement as a group of its own; an owner's empty document group is left out", () => {
    const { schema, uiSchema } = localized('en');
    const tenant = {
      ...DATA,
      residenceBasis: 'tenant',
      residenceDocument: { kind: 'lease-agreement', number: 'ĪL-118', date: '2026-11-20' },
    };
    const document = answerSections(schema, uiSchema, tenant).find((s) => s.title === 'Document giving the right to live at the address');
    expect(document?.rows.map((r) => [r.fieldId, r.label, r.value])).to.deep.equal([
      ['root_residenceDocument_kind', 'Kind of document', { kind: 'text', text: 'Lease agreement' }],
      ['root_residenceDocument_number', 'Document number', { kind: 'text', text: 'ĪL-118' }],
      ['root_residenceDocument_date', 'Date of the document', { kind: 'day', day: '2026-11-20' }],
    ]);
    const owner = answerSections(schema, uiSchema, { ...DATA, residenceDocument: {} });
    expect(owner.map((s) => s.title)).to.deep.equal(['Applicant', null]);
  });

  it('speaks Latvian on a Latvian page', () => {
    const { schema, uiSchema } = localized('lv');
    const rows = answerSections(schema, uiSchema, DATA).flatMap((s) => s.rows);
    expect(rows.map((r) => r.label)).to.include.members(['Vārds', 'Jaunā dzīvesvieta', 'Tiesiskais pamats dzīvot adresē']);
    expect(fieldTitle(schema, 'newAddress')).to.equal('Jaunā dzīvesvieta');
    expect(fieldTitle(schema, 'additionalInformation')).to.equal(null);
  });

  it('shows the submitted data with the answers to requests for information applied, without their log', () => {
    const submitted = {
      ...DATA,
      additionalInformation: [
        { newAddress: { text: 'Dzirnavu iela 1' }, fileIds: ['a'] },
        { residenceBasis: 'tenant', fileIds: [] },
      ],
    };
    const shown = withInfoAnswers(submitted);
    expect(shown).to.deep.equal({ ...DATA, newAddress: { text: 'Dzirnavu iela 1' }, residenceBasis: 'tenant' });
    const { schema, uiSchema } = localized('en');
    expect(
      answerSections(schema, uiSchema, shown)
        .flatMap((s) => s.rows)
        .map((r) => r.label),
    ).not.to.include('additionalInformation');
  });
});

// The portal page a support specialist sees the citizen on: a name, never the raw path (fast tier).
import { expect } from 'chai';
import type { TFunction } from 'i18next';
import { pageName } from '../../../ui/src/assist/staff/page-names';
import { en } from '../../../ui/src/app/i18n/en';

const pages = en.assist.pages as Record<string, string>;
const t = ((key: string, values?: { id?: string }) => {
  const name = key.replace('assist.pages.', '');
  const text = key === 'assist.unknown' ? en.assist.unknown : pages[name];
  if (text === undefined) throw new Error(`no English text for ${key}`);
  return text.replace('{{id}}', values?.id ?? '');
}) as unknown as TFunction;

describe('ui/assist/staff/page-names', () => {
  it('names every citizen page in words', () => {
    expect(pageName('/', t)).to.equal('Home');
    expect(pageName('/cases', t)).to.equal('My cases');
    expect(pageName('/cases/', t)).to.equal('My cases');
    expect(pageName('/catalog?q=pase', t)).to.equal('List of services');
    expect(pageName('/catalog/passport', t)).to.equal('Service description');
    expect(pageName('/invoices', t)).to.equal('My invoices');
    expect(pageName('/invoices/0b6e8f2a-1111-4222-8333-444455556666', t)).to.equal('Invoice');
    expect(pageName('/payments/online/0b6e8f2a-1111-4222-8333-444455556666', t)).to.equal('Online payment');
    expect(pageName('/delegations', t)).to.equal('Delegations');
    expect(pageName('/apps', t)).to.equal('Apps you allowed');
    expect(pageName('/profile', t)).to.equal('My profile');
    expect(pageName('/my-data/use', t)).to.equal('Who used my data');
    expect(pageName('/organisations/40003000642', t)).to.equal('Company account');
    expect(pageName('/applications/LV-0000000001-97', t)).to.equal('Application LV-0000000001-97');
  });

  it('never shows a path it does not know, and says so when there is none', () => {
    expect(pageName('/officer/tasks/LV-0000000001-97:review:1', t)).to.equal('Another portal page');
    expect(pageName('/applications/LV-1/extra', t)).to.equal('Another portal page');
    expect(pageName(null, t)).to.equal(en.assist.unknown);
  });
});

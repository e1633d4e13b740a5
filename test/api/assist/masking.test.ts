// What a support specialist never sees (fast tier): the definition's sensitive fields, every e-mail field and every
// address, found in the shipped residence declaration's schema.
import { expect } from 'chai';
import { contactPointers, MASK, maskData, maskEdit, maskedPointers } from '../../../api/assist/masking';
import { shippedDefinition } from '../../../scripts/seed/eservices';

describe('api/assist/masking', () => {
  const form = (shippedDefinition('residence-declaration') as { form: { schema: unknown; uiSchema: unknown } }).form;

  it('masks the sensitive fields, the e-mail and each field of every address', () => {
    expect(maskedPointers(form)).to.have.members([
      '/applicant/personalCode',
      '/applicant/eidasIdentifier',
      '/phone',
      '/email',
      '/currentAddress',
      '/newAddress/text',
      '/newAddress/code',
    ]);
  });

  it('finds e-mails by format or name and addresses by name, at any depth', () => {
    const schema = {
      type: 'object',
      properties: {
        contact: { type: 'object', properties: { mail: { type: 'string', format: 'email' }, eMail: { type: 'string' } } },
        billingAddress: { type: 'string' },
        note: { type: 'string' },
      },
    };
    expect(contactPointers(schema)).to.deep.equal(['/contact/mail', '/contact/eMail', '/billingAddress']);
  });

  it('masks an address group field by field, in a snapshot and in an edit of the whole group', () => {
    const masked = maskedPointers(form);
    const data = { newAddress: { text: 'Brīvības iela 1, Rīga', code: '105360219' }, email: 'anna@example.lv', residenceBasis: 'owner' };
    expect(maskData(data, masked)).to.deep.equal({ newAddress: { text: MASK, code: MASK }, email: MASK, residenceBasis: 'owner' });
    expect(maskEdit('/newAddress', { text: 'Brīvības iela 1' }, masked)).to.deep.equal({ value: { text: MASK }, masked: true });
    expect(maskEdit('/email', '', masked)).to.deep.equal({ value: '', masked: true });
    expect(maskEdit('/residenceBasis', 'tenant', masked)).to.deep.equal({ value: 'tenant', masked: false });
  });
});

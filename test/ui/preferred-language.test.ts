// The first visit's language (ui/src/app/i18n/preferred.ts): the first of the browser's languages the portal
// speaks, Latvian when it speaks none of them; a language chosen before wins over the browser.
import { expect } from 'chai';
import { initialLanguage, preferredLanguage } from '../../ui/src/app/i18n/preferred';

describe('ui i18n: the language of a first visit', () => {
  it("takes the first of the browser's languages that the portal speaks", () => {
    expect(preferredLanguage(['en-GB', 'en'])).to.equal('en');
    expect(preferredLanguage(['lv-LV', 'en-US'])).to.equal('lv');
    expect(preferredLanguage(['en-US', 'lv'])).to.equal('en');
    expect(preferredLanguage(['de-DE', 'de', 'en-US'])).to.equal('en');
    expect(preferredLanguage(['ru-LV', 'lv'])).to.equal('lv');
    expect(preferredLanguage(['EN_gb'])).to.equal('en');
  });

  it('is Latvian when the browser prefers neither, or says nothing', () => {
    expect(preferredLanguage(['de-DE', 'fr'])).to.equal('lv');
    expect(preferredLanguage([])).to.equal('lv');
    expect(preferredLanguage([''])).to.equal('lv');
    expect(preferredLanguage(['english', 'lvx'])).to.equal('lv');
  });

  it("keeps a language chosen before, over the browser's", () => {
    expect(initialLanguage('lv', ['en-GB'])).to.equal('lv');
    expect(initialLanguage('en', ['lv-LV'])).to.equal('en');
    expect(initialLanguage(null, ['en-GB'])).to.equal('en');
    expect(initialLanguage('de', ['en-GB'])).to.equal('en'); // not a choice the portal offers: the browser decides
  });
});

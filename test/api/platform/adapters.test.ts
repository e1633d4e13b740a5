// The API's adapters are made once where the app is composed (api/platform/adapters.ts), from the configuration and
// its environment, or handed in; nothing else reads the environment for them. No database, no simulators.
import { expect } from 'chai';
import { apiAdapterConfig, createApiAdapters } from '../../../api/platform/adapters';
import { AdapterConfigError } from '../../../activities/adapters';
import { FAILING } from '../../../activities/adapters/failing/client';
import { SystemUnavailableError } from '../../../activities/adapters/contracts/common';
import { loadConfig } from '../../../forms/config';
import { ProductionSecretError } from '../../../forms/environment';
import { FakePopulationRegister } from '../../activities/fake-adapters';

const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://127.0.0.1:1/none', SMTP_PORT: '2526', SMPP_PORT: '2776' });
const ctx = { idempotencyKey: 'api-adapters-test' };

describe('api/platform/adapters: the API builds its adapters once, from its configuration', () => {
  it("builds each role from its <ROLE>_* variables, the senders' options from the configuration's messaging", async () => {
    const chosen = apiAdapterConfig(config, { POPULATION_REGISTER_BACKEND: FAILING, MAIL_SENDER_BACKEND: FAILING, SMTP_PORT: '1' });
    expect(chosen.populationRegister.backend).to.equal(FAILING);
    expect(chosen.addressRegister).to.deep.equal({ backend: 'vzd-address-register', options: { baseUrl: 'http://127.0.0.1:4102' } });
    expect(chosen.mailSender).to.deep.equal({ backend: FAILING, options: config.messaging.mail });
    expect(chosen.smsSender.options).to.deep.equal(config.messaging.sms);
    const adapters = createApiAdapters(chosen);
    const failure = await adapters.populationRegister.getPerson('15038511239', ctx).catch((e: unknown) => e);
    expect(failure).to.be.instanceOf(SystemUnavailableError);
    expect(Object.keys(adapters).sort()).to.deep.equal([
      'addressRegister',
      'enterpriseRegister',
      'landRegister',
      'mailSender',
      'paymentInitiation',
      'populationRegister',
      'smsSender',
      'vehicleRegister',
    ]);
  });

  it('uses the adapters it is handed (tests, fakes) as they are, and builds only the others', async () => {
    const population = new FakePopulationRegister([]);
    const adapters = createApiAdapters(apiAdapterConfig(config, {}), { populationRegister: population });
    expect(adapters.populationRegister).to.equal(population);
    expect(await adapters.populationRegister.getPerson('15038511239', ctx)).to.equal(null);
    expect(population.calls).to.have.length(1);
  });

  it('refuses a bad option at boot, naming the role', () => {
    expect(() => createApiAdapters(apiAdapterConfig(config, { PAYMENT_INITIATION_TIMEOUT_MS: 'soon' })))
      .to.throw(AdapterConfigError)
      .with.property('message')
      .that.matches(/paymentInitiation/);
  });

  it('in production, refuses to make adapters from an environment holding a development secret', () => {
    const production = { ...config, env: 'production' as const };
    expect(() => apiAdapterConfig(production, { PAYMENT_INITIATION_SECRET: 'dev-payment-initiation-secret-change-me' }))
      .to.throw(ProductionSecretError)
      .with.property('message')
      .that.matches(/PAYMENT_INITIATION_SECRET is a documented development default/);
  });
});

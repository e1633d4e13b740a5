// One contract suite per role (./contracts/*.ts), run against every registered backend that talks to a system,
// each pointed at freshly started simulators over real HTTP; plus the failing backends and the registry itself.
import { expect } from 'chai';
import { startSimulators, type RunningSimulators } from '../../../simulators';
import {
  adapterBackends,
  adapterConfigFromEnv,
  createAdapters,
  AdapterConfigError,
  ADAPTER_ROLES,
  type AdaptersConfig,
} from '../../../activities/adapters';
import { FAILING } from '../../../activities/adapters/failing/client';
import { clearFaults, ctx, expectUnavailable, realTargets } from './contracts/support';
import { populationRegisterContract } from './contracts/population-register';
import { addressRegisterContract } from './contracts/address-register';
import { enterpriseRegisterContract } from './contracts/enterprise-register';
import { eAddressContract } from './contracts/e-address';
import { paymentInitiationContract } from './contracts/payment-initiation';
import { vehicleRegisterContract } from './contracts/vehicle-register';
import { landRegisterContract } from './contracts/land-register';
import { mailSenderContract, smsSenderContract } from './contracts/messaging';

describe('adapters against the simulators', function () {
  let sims: RunningSimulators;
  before(async () => {
    sims = await startSimulators({ basePort: 0 });
  });
  after(() => sims?.close());
  afterEach(() =>
    Promise.all(
      Object.values(sims.urls)
        .filter((u) => u.startsWith('http'))
        .map(clearFaults),
    ),
  );

  const url = (role: keyof RunningSimulators['urls']) => () => sims.urls[role];
  for (const target of realTargets('populationRegister', url('populationRegister'))) populationRegisterContract(target);
  for (const target of realTargets('addressRegister', url('addressRegister'))) addressRegisterContract(target);
  for (const target of realTargets('enterpriseRegister', url('enterpriseRegister'))) enterpriseRegisterContract(target);
  for (const target of realTargets('eAddress', url('eAddress'))) eAddressContract(target);
  for (const target of realTargets('paymentInitiation', url('paymentInitiation'))) paymentInitiationContract(target);
  for (const target of realTargets('vehicleRegister', url('vehicleRegister'))) vehicleRegisterContract(target);
  for (const target of realTargets('landRegister', url('landRegister'))) landRegisterContract(target);
  mailSenderContract(() => sims.urls);
  smsSenderContract(() => sims.urls);

  it('builds every role from the environment and each passes its configuration check', async () => {
    const adapters = createAdapters(
      adapterConfigFromEnv({
        POPULATION_REGISTER_URL: sims.urls.populationRegister,
        ADDRESS_REGISTER_URL: sims.urls.addressRegister,
        ENTERPRISE_REGISTER_URL: sims.urls.enterpriseRegister,
        E_ADDRESS_URL: `${sims.urls.eAddress}/`,
        PAYMENT_INITIATION_URL: sims.urls.paymentInitiation,
        VEHICLE_REGISTER_URL: sims.urls.vehicleRegister,
        LAND_REGISTER_URL: sims.urls.landRegister,
        SMTP_PORT: new URL(sims.urls.smtpServer).port,
        SMPP_PORT: new URL(sims.urls.smppServer).port,
      }),
    );
    for (const role of ADAPTER_ROLES) expect(await adapters[role].checkConfig(), role).to.include({ ok: true });
  });

  it('fails the configuration check when a URL points at another system', async () => {
    const config = adapterConfigFromEnv({ POPULATION_REGISTER_URL: sims.urls.addressRegister });
    const check = await createAdapters(config).populationRegister.checkConfig();
    expect(check.ok).to.equal(false);
    expect(check.message).to.match(/answers as "address-register", not "population-register"/);
  });
});

describe('failing adapter backends', () => {
  const adapters = createAdapters({
    populationRegister: { backend: FAILING, options: {} },
    addressRegister: { backend: FAILING, options: {} },
    enterpriseRegister: { backend: FAILING, options: { message: 'maintenance window' } },
    eAddress: { backend: FAILING, options: {} },
    paymentInitiation: { backend: FAILING, options: {} },
    vehicleRegister: { backend: FAILING, options: {} },
    landRegister: { backend: FAILING, options: {} },
    mailSender: { backend: FAILING, options: {} },
    smsSender: { backend: FAILING, options: {} },
  });

  it('throw SystemUnavailableError from every call of every role', async () => {
    await expectUnavailable(adapters.populationRegister.getPerson('15038511239', ctx()));
    await expectUnavailable(adapters.populationRegister.getDeclaredAddress('15038511239', ctx()));
    await expectUnavailable(
      adapters.populationRegister.declareResidence(
        '15038511239',
        { addressCode: '105360219', declaredFrom: '2026-12-01', basis: 'owner', document: null, caseId: null },
        ctx(),
      ),
    );
    await expectUnavailable(adapters.addressRegister.search('brivibas', 5, ctx()));
    await expectUnavailable(adapters.addressRegister.validate({ code: '105360201' }, ctx()));
    const err = await expectUnavailable(adapters.enterpriseRegister.getCompany('40203145872', ctx()));
    expect(err.message).to.match(/maintenance window/);
    await expectUnavailable(adapters.enterpriseRegister.companiesOfBoardMember('15038511239', ctx()));
    await expectUnavailable(adapters.enterpriseRegister.shareholdingsOf('15038511239', ctx()));
    await expectUnavailable(adapters.eAddress.hasMailbox({ type: 'natural', id: '15038511239' }, ctx()));
    await expectUnavailable(
      adapters.eAddress.send(
        { recipient: { type: 'natural', id: '15038511239' }, sender: { agencyId: 'pmlp', name: 'PMLP' }, subject: 's', body: 'b' },
        ctx(),
      ),
    );
    await expectUnavailable(
      adapters.paymentInitiation.initiate(
        {
          amountCents: 100,
          currency: 'EUR',
          reference: 'RF18539007547034',
          description: 'x',
          returnUrl: 'http://127.0.0.1:9/return',
          callbackUrl: 'http://127.0.0.1:9/callback',
        },
        ctx(),
      ),
    );
    await expectUnavailable(adapters.paymentInitiation.verifyCallback(Buffer.from('{}'), { 'x-signature': 'sha256=00' }));
    await expectUnavailable(adapters.vehicleRegister.vehiclesOfPerson('15038511239', ctx()));
    await expectUnavailable(adapters.landRegister.propertiesOfOwner('15038511239', ctx()));
    await expectUnavailable(adapters.mailSender.send({ to: 'anna@example.lv', subject: 's', text: 't' }, ctx()));
    await expectUnavailable(adapters.smsSender.send({ to: '+37120000000', text: 't' }, ctx()));
  });

  it('report a failed configuration check', async () => {
    for (const role of ADAPTER_ROLES) expect((await adapters[role].checkConfig()).ok, role).to.equal(false);
  });

  it('are selected for a role by <ROLE>_BACKEND alone', async () => {
    const fromEnv = createAdapters(adapterConfigFromEnv({ ADDRESS_REGISTER_BACKEND: 'failing' }));
    await expectUnavailable(fromEnv.addressRegister.search('riga', 1, ctx()));
  });
});

describe('adapter registry', () => {
  const good = (): AdaptersConfig => adapterConfigFromEnv({});
  const rejection = (config: AdaptersConfig): AdapterConfigError => {
    try {
      createAdapters(config);
    } catch (err) {
      expect(err).to.be.instanceOf(AdapterConfigError);
      return err as AdapterConfigError;
    }
    throw new Error('createAdapters accepted a bad configuration');
  };

  it('registers a real backend and the failing backend for every role', () => {
    for (const role of ADAPTER_ROLES) {
      expect(Object.keys(adapterBackends[role]), role).to.include(FAILING).and.have.length.of.at.least(2);
    }
  });

  it('defaults to the simulators (4101..4105, 4111, 4112, SMTP 2525, SMPP 2775) and the real backends', () => {
    expect(good()).to.deep.equal({
      populationRegister: { backend: 'pmlp-population-register', options: { baseUrl: 'http://127.0.0.1:4101' } },
      addressRegister: { backend: 'vzd-address-register', options: { baseUrl: 'http://127.0.0.1:4102' } },
      enterpriseRegister: { backend: 'ur-enterprise-register', options: { baseUrl: 'http://127.0.0.1:4103' } },
      eAddress: { backend: 'vraa-e-address', options: { baseUrl: 'http://127.0.0.1:4104' } },
      paymentInitiation: { backend: 'bank-link', options: { baseUrl: 'http://127.0.0.1:4105' } },
      vehicleRegister: { backend: 'csdd-vehicle-register', options: { baseUrl: 'http://127.0.0.1:4111' } },
      landRegister: { backend: 'vzd-land-register', options: { baseUrl: 'http://127.0.0.1:4112' } },
      mailSender: {
        backend: 'smtp',
        options: { host: '127.0.0.1', port: 2525, from: 'Latvija.gov.lv <no-reply@sdp.localhost>', secure: false, requireTls: false },
      },
      smsSender: {
        backend: 'smpp',
        options: { host: '127.0.0.1', port: 2775, systemId: 'sdp', password: 'dev-smpp', sourceAddress: 'Latvija' },
      },
    });
  });

  it('reads the payment-initiation secret and merchant from the environment, and refuses a short secret', () => {
    const config = adapterConfigFromEnv({
      PAYMENT_INITIATION_SECRET: 'a-production-secret-0123456789',
      PAYMENT_INITIATION_MERCHANT_ID: 'lv-portal',
    });
    expect(config.paymentInitiation.options).to.deep.equal({
      baseUrl: 'http://127.0.0.1:4105',
      secret: 'a-production-secret-0123456789',
      merchantId: 'lv-portal',
    });
    expect(rejection(adapterConfigFromEnv({ PAYMENT_INITIATION_SECRET: 'short' })).message).to.match(
      /paymentInitiation .*option "secret" must NOT have fewer than 16 characters/,
    );
    expect(() =>
      createAdapters(adapterConfigFromEnv({ PAYMENT_INITIATION_BACKEND: 'failing', PAYMENT_INITIATION_SECRET: 'x' })),
    ).to.not.throw();
  });

  it('names the role and the option that is wrong', () => {
    const badTimeout = rejection({
      ...good(),
      addressRegister: { backend: 'vzd-address-register', options: { baseUrl: 'http://x', timeoutMs: 'soon' } },
    });
    expect(badTimeout.role).to.equal('addressRegister');
    expect(badTimeout.message).to.equal(
      'Adapter options for addressRegister (backend "vzd-address-register") are invalid: option "timeoutMs" must be integer.',
    );
    expect(
      rejection({ ...good(), eAddress: { backend: 'vraa-e-address', options: { baseUrl: 'http://x', retries: 3 } } }).message,
    ).to.match(/eAddress .*unknown option "retries"/);
    expect(rejection({ ...good(), enterpriseRegister: { backend: 'ur-enterprise-register', options: {} } }).message).to.match(
      /enterpriseRegister .*option "baseUrl" is required/,
    );
    expect(
      rejection({ ...good(), populationRegister: { backend: 'pmlp-population-register', options: { baseUrl: 'ftp://x' } } }).message,
    ).to.match(/populationRegister .*option "baseUrl" must match pattern/);
    expect(rejection(adapterConfigFromEnv({ E_ADDRESS_TIMEOUT_MS: 'abc' })).message).to.match(/eAddress .*option "timeoutMs"/);
  });

  it('names an unknown backend and lists the known ones', () => {
    const err = rejection({ ...good(), populationRegister: { backend: 'pmlp-v2', options: {} } });
    expect(err.message).to.equal(
      'Adapter configuration for populationRegister: unknown backend "pmlp-v2" (known: pmlp-population-register, failing).',
    );
    expect(rejection({ ...good(), eAddress: undefined } as unknown as AdaptersConfig).message).to.match(/eAddress is missing/);
  });

  it("does not change the caller's options when filling in defaults", () => {
    const options = { baseUrl: 'http://127.0.0.1:4101' };
    createAdapters({ ...good(), populationRegister: { backend: 'pmlp-population-register', options } });
    expect(options).to.deep.equal({ baseUrl: 'http://127.0.0.1:4101' });
  });
});

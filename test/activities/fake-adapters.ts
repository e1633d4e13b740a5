// Adapters built to the contracts (activities/adapters/contracts) for activity tests that reach no external system:
// each keeps a little data, records every call with the CallContext it carried, and fails when the test says so.
import type { Pool } from 'pg';
import type { Info } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { Adapters } from '../../activities/adapters';
import type { SealStore } from '../../activities/documents/seal/seal-store';
import type { CallContext } from '../../activities/adapters/contracts/common';
import type {
  DeclaredAddress,
  Person,
  PopulationRegister,
  RecordedDeclaration,
  ResidenceDeclaration,
} from '../../activities/adapters/contracts/population-register';
import type { Address, AddressRegister, AddressValidation } from '../../activities/adapters/contracts/address-register';
import type { Company, EnterpriseRegister, Shareholding } from '../../activities/adapters/contracts/enterprise-register';
import type { DeliveryReceipt, EAddress, OfficialMessage } from '../../activities/adapters/contracts/e-address';
import type {
  InitiatedPayment,
  PaymentCallback,
  PaymentInitiation,
  PaymentRequest,
} from '../../activities/adapters/contracts/payment-initiation';
import type { Vehicle, VehicleRegister } from '../../activities/adapters/contracts/vehicle-register';
import type { LandRegister, Property } from '../../activities/adapters/contracts/land-register';
import type { MailMessage, MailSender } from '../../activities/adapters/contracts/mail-sender';
import type { SmsMessage, SmsSender } from '../../activities/adapters/contracts/sms-sender';

export interface RecordedCall {
  operation: string;
  args: unknown[];
  ctx: CallContext;
}

abstract class FakeSystem {
  readonly calls: RecordedCall[] = [];
  private failure: Error | null = null;

  constructor(readonly system: string) {}

  /** Every later call fails with this error (as the real adapter would report it), until `recover()`. */
  failWith(error: Error): this {
    this.failure = error;
    return this;
  }

  recover(): void {
    this.failure = null;
  }

  checkConfig(): Promise<{ ok: boolean; message: string }> {
    return Promise.resolve({ ok: true, message: `${this.system}: a fake for tests` });
  }

  protected answer<T>(operation: string, args: unknown[], ctx: CallContext, value: () => T): Promise<T> {
    this.calls.push({ operation, args, ctx });
    return this.failure ? Promise.reject(this.failure) : Promise.resolve(value());
  }
}

export class FakePopulationRegister extends FakeSystem implements PopulationRegister {
  constructor(
    readonly persons: Person[] = [],
    /** eIDAS PersonIdentifier → personal code. */
    readonly eidasLinks: Record<string, string> = {},
  ) {
    super('fake-population-register');
  }

  linkedPersonalCode(eidasIdentifier: string, ctx: CallContext): Promise<string | null> {
    return this.answer('linkedPersonalCode', [eidasIdentifier], ctx, () => this.eidasLinks[eidasIdentifier] ?? null);
  }

  getPerson(personalCode: string, ctx: CallContext): Promise<Person | null> {
    return this.answer('getPerson', [personalCode], ctx, () => this.persons.find((p) => p.personalCode === personalCode) ?? null);
  }

  getDeclaredAddress(personalCode: string, ctx: CallContext): Promise<DeclaredAddress | null> {
    return this.answer(
      'getDeclaredAddress',
      [personalCode],
      ctx,
      () => this.persons.find((p) => p.personalCode === personalCode)?.declaredAddress ?? null,
    );
  }

  /** Records once per idempotency key, as the register does; the address text is the code (no address data here). */
  private readonly declared = new Map<string, RecordedDeclaration>();

  declareResidence(personalCode: string, declaration: ResidenceDeclaration, ctx: CallContext): Promise<RecordedDeclaration> {
    return this.answer('declareResidence', [personalCode, declaration], ctx, () => {
      const earlier = this.declared.get(ctx.idempotencyKey);
      if (earlier) return { ...earlier, duplicate: true };
      const person = this.persons.find((p) => p.personalCode === personalCode);
      if (!person) throw new Error(`fake population register: no person ${personalCode}`);
      person.declaredAddress = {
        addressCode: declaration.addressCode,
        fullAddress: declaration.addressCode,
        municipalityCode: '0001000',
        declaredSince: declaration.declaredFrom,
      };
      const recorded = {
        declarationId: `declaration-${this.declared.size + 1}`,
        declaredAddress: person.declaredAddress,
        duplicate: false,
      };
      this.declared.set(ctx.idempotencyKey, recorded);
      return recorded;
    });
  }
}

export class FakeAddressRegister extends FakeSystem implements AddressRegister {
  constructor(readonly addresses: Address[] = []) {
    super('fake-address-register');
  }

  search(text: string, limit: number, ctx: CallContext): Promise<Address[]> {
    return this.answer('search', [text, limit], ctx, () => this.addresses.filter((a) => a.fullAddress.includes(text)).slice(0, limit));
  }

  validate(input: { code?: string; text?: string }, ctx: CallContext): Promise<AddressValidation> {
    return this.answer('validate', [input], ctx, () => {
      const address = this.addresses.find((a) => (input.code ? a.code === input.code : a.fullAddress === input.text)) ?? null;
      if (!address) return { valid: false, address: null, reason: 'not_found' };
      return address.residential ? { valid: true, address, reason: null } : { valid: false, address, reason: 'not_residential' };
    });
  }
}

export class FakeEnterpriseRegister extends FakeSystem implements EnterpriseRegister {
  constructor(readonly companies: Company[] = []) {
    super('fake-enterprise-register');
  }

  getCompany(registrationNumber: string, ctx: CallContext): Promise<Company | null> {
    return this.answer(
      'getCompany',
      [registrationNumber],
      ctx,
      () => this.companies.find((c) => c.registrationNumber === registrationNumber) ?? null,
    );
  }

  companiesOfBoardMember(personalCode: string, ctx: CallContext): Promise<Company[]> {
    return this.answer('companiesOfBoardMember', [personalCode], ctx, () =>
      this.companies.filter((c) => c.boardMembers.some((m) => m.personalCode === personalCode)),
    );
  }

  /** The fake records no shareholders. */
  shareholdingsOf(personalCode: string, ctx: CallContext): Promise<Shareholding[]> {
    return this.answer('shareholdingsOf', [personalCode], ctx, () => []);
  }
}

export class FakeEAddress extends FakeSystem implements EAddress {
  /** Delivered messages by idempotency key: a second send with the same key delivers nothing new. */
  readonly delivered = new Map<string, { messageId: string; message: OfficialMessage }>();

  constructor() {
    super('fake-e-address');
  }

  hasMailbox(recipient: OfficialMessage['recipient'], ctx: CallContext): Promise<boolean> {
    return this.answer('hasMailbox', [recipient], ctx, () => true);
  }

  send(message: OfficialMessage, ctx: CallContext): Promise<DeliveryReceipt> {
    return this.answer('send', [message], ctx, () => {
      const earlier = this.delivered.get(ctx.idempotencyKey);
      if (earlier) return { messageId: earlier.messageId, duplicate: true };
      const messageId = `fake-message-${this.delivered.size + 1}`;
      this.delivered.set(ctx.idempotencyKey, { messageId, message });
      return { messageId, duplicate: false };
    });
  }
}

export class FakePaymentInitiation extends FakeSystem implements PaymentInitiation {
  constructor() {
    super('fake-payment-initiation');
  }

  initiate(request: PaymentRequest, ctx: CallContext): Promise<InitiatedPayment> {
    return this.answer('initiate', [request], ctx, () => ({
      paymentId: `fake-payment:${ctx.idempotencyKey}`,
      redirectUrl: 'https://bank.invalid/pay',
    }));
  }

  verifyCallback(): Promise<PaymentCallback> {
    return Promise.reject(new Error('the fake payment initiation sends no callbacks'));
  }
}

export class FakeVehicleRegister extends FakeSystem implements VehicleRegister {
  constructor(readonly vehicles: Record<string, Vehicle[]> = {}) {
    super('fake-vehicle-register');
  }

  vehiclesOfPerson(personalCode: string, ctx: CallContext): Promise<Vehicle[]> {
    return this.answer('vehiclesOfPerson', [personalCode], ctx, () => this.vehicles[personalCode] ?? []);
  }
}

export class FakeLandRegister extends FakeSystem implements LandRegister {
  constructor(readonly properties: Record<string, Property[]> = {}) {
    super('fake-land-register');
  }

  propertiesOfOwner(personalCode: string, ctx: CallContext): Promise<Property[]> {
    return this.answer('propertiesOfOwner', [personalCode], ctx, () => this.properties[personalCode] ?? []);
  }
}

export class FakeMailSender extends FakeSystem implements MailSender {
  readonly sent: MailMessage[] = [];
  constructor() {
    super('fake-mail-sender');
  }

  send(message: MailMessage, ctx: CallContext): Promise<{ messageId: string }> {
    return this.answer('send', [message], ctx, () => {
      this.sent.push(message);
      return { messageId: `<${this.sent.length}@fake>` };
    });
  }
}

export class FakeSmsSender extends FakeSystem implements SmsSender {
  readonly sent: SmsMessage[] = [];
  constructor() {
    super('fake-sms-sender');
  }

  send(message: SmsMessage, ctx: CallContext): Promise<{ messageId: string }> {
    return this.answer('send', [message], ctx, () => {
      this.sent.push(message);
      return { messageId: String(this.sent.length) };
    });
  }
}

export interface FakeAdapters extends Adapters {
  populationRegister: FakePopulationRegister;
  addressRegister: FakeAddressRegister;
  enterpriseRegister: FakeEnterpriseRegister;
  eAddress: FakeEAddress;
  paymentInitiation: FakePaymentInitiation;
  vehicleRegister: FakeVehicleRegister;
  landRegister: FakeLandRegister;
  mailSender: FakeMailSender;
  smsSender: FakeSmsSender;
}

export function fakeAdapters(data: { persons?: Person[]; addresses?: Address[]; companies?: Company[] } = {}): FakeAdapters {
  return {
    populationRegister: new FakePopulationRegister(data.persons),
    addressRegister: new FakeAddressRegister(data.addresses),
    enterpriseRegister: new FakeEnterpriseRegister(data.companies),
    eAddress: new FakeEAddress(),
    paymentInitiation: new FakePaymentInitiation(),
    vehicleRegister: new FakeVehicleRegister(),
    landRegister: new FakeLandRegister(),
    mailSender: new FakeMailSender(),
    smsSender: new FakeSmsSender(),
  };
}

/** The pool of activities that must not need the database: any use of it fails the test, naming what was used. */
export const NO_DATABASE = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`this activity used the database (pool.${String(property)})`);
    },
  },
) as Pool;

/** The seals of activities that issue no document: any use fails the test. */
export const NO_SEALS: SealStore = {
  source: 'demo',
  demoAuthorityPem: null,
  sealFor(agency) {
    throw new Error(`this activity sealed a document (agency ${agency.id})`);
  },
};

/** A mock activity context whose logger keeps the expected "Activity failed" warnings out of the test output. */
export function activityEnvironment(info: Partial<Info> = {}): MockActivityEnvironment {
  return new MockActivityEnvironment(info, { logger: new DefaultLogger('ERROR') });
}

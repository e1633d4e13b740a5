// Generators of valid case payloads for tests.
import crypto from 'node:crypto';
import { makePersonalCode } from '../../db/domain/person-id';

export function uniqueSuffix(): string {
  return crypto.randomBytes(4).toString('hex');
}

export function personalCode(n: number): string {
  return makePersonalCode(1 + (n % 28), 1 + (n % 12), 1950 + (n % 50), n % 1000);
}

export function pmlpCase(externalId: string, n = 0, extra: Record<string, unknown> = {}) {
  return {
    externalId,
    serviceId: 'residence-declaration',
    channel: 'in_person',
    officeId: 'pmlp-riga-1',
    recipient: { type: 'natural', id: personalCode(n) },
    ...extra,
  };
}

// The ids of a chunk's payments (moved from test/api/billing/statements.test.ts with the module: a pure function).
import { expect } from 'chai';
import { paymentIdRange } from '../../../db/billing/reconcile';

describe('db/billing/reconcile paymentIdRange', () => {
  it('gives a UUIDv7 prefix with the time and the version and variant bits, and a start that leaves room to count', () => {
    const at = Date.UTC(2026, 10, 24, 12, 0, 0);
    const { prefix, start } = paymentIdRange(at);
    expect(prefix).to.match(/^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{3}$/);
    expect(parseInt(prefix.slice(0, 12), 16)).to.equal(at);
    expect(BigInt(start) < 2n ** 47n).to.equal(true);
    expect(BigInt(start) % 2n ** 15n).to.equal(0n);
    const later = paymentIdRange(at + 1);
    expect(later.prefix > prefix, 'a later millisecond sorts after').to.equal(true);
    expect(new Set(Array.from({ length: 50 }, () => paymentIdRange(at).prefix)).size).to.be.greaterThan(45);
  });
});

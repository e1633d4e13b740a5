// Starting all simulators together: distinct ports, the right system on each, and no leftovers when one fails.
import http from 'node:http';
import { expect } from 'chai';
import { startSimulators } from '../../simulators';

describe('simulators/index', () => {
  it('starts the twelve systems on random ports (and the SMTP and SMPP listeners) and closes them', async () => {
    const sims = await startSimulators({ basePort: 0 });
    try {
      const systems = await Promise.all(
        Object.values(sims.urls)
          .filter((url) => url.startsWith('http'))
          .map(async (url) => ((await (await fetch(`${url}/healthz`)).json()) as any).system),
      );
      expect(systems).to.deep.equal([
        'population-register',
        'address-register',
        'enterprise-register',
        'e-address',
        'payment-initiation',
        'national-auth',
        'eidas-node',
        'external-portal',
        'smtp',
        'sms-gateway',
        'road-traffic-register',
        'land-register',
      ]);
      // Two more URLs than HTTP systems: the SMTP and SMPP listeners.
      expect(new Set(Object.values(sims.urls)).size).to.equal(systems.length + 2);
      expect(sims.urls.smtpServer).to.match(/^smtp:\/\/127\.0\.0\.1:[0-9]+$/);
      expect(sims.urls.smppServer).to.match(/^smpp:\/\/127\.0\.0\.1:[0-9]+$/);
    } finally {
      await sims.close();
    }
    await fetch(`${sims.urls.eAddress}/healthz`).then(
      () => {
        throw new Error('still listening');
      },
      () => undefined,
    );
  });

  it('closes the started simulators when a port is taken', async () => {
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const failure = await startSimulators({ basePort: taken - 1 }).then(
        () => null,
        (err: Error) => err,
      );
      expect(failure?.message).to.match(/EADDRINUSE/);
      await fetch(`http://127.0.0.1:${taken - 1}/healthz`).then(
        () => {
          throw new Error('population register left running');
        },
        () => undefined,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

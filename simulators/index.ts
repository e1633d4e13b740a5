// Starts the external-system simulators together (for `npm start`, tests and manual use): the systems the platform
// calls, the demo external portal that calls the platform, and the SMTP server and SMS gateway (SMPP) that receive
// its mail and SMS. Run directly (`npx tsx simulators/index.ts`) to get them on 4101..4110 (SMTP on 2525, SMPP on
// 2775) until Ctrl-C.
import type { RunningSimulator, SimulatorOptions } from './app';
import { startPopulationRegisterSimulator } from './population-register/server';
import { startAddressRegisterSimulator } from './address-register/server';
import { startEnterpriseRegisterSimulator } from './enterprise-register/server';
import { startEAddressSimulator } from './e-address/server';
import { startPaymentInitiationSimulator } from './payment-initiation/server';
import { startNationalAuthSimulator, type NationalAuthSimulatorOptions } from './national-auth/server';
import { startEidasNodeSimulator, type EidasNodeSimulatorOptions } from './eidas-node/server';
import { startExternalPortalSimulator, type ExternalPortalOptions } from './external-portal/server';
import { startRoadTrafficRegisterSimulator } from './road-traffic-register/server';
import { startLandRegisterSimulator } from './land-register/server';
import { startSmtpSimulator } from './smtp/server';
import { startSmsGatewaySimulator } from './sms-gateway/server';
import type { AccessLogPushOptions } from './access-log/push';

export type { RunningSimulator, SimulatorOptions } from './app';
export {
  startPopulationRegisterSimulator,
  startAddressRegisterSimulator,
  startEnterpriseRegisterSimulator,
  startEAddressSimulator,
  startPaymentInitiationSimulator,
  startNationalAuthSimulator,
  startEidasNodeSimulator,
  startExternalPortalSimulator,
  startRoadTrafficRegisterSimulator,
  startLandRegisterSimulator,
  startSmtpSimulator,
  startSmsGatewaySimulator,
};

export const DEFAULT_BASE_PORT = 4101;

export interface SimulatorUrls {
  populationRegister: string;
  addressRegister: string;
  enterpriseRegister: string;
  eAddress: string;
  paymentInitiation: string;
  /** The national sign-in's OpenID Provider: its issuer URL. */
  nationalAuth: string;
  /** The eIDAS node: its metadata is at `${eidasNode}/metadata`. */
  eidasNode: string;
  /** The demo external portal (a relying party of the platform's OpenID Provider). */
  externalPortal: string;
  /** The road-traffic (vehicle) register. */
  vehicleRegister: string;
  /** The land register (real estate). */
  landRegister: string;
  /** The SMTP simulator's HTTP read-out (GET /messages?to=); its SMTP listener is `smtpServer`. */
  smtp: string;
  smtpServer: string;
  /** The SMS gateway's HTTP read-out (GET /messages?to=); its SMPP 3.4 listener is `smppServer`. */
  smsGateway: string;
  smppServer: string;
}

export interface RunningSimulators {
  urls: SimulatorUrls;
  close(): Promise<void>;
}

/** Port order: population register, address register, enterprise register, e-address, payment initiation,
/** Port order: population register, address register, enterprise register, e-address, payment initiation,
 * national auth, eIDAS node, external portal, SMTP and SMS-gateway read-outs, road-traffic and land registers
 * (basePort .. basePort+11; the adapters' defaults: 4111 and 4112 for the two registers). */
const starters: Array<[Exclude<keyof SimulatorUrls, 'smtpServer' | 'smppServer'>, (opts: SimulatorOptions) => Promise<RunningSimulator>]> =
  [
    ['populationRegister', startPopulationRegisterSimulator],
    ['addressRegister', startAddressRegisterSimulator],
    ['enterpriseRegister', startEnterpriseRegisterSimulator],
    ['eAddress', startEAddressSimulator],
    ['paymentInitiation', startPaymentInitiationSimulator],
    ['nationalAuth', startNationalAuthSimulator],
    ['eidasNode', startEidasNodeSimulator],
    ['externalPortal', startExternalPortalSimulator],
    ['smtp', startSmtpSimulator],
    ['smsGateway', startSmsGatewaySimulator],
    ['vehicleRegister', startRoadTrafficRegisterSimulator],
    ['landRegister', startLandRegisterSimulator],
  ];

export interface StartSimulatorsOptions {
  /** 0 gives each simulator a random free port. */
  basePort?: number;
  host?: string;
  /** The relying parties the national sign-in accepts (default: its development client); the launcher and the test
   * stack register the platform with a secret generated at start and the API's real callback URL. */
  nationalAuthClients?: NationalAuthSimulatorOptions['clients'];
  /** The service providers the eIDAS node serves (default: any, at the ACS URL its request names). */
  eidasServiceProviders?: EidasNodeSimulatorOptions['serviceProviders'];
  /** The platform's OpenID Provider and the portal's client secret there (made at start, as the national sign-in's). */
  externalPortal?: Pick<ExternalPortalOptions, 'issuer' | 'clientId' | 'clientSecret'>;
  /** The platform the registers push their access logs to, and each register's client there (simulators/access-log/). */
  accessLogPush?: Pick<AccessLogPushOptions, 'issuer' | 'apiUrl' | 'intervalMs'> & {
    populationRegister?: Pick<AccessLogPushOptions, 'clientId' | 'privateJwk'>;
    enterpriseRegister?: Pick<AccessLogPushOptions, 'clientId' | 'privateJwk'>;
  };
}

/** A register's push options, when the platform and the register's client are given. */
function pushOf(opts: StartSimulatorsOptions, register: 'populationRegister' | 'enterpriseRegister'): AccessLogPushOptions | undefined {
  const push = opts.accessLogPush;
  const client = push?.[register];
  if (!push || !client) return undefined;
  const interval = Number(process.env.ACCESS_LOG_PUSH_INTERVAL_MS);
  return { issuer: push.issuer, apiUrl: push.apiUrl, intervalMs: push.intervalMs ?? (interval > 0 ? interval : undefined), ...client };
}

export async function startSimulators(opts: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
  const basePort = opts.basePort ?? DEFAULT_BASE_PORT;
  const started: RunningSimulator[] = [];
  const urls = {} as SimulatorUrls;
  try {
    for (const [i, [role, start]] of starters.entries()) {
      const port = basePort === 0 ? 0 : basePort + i;
      // The SMTP and SMPP listeners are on their protocols' development ports (2525, 2775), or free ones with basePort 0.
      const protocolPort = basePort === 0 ? 0 : undefined;
      if (role === 'smtp' || role === 'smsGateway') {
        const messaging =
          role === 'smtp'
            ? await startSmtpSimulator({ port, host: opts.host, smtpPort: protocolPort })
            : await startSmsGatewaySimulator({ port, host: opts.host, smppPort: protocolPort });
        started.push(messaging);
        urls[role] = messaging.url;
        if ('smtpUrl' in messaging) urls.smtpServer = messaging.smtpUrl;
        else urls.smppServer = messaging.smppUrl;
        continue;
      }
      const simulator =
        role === 'nationalAuth'
          ? await startNationalAuthSimulator({ port, host: opts.host, clients: opts.nationalAuthClients })
          : role === 'eidasNode'
            ? await startEidasNodeSimulator({ port, host: opts.host, serviceProviders: opts.eidasServiceProviders })
            : role === 'externalPortal'
              ? await startExternalPortalSimulator({ port, host: opts.host, ...opts.externalPortal })
              : role === 'populationRegister' || role === 'enterpriseRegister'
                ? await start({ port, host: opts.host, accessLogPush: pushOf(opts, role) } as SimulatorOptions)
                : await start({ port, host: opts.host });
      started.push(simulator);
      urls[role] = simulator.url;
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.close())); // a busy port must not leave the others running
    throw err;
  }
  return {
    urls,
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}

if (require.main === module) {
  const basePort = process.env.SIMULATORS_BASE_PORT ? Number(process.env.SIMULATORS_BASE_PORT) : DEFAULT_BASE_PORT;
  startSimulators({ basePort, host: process.env.SIMULATORS_HOST }).then(
    (sims) => {
      for (const [role, url] of Object.entries(sims.urls)) console.log(`${role}: ${url}`);
      const stop = () => {
        void sims.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}

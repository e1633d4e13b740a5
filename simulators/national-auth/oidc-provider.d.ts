// The part of oidc-provider 8 (an ES module without bundled types) that the national-auth simulator and the platform's
// own provider (api/platform/auth/provider/) use.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type ClientMetadata = Record<string, unknown> & { client_id: string };

  export interface InteractionDetails {
    uid: string;
    grantId?: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId: string };
  }

  export interface InteractionResults {
    login?: { accountId: string; acr?: string; amr?: string[]; remember?: boolean; ts?: number };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
  }

  export interface Grant {
    accountId?: string;
    clientId?: string;
    addOIDCScope(scope: string): void;
    getOIDCScope(): string;
    /** Scopes of a resource server (resource indicators, RFC 8707) the account allowed the client. */
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
    destroy(): Promise<void>;
  }

  /** A model of tokens issued on a grant (access and refresh tokens, codes): all of a grant's are revoked at once. */
  export interface GrantBoundModel {
    revokeByGrantId(grantId: string): Promise<void>;
  }

  /** An access token as stored: who it acts for, for which client and resource, bound to which key (DPoP cnf.jkt). */
  export interface AccessToken {
    accountId?: string;
    clientId: string;
    grantId?: string;
    scope?: string;
    /** The resource server's audience (absent: a token for the provider's userinfo). */
    aud?: string;
    jkt?: string;
  }

  export interface KoaContextWithOIDC {
    host: string;
    type: string;
    body: unknown;
    req: IncomingMessage;
    oidc: {
      client?: { clientId: string; clientName?: string; clientAuthMethod?: string };
      session?: {
        accountId?: string;
        uid: string;
        grantIdFor(clientId: string): string | undefined;
        sidFor(clientId: string): string | undefined;
      };
      result?: InteractionResults;
      params?: Record<string, unknown>;
      entities?: Record<string, unknown>;
      provider: Provider;
    };
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown> & { sub: string }>;
  }

  export type Configuration = Record<string, unknown> & {
    findAccount?: (ctx: KoaContextWithOIDC, sub: string) => Promise<Account | undefined>;
    loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
    renderError?: (ctx: KoaContextWithOIDC, out: Record<string, string>, error: Error) => Promise<void>;
  };

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    Grant: {
      new (properties: { clientId: string; accountId: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    AccessToken: GrantBoundModel & { find(value: string): Promise<AccessToken | undefined> };
    RefreshToken: GrantBoundModel;
    AuthorizationCode: GrantBoundModel;
    on(event: string, listener: (...args: unknown[]) => void): this;
    proxy: boolean;
    use(middleware: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>): void;
    Client: {
      find(id: string): Promise<
        | {
            clientId: string;
            clientName?: string;
            clientAuthMethod?: string;
            backchannelLogoutUri?: string;
            backchannelLogout(sub: string, sid: string): Promise<void>;
          }
        | undefined
      >;
    };
  }

  export class Check {
    static NO_NEED_TO_PROMPT: boolean;
    static REQUEST_PROMPT: boolean;
    constructor(reason: string, description: string, error: string, check: (ctx: KoaContextWithOIDC) => boolean | Promise<boolean>);
  }

  export interface Prompt {
    name: string;
    checks: { add(check: Check, index?: number): void };
  }

  export const errors: { InvalidTarget: new (description?: string) => Error };

  export const interactionPolicy: {
    Check: typeof Check;
    base(): Prompt[] & { get(name: string): Prompt };
  };
}

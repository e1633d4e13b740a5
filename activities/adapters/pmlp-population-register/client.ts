// Population register role backed by PMLP's register over HTTP (in development: simulators/population-register).
import type { CallContext } from '../contracts/common';
import type {
  DeclaredAddress,
  Person,
  PopulationRegister,
  RecordedDeclaration,
  ResidenceDeclaration,
} from '../contracts/population-register';
import { HttpJsonClient, type HttpAdapterOptions } from '../http-json';
import {
  toDeclaredAddress,
  toLinkedPersonalCode,
  toPerson,
  toRecordedDeclaration,
  toWireDeclaration,
  type WireEidasLink,
  type WirePerson,
  type WireRecordedDeclaration,
  type WireResidence,
} from './mapping';

export const PMLP_POPULATION_REGISTER = 'pmlp-population-register';

export function createPmlpPopulationRegister(options: HttpAdapterOptions): PopulationRegister {
  const http = new HttpJsonClient(PMLP_POPULATION_REGISTER, options);
  const personPath = (personalCode: string) => `persons/${encodeURIComponent(personalCode)}`;
  return {
    async getPerson(personalCode: string, ctx: CallContext): Promise<Person | null> {
      const wire = await http.getOrNull<WirePerson>(personPath(personalCode), ctx);
      return wire && toPerson(wire);
    },
    async getDeclaredAddress(personalCode: string, ctx: CallContext): Promise<DeclaredAddress | null> {
      // 404 means an unknown person or no declared address; the contract answers null for both.
      const wire = await http.getOrNull<WireResidence>(`${personPath(personalCode)}/residence`, ctx);
      return wire && toDeclaredAddress(wire);
    },
    async linkedPersonalCode(eidasIdentifier: string, ctx: CallContext): Promise<string | null> {
      // 404: the register links no Latvian person to this identifier.
      const wire = await http.getOrNull<WireEidasLink>(`eidas-identities/${encodeURIComponent(eidasIdentifier)}`, ctx);
      return wire && toLinkedPersonalCode(wire);
    },
    async declareResidence(personalCode: string, declaration: ResidenceDeclaration, ctx: CallContext): Promise<RecordedDeclaration> {
      // The idempotency key travels as the Idempotency-Key header: the register records a retried call once.
      const wire = await http.post<WireRecordedDeclaration>(
        `${personPath(personalCode)}/residence-declarations`,
        toWireDeclaration(declaration),
        ctx,
      );
      return toRecordedDeclaration(wire);
    },
    checkConfig: () => http.checkHealth('population-register'),
  };
}

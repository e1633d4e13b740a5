// Enterprise register role backed by the Register of Enterprises (UR) over HTTP
// (in development: simulators/enterprise-register).
import type { CallContext } from '../contracts/common';
import type { Company, EnterpriseRegister, Shareholding } from '../contracts/enterprise-register';
import { HttpJsonClient, type HttpAdapterOptions } from '../http-json';
import { toCompany, toShareholding, type WireCompany } from './mapping';

export const UR_ENTERPRISE_REGISTER = 'ur-enterprise-register';

export function createUrEnterpriseRegister(options: HttpAdapterOptions): EnterpriseRegister {
  const http = new HttpJsonClient(UR_ENTERPRISE_REGISTER, options);
  return {
    async getCompany(registrationNumber: string, ctx: CallContext): Promise<Company | null> {
      const wire = await http.getOrNull<WireCompany>(`legal-entities/${encodeURIComponent(registrationNumber)}`, ctx);
      return wire && toCompany(wire);
    },
    async companiesOfBoardMember(personalCode: string, ctx: CallContext): Promise<Company[]> {
      const query = new URLSearchParams({ officer: personalCode });
      const { items } = await http.get<{ items: WireCompany[] }>(`legal-entities?${query.toString()}`, ctx);
      return items.map(toCompany);
    },
    async shareholdingsOf(personalCode: string, ctx: CallContext): Promise<Shareholding[]> {
      const query = new URLSearchParams({ member: personalCode });
      const { items } = await http.get<{ items: WireCompany[] }>(`legal-entities?${query.toString()}`, ctx);
      return items.flatMap((wire) => toShareholding(wire, personalCode) ?? []);
    },
    checkConfig: () => http.checkHealth('enterprise-register'),
  };
}

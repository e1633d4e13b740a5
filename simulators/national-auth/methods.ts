// The authentication methods the national sign-in offers, with the level of assurance each reaches.
// `acr` is the eIDAS level-of-assurance URI; `amr` starts with the method's own name (so a relying party can count
// sign-ins per method) followed by RFC 8176 values describing the factors.
export type LevelOfAssurance = 'low' | 'substantial' | 'high';

export interface AuthMethod {
  id: 'eparaksts-mobile' | 'eid-card' | 'bank';
  labelLv: string;
  labelEn: string;
  level: LevelOfAssurance;
  amr: string[];
}

export const EIDAS_LOA_PREFIX = 'http://eidas.europa.eu/LoA/';
export const acrOf = (level: LevelOfAssurance) => `${EIDAS_LOA_PREFIX}${level}`;
const LEVEL_ORDER: LevelOfAssurance[] = ['low', 'substantial', 'high'];

export const authMethods: AuthMethod[] = [
  {
    id: 'eparaksts-mobile',
    labelLv: 'eParaksts mobile',
    labelEn: 'eParaksts mobile',
    level: 'high',
    amr: ['eparaksts-mobile', 'swk', 'pin', 'mfa'],
  },
  { id: 'eid-card', labelLv: 'eID karte', labelEn: 'eID card', level: 'high', amr: ['eid-card', 'sc', 'pin', 'mfa'] },
  { id: 'bank', labelLv: 'Internetbanka', labelEn: 'Bank authentication', level: 'substantial', amr: ['bank', 'pwd', 'otp', 'mfa'] },
];

/** The acr values the provider advertises (acr_values_supported). */
export const supportedAcrValues = [...new Set(authMethods.map((m) => acrOf(m.level)))];

/**
 * The methods that satisfy the request's `acr_values` (space-separated). eIDAS levels are minimums, so the lowest
 * level asked for admits every method at or above it; values other than eIDAS levels are ignored.
 */
export function methodsFor(acrValues: unknown): AuthMethod[] {
  const requested = (typeof acrValues === 'string' ? acrValues.split(' ') : [])
    .filter((value) => value.startsWith(EIDAS_LOA_PREFIX))
    .map((value) => LEVEL_ORDER.indexOf(value.slice(EIDAS_LOA_PREFIX.length) as LevelOfAssurance))
    .filter((rank) => rank >= 0);
  if (!requested.length) return authMethods;
  const minimum = Math.min(...requested);
  return authMethods.filter((method) => LEVEL_ORDER.indexOf(method.level) >= minimum);
}

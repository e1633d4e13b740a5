// Levels of assurance of a sign-in (eIDAS, Regulation 2015/1502): low < substantial < high. The national sign-in and
// the eIDAS node both state them as eIDAS LoA URIs in `acr`; cases and applications record the level's name.
export const LEVELS_OF_ASSURANCE = ['low', 'substantial', 'high'] as const;
export type LevelOfAssurance = (typeof LEVELS_OF_ASSURANCE)[number];

const EIDAS_LOA_PREFIX = 'http://eidas.europa.eu/LoA/';

/** The level an `acr` names, or null (no acr: a development persona or a staff account; an unknown value). */
export function levelOfAcr(acr: string | undefined | null): LevelOfAssurance | null {
  if (!acr?.startsWith(EIDAS_LOA_PREFIX)) return null;
  const level = acr.slice(EIDAS_LOA_PREFIX.length);
  return (LEVELS_OF_ASSURANCE as readonly string[]).includes(level) ? (level as LevelOfAssurance) : null;
}

/** Whether `level` is at least `minimum`. */
export function meetsLevel(level: LevelOfAssurance, minimum: LevelOfAssurance): boolean {
  return LEVELS_OF_ASSURANCE.indexOf(level) >= LEVELS_OF_ASSURANCE.indexOf(minimum);
}

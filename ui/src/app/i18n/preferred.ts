// The language a first-time visitor gets: the first of the browser's preferred languages (navigator.languages, in
// the order the person set) that the portal speaks, Latvian when none is. A language once chosen with the switch is
// kept in localStorage and wins over the browser's preference from then on.
export const LANGUAGES = ['lv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const isLanguage = (value: string | null | undefined): value is Language => LANGUAGES.some((l) => l === value);

/** The first supported language among BCP 47 tags ("en-GB" → en, "lv-LV" → lv), else Latvian. */
export function preferredLanguage(browserLanguages: readonly string[]): Language {
  for (const tag of browserLanguages) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return 'lv';
}

/** The chosen language if there is one, else the browser's preference. */
export function initialLanguage(chosen: string | null, browserLanguages: readonly string[]): Language {
  return isLanguage(chosen) ? chosen : preferredLanguage(browserLanguages);
}

// E-service forms carry bilingual titles ("Vārds / Given name"): the agency writes them once in the definition.
// Here the schema and UI schema are shown in the chosen language, and enum values get readable labels.
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { TFunction } from 'i18next';

export function pickLanguage(text: string, lang: 'lv' | 'en'): string {
  const parts = text.split(' / ');
  if (parts.length !== 2) return text;
  return lang === 'en' ? parts[1] : parts[0];
}

type Json = Record<string, unknown>;

export function localizeSchema(schema: RJSFSchema, lang: 'lv' | 'en'): RJSFSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node as Json)) {
      out[k] =
        (k === 'title' || k === 'description') && typeof v === 'string'
          ? pickLanguage(v, lang)
          : k === 'default' || k === 'const' || k === 'enum'
            ? v
            : walk(v);
    }
    return out;
  };
  return walk(schema) as RJSFSchema;
}

/** Adds `ui:enumNames` for enum values that have a translation (enum.<value>), picks the language of the
 * definition's own error messages (`ui:errorMessages`, "lv / en") and gives address fields ("x-address") the
 * address look-up. */
export function localizeUiSchema(schema: RJSFSchema, uiSchema: UiSchema, t: TFunction, lang: 'lv' | 'en' = 'lv'): UiSchema {
  const walk = (s: Json, ui: UiSchema): UiSchema => {
    const out: UiSchema = { ...ui };
    const props = (s.properties ?? {}) as Record<string, Json>;
    if (s['x-address'] && !ui['ui:field']) {
      out['ui:field'] = 'address';
      return out;
    }
    for (const [name, sub] of Object.entries(props)) {
      out[name] = walk(sub, (ui[name] ?? {}) as UiSchema);
    }
    const messages = ui['ui:errorMessages'] as Record<string, unknown> | undefined;
    if (messages && typeof messages === 'object') {
      out['ui:errorMessages'] = Object.fromEntries(
        Object.entries(messages).map(([k, v]) => [k, typeof v === 'string' ? pickLanguage(v, lang) : v]),
      );
    }
    if (Array.isArray(s.enum) && !ui['ui:enumNames']) {
      out['ui:enumNames'] = s.enum.map((v) => t(`enum.${String(v)}`, { defaultValue: String(v) }));
    }
    return out;
  };
  return walk(schema as Json, uiSchema);
}

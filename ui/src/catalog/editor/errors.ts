// The API's answers to a save, as error summary items linked to the editor's fields. Field-level details carry JSON
// pointers into the description ("/description/channels/1/phone", or "/body/description/…"); a channel's index is
// its place among the channels that were sent, so the order sent is needed to find its tab.
import type { TFunction } from 'i18next';
import { ApiError, type ErrorDetail } from '../../app/api/client';
import type { SummaryItem } from '../../app/components/ErrorSummary';
import { pointerSegments } from '../format';
import type { ChannelType } from '../types';

const GROUPS = new Set(['thematicAreas', 'lifeEvents', 'businessEvents', 'municipalities', 'relatedServices']);
const ITEM_LISTS = new Set(['requirements', 'evidence', 'outputs', 'legalBasis']);
const CHANNEL_TEXT = new Set(['phone', 'email', 'postalAddress', 'eserviceUrl']);

/** The id of the field a pointer names (null when it names nothing the form shows). */
export function fieldIdOf(pointer: string, channelOrder: ChannelType[]): string | null {
  const [s0, s1, s2, s3, s4] = pointerSegments(pointer);
  if (s0 === 'id' || s0 === 'sector') return `f-${s0}`;
  if (s0 === 'title' || s0 === 'description' || s0 === 'keywords') return `f-${s0}-${s1 === 'en' ? 'en' : 'lv'}`;
  if (GROUPS.has(s0)) return `f-${s0}`;
  if (ITEM_LISTS.has(s0)) {
    if (s1 === undefined) return `f-${s0}-add`;
    if (s2 === 'id' || s2 === 'url') return `f-${s0}-${s1}-${s2}`;
    const field = s2 ?? (s0 === 'legalBasis' ? 'title' : 'name');
    return `f-${s0}-${s1}-${field}-${s3 === 'en' ? 'en' : 'lv'}`;
  }
  if (s0 === 'channels') {
    const type = s1 === undefined ? undefined : channelOrder[Number(s1)];
    if (!type) return 'f-channels';
    const ch = `f-ch-${type}`;
    if (s2 === undefined || s2 === 'type') return `${ch}-enabled`;
    if (s2 === 'steps') return `${ch}-steps-${s3 ?? 0}-${s4 === 'en' ? 'en' : 'lv'}`;
    if (s2 === 'cost') return s3 === 'description' ? `${ch}-costNote-${s4 === 'en' ? 'en' : 'lv'}` : `${ch}-cost`;
    if (s2 === 'processingTime') return `${ch}-time`;
    if (s2 === 'hours') return `${ch}-hours-${s3 === 'en' ? 'en' : 'lv'}`;
    if (s2 === 'evidence' || s2 === 'offices' || CHANNEL_TEXT.has(s2)) return `${ch}-${s2}`;
  }
  return null;
}

/** "Tālrunis: tālruņa numurs", "Prasības 2: nosaukums (latviski)". */
export function fieldLabelOf(pointer: string, channelOrder: ChannelType[], t: TFunction): string {
  const [s0, s1, s2, s3, s4] = pointerSegments(pointer);
  const lang = (s: string | undefined) => (s === 'lv' || s === 'en' ? ` (${t(`catalog.lang.${s}`)})` : '');
  if (s0 === 'channels') {
    const type = s1 === undefined ? undefined : channelOrder[Number(s1)];
    if (!type) return t('catalog.editor.channels');
    const name = t(`channel.${type}`);
    if (s2 === undefined || s2 === 'type') return name;
    if (s2 === 'steps') return `${name}: ${t('catalog.channelFields.step', { n: Number(s3 ?? 0) + 1 })}${lang(s4)}`;
    if (s2 === 'cost')
      return `${name}: ${t(s3 === 'description' ? 'catalog.channelFields.costNote' : 'catalog.channelFields.cost')}${lang(s4)}`;
    const key = s2 === 'processingTime' ? 'time' : s2;
    return `${name}: ${t(`catalog.channelFields.${key}`, { defaultValue: s2 })}${lang(s3)}`;
  }
  if (ITEM_LISTS.has(s0) && s1 !== undefined) {
    const field = s2 === undefined ? '' : `: ${t(`catalog.item.${s2}`, { defaultValue: s2 })}${lang(s3)}`;
    return `${t(`catalog.fields.${s0}`)} ${Number(s1) + 1}${field}`;
  }
  return `${t(`catalog.fields.${s0}`, { defaultValue: s0 })}${GROUPS.has(s0) ? '' : lang(s1)}`;
}

const limitOf = (message: string) => Number(/(\d+)/.exec(message)?.[1] ?? 0);

function messageOf(d: ErrorDetail, t: TFunction): string {
  const [s0, , s2] = pointerSegments(d.path ?? '');
  const last =
    pointerSegments(d.path ?? '')
      .filter((s) => !/^\d+$/.test(s) && s !== 'lv' && s !== 'en')
      .pop() ?? '';
  switch (d.code) {
    case 'required':
      return t('errors.keyword.required');
    case 'minLength':
      return limitOf(d.message) <= 1 ? t('errors.keyword.required') : t('errors.keyword.minLength', { limit: limitOf(d.message) });
    case 'maxLength':
      return t('errors.keyword.maxLength', { limit: limitOf(d.message) });
    case 'minItems':
      return t(`catalog.errors.minItems.${s0 === 'channels' ? (s2 ?? 'channels') : s0}`, {
        defaultValue: t('catalog.errors.minItems.other'),
      });
    case 'type':
    case 'minimum':
    case 'maximum':
    case 'multipleOf':
      return last === 'amountEur' ? t('catalog.errors.amount') : t('errors.keyword.type');
    case 'pattern':
    case 'format':
      return t(`catalog.errors.format.${last === 'processingTime' ? 'time' : last}`, { defaultValue: t('errors.keyword.pattern') });
    default:
      return t(`catalog.errors.codes.${d.code}`, { defaultValue: d.message });
  }
}

/** The summary for a failed save; the fields show the same messages next to them. */
export function summaryOf(e: unknown, channelOrder: ChannelType[], t: TFunction): SummaryItem[] {
  if (!(e instanceof ApiError)) return [{ fieldId: null, label: '', message: t('errors.generic') }];
  if (e.code === 'service_exists' || e.code === 'service_id_taken')
    return [{ fieldId: 'f-id', label: t('catalog.fields.id'), message: t(`catalog.errors.codes.${e.code}`) }];
  if (e.details.length === 0 || (e.status !== 400 && e.status !== 422)) {
    return [{ fieldId: null, label: '', message: t(`catalog.errors.codes.${e.code}`, { defaultValue: t('errors.generic') }) }];
  }
  const items: SummaryItem[] = [];
  for (const d of e.details) {
    if (d.code === 'if') continue; // ajv's "must match then": the detail under it says what
    const fieldId = fieldIdOf(d.path ?? '', channelOrder);
    const item = { fieldId, label: fieldLabelOf(d.path ?? '', channelOrder, t), message: messageOf(d, t) };
    if (!items.some((i) => i.fieldId === item.fieldId && i.message === item.message)) items.push(item);
  }
  return items;
}

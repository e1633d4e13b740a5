// The editor's form state and its conversion to and from the description document. Items keep an internal key, so
// a channel's evidence checkboxes keep pointing at the same document while its id is being typed. Field ids follow
// the document's JSON pointers, so an API error's path finds its field.
import { CHANNEL_TYPES, type ChannelDescription, type ChannelType, type ServiceDescription } from '../types';

export interface Pair {
  lv: string;
  en: string;
}
export interface ItemDraft {
  key: string;
  id: string;
  name: Pair;
  description: Pair;
}
export interface LegalDraft {
  key: string;
  id: string;
  title: Pair;
  url: string;
}
export type TimeUnit = 'minute' | 'hour' | 'day' | 'week' | 'month';
export const TIME_UNITS: readonly TimeUnit[] = ['minute', 'hour', 'day', 'week', 'month'];

export interface ChannelDraft {
  enabled: boolean;
  steps: Pair[];
  evidence: string[];
  cost: string;
  costNote: Pair;
  time: string;
  unit: TimeUnit;
  offices: string[];
  phone: string;
  email: string;
  postalAddress: string;
  hours: Pair;
  eserviceUrl: string;
}

export interface EditorState {
  id: string;
  title: Pair;
  description: Pair;
  sector: string;
  thematicAreas: string[];
  lifeEvents: string[];
  businessEvents: string[];
  keywords: Pair;
  requirements: ItemDraft[];
  evidence: ItemDraft[];
  outputs: ItemDraft[];
  legalBasis: LegalDraft[];
  relatedServices: string[];
  municipalities: string[];
  channels: Record<ChannelType, ChannelDraft>;
}

export type ItemListName = 'requirements' | 'evidence' | 'outputs';

const pair = (p?: Pair | null): Pair => ({ lv: p?.lv ?? '', en: p?.en ?? '' });
let seq = 0;
export const newKey = () => `~${(seq += 1)}`; // never a slug, so never an id of a loaded item
export const emptyItem = (): ItemDraft => ({ key: newKey(), id: '', name: pair(), description: pair() });
export const emptyLegal = (): LegalDraft => ({ key: newKey(), id: '', title: pair(), url: '' });

function emptyChannel(): ChannelDraft {
  return {
    enabled: false,
    steps: [pair()],
    evidence: [],
    cost: '',
    costNote: pair(),
    time: '',
    unit: 'day',
    offices: [],
    phone: '',
    email: '',
    postalAddress: '',
    hours: pair(),
    eserviceUrl: '',
  };
}

export function emptyState(): EditorState {
  return {
    id: '',
    title: pair(),
    description: pair(),
    sector: '',
    thematicAreas: [],
    lifeEvents: [],
    businessEvents: [],
    keywords: pair(),
    requirements: [],
    evidence: [],
    outputs: [],
    legalBasis: [],
    relatedServices: [],
    municipalities: [],
    channels: Object.fromEntries(CHANNEL_TYPES.map((c) => [c, emptyChannel()])) as Record<ChannelType, ChannelDraft>,
  };
}

// ---- processing time: one number and a unit in the form, an ISO 8601 duration in the document ----

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function parseDuration(iso: string): { time: string; unit: TimeUnit } {
  const m = DURATION.exec(iso);
  if (!m) return { time: '', unit: 'day' };
  const [y, mo, w, d, h, mi] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (y && !mo && !w && !d && !h && !mi) return { time: String(y * 12), unit: 'month' };
  if (mo && !w && !d && !h && !mi) return { time: String(mo + y * 12), unit: 'month' };
  if (h || mi) {
    if (!y && !mo && !w && !d) return mi ? { time: String(h * 60 + mi), unit: 'minute' } : { time: String(h), unit: 'hour' };
  }
  if (w && !d) return { time: String(w), unit: 'week' };
  return { time: String(y * 365 + mo * 30 + w * 7 + d), unit: 'day' };
}

export function toDuration(time: string, unit: TimeUnit): string {
  const n = time.trim();
  if (!/^\d+$/.test(n)) return n; // the schema's pattern reports it
  return { minute: `PT${n}M`, hour: `PT${n}H`, day: `P${n}D`, week: `P${n}W`, month: `P${n}M` }[unit];
}

// ---- document → form ----

export function fromDescription(d: ServiceDescription): EditorState {
  const items = (list: ServiceDescription['requirements']): ItemDraft[] =>
    list.map((i) => ({ key: i.id, id: i.id, name: pair(i.name), description: pair(i.description) }));
  const state = emptyState();
  for (const c of d.channels) {
    state.channels[c.type] = {
      ...emptyChannel(),
      enabled: true,
      steps: c.steps.length ? c.steps.map(pair) : [pair()],
      evidence: [...c.evidence],
      cost: c.cost ? String(c.cost.amountEur) : '',
      costNote: pair(c.cost?.description),
      ...parseDuration(c.processingTime),
      offices: c.offices ?? [],
      phone: c.phone ?? '',
      email: c.email ?? '',
      postalAddress: c.postalAddress ?? '',
      hours: pair(c.hours),
      eserviceUrl: c.eserviceUrl ?? '',
    };
  }
  return {
    ...state,
    id: d.id,
    title: pair(d.title),
    description: pair(d.description),
    sector: d.sector,
    thematicAreas: [...d.thematicAreas],
    lifeEvents: [...d.lifeEvents],
    businessEvents: [...d.businessEvents],
    keywords: { lv: d.keywords.lv.join(', '), en: d.keywords.en.join(', ') },
    requirements: items(d.requirements),
    evidence: items(d.evidence),
    outputs: items(d.outputs),
    legalBasis: d.legalBasis.map((l) => ({ key: l.id, id: l.id, title: pair(l.title), url: l.url ?? '' })),
    relatedServices: [...d.relatedServices],
    municipalities: [...d.municipalities],
  };
}

// ---- form → document ----

/** "Personu apliecinošs dokuments" → "personu-apliecinoss-dokuments": an item's id when none was typed. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

const trimPair = (p: Pair): Pair => ({ lv: p.lv.trim(), en: p.en.trim() });
const filled = (p: Pair) => p.lv.trim() !== '' || p.en.trim() !== '';
const words = (s: string) =>
  s
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

export function itemId(item: ItemDraft | LegalDraft, index: number, prefix: string): string {
  if (item.id.trim()) return item.id.trim();
  const name = 'name' in item ? item.name : item.title;
  return slugify(name.lv || name.en) || `${prefix}-${index + 1}`;
}

function toChannel(type: ChannelType, c: ChannelDraft, evidenceIds: Map<string, string>): ChannelDescription {
  const amount = c.cost.trim().replace(',', '.');
  const channel: ChannelDescription = {
    type,
    steps: c.steps.map(trimPair),
    evidence: c.evidence.flatMap((key) => (evidenceIds.has(key) ? [evidenceIds.get(key) as string] : [])),
    processingTime: toDuration(c.time, c.unit),
  };
  // A number that does not parse is sent as typed: the schema names the field.
  if (amount)
    channel.cost = {
      amountEur: /^\d+(\.\d+)?$/.test(amount) ? Number(amount) : (amount as unknown as number),
      ...(filled(c.costNote) ? { description: trimPair(c.costNote) } : {}),
    };
  if (type === 'eservice') channel.eserviceUrl = c.eserviceUrl.trim();
  if (type === 'in_person' || type === 'post') {
    if (type === 'in_person' || c.offices.length > 0) channel.offices = c.offices;
  }
  if (type === 'phone') channel.phone = c.phone.trim();
  if (type === 'email') channel.email = c.email.trim();
  if (type === 'post') channel.postalAddress = c.postalAddress.trim();
  if ((type === 'phone' || type === 'email') && filled(c.hours)) channel.hours = trimPair(c.hours);
  return channel;
}

export function toDescription(s: EditorState): { description: ServiceDescription; channelOrder: ChannelType[] } {
  const items = (list: ItemDraft[], prefix: string) =>
    list.map((i, n) => ({
      id: itemId(i, n, prefix),
      name: trimPair(i.name),
      ...(filled(i.description) ? { description: trimPair(i.description) } : {}),
    }));
  const evidence = items(s.evidence, 'evidence');
  const evidenceIds = new Map(s.evidence.map((i, n) => [i.key, evidence[n].id]));
  const channelOrder = CHANNEL_TYPES.filter((c) => s.channels[c].enabled);
  return {
    channelOrder,
    description: {
      id: s.id.trim(),
      title: trimPair(s.title),
      description: trimPair(s.description),
      sector: s.sector,
      thematicAreas: s.thematicAreas,
      lifeEvents: s.lifeEvents,
      businessEvents: s.businessEvents,
      keywords: { lv: words(s.keywords.lv), en: words(s.keywords.en) },
      requirements: items(s.requirements, 'requirement'),
      evidence,
      outputs: items(s.outputs, 'output'),
      legalBasis: s.legalBasis.map((l, n) => ({
        id: itemId(l, n, 'act'),
        title: trimPair(l.title),
        ...(l.url.trim() ? { url: l.url.trim() } : {}),
      })),
      relatedServices: s.relatedServices,
      municipalities: s.municipalities,
      channels: channelOrder.map((c) => toChannel(c, s.channels[c], evidenceIds)),
    },
  };
}

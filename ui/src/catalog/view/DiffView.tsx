// What changed between two versions: one row per change with the field in words and both sides. The API compares
// lists of items by their id (channels by type), so a path reads like "Kanāli › Tālrunis › phone".
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Change } from '../types';

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
const CHANNELS = new Set(['eservice', 'in_person', 'phone', 'email', 'post']);

function pathLabel(path: string, t: TFunction): string {
  const [first, ...rest] = path.split('/').slice(1).map(unescape);
  const parts = [t(`catalog.fields.${first}`, { defaultValue: first })];
  for (const s of rest) {
    if (s === 'lv' || s === 'en') parts.push(t(`catalog.lang.${s}`));
    else if (CHANNELS.has(s)) parts.push(t(`channel.${s}`));
    else if (/^\d+$/.test(s)) parts.push(String(Number(s) + 1));
    else parts.push(t(`catalog.channelFields.${s}`, { defaultValue: t(`catalog.item.${s}`, { defaultValue: s }) }));
  }
  return parts.join(' › ');
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  const o = value as Record<string, unknown>;
  if (typeof o.lv === 'string' && typeof o.en === 'string' && Object.keys(o).length === 2) return `${o.lv} / ${o.en}`;
  return JSON.stringify(value);
}

export function DiffView({ changes, from, to }: { changes: Change[]; from: number; to: number }) {
  const { t } = useTranslation();
  if (changes.length === 0)
    return (
      <p role="status" data-testid="diff-empty">
        {t('catalog.diff.none', { from, to })}
      </p>
    );
  return (
    <table className="tasks diff" data-testid="diff">
      <caption>{t('catalog.diff.caption', { from, to, count: changes.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('catalog.diff.field')}</th>
          <th scope="col">{t('catalog.diff.before', { version: from })}</th>
          <th scope="col">{t('catalog.diff.after', { version: to })}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.op}-${c.path}`} data-path={c.path} data-op={c.op}>
            <th scope="row">
              {pathLabel(c.path, t)}
              <div className="muted">{t(`catalog.diff.op.${c.op}`)}</div>
            </th>
            <td>{c.op === 'add' ? '—' : <del>{show(c.from)}</del>}</td>
            <td>{c.op === 'remove' ? '—' : <ins>{show(c.to)}</ins>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

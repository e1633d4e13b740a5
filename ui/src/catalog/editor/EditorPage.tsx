// The description editor (agency administrators): a new service (POST) or a new version of an existing one (PUT
// with the version it was based on). The API's field errors appear in an error summary linked to the fields — a
// link into a channel that is not shown first opens its tab — and a change made meanwhile by someone else (409
// stale_version) is said in words.
import { useEffect, useMemo, useState, type FormEvent, type MouseEvent } from 'react';
import { flushSync } from 'react-dom';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import { Alert, Loading } from '../../app/components/Alert';
import { ErrorSummary, type SummaryItem } from '../../app/components/ErrorSummary';
import { usePageTitle } from '../../app/components/usePageTitle';
import { useLocalized } from '../../app/i18n/useLocalized';
import { AGENCY_BASE, loadOffices, loadServices, loadTaxonomy, useLoaded } from '../reference';
import { CHANNEL_TYPES, type CatalogEntryDetail, type ChannelType, type SavedVersion } from '../types';
import { ChannelsEditor } from './ChannelsEditor';
import { summaryOf } from './errors';
import { FieldErrors, TextField } from './Fields';
import { GeneralFields } from './GeneralFields';
import { ItemListEditor, LegalBasisEditor } from './ItemLists';
import { emptyState, fromDescription, toDescription, type ChannelDraft, type EditorState } from './model';
import '../catalog.css';

const IN_REVIEW = new Set(['agency_review', 'catalogue_review']);

export function EditorPage() {
  const { id } = useParams();
  const creating = !id;
  const { t } = useTranslation();
  const loc = useLocalized();
  const navigate = useNavigate();
  const taxonomy = useLoaded(loadTaxonomy);
  const offices = useLoaded(loadOffices);
  const services = useLoaded(loadServices);
  const [entry, setEntry] = useState<CatalogEntryDetail | null>(null);
  const [state, setState] = useState<EditorState | null>(creating ? emptyState() : null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [channel, setChannel] = useState<ChannelType>('eservice');
  const title = creating ? t('catalog.editor.newTitle') : t('catalog.editor.editTitle', { title: entry ? loc(entry.title) : '' });
  usePageTitle(title);

  useEffect(() => {
    if (creating) return;
    api<CatalogEntryDetail>(`${AGENCY_BASE}/${encodeURIComponent(id)}`).then(
      (e) => {
        setEntry(e);
        setState(fromDescription(e.document));
        setChannel(CHANNEL_TYPES.find((c) => e.document.channels.some((ch) => ch.type === c)) ?? 'eservice');
      },
      (e: unknown) => setLoadError(e instanceof ApiError && e.status === 404 ? t('catalog.entry.notFound') : t('errors.generic')),
    );
  }, [creating, id, t]);

  const errorOf = useMemo(() => (fieldId: string) => errors.find((e) => e.fieldId === fieldId)?.message, [errors]);
  const channelsWithErrors = useMemo(
    () =>
      new Set(
        errors.flatMap((e) => {
          const m = /^f-ch-([a-z_]+?)-/.exec(e.fieldId ?? '');
          return m ? [m[1]] : [];
        }),
      ),
    [errors],
  );

  const patch = (change: Partial<EditorState>) => setState((s) => (s ? { ...s, ...change } : s));
  const patchChannel = (type: ChannelType, change: Partial<ChannelDraft>) =>
    setState((s) => (s ? { ...s, channels: { ...s.channels, [type]: { ...s.channels[type], ...change } } } : s));

  // A link in the error summary to a field in a hidden tab: open the tab before the link focuses the field.
  const openTabOfLink = (e: MouseEvent) => {
    const href = (e.target as HTMLElement).closest('.error-summary a')?.getAttribute('href') ?? '';
    const m = /^#f-ch-([a-z_]+?)-/.exec(href);
    if (m && CHANNEL_TYPES.includes(m[1] as ChannelType)) flushSync(() => setChannel(m[1] as ChannelType));
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!state) return;
    const { description, channelOrder } = toDescription(state);
    setBusy(true);
    try {
      const saved = creating
        ? await api<SavedVersion>(AGENCY_BASE, { body: { description } })
        : await api<SavedVersion>(`${AGENCY_BASE}/${encodeURIComponent(description.id)}`, {
            method: 'PUT',
            body: { baseVersion: entry?.latestVersion, description, ...(comment.trim() ? { comment: comment.trim() } : {}) },
          });
      void navigate(`/agency/catalog/${encodeURIComponent(saved.serviceId)}`, { state: { saved: saved.version } });
    } catch (err) {
      const items = summaryOf(err, channelOrder, t);
      setErrors(items);
      const first = items.find((i) => i.fieldId?.startsWith('f-ch-'));
      const type = first ? /^f-ch-([a-z_]+?)-/.exec(first.fieldId as string)?.[1] : undefined;
      if (type && !items.some((i) => i.fieldId?.startsWith(`f-ch-${channel}-`))) setChannel(type as ChannelType);
      setBusy(false);
    }
  };

  const ready = state && taxonomy.value && offices.value && services.value;
  const failed = loadError ?? (taxonomy.failed || offices.failed || services.failed ? t('errors.generic') : null);
  const locked = entry && IN_REVIEW.has(entry.stage);
  return (
    <>
      <p>
        <Link to={creating ? '/agency/catalog' : `/agency/catalog/${encodeURIComponent(id)}`}>{t('catalog.editor.back')}</Link>
      </p>
      <h1>{title}</h1>
      {entry && <p className="muted">{t('catalog.editor.basedOn', { version: entry.latestVersion })}</p>}
      {failed && <Alert kind="error">{failed}</Alert>}
      {!ready && !failed && <Loading />}
      {locked && <Alert kind="info">{t('catalog.editor.locked')}</Alert>}
      {ready && !locked && (
        <div onClickCapture={openTabOfLink}>
          <ErrorSummary items={errors} />
          <FieldErrors.Provider value={errorOf}>
            <form noValidate onSubmit={(e) => void save(e)} className="catalog-editor" data-testid="catalog-editor">
              <GeneralFields state={state} patch={patch} creating={creating} taxonomy={taxonomy.value!} services={services.value!} />
              <ItemListEditor name="requirements" items={state.requirements} onChange={(requirements) => patch({ requirements })} />
              <ItemListEditor name="evidence" items={state.evidence} onChange={(evidence) => patch({ evidence })} />
              <ItemListEditor name="outputs" items={state.outputs} onChange={(outputs) => patch({ outputs })} />
              <LegalBasisEditor items={state.legalBasis} onChange={(legalBasis) => patch({ legalBasis })} />
              <ChannelsEditor
                state={state}
                onChange={patchChannel}
                offices={offices.value!}
                selected={channel}
                onSelect={setChannel}
                channelsWithErrors={channelsWithErrors}
              />
              {!creating && (
                <TextField
                  id="f-comment"
                  label={t('catalog.editor.comment')}
                  hint={t('catalog.editor.commentHint')}
                  multiline
                  value={comment}
                  onChange={setComment}
                />
              )}
              <div className="actions">
                <button type="submit" className="primary" disabled={busy}>
                  {busy ? t('catalog.editor.saving') : t('catalog.editor.save')}
                </button>
                <Link to={creating ? '/agency/catalog' : `/agency/catalog/${encodeURIComponent(id)}`}>{t('common.cancel')}</Link>
              </div>
            </form>
          </FieldErrors.Provider>
        </div>
      )}
    </>
  );
}

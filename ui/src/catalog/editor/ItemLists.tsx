// Repeatable item lists of the editor: requirements, evidence and outputs (an id, a name and an optional
// description in both languages) and the legal basis (an id, a title and a link). Adding an item moves the focus
// to its first field; removing one moves it to the list's Add button.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PairFields, TextField } from './Fields';
import { emptyItem, emptyLegal, type ItemDraft, type ItemListName, type LegalDraft } from './model';

function useFocusAfterChange(count: number, firstFieldId: (index: number) => string, addId: string) {
  const previous = useRef(count);
  useEffect(() => {
    if (count > previous.current) document.getElementById(firstFieldId(count - 1))?.focus();
    else if (count < previous.current) document.getElementById(addId)?.focus();
    previous.current = count;
  }, [count, firstFieldId, addId]);
}

export function ItemListEditor({
  name,
  items,
  onChange,
}: {
  name: ItemListName;
  items: ItemDraft[];
  onChange: (items: ItemDraft[]) => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, change: Partial<ItemDraft>) => onChange(items.map((item, j) => (j === i ? { ...item, ...change } : item)));
  useFocusAfterChange(items.length, (i) => `f-${name}-${i}-name-lv`, `f-${name}-add`);
  return (
    <section aria-labelledby={`${name}-heading`} className="item-list">
      <h2 id={`${name}-heading`}>{t(`catalog.fields.${name}`)}</h2>
      <p className="field-description">{t(`catalog.editor.hints.${name}`)}</p>
      {items.map((item, i) => (
        <fieldset key={item.key} className="item" data-item={`${name}-${i}`}>
          <legend>{t(`catalog.editor.itemName.${name}`, { n: i + 1 })}</legend>
          <PairFields
            idBase={`f-${name}-${i}-name`}
            legend={t('catalog.item.name')}
            value={item.name}
            onChange={(v) => set(i, { name: v })}
          />
          <PairFields
            idBase={`f-${name}-${i}-description`}
            legend={t('catalog.item.descriptionOptional')}
            multiline
            value={item.description}
            onChange={(v) => set(i, { description: v })}
          />
          <TextField
            id={`f-${name}-${i}-id`}
            label={t('catalog.item.id')}
            hint={t('catalog.editor.itemIdHint')}
            value={item.id}
            onChange={(v) => set(i, { id: v })}
            className="narrow"
          />
          <button type="button" className="secondary" onClick={() => onChange(items.filter((_, j) => j !== i))}>
            {t('catalog.editor.removeNamed', { name: t(`catalog.editor.itemName.${name}`, { n: i + 1 }) })}
          </button>
        </fieldset>
      ))}
      <button type="button" id={`f-${name}-add`} className="secondary" onClick={() => onChange([...items, emptyItem()])}>
        {t(`catalog.editor.add.${name}`)}
      </button>
    </section>
  );
}

export function LegalBasisEditor({ items, onChange }: { items: LegalDraft[]; onChange: (items: LegalDraft[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, change: Partial<LegalDraft>) => onChange(items.map((item, j) => (j === i ? { ...item, ...change } : item)));
  useFocusAfterChange(items.length, (i) => `f-legalBasis-${i}-title-lv`, 'f-legalBasis-add');
  return (
    <section aria-labelledby="legalBasis-heading" className="item-list">
      <h2 id="legalBasis-heading">{t('catalog.fields.legalBasis')}</h2>
      {items.map((item, i) => (
        <fieldset key={item.key} className="item" data-item={`legalBasis-${i}`}>
          <legend>{t('catalog.editor.itemName.legalBasis', { n: i + 1 })}</legend>
          <PairFields
            idBase={`f-legalBasis-${i}-title`}
            legend={t('catalog.item.title')}
            value={item.title}
            onChange={(v) => set(i, { title: v })}
          />
          <TextField
            id={`f-legalBasis-${i}-url`}
            label={t('catalog.item.url')}
            hint={t('catalog.editor.urlHint')}
            type="url"
            value={item.url}
            onChange={(v) => set(i, { url: v })}
          />
          <TextField
            id={`f-legalBasis-${i}-id`}
            label={t('catalog.item.id')}
            hint={t('catalog.editor.itemIdHint')}
            value={item.id}
            onChange={(v) => set(i, { id: v })}
            className="narrow"
          />
          <button type="button" className="secondary" onClick={() => onChange(items.filter((_, j) => j !== i))}>
            {t('catalog.editor.removeNamed', { name: t('catalog.editor.itemName.legalBasis', { n: i + 1 }) })}
          </button>
        </fieldset>
      ))}
      <button type="button" id="f-legalBasis-add" className="secondary" onClick={() => onChange([...items, emptyLegal()])}>
        {t('catalog.editor.add.legalBasis')}
      </button>
    </section>
  );
}

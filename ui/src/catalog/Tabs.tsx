// Accessible tabs (WAI-ARIA Authoring Practices): a tablist of buttons, the arrow keys, Home and End move between
// tabs and select them, only the selected tab is in the tab order, and each panel is labelled by its tab. Every panel
// is rendered (the others hidden), so aria-controls always names an element and form fields keep their state.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec {
  id: string;
  label: ReactNode;
  marker?: ReactNode;
}

export function Tabs({
  idPrefix,
  label,
  tabs,
  selected,
  onSelect,
  panel,
}: {
  idPrefix: string;
  label: string;
  tabs: TabSpec[];
  selected: string;
  onSelect: (id: string) => void;
  panel: (id: string) => ReactNode;
}) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const move = (e: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const next =
      e.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : e.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    onSelect(tabs[next].id);
    refs.current[tabs[next].id]?.focus();
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tab-list">
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-controls={`${idPrefix}-panel-${tab.id}`}
            aria-selected={tab.id === selected}
            tabIndex={tab.id === selected ? 0 : -1}
            data-tab={tab.id}
            ref={(el) => {
              refs.current[tab.id] = el;
            }}
            onClick={() => onSelect(tab.id)}
            onKeyDown={(e) => move(e, i)}
          >
            {tab.label}
            {tab.marker}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${idPrefix}-panel-${tab.id}`}
          aria-labelledby={`${idPrefix}-tab-${tab.id}`}
          tabIndex={0}
          className="tab-panel"
          hidden={tab.id !== selected}
          data-panel={tab.id}
        >
          {panel(tab.id)}
        </div>
      ))}
    </div>
  );
}

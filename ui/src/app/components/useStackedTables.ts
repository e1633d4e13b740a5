// Tables on a phone: below 40rem every data table (table.tasks) is drawn as stacked rows, one card per row, each
// cell led by its column's heading (styles.css, `td::before { content: attr(data-label) }`). This hook writes those
// labels: it copies each column heading's text onto the cells of that column, for every table in the container,
// now and whenever a page renders new rows. Pages keep ordinary tables; nothing to add per page. It also states each
// element's table role explicitly: a table drawn with display: block loses its implicit roles in browsers, and
// screen readers would no longer announce rows, cells and their column headings.
import { useEffect, type RefObject } from 'react';

const TABLES = 'table.tasks';

const setRole = (el: Element, role: string) => {
  if (!el.hasAttribute('role')) el.setAttribute('role', role);
};

/** The roles a table has anyway, written out so that they survive the stacked layout. */
function keepTableRoles(table: HTMLTableElement): void {
  setRole(table, 'table');
  for (const group of [table.tHead, ...table.tBodies, table.tFoot]) {
    if (!group) continue;
    setRole(group, 'rowgroup');
    for (const row of group.rows) {
      setRole(row, 'row');
      for (const cell of row.cells) {
        const scope = cell.getAttribute('scope');
        if (cell.tagName === 'TD') setRole(cell, 'cell');
        else if (group === table.tHead || scope === 'col') setRole(cell, 'columnheader');
        else if (scope === 'row') setRole(cell, 'rowheader');
        // A heading cell without a scope in the body keeps the role the browser infers for it.
      }
    }
  }
}

/** Writes data-label on each body cell from its column heading (colspan counted); existing labels are kept. */
export function labelTableCells(root: ParentNode): void {
  for (const table of root.querySelectorAll<HTMLTableElement>(TABLES)) {
    keepTableRoles(table);
    const headings: string[] = [];
    for (const th of table.tHead?.rows[0]?.cells ?? []) {
      const text = (th.textContent ?? '').trim();
      for (let i = 0; i < th.colSpan; i++) headings.push(text);
    }
    if (headings.length === 0) continue;
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const heading = headings[column];
          if (heading && cell.dataset.label !== heading) cell.dataset.label = heading;
          column += cell.colSpan;
        }
      }
    }
  }
}

export function useStackedTables(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return undefined;
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        labelTableCells(root);
      });
    };
    labelTableCells(root);
    const observer = new MutationObserver(schedule);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [container]);
}

// The HTML the identity simulators' pages share: escaping and one accessible page shell (language, title, heading).
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.4}
fieldset{border:1px solid #767676;border-radius:.3rem;margin:0 0 1rem;padding:.5rem 1rem 1rem;min-width:0}legend{font-weight:600}
label{display:block;margin:.35rem 0}select{font-size:1rem;padding:.3rem;max-width:100%}
button{font-size:1rem;padding:.6rem 1.2rem;border:2px solid #1d3b6f;border-radius:.3rem;background:#1d3b6f;color:#fff;cursor:pointer;margin:0 .5rem .5rem 0}
button.secondary{background:#fff;color:#1d3b6f}button:focus-visible,select:focus-visible,input:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.en{color:#444}.note{font-size:.9rem;color:#444}`;

/** A complete page; `title` and `heading` are plain text, `body` is HTML. Latvian first, English beside it. */
export function page(title: string, heading: string, body: string): string {
  return `<!doctype html>
<html lang="lv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style>
</head><body><main>
<h1>${escapeHtml(heading)}</h1>
${body}
</main></body></html>`;
}

/** Latvian text with its English translation marked as English for screen readers. */
export const bilingual = (lv: string, en: string) => `${escapeHtml(lv)} <span lang="en" class="en">/ ${escapeHtml(en)}</span>`;

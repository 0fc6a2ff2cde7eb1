// escapeHtml.ts: text and attribute escaping for the report's HTML and SVG.

/** `s` with &, <, >, " and ' escaped, safe in HTML/SVG text and in double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

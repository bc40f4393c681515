// CSV of search results, made in the browser from the items fetched. RFC 4180 quoting; a
// cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
// apostrophe, since customers' words are untrusted. Pure: the tests import it.
import type { SearchItem } from './api/types.ts';

export function csvCell(value: unknown): string {
  let s = value === undefined || value === null ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: ReadonlyArray<readonly unknown[]>): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const exportColumns = ['id', 'createdAt', 'source', 'channel', 'language', 'sentiment', 'sentimentScore', 'rating', 'scale', 'score', 'customerId', 'segment', 'lifetimeValue', 'productId', 'productName', 'version', 'issues', 'keyphrases', 'tags', 'title', 'text'] as const;

export function searchCsv(items: readonly SearchItem[]): string {
  return toCsv([
    exportColumns,
    ...items.map((d) => [
      d.id,
      d.createdAt,
      d.source,
      d.channel,
      d.language,
      d.sentiment?.label,
      d.sentiment?.score,
      d.rating,
      d.scale,
      d.score,
      d.customer?.id,
      d.customer?.segment,
      d.customer?.lifetimeValue,
      d.product?.id,
      d.product?.name,
      d.product?.version,
      (d.issues ?? []).map((i) => i.id),
      d.keyphrases ?? [],
      d.tags ?? [],
      d.title,
      d.text,
    ]),
  ]);
}

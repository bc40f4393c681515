// The human-readable end of `voc import` (stdout): the figures of the run and, above all,
// what to do next: fix rejected rows, or re-run after a failure (always safe, as feedback
// ids are deterministic). `--json` prints the ImportSummary object itself instead.
import type { ImportSummary } from './import-file.ts';

const n = (value: number) => value.toLocaleString('en-US');

export function formatSummary(s: ImportSummary): string {
  const sources = Object.entries(s.bySource)
    .sort(([, a], [, b]) => b - a)
    .map(([source, count]) => `${source} ${n(count)}`)
    .join(', ');
  const rows: Array<[string, string, string?]> = [
    ['rows read', n(s.rowsRead)],
    s.dryRun ? ['valid', n(s.valid), 'dry run: nothing published'] : ['accepted', n(s.accepted), 'acknowledged by Kafka'],
    ['rejected', n(s.rejected), s.rejectsFile ? `reasons in ${s.rejectsFile}` : undefined],
    ['duplicates skipped', n(s.duplicates), s.duplicates > 0 ? 'same feedback id earlier in the file; imported once' : undefined],
    ['by source', sources || '-'],
    ['elapsed', `${(s.elapsedMs / 1000).toFixed(1)} s`, `${n(s.rowsPerSecond)} rows/s`],
  ];
  const width = Math.max(...rows.filter(([label]) => label !== 'by source').map(([, value]) => value.length));
  const lines = [
    `${s.dryRun ? 'Dry run of' : 'Import of'} ${s.file} (${s.format})`,
    ...rows.map(([label, value, note]) => `  ${label.padEnd(20)}${label === 'by source' ? value : value.padStart(width)}${note ? `  ${note}` : ''}`),
    '',
    verdict(s),
  ];
  return `${lines.join('\n')}\n`;
}

function verdict(s: ImportSummary): string {
  const rejected = s.rejected > 0 ? `${n(s.rejected)} row${s.rejected === 1 ? ' was' : 's were'} rejected (reasons in ${s.rejectsFile})` : '';
  if (s.outcome !== 'complete') {
    const why = s.outcome === 'interrupted' ? 'Import interrupted.' : `Import stopped: ${s.message}`;
    return [
      why,
      `${n(s.accepted)} row${s.accepted === 1 ? ' was' : 's were'} acknowledged by Kafka before it stopped${rejected ? `; ${rejected}` : ''}.`,
      'Re-running the same command is safe: feedback ids are deterministic, so rows already imported are not duplicated.',
    ].join('\n');
  }
  if (s.dryRun) {
    return `Dry run: nothing was published; ${n(s.valid)} row${s.valid === 1 ? ' is' : 's are'} valid${rejected ? `, ${rejected}` : ''}.`;
  }
  if (s.rowsRead === 0) return 'Done: the file has no rows.';
  if (rejected) return `Done, with rejects: ${rejected}; every valid row was accepted.`;
  return `Done: every row was accepted${s.duplicates > 0 ? ', repeated rows once' : ''}.`;
}

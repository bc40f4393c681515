// `voc tag` as users run it: a real process, JSON lines in, one JSON line out per input
// line, in order, and nothing else on stdout.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function tag(lines: string[], args: string[] = []) {
  const res = spawnSync(process.execPath, ['bin/voc.mjs', 'tag', ...args], { cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8' });
  return { status: res.status, out: res.stdout.split('\n').filter((l) => l !== ''), err: res.stderr };
}

describe('voc tag', () => {
  it('writes one enriched line per input line, in order, and keeps going after bad lines', () => {
    const input = [
      JSON.stringify({ source: 'complaint', text: 'My refund still has not arrived after three weeks. Call me on +1 415 555 0134.' }),
      '{"text": broken',
      JSON.stringify({ text: '快递太慢了，包装也破了，非常失望' }),
      JSON.stringify({ source: 'survey', text: 'ok', score: 12, scale: 'nps' }),
      JSON.stringify(['not', 'an', 'object']),
      JSON.stringify({ source: 'review', text: 'Love it, works perfectly 😍' }),
    ];
    const { status, out } = tag(input);
    expect(status).toBe(0);
    expect(out).toHaveLength(input.length);
    const rows = out.map((l) => JSON.parse(l));
    expect(rows[0]).toMatchObject({ source: 'complaint', language: 'en', sentiment: { label: 'negative' }, redactions: { phone: 1 } });
    expect(rows[0].redactedText).toContain('[PHONE]');
    expect(rows[0].issues.map((i: { id: string }) => i.id)).toContain('refund_billing.refund_delay');
    expect(rows[1].error).toMatchObject({ line: 2, reason: 'invalid-json' });
    expect(rows[2]).toMatchObject({ language: 'zh', sentiment: { label: 'negative' } });
    expect(rows[2].sentiment.sentences.length).toBeGreaterThan(0);
    expect(rows[3].error).toMatchObject({ line: 4, reason: 'invalid-feedback' });
    expect(rows[4].error).toMatchObject({ line: 5, reason: 'not-an-object' });
    expect(rows[5]).toMatchObject({ sentiment: { label: 'positive' }, redactions: {} });
    for (const r of rows.filter((x) => !x.error)) for (const i of r.issues) expect((r.redactedText ?? r.text).slice(i.start, i.end)).toBe(i.evidence);
  });
});

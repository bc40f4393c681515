// The payloads each channel receives: voc's JSON with its idempotency key, and the
// incoming-webhook formats of Slack, DingTalk and WeCom, in English and Chinese.
import { describe, expect, it } from 'vitest';
import type { TransitionDoc } from '../live/alerts-index.ts';
import { renderDigest, renderMessage } from './messages.ts';

const t: TransitionDoc & { id: string } = {
  id: 'transition:r1:kettle-k1:2026-12-06T00:00:00.000Z:firing',
  kind: 'transition',
  ruleId: 'r1',
  ruleVersion: 2,
  ruleName: 'Kettle leaks',
  group: 'kettle-k1',
  at: '2026-12-06T00:00:00.000Z',
  state: 'firing',
  value: 60,
  baseline: 10.5,
  score: 12.3,
  reason: 'spike: count 60 in 1d against a usual 10.5',
  severity: 'high',
  owner: 'cx@example.com',
  recordedAt: '2026-12-07T00:01:00.000Z',
};

describe('renderMessage', () => {
  it('gives webhooks voc’s JSON, with the idempotency key and a link', () => {
    const m = renderMessage(t, { channel: 'webhook', url: 'https://hooks.example.com/voc', language: 'en', on: ['firing'], digest: 0 }, { publicUrl: 'https://voc.example.com/' });
    expect(m.idempotencyKey).toBe(`${t.id}/webhook/https://hooks.example.com/voc`);
    expect(m.body).toMatchObject({
      event: 'alert.firing',
      id: t.id,
      idempotencyKey: m.idempotencyKey,
      rule: { id: 'r1', version: 2, name: 'Kettle leaks', severity: 'high', owner: 'cx@example.com' },
      group: 'kettle-k1',
      value: 60,
      baseline: 10.5,
      reason: t.reason,
      title: '[FIRING] Kettle leaks · kettle-k1',
      link: 'https://voc.example.com/v1/alert-rules/r1/alerts',
    });
  });

  it('speaks Slack, DingTalk and WeCom, in Chinese when asked', () => {
    expect((renderMessage(t, { channel: 'slack', url: 'https://hooks.slack.com/x', language: 'en', on: ['firing'], digest: 0 }, {}).body as { text: string }).text).toMatch(/^\*\[FIRING\] Kettle leaks · kettle-k1\*\nRule: Kettle leaks \(r1 v2\)/);
    const ding = renderMessage(t, { channel: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', language: 'zh', on: ['firing'], digest: 0 }, {}).body as { msgtype: string; markdown: { title: string; text: string } };
    expect(ding.msgtype).toBe('markdown');
    expect(ding.markdown.title).toBe('[告警触发] Kettle leaks · kettle-k1');
    expect(ding.markdown.text).toMatch(/- 级别: 高 · 负责人: cx@example.com/);
    const wecom = renderMessage({ ...t, state: 'resolved', group: null }, { channel: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x', language: 'zh', on: ['resolved'], digest: 0 }, {}).body as { markdown: { content: string } };
    expect(wecom.markdown.content).toMatch(/^\*\*\[告警恢复\] Kettle leaks\*\*\n> 规则: Kettle leaks \(r1 v2\)\n> 分组: 全部反馈/);
  });

  it('says what carried the change and quotes a customer, when the alert has its explanation', () => {
    const explained = {
      ...t,
      explanation: {
        window: { from: '2026-12-06T00:00:00.000Z', to: '2026-12-07T00:00:00.000Z' },
        items: 60,
        usualItems: 10.5,
        contributors: [{ dimension: 'issue' as const, value: 'product_quality.leaks', now: 58, usual: 8.5, excess: 49.5, share: 0.98 }],
        verbatims: [{ id: 'f1', createdAt: '2026-12-06T10:00:00.000Z', text: 'The kettle leaks from the base' }],
        terms: [],
        customers: { count: 0, valueAtRisk: 0, top: [] },
      },
    };
    const text = (renderMessage(explained, { channel: 'slack', url: 'https://hooks.slack.com/x', language: 'en', on: ['firing'], digest: 0 }, {}).body as { text: string }).text;
    expect(text).toMatch(/\nCarried by: issue product_quality.leaks \(\+49.5, 98%\)\nA customer wrote: “The kettle leaks from the base”/);
    const webhook = renderMessage(explained, { channel: 'webhook', url: 'https://hooks.example.com/voc', language: 'zh', on: ['firing'], digest: 0 }, {}).body as { explanation: unknown; text: string };
    expect(webhook.explanation).toEqual(explained.explanation);
    expect(webhook.text).toMatch(/主要来自: issue product_quality.leaks/);
  });
});

describe('reminders and digests', () => {
  it('marks a reminder as one, with a key of its own', () => {
    const m = renderMessage(t, { channel: 'webhook', url: 'https://hooks.example.com/voc', language: 'en', on: ['firing'], digest: 0 }, { reminder: 2 });
    expect(m.idempotencyKey).toBe(`${t.id}#reminder2/webhook/https://hooks.example.com/voc`);
    expect(m.body).toMatchObject({ event: 'alert.reminder', reminder: 2, title: '[STILL FIRING] Kettle leaks · kettle-k1' });
  });

  it('lists a period’s transitions in one message, at most twenty lines', () => {
    const list = Array.from({ length: 23 }, (_, i) => ({ ...t, id: `x${i}`, group: `p-${i}`, state: (i % 2 ? 'resolved' : 'firing') as 'firing' | 'resolved' }));
    const from = Date.parse('2026-12-06T00:00:00Z');
    const hook = renderDigest(list, { channel: 'webhook', url: 'https://hooks.example.com/voc', language: 'en', on: ['firing', 'resolved'], digest: 3_600_000 }, { from, to: from + 3_600_000, key: 'n-1' });
    expect(hook.body).toMatchObject({ event: 'alert.digest', period: { from: '2026-12-06T00:00:00.000Z', to: '2026-12-06T01:00:00.000Z' }, title: '[Alert digest] Kettle leaks: 23' });
    expect((hook.body as { transitions: unknown[] }).transitions).toHaveLength(23);
    const zh = renderDigest(list, { channel: 'wecom', url: 'https://qyapi.weixin.qq.com/x', language: 'zh', on: ['firing'], digest: 3_600_000 }, { from, to: from + 3_600_000, key: 'n-1' }).body as { markdown: { content: string } };
    const lines = zh.markdown.content.split('\n');
    expect(lines[0]).toBe('**[告警汇总] Kettle leaks: 23**');
    expect(lines).toHaveLength(22);
    expect(lines[21]).toBe('> 另有 3 条未列出');
  });
});

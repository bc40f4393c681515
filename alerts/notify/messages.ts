// What a transition looks like when it is sent: voc's own JSON for generic webhooks, and
// the incoming-webhook payloads of Slack, DingTalk and WeCom (markdown), with the text in
// English or Chinese. Pure: the sender posts what these return.
import type { TransitionDoc } from '../live/alerts-index.ts';
import type { NotifyTarget } from '../rule.ts';

export type Message = { body: unknown; idempotencyKey: string };

const words = {
  en: {
    firing: 'FIRING',
    resolved: 'RESOLVED',
    still: 'STILL FIRING',
    digest: 'Alert digest',
    more: 'more',
    rule: 'Rule',
    group: 'Group',
    all: 'all feedback',
    value: 'Value',
    baseline: 'Usual',
    severity: 'Severity',
    owner: 'Owner',
    why: 'Why',
    drivers: 'Carried by',
    quote: 'A customer wrote',
    open: 'Open in voc',
  },
  zh: {
    firing: '告警触发',
    resolved: '告警恢复',
    still: '持续告警',
    digest: '告警汇总',
    more: '条未列出',
    rule: '规则',
    group: '分组',
    all: '全部反馈',
    value: '当前值',
    baseline: '通常值',
    severity: '级别',
    owner: '负责人',
    why: '原因',
    drivers: '主要来自',
    quote: '客户原话',
    open: '在 voc 中查看',
  },
} as const;

const severityZh: Record<string, string> = { critical: '紧急', high: '高', medium: '中', low: '低' };

const fmt = (x: number | null) => (x === null ? '–' : String(Math.round(x * 100) / 100));

function drivers(t: TransitionDoc, label: string): string[] {
  const top = t.explanation?.contributors.slice(0, 3) ?? [];
  if (top.length === 0) return [];
  return [`${label}: ${top.map((c) => `${c.dimension} ${c.value} (+${fmt(c.excess)}${c.share === null ? '' : `, ${Math.round(c.share * 100)}%`})`).join('; ')}`];
}

function lines(t: TransitionDoc, language: 'en' | 'zh', link: string | undefined, reminder?: number): { title: string; rows: string[] } {
  const w = words[language];
  const state = reminder ? w.still : t.state === 'firing' ? w.firing : w.resolved;
  const name = t.ruleName ?? t.ruleId;
  const severity = language === 'zh' ? (severityZh[t.severity] ?? t.severity) : t.severity;
  const rows = [
    `${w.rule}: ${name} (${t.ruleId} v${t.ruleVersion})`,
    `${w.group}: ${t.group ?? w.all}`,
    `${w.value}: ${fmt(t.value)} · ${w.baseline}: ${fmt(t.baseline)}`,
    `${w.severity}: ${severity}${t.owner ? ` · ${w.owner}: ${t.owner}` : ''}`,
    `${w.why}: ${t.reason}`,
    ...drivers(t, w.drivers),
    ...(t.explanation?.verbatims[0] ? [`${w.quote}: “${t.explanation.verbatims[0].text.slice(0, 200)}”`] : []),
    ...(link ? [`${w.open}: ${link}`] : []),
  ];
  return { title: `[${state}] ${name}${t.group ? ` · ${t.group}` : ''}`, rows };
}

export function renderMessage(t: TransitionDoc & { id: string }, target: NotifyTarget, opts: { publicUrl?: string; reminder?: number }): Message {
  const link = opts.publicUrl ? `${opts.publicUrl.replace(/\/$/, '')}/v1/alert-rules/${t.ruleId}/alerts` : undefined;
  const idempotencyKey = `${t.id}${opts.reminder ? `#reminder${opts.reminder}` : ''}/${target.channel}/${target.url}`;
  const { title, rows } = lines(t, target.language, link, opts.reminder);
  switch (target.channel) {
    case 'webhook':
      return {
        idempotencyKey,
        body: {
          event: opts.reminder ? 'alert.reminder' : `alert.${t.state}`,
          ...(opts.reminder ? { reminder: opts.reminder } : {}),
          id: t.id,
          idempotencyKey,
          rule: { id: t.ruleId, version: t.ruleVersion, name: t.ruleName ?? null, severity: t.severity, owner: t.owner ?? null },
          group: t.group,
          at: t.at,
          state: t.state,
          value: t.value,
          baseline: t.baseline,
          score: t.score,
          reason: t.reason,
          title,
          text: rows.join('\n'),
          ...(t.explanation ? { explanation: t.explanation } : {}),
          ...(link ? { link } : {}),
        },
      };
    case 'slack':
      return { idempotencyKey, body: { text: `*${title}*\n${rows.join('\n')}` } };
    case 'dingtalk':
      return { idempotencyKey, body: { msgtype: 'markdown', markdown: { title, text: `### ${title}\n\n${rows.map((r) => `- ${r}`).join('\n')}` } } };
    case 'wecom':
      return { idempotencyKey, body: { msgtype: 'markdown', markdown: { content: `**${title}**\n${rows.map((r) => `> ${r}`).join('\n')}` } } };
  }
}

const DIGEST_LINES = 20;

/** Several transitions of one rule in one message: a line each (at most 20, then how many more). */
export function renderDigest(list: ReadonlyArray<TransitionDoc & { id: string }>, target: NotifyTarget, opts: { publicUrl?: string; from: number; to: number; key: string }): Message {
  const w = words[target.language];
  const first = list[0]!;
  const name = first.ruleName ?? first.ruleId;
  const title = `[${w.digest}] ${name}: ${list.length}`;
  const state = (t: TransitionDoc) => (t.state === 'firing' ? w.firing : w.resolved);
  const rows = list.slice(0, DIGEST_LINES).map((t) => `${state(t)} · ${t.group ?? w.all} · ${t.at} · ${w.value} ${fmt(t.value)} (${w.baseline} ${fmt(t.baseline)})`);
  if (list.length > DIGEST_LINES) rows.push(target.language === 'zh' ? `另有 ${list.length - DIGEST_LINES} ${w.more}` : `${list.length - DIGEST_LINES} ${w.more}`);
  const idempotencyKey = `${opts.key}/${target.channel}/${target.url}`;
  const period = { from: new Date(opts.from).toISOString(), to: new Date(opts.to).toISOString() };
  switch (target.channel) {
    case 'webhook':
      return {
        idempotencyKey,
        body: {
          event: 'alert.digest',
          idempotencyKey,
          rule: { id: first.ruleId, version: first.ruleVersion, name: first.ruleName ?? null, severity: first.severity, owner: first.owner ?? null },
          period,
          transitions: list.map((t) => ({ id: t.id, group: t.group, at: t.at, state: t.state, value: t.value, baseline: t.baseline, score: t.score, reason: t.reason })),
          title,
          text: rows.join('\n'),
        },
      };
    case 'slack':
      return { idempotencyKey, body: { text: `*${title}*\n${rows.join('\n')}` } };
    case 'dingtalk':
      return { idempotencyKey, body: { msgtype: 'markdown', markdown: { title, text: `### ${title}\n\n${rows.map((r) => `- ${r}`).join('\n')}` } } };
    case 'wecom':
      return { idempotencyKey, body: { msgtype: 'markdown', markdown: { content: `**${title}**\n${rows.map((r) => `> ${r}`).join('\n')}` } } };
  }
}

import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { runSteps, type Item, type MessageRef } from '../pipeline/pipeline.ts';
import { createStepDeps, createSteps } from '../processor.role.ts';
import { createStaticInsightProvider } from '../insight/insight-provider.ts';
import { decodeMessage } from './decode.ts';
import { detectLanguage } from '../../core/insight/language/detect-language.ts';
import { surveyFigures } from './normalize.step.ts';

const ref = (value: unknown, topic = 'voc.feedback.raw.review'): MessageRef => ({
  topic,
  partition: 0,
  offset: '7',
  key: null,
  value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  headers: {},
  timestamp: String(Date.UTC(2026, 10, 5, 12)),
});

describe('decode', () => {
  it('validates, fills the source from the topic and stamps times and origin', () => {
    const o = decodeMessage(ref({ text: 'Nice', sourceId: 'a' }), 'review');
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(o.item.doc).toMatchObject({ source: 'review', createdAt: '2026-11-05T12:00:00.000Z', receivedAt: '2026-11-05T12:00:00.000Z' });
    expect(o.item.doc.origin).toEqual({ topic: 'voc.feedback.raw.review', partition: 0, offset: '7' });
    expect(o.item.doc.id).toMatch(/^[a-f0-9]{32}$/);
  });

  it('dead-letters what it cannot use, saying why', () => {
    expect(decodeMessage(ref(null), 'review')).toMatchObject({ ok: false, reason: 'empty-message' });
    expect(decodeMessage(ref('{"text": '), 'review')).toMatchObject({ ok: false, action: 'dead-letter', reason: 'invalid-json' });
    expect(decodeMessage(ref({ source: 'survey', text: 'x' }), 'review')).toMatchObject({ ok: false, reason: 'source-mismatch' });
    const invalid = decodeMessage(ref({ text: 'x', rating: 0 }), 'review');
    expect(invalid).toMatchObject({ ok: false, reason: 'invalid-feedback' });
    expect(!invalid.ok && invalid.detail).toContain('rating');
  });
});

describe('steps', async () => {
  const analyzer = createTextAnalyzer();
  const steps = createSteps(createStepDeps(analyzer, await createStaticInsightProvider({ analyzer })));
  const items = (texts: string[]): Item[] =>
    texts.map((text, i) => {
      const o = decodeMessage(ref({ text, sourceId: String(i), score: 10, scale: 'nps' }, 'voc.feedback.raw.survey'), 'survey');
      if (!o.ok) throw new Error('fixture invalid');
      return o.item;
    });

  it('enrich every item with language, sentiment, search terms and survey figures', () => {
    const { ok, rejected } = runSteps(steps, items(['I love this phone, it is excellent!', '快递太慢了，包装也破了，非常失望', 'Delivered on Tuesday.']));
    expect(rejected).toEqual([]);
    const [en, zh, neutral] = ok.map((i) => i.doc);
    expect(en).toMatchObject({ language: 'en', sentiment: { label: 'positive' }, survey: { nps: { category: 'promoter', contribution: 100 } } });
    expect(zh).toMatchObject({ language: 'zh', sentiment: { label: 'negative' } });
    expect(zh!.search!.text).toContain('快递');
    expect(zh!.search!.han).toContain('包装');
    expect(neutral!.sentiment!.label).toBe('neutral');
    expect(en!.search!.text).toContain('love');
  });

  it('handle Chinese negation and contrast', () => {
    const { ok } = runSteps(steps, items(['质量不好', '包装不错，但是手机坏了，很失望', '东西很好，物流也快']));
    expect(ok.map((i) => i.doc.sentiment!.label)).toEqual(['negative', 'negative', 'positive']);
  });

  it('redact personal data before tagging and record what was redacted', () => {
    const { ok } = runSteps(steps, items(['Call me on +1 415 555 0134 or mail jane.doe@example.com, the parcel never arrived']));
    const doc = ok[0]!.doc;
    expect(doc.text).toBe('Call me on [PHONE] or mail [EMAIL], the parcel never arrived');
    expect(doc.redactions).toEqual({ phone: 1, email: 1 });
    expect(doc.search!.text).not.toContain('jane');
  });

  it('tag issue types with evidence, aspect sentiment and keyphrases, in both languages', () => {
    const { ok } = runSteps(steps, items(['The delivery was three days late and the box arrived damaged.', '退款申请了两周还没到账，客服也不回复']));
    const [en, zh] = ok.map((i) => i.doc);
    const ids = (d: typeof en) => d!.issues!.map((i) => i.id);
    expect(ids(en)).toEqual(expect.arrayContaining(['delivery.late']));
    for (const tag of [...en!.issues!, ...zh!.issues!]) {
      const text = tag === undefined ? '' : [en!, zh!].find((d) => d.issues!.includes(tag))!.text;
      expect(text.slice(tag.start, tag.end)).toBe(tag.evidence);
      expect(tag.confidence).toBeGreaterThan(0);
    }
    expect(zh!.issues!.map((i) => i.parent)).toContain('customer_service');
    expect(en!.issues![0]!.sentiment?.label).toBe('negative');
    expect(en!.taxonomyVersion).toMatch(/@\d+$/);
    expect(en!.keyphrases!.length).toBeGreaterThan(0);
  });

  it('stop a step that loses items as a bug', () => {
    const broken = { name: 'broken', process: () => [] };
    expect(() => runSteps([broken], items(['x']))).toThrow(/broken returned 0 outcomes for 1 items/);
  });
});

describe('language', () => {
  it.each([
    ['The package arrived on time', 'en'],
    ['物流很快，包装完好', 'zh'],
    ['这个 app 的 login 页面总是 crash', 'zh'],
    ['Le colis est arrivé en retard et abîmé', 'other'],
    ['👍👍', 'other'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe('survey figures', () => {
  it('map NPS answers to contributions whose mean is the NPS', () => {
    const answers = [10, 9, 8, 7, 6, 0];
    const contributions = answers.map((s) => surveyFigures(s, 'nps')!.nps!.contribution);
    const nps = contributions.reduce<number>((a, b) => a + b, 0) / answers.length;
    // 2 promoters, 2 detractors of 6 → NPS 0
    expect(nps).toBe(0);
    expect(surveyFigures(4, 'csat')).toEqual({ scale: 'csat', csatSatisfied: 1 });
    expect(surveyFigures(3, 'csat')).toEqual({ scale: 'csat', csatSatisfied: 0 });
    expect(surveyFigures(undefined, undefined)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { feedbackId } from '../../core/feedback/feedback-id.ts';
import { parseFeedback } from '../../core/feedback/feedback.schema.ts';
import { runSteps, type Item } from './step.ts';
import { createStepDeps, createSteps } from './pipeline.ts';
import { createStaticInsightProvider } from '../insight-provider.ts';
import { detectLanguage } from '../language/detect-language.ts';
import { surveyFigures } from './normalize.step.ts';

describe('steps', async () => {
  const analyzer = createTextAnalyzer();
  const steps = createSteps(createStepDeps(analyzer, await createStaticInsightProvider({ analyzer })));
  const items = (texts: string[]): Item<number>[] =>
    texts.map((text, i) => {
      const parsed = parseFeedback({ source: 'survey', text, sourceId: String(i), score: 10, scale: 'nps' });
      if (!parsed.ok) throw new Error('fixture invalid');
      const at = '2026-11-05T12:00:00.000Z';
      return { ref: i, doc: { ...parsed.feedback, id: feedbackId(parsed.feedback), createdAt: at, receivedAt: at, origin: { topic: 'test', partition: 0, offset: String(i) } } };
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
    expect(en!.issues!.find((t) => t.id === 'delivery.late')!.kind).toBe('problem');
    expect(en!.aspects).toContain('delivery.late:negative');
    expect(en!.aspects).toHaveLength(en!.issues!.filter((t) => t.sentiment).length);
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

// What voc derives from a text, shared by the processor's steps, `voc tag`, the API's
// taxonomy dry run and the evaluation scripts. Each analysis is a pure function in
// core/insight/<part>/; processors/steps wrap them as pipeline steps.
export type Language = 'en' | 'zh' | 'other';
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export type PiiKind = 'email' | 'phone' | 'card' | 'cn_id' | 'ip';
export type Redaction = { text: string; counts: Partial<Record<PiiKind, number>> };

export type SentenceSentiment = { start: number; end: number; score: number; label: SentimentLabel };
export type SentimentResult = { score: number; label: SentimentLabel; sentences: SentenceSentiment[] };

export type IssueTag = {
  /** taxonomy id, two levels: "delivery.late" */
  id: string;
  /** human label in the text's language when the taxonomy has one */
  label: string;
  /** first-level id: "delivery" */
  parent: string;
  confidence: number;
  /** the matched span of the (redacted) text */
  evidence: string;
  start: number;
  end: number;
  /** sentiment of the sentences that carry this issue (aspect sentiment) */
  sentiment?: { score: number; label: SentimentLabel };
};

export type Insight = {
  language: Language;
  redactions: Partial<Record<PiiKind, number>>;
  sentiment: SentimentResult;
  issues: IssueTag[];
  keyphrases: string[];
};

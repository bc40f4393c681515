// What voc derives from a text: the shapes of the stored document's derived fields and of
// the analyses' results. The analyses themselves are pure functions in insight/<part>/,
// wrapped as pipeline steps in insight/steps/; these types live here, in core/, because
// the stored document and every reader of it (API, analytics, dashboards) share them.
export type Language = 'en' | 'zh' | 'other';
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export type PiiKind = 'email' | 'phone' | 'card' | 'cn_id' | 'ip';
export type Redaction = { text: string; counts: Partial<Record<PiiKind, number>> };

export type SentenceSentiment = { start: number; end: number; score: number; label: SentimentLabel };
export type SentimentResult = { score: number; label: SentimentLabel; sentences: SentenceSentiment[] };

/**
 * What an issue is about: a problem (counted by top issues and drivers), a request for
 * something new, praise, or a question. Set per issue in the taxonomy.
 */
export const issueKinds = ['problem', 'request', 'praise', 'question'] as const;
export type IssueKind = (typeof issueKinds)[number];

/** An issue of the active taxonomy, as readers of the index need it: id, kind and labels. */
export type IssueInfo = { id: string; parent: string; kind: IssueKind; label: { en: string; zh?: string } };

export type IssueTag = {
  /** taxonomy id, two levels: "delivery.late" */
  id: string;
  /** human label in the text's language when the taxonomy has one */
  label: string;
  /** first-level id: "delivery" */
  parent: string;
  /** the issue's kind in the taxonomy that tagged it */
  kind: IssueKind;
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

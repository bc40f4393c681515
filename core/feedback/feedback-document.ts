// The shape of a feedback document as stored in Elasticsearch: the validated input plus
// what the processor derived. Shared by the processor's sink and the API's readers.
import type { Feedback, Scale, Source } from './feedback.schema.ts';
import type { IssueTag, Language, PiiKind, SentenceSentiment, SentimentLabel } from './insight.types.ts';

export type { Language, SentimentLabel };
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

export type FeedbackDocument = Omit<Feedback, 'createdAt' | 'customer'> & {
  id: string;
  /** `key`: a number standing for the stored id, set with it (customer-key.ts); absent on items stored before it existed. */
  customer?: NonNullable<Feedback['customer']> & { key?: number };
  source: Source;
  createdAt: string;
  receivedAt: string;
  processedAt: string;
  language: Language;
  sentiment: { score: number; label: SentimentLabel; sentences?: SentenceSentiment[] };
  /** How many items of each kind of personal data were replaced by placeholders in text and title. */
  redactions: Partial<Record<PiiKind, number>>;
  issues?: IssueTag[];
  /** "<issue id>:<aspect sentiment label>" per tag that has an aspect sentiment (see insight/steps/issues.step.ts). */
  aspects?: string[];
  keyphrases?: string[];
  /** A trained model's prediction, when a model is configured. */
  prediction?: { label: string; confidence: number };
  taxonomyVersion?: string;
  modelVersion?: string;
  /** Per-response survey figures; averages over documents give NPS and CSAT without scripts. */
  survey?: {
    scale: Scale;
    nps?: { category: NpsCategory; contribution: -100 | 0 | 100 };
    csatSatisfied?: 0 | 1;
  };
  /** Pipeline-analysed tokens (stems, segmented Chinese words) indexed with a whitespace analyzer. */
  search: { text: string; title?: string; han?: string };
  pipeline: { version: string; steps: string[] };
  origin: { topic: string; partition: number; offset: string };
};

// The stored-document fields dashboards may query, grouped by how Elasticsearch maps them:
// keyword fields split (terms), numeric fields average, date fields bucket, text is only
// shown. Each list is typed against FeedbackDocument, so renaming a document field breaks
// the build here rather than leaving a silently empty panel; the dashboard test checks that
// every generated query names only fields from these lists.
import type { FeedbackDocument } from '../core/feedback/feedback-document.ts';

type Scalar = string | number | boolean;

/** Dotted paths of T down to scalar (or scalar-array) leaves, spelled as Elasticsearch names fields. */
export type FieldPath<T> = T extends readonly (infer U)[]
  ? FieldPath<U>
  : {
      [K in keyof T & string]-?: NonNullable<T[K]> extends Scalar | readonly Scalar[]
        ? K
        : `${K}.${FieldPath<NonNullable<T[K]>>}`;
    }[keyof T & string];

export type DocumentField = FieldPath<FeedbackDocument>;

export const keywordFields = [
  'id',
  'source',
  'channel',
  'language',
  'sentiment.label',
  'customer.segment',
  'customer.id',
  'product.id',
  'product.name',
  'product.version',
  'tags',
  'scale',
  'survey.nps.category',
  'locale',
  'issues.id',
  'issues.parent',
  'issues.kind',
  'issues.label',
  'keyphrases',
] as const satisfies readonly DocumentField[];

export const numericFields = [
  'rating',
  'score',
  'sentiment.score',
  'customer.lifetimeValue',
  'customer.key',
  'survey.nps.contribution',
  'survey.csatSatisfied',
] as const satisfies readonly DocumentField[];

export const dateFields = ['createdAt', 'receivedAt', 'processedAt'] as const satisfies readonly DocumentField[];

/** Analysed text: displayed in tables, never aggregated (a terms aggregation on it fails). */
export const textFields = ['text'] as const satisfies readonly DocumentField[];

export type KeywordField = (typeof keywordFields)[number];
export type NumericField = (typeof numericFields)[number];
export type DateField = (typeof dateFields)[number];
export type TextField = (typeof textFields)[number];
export type QueryField = KeywordField | NumericField | DateField | TextField;

/** The datasource's time field: the dashboard time range filters on it. */
export const TIME_FIELD = 'createdAt' satisfies DateField;

export const allQueryFields: ReadonlySet<string> = new Set<string>([
  ...keywordFields,
  ...numericFields,
  ...dateFields,
  ...textFields,
]);

// What the console reads of the API's answers, written from the routes (api/*.route.ts) and
// the analytics they call. Requests are typed by the generated OpenAPI types (openapi.d.ts,
// see client.ts); most answers are described there only as objects, so their shapes are
// kept here until the document describes them.

export type Permission =
  | 'feedback:write'
  | 'analytics:read'
  | 'feedback:read'
  | 'taxonomy:read'
  | 'taxonomy:write'
  | 'labels'
  | 'defects'
  | 'alerts:read'
  | 'alerts:write'
  | 'keys:manage'
  | 'audit:read';
export const roles = ['executive', 'product', 'cx-lead', 'ingest', 'admin'] as const;
export type Role = (typeof roles)[number];

/** RFC 9457 problem details, as every error of the API comes. */
export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ index?: number; path: string; message: string }>;
  requestId?: string;
};

export type Me = { keyId: string; name: string; role: Role; permissions: Permission[] };

export type Figure = { value: number | null; n: number; approximate?: true };
export type Point = { t: string; value: number | null; n: number; approximate?: true };
export type Change = { absolute: number | null; relative: number | null };
export type Series = { key: string; other?: true; points: Point[]; summary: Figure; previous: Figure; change: Change };
export type TrendResult = {
  metric: string;
  definition: string;
  interval: string;
  timeZone: string;
  from: string;
  to: string;
  previous: { from: string; to: string };
  total: Series;
  split?: { dimension: string; series: Series[] };
};

export type Label = { en: string; zh?: string };
export type Verbatim = {
  id: string;
  createdAt: string;
  source: string;
  language: string;
  highlighted: string;
  text: string;
  sentiment: string;
  segment?: string;
  lifetimeValue?: number;
};
export type Significance = {
  rateRatio: number | null;
  interval: [number, number | null] | null;
  p: number | null;
  q: number | null;
  significant: boolean;
  direction: 'up' | 'down' | null;
  note?: string;
};
export type TopIssue = {
  id: string;
  parent: string;
  kind: string;
  label: Label;
  count: number;
  share: number | null;
  customers: number;
  valueAtRisk: Figure;
  previous: { count: number; share: number | null };
  change: { absolute: number; relative: number | null };
  significance: Significance;
  aspectSentiment: { negative: number; neutral: number; positive: number; n: number };
  verbatims: Verbatim[];
};
export type TopIssuesResult = { from: string; to: string; previous: { from: string; to: string }; items: { now: number; before: number }; test: string; issues: TopIssue[] };

export type Driver = {
  id: string;
  label: Label;
  share: number;
  with: { n: number; mean: number | null };
  without: { n: number; mean: number | null };
  gain: number | null;
  interval: [number, number] | null;
  smallSample: boolean;
};
export type DriversResult = { outcome: string; unit: string; responses: number; overall: number | null; method: string; drivers: Driver[] };

export type Theme = {
  term: string;
  kind: 'term' | 'keyphrase';
  display: string;
  recent: number;
  baseline: number;
  rateRatio: number | null;
  interval: [number, number | null] | null;
  score: number;
  new: boolean;
  verbatims: Verbatim[];
};
export type ThemesResult = { recent: { from: string; to: string; items: number }; baseline: { from: string; to: string; items: number }; minSupport: number; method: string; themes: Theme[] };

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export type IssueTag = {
  id: string;
  label: string;
  parent: string;
  kind: string;
  confidence: number;
  evidence: string;
  start: number;
  end: number;
  sentiment?: { score: number; label: SentimentLabel };
};
export type Feedback = {
  id: string;
  source: string;
  sourceId?: string;
  channel?: string;
  text: string;
  title?: string;
  rating?: number;
  score?: number;
  scale?: string;
  customer?: { id?: string; segment?: string; lifetimeValue?: number };
  product?: { id?: string; name?: string; version?: string };
  locale?: string;
  createdAt: string;
  receivedAt?: string;
  processedAt?: string;
  tags?: string[];
  language: string;
  sentiment: { score: number; label: SentimentLabel; sentences?: Array<{ start: number; end: number; score: number; label: SentimentLabel }> };
  redactions?: Record<string, number>;
  issues?: IssueTag[];
  aspects?: string[];
  keyphrases?: string[];
  prediction?: { label: string; confidence: number };
  taxonomyVersion?: string;
  survey?: { scale: string; nps?: { category: string } };
};
export type SearchItem = Feedback & { score: number | null; highlights: string[] };
export type FacetValue = { value: string; count: number };
export type SearchResult = {
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  items: SearchItem[];
  facets: Record<string, FacetValue[]>;
  links: { next: string | null; prev: string | null };
};

export type ProfileItem = Pick<Feedback, 'id' | 'createdAt' | 'source' | 'channel' | 'text' | 'title' | 'rating' | 'score' | 'scale' | 'language' | 'product'> & {
  sentiment: { score: number; label: string };
  issues: Array<{ id: string; kind: string; label: string }>;
};
export type CustomerProfile = {
  id: string;
  segment: string | null;
  lifetimeValue: number | null;
  firstSeen: string;
  lastSeen: string;
  total: number;
  bySource: Record<string, number>;
  sentiment: { meanScore: number; negative: number; neutral: number; positive: number };
  trajectory: Array<{ month: string; items: number; meanSentiment: number }>;
  openComplaints: ProfileItem[];
  atRisk: { value: boolean; reasons: string[]; highValueThreshold: number | null };
  items: ProfileItem[];
};

export type TransitionState = 'pending' | 'firing' | 'resolved' | 'ok';
export type Explanation = {
  window: { from: string; to: string };
  items: number;
  usualItems: number;
  contributors: Array<{ dimension: string; value: string; now: number; usual: number; excess: number; share: number | null }>;
  verbatims: Array<{ id: string; createdAt: string; text: string; sentiment?: string; customer?: { id?: string; segment?: string; lifetimeValue?: number } }>;
  terms: Array<{ term: string; now: number; usual: number }>;
  customers: { count: number; valueAtRisk: number; top: Array<{ id: string; lifetimeValue: number; segment?: string; items: number }> };
};
export type Note = { by: string; at: string; text: string };
export type Contact = { customerId: string; by: string; at: string; outcome?: string; note?: string };
export type Alert = {
  id?: string;
  ruleId: string;
  ruleVersion: number;
  ruleName?: string;
  group: string | null;
  severity: string;
  owner?: string;
  at: string;
  recordedAt: string;
  state: TransitionState;
  value: number | null;
  baseline: number | null;
  score: number | null;
  reason: string;
  explanation?: Explanation;
  ackAt?: string;
  ackBy?: string;
  falsePositive?: boolean;
  notes?: Note[];
  contacts?: Contact[];
  handResolvedAt?: string;
  handResolvedBy?: string;
};
export type AlertView = Alert & { affectedCustomers: Array<{ id: string; lifetimeValue?: number; segment?: string; items?: number; contacted: boolean; contact?: Contact }> };

export type StoredRule = { id: string; version: number; spec: Record<string, unknown>; createdAt: string; updatedAt: string; deleted?: boolean; effective: Record<string, unknown> };
export type BacktestPoint = { t: string; value: number | null; volume?: number | null; baseline: number | null; score: number | null; breach: boolean | null };
export type BacktestResult = {
  days: number;
  rule: Record<string, unknown>;
  from: string;
  to: string;
  firings: number;
  groups: Array<{ group: string | null; firings: number; transitions: Array<{ at: string; state: TransitionState; value: number | null; baseline: number | null; score: number | null; reason: string }>; points: BacktestPoint[] }>;
};

export type DefectFlag = { id: string; product: string; issue: string | null; feedbackId?: string; text: string; by?: string; at: string };
export type PullResult = { flag: DefectFlag; flags: number; threshold: number; alert: Alert | null; raisedNow: boolean };

export type TaxonomyIssue = { id: string; kind?: string; label: Label; patterns: { en?: string[]; zh?: string[] } } & Record<string, unknown>;
export type Taxonomy = { id: string; version: number; categories: Array<{ id: string; kind?: string; label: Label; issues: TaxonomyIssue[] } & Record<string, unknown>> } & Record<string, unknown>;
export type TaxonomyAnswer = { version: string; source?: string; updatedAt?: string | null; taxonomy: Taxonomy };
export type DryRunResult = {
  from: string;
  to: string;
  documents: number;
  changed: Array<{ id: string; added: string[]; removed: string[] }>;
  totals: Array<{ issue: string; before: number; after: number; added: number; removed: number }>;
};
export type ReprocessJob = { jobId: string; state?: string; progress?: { processed?: number; updated?: number; total?: number; percent?: number } | number; failedReason?: string | null };

export type KeyRecord = { id: string; name: string; role: Role; createdAt: string; createdBy: string; expiresAt: string; revokedAt?: string; revokedBy?: string; lastUsedAt?: string };
export type AuditEntry = {
  id: string;
  at: string;
  actor: { keyId: string; name: string; role: string };
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  requestId?: string;
};

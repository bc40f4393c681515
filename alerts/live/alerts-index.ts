// The alert index (`<prefix>.alerts`): what it holds and how it is mapped. Per rule and
// group, the state machine where the last evaluation left it; every transition a rule
// made (the record Grafana annotates dashboards from) with what people did about it;
// silences, defect flags and delivered notifications. Document ids are derived from what
// they record (see the id helpers), so that repeating a write never adds a document.
import { createHash } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { createIndexIfMissing } from '../../core/elasticsearch/elasticsearch.client.ts';
import type { Transition } from '../detect.ts';
import type { Machine } from '../state.ts';
import type { Explanation } from './explain.ts';

export function alertsIndex(indexPrefix: string): string {
  return `${indexPrefix}.alerts`;
}

const ALL = '*';

export type AlertKey = { ruleId: string; group: string | null };

export type StateDoc = AlertKey & {
  kind: 'state';
  ruleVersion: number;
  machine: Machine;
  updatedAt: string;
  resolvedAt?: string;
  /** While firing: the firing transition's time and document id, and how many reminders went out. */
  firingAt?: string;
  firingId?: string;
  reminders?: number;
};

export type TransitionDoc = AlertKey &
  Transition & {
    kind: 'transition';
    ruleVersion: number;
    ruleName?: string;
    severity: string;
    owner?: string;
    recordedAt: string;
    /** Short id of the transition, for URLs: `a` and 16 hex digits of its document id. */
    id?: string;
    /** Why it fired (firing transitions of rules): see explain.ts. */
    explanation?: Explanation;
  } & Lifecycle;

export type Note = { by: string; at: string; text: string };
export type Contact = { customerId: string; by: string; at: string; outcome?: string; note?: string };
/** What people did about a firing alert. */
export type Lifecycle = {
  ackAt?: string;
  ackBy?: string;
  ackSeconds?: number;
  falsePositive?: boolean;
  notes?: Note[];
  contacts?: Contact[];
  handResolvedAt?: string;
  handResolvedBy?: string;
};

export type RuleQuality = { ruleId: string; fired: number; acknowledged: number; ackRate: number | null; falsePositives: number; falsePositiveRate: number | null; medianSecondsToAck: number | null };

const part = (group: string | null) => encodeURIComponent(group ?? ALL);
export const stateId = (k: AlertKey) => `state:${k.ruleId}:${part(k.group)}`;
export const transitionId = (k: AlertKey, t: Pick<Transition, 'at' | 'state'>) => `transition:${k.ruleId}:${part(k.group)}:${t.at}:${t.state}`;
export const alertIdOf = (docId: string) => `a${createHash('sha256').update(docId).digest('hex').slice(0, 16)}`;

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;
const alertsMappings = {
  dynamic: 'strict' as const,
  properties: {
    kind: keyword,
    id: keyword,
    ruleId: keyword,
    ruleVersion: { type: 'integer' },
    ruleName: keyword,
    group: keyword,
    machine: { type: 'object', enabled: false },
    updatedAt: date,
    resolvedAt: date,
    firingAt: date,
    firingId: keyword,
    reminders: { type: 'integer' },
    at: date,
    state: keyword,
    value: { type: 'double' },
    baseline: { type: 'double' },
    score: { type: 'double' },
    reason: { type: 'text' },
    severity: keyword,
    owner: keyword,
    recordedAt: date,
    explanation: { type: 'object', enabled: false },
    // lifecycle of a firing
    ackAt: date,
    ackBy: keyword,
    ackSeconds: { type: 'double' },
    falsePositive: { type: 'boolean' },
    notes: { type: 'object', enabled: false },
    contacts: { type: 'object', enabled: false },
    handResolvedAt: date,
    handResolvedBy: keyword,
    // silences
    from: date,
    until: date,
    by: keyword,
    // defect flags
    product: keyword,
    issue: keyword,
    feedbackId: keyword,
    text: { type: 'text' },
    // deliveries
    transitionId: keyword,
    channel: keyword,
    url: { type: 'keyword', index: false },
    sentAt: date,
    status: { type: 'integer' },
  },
};

/** Creates the index, or adds fields a newer voc maps (new fields only; a changed type fails loudly). */
export async function ensureAlertsIndex(client: Client, indexPrefix: string): Promise<void> {
  await createIndexIfMissing(client, { index: alertsIndex(indexPrefix), settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: alertsMappings as never });
  await client.indices.putMapping({ index: alertsIndex(indexPrefix), ...(alertsMappings as object) });
}

export type Silence = { kind: 'silence'; id: string; ruleId: string; group: string | null; from: string; until: string; reason?: string; by?: string };

export type DefectFlag = { kind: 'flag'; id: string; product: string; issue: string | null; feedbackId?: string; text: string; by?: string; at: string };

export type Delivery = { kind: 'delivery'; id: string; transitionId: string; ruleId: string; channel: string; url: string; sentAt: string; status: number };


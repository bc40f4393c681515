// Reads and writes of the alert index (alerts-index.ts says what it holds). Transitions
// are written with op_type create under ids derived from rule, group, time and state: an
// evaluation run twice (two schedulers, a retry after a crash) records one transition, and
// only the write that created it reports it as new. States, lifecycle changes and hand
// resolutions are optimistic (sequence numbers): a concurrent change wins, not overwritten.
import type { Client } from '@elastic/elasticsearch';
import {
  alertIdOf,
  alertsIndex,
  stateId,
  transitionId,
  type AlertKey,
  type DefectFlag,
  type Delivery,
  type Lifecycle,
  type RuleQuality,
  type Silence,
  type StateDoc,
  type TransitionDoc,
} from './alerts-index.ts';

type Versioned<T> = { doc: T; seqNo: number; primaryTerm: number };

export function createAlertStore(client: Client, indexPrefix: string) {
  const index = alertsIndex(indexPrefix);
  return {
    /** The saved states of these keys (missing ones absent from the map). */
    async states(keys: readonly AlertKey[]): Promise<Map<string, Versioned<StateDoc>>> {
      if (keys.length === 0) return new Map();
      const r = await client.mget<StateDoc>({ index, ids: keys.map(stateId) });
      const out = new Map<string, Versioned<StateDoc>>();
      for (const d of r.docs) if ('found' in d && d.found && d._source) out.set(d._id, { doc: d._source, seqNo: d._seq_no!, primaryTerm: d._primary_term! });
      return out;
    },

    /** Records transitions; returns those this call created (the others were already there). `visible`: searchable when it returns. */
    async record(docs: readonly TransitionDoc[], opts: { visible?: boolean } = { visible: true }): Promise<TransitionDoc[]> {
      if (docs.length === 0) return [];
      const r = await client.bulk({ refresh: opts.visible === false ? false : 'wait_for', operations: docs.flatMap((d) => [{ create: { _index: index, _id: transitionId(d, d) } }, { ...d, id: alertIdOf(transitionId(d, d)) }]) });
      const created: TransitionDoc[] = [];
      r.items.forEach((item, i) => {
        const res = item.create!;
        if (res.status === 201) created.push({ ...docs[i]!, id: alertIdOf(transitionId(docs[i]!, docs[i]!)) });
        else if (res.status !== 409) throw new Error(`could not record alert transition ${res._id}: ${res.error?.reason ?? res.status}`);
      });
      return created;
    },

    /**
     * Saves a state where the caller read it (or creates it); false when another evaluation
     * saved it in between, whose state then stands.
     */
    async saveState(doc: StateDoc, read?: { seqNo: number; primaryTerm: number }): Promise<boolean> {
      try {
        await client.index({ index, id: stateId(doc), document: doc, ...(read ? { if_seq_no: read.seqNo, if_primary_term: read.primaryTerm } : { op_type: 'create' }), refresh: 'wait_for' });
        return true;
      } catch (error) {
        if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 409) return false;
        throw error;
      }
    },

    /**
     * Saves several states at once, each where the caller read it (or creates it); returns
     * how many lost to another evaluation that saved in between (theirs then stand).
     */
    async saveStates(items: ReadonlyArray<{ doc: StateDoc; read?: { seqNo: number; primaryTerm: number } }>): Promise<number> {
      if (items.length === 0) return 0;
      // An explicit refresh, not wait_for: this index is small and takes a write per
      // evaluation, so refreshing it costs little, while waiting for the next periodic
      // refresh would cost up to a second per evaluation.
      const r = await client.bulk({
        refresh: true,
        operations: items.flatMap(({ doc, read }) => [read ? { index: { _index: index, _id: stateId(doc), if_seq_no: read.seqNo, if_primary_term: read.primaryTerm } } : { create: { _index: index, _id: stateId(doc) } }, doc]),
      });
      let lost = 0;
      for (const item of r.items) {
        const res = (item.index ?? item.create)!;
        if (res.status === 409) lost += 1;
        else if (res.status >= 300) throw new Error(`could not save alert state ${res._id}: ${res.error?.reason ?? res.status}`);
      }
      return lost;
    },

    /** Transitions, newest first: of one rule, or all; `states` narrows to e.g. ['firing']. */
    async transitions(opts: { ruleId?: string; states?: readonly string[]; size: number }): Promise<TransitionDoc[]> {
      const filter: object[] = [{ term: { kind: 'transition' } }];
      if (opts.ruleId) filter.push({ term: { ruleId: opts.ruleId } });
      if (opts.states?.length) filter.push({ terms: { state: opts.states } });
      const r = await client.search<TransitionDoc>({ index, size: opts.size, query: { bool: { filter } }, sort: [{ at: 'desc' }, { recordedAt: 'desc' }], ignore_unavailable: true });
      return r.hits.hits.flatMap((h) => (h._source ? [h._source] : []));
    },

    /** One transition by its id. */
    async transition(id: string): Promise<TransitionDoc | undefined> {
      const r = await client.get<TransitionDoc>({ index, id }, { ignore: [404] });
      return r.found ? r._source : undefined;
    },

    async addSilence(s: Silence): Promise<void> {
      await client.index({ index, id: `silence:${s.id}`, document: s, refresh: 'wait_for' });
    },

    /** Silences of a rule that have not ended by `at` (the group's and the whole rule's). */
    async silences(ruleId: string, at: number): Promise<Silence[]> {
      const r = await client.search<Silence>({
        index,
        size: 1000,
        query: { bool: { filter: [{ term: { kind: 'silence' } }, { term: { ruleId } }, { range: { until: { gt: at, format: 'epoch_millis' } } }] } },
        sort: [{ from: 'asc' }],
        ignore_unavailable: true,
      });
      return r.hits.hits.flatMap((h) => (h._source ? [h._source] : []));
    },

    async endSilence(ruleId: string, id: string, at: number): Promise<boolean> {
      const r = await client.get<Silence>({ index, id: `silence:${id}` }, { ignore: [404] });
      if (!r.found || r._source?.ruleId !== ruleId) return false;
      await client.update({ index, id: `silence:${id}`, doc: { until: new Date(Math.min(at, Date.parse(r._source.until))).toISOString() }, refresh: 'wait_for' });
      return true;
    },

    async delivered(id: string): Promise<boolean> {
      const r = await client.exists({ index, id: `delivery:${id}` });
      return r;
    },

    /**
     * Records a delivery; false when one was recorded already. No refresh is waited for:
     * `delivered` reads the record by id, which Elasticsearch answers at once, and waiting
     * up to a second here would widen the window in which a worker that dies after the
     * receiver accepted leaves the message to be sent again.
     */
    async recordDelivery(d: Delivery): Promise<boolean> {
      try {
        await client.index({ index, id: `delivery:${d.id}`, op_type: 'create', document: d });
        return true;
      } catch (error) {
        if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 409) return false;
        throw error;
      }
    },

    async addFlag(f: DefectFlag): Promise<void> {
      await client.index({ index, id: `flag:${f.id}`, document: f, refresh: 'wait_for' });
    },

    async flag(id: string): Promise<DefectFlag | undefined> {
      const r = await client.get<DefectFlag>({ index, id: `flag:${id}` }, { ignore: [404] });
      return r.found ? r._source : undefined;
    },

    /** Flags of a product (and issue, or of any issue when null) since `since`, oldest first. */
    async flagsOf(product: string, issue: string | null, since: number): Promise<DefectFlag[]> {
      const filter: object[] = [{ term: { kind: 'flag' } }, { term: { product } }, { range: { at: { gte: since, format: 'epoch_millis' } } }];
      filter.push(issue === null ? { bool: { must_not: { exists: { field: 'issue' } } } } : { term: { issue } });
      const r = await client.search<DefectFlag>({ index, size: 1000, query: { bool: { filter } }, sort: [{ at: 'asc' }], ignore_unavailable: true });
      return r.hits.hits.flatMap((h) => (h._source ? [h._source] : []));
    },

    async recentFlags(size: number): Promise<DefectFlag[]> {
      const r = await client.search<DefectFlag>({ index, size, query: { term: { kind: 'flag' } }, sort: [{ at: 'desc' }], ignore_unavailable: true });
      return r.hits.hits.flatMap((h) => (h._source ? [h._source] : []));
    },

    /** A transition by its short id, with what optimistic updates need. */
    async byAlertId(alertId: string): Promise<{ docId: string; doc: TransitionDoc; seqNo: number; primaryTerm: number } | undefined> {
      const r = await client.search<TransitionDoc>({ index, size: 1, seq_no_primary_term: true, query: { bool: { filter: [{ term: { kind: 'transition' } }, { term: { id: alertId } }] } }, ignore_unavailable: true });
      const h = r.hits.hits[0];
      return h?._source ? { docId: h._id!, doc: h._source, seqNo: h._seq_no!, primaryTerm: h._primary_term! } : undefined;
    },

    /** A transition by its document id, as it is now (a realtime get, not a search). */
    async alertAt(docId: string): Promise<{ docId: string; doc: TransitionDoc; seqNo: number; primaryTerm: number } | undefined> {
      const r = await client.get<TransitionDoc>({ index, id: docId }, { ignore: [404] });
      return r.found && r._source ? { docId, doc: r._source, seqNo: r._seq_no!, primaryTerm: r._primary_term! } : undefined;
    },

    /** Changes a transition's lifecycle fields where it was read; false when someone changed it in between. */
    async updateAlert(at: { docId: string; seqNo: number; primaryTerm: number }, change: Lifecycle): Promise<boolean> {
      try {
        await client.update({ index, id: at.docId, doc: change, if_seq_no: at.seqNo, if_primary_term: at.primaryTerm, refresh: 'wait_for' });
        return true;
      } catch (error) {
        if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 409) return false;
        throw error;
      }
    },

    /**
     * Resolves a firing alert by hand: a `resolved` transition now, and for a rule's group
     * the state machine set back to ok (it fires again if the condition persists). False
     * when the alert is no longer the group's latest firing (it resolved, or fired anew).
     * `beforeRecord` runs with the resolution just before it is recorded (to queue its notifications).
     */
    async resolveByHand(firing: TransitionDoc, how: { by: string; at: string; note?: string }, beforeRecord?: (resolved: TransitionDoc) => Promise<void>): Promise<boolean> {
      const key = { ruleId: firing.ruleId, group: firing.group };
      const latest = await client.search<TransitionDoc>({
        index,
        size: 1,
        query: { bool: { filter: [{ term: { kind: 'transition' } }, { term: { ruleId: key.ruleId } }, key.group === null ? { bool: { must_not: { exists: { field: 'group' } } } } : { term: { group: key.group } }] } },
        sort: [{ at: 'desc' }, { recordedAt: 'desc' }],
      });
      if (latest.hits.hits[0]?._source?.id !== firing.id) return false;
      const saved = (await this.states([key])).get(stateId(key));
      if (saved && saved.doc.machine.state !== 'firing') return false;
      const resolved: TransitionDoc = {
        ...key,
        kind: 'transition',
        ruleVersion: firing.ruleVersion,
        ...(firing.ruleName ? { ruleName: firing.ruleName } : {}),
        severity: firing.severity,
        ...(firing.owner ? { owner: firing.owner } : {}),
        at: how.at,
        state: 'resolved',
        value: null,
        baseline: null,
        score: null,
        reason: `resolved by hand by ${how.by}${how.note ? `: ${how.note}` : ''}`,
        recordedAt: how.at,
      };
      await beforeRecord?.(resolved);
      await this.record([resolved]);
      if (saved) await this.saveState({ ...saved.doc, machine: { ...saved.doc.machine, state: 'ok', streak: 0 }, updatedAt: how.at, resolvedAt: how.at }, saved);
      return true;
    },

    /** Alert quality per rule: how many fired, were acknowledged, were false positives, and the median time to acknowledge. */
    async quality(ruleId?: string): Promise<RuleQuality[]> {
      const filter: object[] = [{ term: { kind: 'transition' } }, { term: { state: 'firing' } }];
      if (ruleId) filter.push({ term: { ruleId } });
      const r = await client.search({
        index,
        size: 0,
        query: { bool: { filter } },
        aggs: { rules: { terms: { field: 'ruleId', size: 1000 }, aggs: { acked: { filter: { exists: { field: 'ackAt' } } }, fp: { filter: { term: { falsePositive: true } } }, tta: { percentiles: { field: 'ackSeconds', percents: [50] } } } } },
        ignore_unavailable: true,
      });
      type B = { key: string; doc_count: number; acked: { doc_count: number }; fp: { doc_count: number }; tta: { values: Record<string, number | null> } };
      return ((r.aggregations as { rules?: { buckets: B[] } } | undefined)?.rules?.buckets ?? []).map((b) => ({
        ruleId: b.key,
        fired: b.doc_count,
        acknowledged: b.acked.doc_count,
        ackRate: b.doc_count ? b.acked.doc_count / b.doc_count : null,
        falsePositives: b.fp.doc_count,
        falsePositiveRate: b.doc_count ? b.fp.doc_count / b.doc_count : null,
        medianSecondsToAck: Object.values(b.tta.values)[0] ?? null,
      }));
    },

    /** A rule's transitions recorded in [from, to), oldest first (what a digest sends). */
    async recordedBetween(ruleId: string, from: number, to: number, states: readonly string[]): Promise<Array<TransitionDoc & { docId: string }>> {
      const r = await client.search<TransitionDoc>({
        index,
        size: 500,
        query: { bool: { filter: [{ term: { kind: 'transition' } }, { term: { ruleId } }, { terms: { state: [...states] } }, { range: { recordedAt: { gte: from, lt: to, format: 'epoch_millis' } } }] } },
        sort: [{ recordedAt: 'asc' }, { at: 'asc' }],
        ignore_unavailable: true,
      });
      return r.hits.hits.flatMap((h) => (h._source ? [{ ...h._source, docId: h._id! }] : []));
    },

    /** Current states of a rule's groups. */
    async statesOf(ruleId: string): Promise<StateDoc[]> {
      const r = await client.search<StateDoc>({ index, size: 1000, query: { bool: { filter: [{ term: { kind: 'state' } }, { term: { ruleId } }] } }, ignore_unavailable: true });
      return r.hits.hits.flatMap((h) => (h._source ? [h._source] : []));
    },
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;

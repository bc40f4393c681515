// A drain: the raw topics already hold N items; `processors` processor processes start in
// one consumer group and the clock runs until all N are searchable (the read alias's count,
// polled every 250 ms, reaches N; the index refreshes every second, as in production). The
// rate is taken from the moment the group is stable with every processor in it to the
// last document, counting the documents searchable in between: process start-up (loading
// code and taxonomy, joining; Kafka also holds a new group's first join back a few seconds)
// is reported apart, and with two processors the stretch where the first one worked alone,
// and the rebalance when the second joined, stay out of the rate. CPU is measured over the
// same window. Afterwards the processors report how many items each
// indexed (their /metrics), which also shows items indexed twice after a rebalance, and
// the stored ids are compared with the produced ones.
import type { Client } from '@elastic/elasticsearch';
import { createKafka } from '../../core/kafka/kafka.client.ts';
import { readAlias } from '../../core/names.ts';
import type { Logger } from '../../core/observability/logger.ts';
import { indexedByProcessor, startChildRole, type ChildRole } from './child-role.ts';
import { cpuWindow, type Component, type CpuFigures } from './cpu-usage.ts';
import { auditIds, type IdAudit } from './id-audit.ts';
import type { Lane } from './lanes.ts';

export type DrainResult = {
  processors: number;
  expected: number;
  searchable: number;
  complete: boolean;
  /** Null when every item was searchable before the group held every processor. */
  docsPerS: number | null;
  seconds: number;
  /** From starting the processes to the group being stable with all of them. */
  startupSeconds: number;
  /** From starting the processes to the first searchable document. */
  firstDocSeconds: number;
  indexedPerProcessor: Array<number | null>;
  /** Items indexed more than once (the processors' counts above N): work a rebalance repeated. */
  redelivered: number | null;
  audit: IdAudit;
  cpu: CpuFigures;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function searchableCount(es: Client, index: string): Promise<number> {
  return (await es.count({ index, ignore_unavailable: true, allow_no_indices: true })).count;
}

export async function drain(
  es: Client,
  lane: Lane,
  o: { processors: number; ids: readonly string[]; servers: Component[]; stallS: number; echo: boolean; logger: Logger },
  progress: { update(done: number): void; stop(): void },
): Promise<DrainResult> {
  const alias = readAlias(lane.config.elasticsearch.indexPrefix);
  const expected = o.ids.length;
  const spawned = performance.now();
  const children: ChildRole[] = [];
  const admin = createKafka(lane.config.kafka, o.logger).admin();
  await admin.connect();
  try {
    for (let k = 1; k <= o.processors; k++) children.push(await startChildRole({ name: `${lane.name} processor-${k}`, role: 'processor', env: lane.env, echo: o.echo }));
    const components = [...o.servers, { name: 'bench', pid: process.pid }, ...children.map((c, k) => ({ name: o.processors > 1 ? `processor-${k + 1}` : 'processor', pid: c.pid }))];
    let joined: { at: number; count: number } | undefined;
    let firstDoc: number | undefined;
    let cpu: ReturnType<typeof cpuWindow> | undefined;
    let count = 0;
    let lastChange = performance.now();
    const exited = Promise.race(children.map((c) => c.exited.then((code) => ({ child: c, code }))));
    let gone: { child: ChildRole; code: number | null } | undefined;
    void exited.then((e) => (gone = e));
    while (count < expected) {
      await sleep(250);
      if (gone) throw new Error(`${gone.child.name} exited (code ${gone.code}) during the drain; its last output:\n${gone.child.tail().join('\n')}`);
      const now = await searchableCount(es, alias);
      if (now > 0 && firstDoc === undefined) firstDoc = performance.now();
      if (!joined) {
        const group = (await admin.describeGroups([lane.config.kafka.consumerGroup])).groups[0];
        if (group?.state === 'Stable' && group.members.length === o.processors) {
          joined = { at: performance.now(), count: now };
          cpu = cpuWindow(components);
        }
      }
      if (now !== count) lastChange = performance.now();
      count = now;
      progress.update(Math.min(count, expected));
      if (performance.now() - lastChange > o.stallS * 1000) break;
    }
    const end = performance.now();
    progress.stop();
    const cpuFigures = cpu?.stop() ?? cpuWindow([]).stop();
    const indexedPerProcessor = await Promise.all(children.map(async (c) => (await indexedByProcessor(c)) ?? null));
    const known = indexedPerProcessor.every((n) => n !== null);
    const seconds = joined ? (end - joined.at) / 1000 : 0;
    const startupSeconds = ((joined?.at ?? end) - spawned) / 1000;
    const firstDocSeconds = ((firstDoc ?? end) - spawned) / 1000;
    await Promise.all(children.map((c) => c.stop()));
    const audit = await auditIds(es, alias, o.ids);
    return {
      processors: o.processors,
      expected,
      searchable: count,
      complete: count >= expected,
      docsPerS: joined && seconds > 0 && count > joined.count ? Math.round((count - joined.count) / seconds) : null,
      seconds: Math.round(seconds * 10) / 10,
      startupSeconds: Math.round(startupSeconds * 10) / 10,
      firstDocSeconds: Math.round(firstDocSeconds * 10) / 10,
      indexedPerProcessor,
      redelivered: known ? Math.max(0, indexedPerProcessor.reduce((a, b) => a! + b!, 0)! - audit.distinct) : null,
      audit,
      cpu: cpuFigures,
    };
  } finally {
    progress.stop();
    await Promise.all(children.map((c) => c.stop()));
    await admin.disconnect();
  }
}

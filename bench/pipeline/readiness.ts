// Waiting for processor processes to be at work: /readyz of each (answered once the role
// has started: code, taxonomy and connections loaded) and the consumer group stable with
// all of them in it. Measuring before that would count start-up as load.
import type { Config } from '../../core/config/config.ts';
import { createKafka } from '../../core/kafka/kafka.client.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { ChildRole } from './child-role.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitProcessorsReady(config: Config, logger: Logger, processors: readonly ChildRole[], timeoutS = 180): Promise<void> {
  const deadline = performance.now() + timeoutS * 1000;
  const late = (what: string) => new Error(`${what} after ${timeoutS} s`);
  for (const p of processors) {
    for (;;) {
      const ok = await fetch(`${p.metricsUrl}/readyz`, { signal: AbortSignal.timeout(3000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (performance.now() > deadline) throw late(`${p.name} not ready; its last output:\n${p.tail().join('\n')}`);
      await sleep(250);
    }
  }
  const admin = createKafka(config.kafka, logger).admin();
  await admin.connect();
  try {
    for (;;) {
      const group = (await admin.describeGroups([config.kafka.consumerGroup])).groups[0];
      if (group?.state === 'Stable' && group.members.length === processors.length) return;
      if (performance.now() > deadline) throw late(`consumer group ${config.kafka.consumerGroup} not stable with ${processors.length} member(s) (${group?.state}, ${group?.members.length ?? 0})`);
      await sleep(250);
    }
  } finally {
    await admin.disconnect();
  }
}

// The pipeline as deployed, for the phases that post over HTTP: an API process and a
// processor process on one lane, both at work (processor ready, group stable) before
// anything is measured, with an ingest key to post and a product key to read, and a pool
// of generated feedback to post from. CPU is measured for the servers, this bench and both.
import type { Client } from '@elastic/elasticsearch';
import { createApiKey } from '../../cli/runtime.ts';
import { readAlias } from '../../core/names.ts';
import type { Logger } from '../../core/observability/logger.ts';
import { startChildRole, type ChildRole } from './child-role.ts';
import type { Component } from './cpu-usage.ts';
import type { Pipeline } from './end-to-end.ts';
import type { Lane } from './lanes.ts';
import { createLiveFeed } from './produce-feedback.ts';
import { waitProcessorsReady } from './readiness.ts';

export type RunningPipeline = { pipeline: Pipeline; readHeaders: Record<string, string>; stop(): Promise<void> };

export async function startPipeline(es: Client, lane: Lane, servers: readonly Component[], o: { logger: Logger; seed: number }): Promise<RunningPipeline> {
  const children: ChildRole[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => c.stop()));
  };
  try {
    const api = await startChildRole({ name: `${lane.name} api`, role: 'api', env: lane.env });
    children.push(api);
    const processor = await startChildRole({ name: `${lane.name} processor`, role: 'processor', env: lane.env });
    children.push(processor);
    await waitProcessorsReady(lane.config, o.logger, [processor]);
    const key = (name: string, role: 'ingest' | 'product') => createApiKey(lane.config, { name, role, expiresInDays: 1, createdBy: 'bench:pipeline' });
    const [ingestKey, readKey] = [await key('bench-ingest', 'ingest'), await key('bench-read', 'product')];
    return {
      readHeaders: { authorization: `Bearer ${readKey}` },
      pipeline: {
        es,
        alias: readAlias(lane.config.elasticsearch.indexPrefix),
        apiUrl: api.apiUrl!,
        headers: { authorization: `Bearer ${ingestKey}` },
        pool: createLiveFeed({ seed: o.seed, sourceIdPrefix: `${lane.id}-pool` })(5000),
        sourceIdPrefix: lane.id,
        components: [...servers, { name: 'bench', pid: process.pid }, { name: 'api', pid: api.pid }, { name: 'processor', pid: processor.pid }],
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

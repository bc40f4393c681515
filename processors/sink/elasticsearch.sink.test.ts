// Retry and dead-letter decisions of the sink, with a scripted bulk endpoint. The real
// cluster's behaviour (outage, restart) is covered by tests/fault-elasticsearch.int.test.ts.
import type { Client } from '@elastic/elasticsearch';
import { errors } from '@elastic/elasticsearch';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ShutdownError } from '../../core/errors.ts';
import type { FeedbackDocument } from '../../core/feedback/feedback-document.ts';
import { createElasticsearchSink, type SinkItem } from './elasticsearch.sink.ts';

const item = (id: string): SinkItem => ({
  ref: { topic: 't', partition: 0, offset: id, key: null, value: null, headers: {}, timestamp: '0' },
  doc: { id, createdAt: '2026-11-05T00:00:00.000Z' } as FeedbackDocument,
});

function scriptedClient(answers: Array<(ids: string[]) => unknown>) {
  const calls: string[][] = [];
  const client = {
    bulk: async ({ operations }: { operations: Array<{ index?: { _id: string } }> }) => {
      const ids = operations.filter((o) => o.index).map((o) => o.index!._id);
      calls.push(ids);
      const answer = answers.shift();
      if (!answer) throw new Error('no scripted answer left');
      const result = answer(ids);
      if (result instanceof Error) throw result;
      return result;
    },
  } as unknown as Client;
  return { client, calls };
}

const statuses = (byId: Record<string, number>) => (ids: string[]) => ({
  errors: true,
  items: ids.map((id) => ({ index: { _id: id, status: byId[id] ?? 201, ...(byId[id] && byId[id]! >= 300 ? { error: { type: byId[id] === 400 ? 'mapper_parsing_exception' : 'es_rejected_execution_exception', reason: 'scripted' } } : {}) } })),
});

const sink = (client: Client) =>
  createElasticsearchSink({ client, indexPrefix: 'voc-feedback', refresh: false, retry: { minMs: 1, maxMs: 5 }, logger: pino({ level: 'silent' }) });

describe('elasticsearch sink', () => {
  it('retries only the items refused with 429/5xx and returns 4xx items for dead-lettering', async () => {
    const { client, calls } = scriptedClient([statuses({ b: 429, c: 400, d: 503 }), statuses({ d: 503 }), statuses({})]);
    const { failed } = await sink(client).write(['a', 'b', 'c', 'd'].map(item));
    expect(calls).toEqual([['a', 'b', 'c', 'd'], ['b', 'd'], ['d']]);
    expect(failed.map((f) => [f.ref.offset, f.reason])).toEqual([['c', 'mapper_parsing_exception']]);
  });

  it('keeps retrying while the cluster is unreachable, calling the wait hook each time', async () => {
    const down = () => new errors.ConnectionError('connect ECONNREFUSED');
    const { client, calls } = scriptedClient([down, down, down, statuses({})]);
    let waits = 0;
    const { failed } = await sink(client).write([item('a')], { onWait: async () => void waits++ });
    expect(failed).toEqual([]);
    expect(calls).toHaveLength(4);
    expect(waits).toBe(3);
  });

  it('gives up with ShutdownError when shutdown is requested during an outage', async () => {
    const controller = new AbortController();
    const down = () => {
      controller.abort();
      return new errors.ConnectionError('connect ECONNREFUSED');
    };
    const { client } = scriptedClient([down, down]);
    await expect(sink(client).write([item('a')], { signal: controller.signal })).rejects.toBeInstanceOf(ShutdownError);
  });

  it('does not retry errors that retrying cannot fix', async () => {
    const { client, calls } = scriptedClient([() => new Error('bug in request building')]);
    await expect(sink(client).write([item('a')])).rejects.toThrow('bug in request building');
    expect(calls).toHaveLength(1);
  });
});

// Personal data in every field a client can fill, through the real pipeline: afterwards no
// stored document, search result, facet or log line holds any of it (identifiers become
// stable pseudonyms, free text placeholders), a dead-lettered message's log line included.
// Then `voc customers forget` removes one customer everywhere. And what staff type
// about customers (a pulled cord's words, notes, follow-up calls, corrections, silences)
// is redacted the same way before it is stored, audited or returned.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Partitioners } from 'kafkajs';
import { createApiKey, startRoles, type RunningRoles } from '../cli/runtime.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { labelsIndex } from '../core/elasticsearch/labels-index.ts';
import { alertsIndex } from '../alerts/live/alerts-index.ts';
import { auditIndex } from '../access/audit-log.ts';
import { rawTopic, readAlias } from '../core/names.ts';
import { makeFeedback } from './support/factories.ts';
import { spawnVoc } from './support/cli-process.ts';
import { getJson, postJson, removeTestResources, testEnv, useApiToken, waitFor, type TestEnv } from './support/test-env.ts';

// One of each kind voc detects, as a client might put them anywhere.
const email = 'jane.doe@example.com';
const phone = '+1 415 555 0134';
const card = '4111 1111 1111 1111';
const residentId = '11010519491231002X';
const ip = '203.0.113.9';
const secrets = [email, phone, card, residentId, ip, 'jane.doe', '4111111111111111', '4155550134'];

let t: TestEnv;
let roles: RunningRoles;
const logLines: string[] = [];

beforeAll(async () => {
  t = testEnv({ LOG_LEVEL: 'info' });
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'info', name: t.id }, sink);
  roles = await startRoles(t.config, ['api', 'processor'], { logger });
  useApiToken(await createApiKey(t.config, { name: 'privacy', role: 'admin', createdBy: 'tests' }));
});

afterAll(async () => {
  await roles?.stop();
  if (t) await removeTestResources(t);
});

const leaks = (text: string) => secrets.filter((s) => text.toLowerCase().includes(s.toLowerCase()));

describe('privacy', () => {
  it('keeps personal data out of documents, search results, facets and logs, whatever field carried it', { timeout: 90_000 }, async () => {
    const api = roles.apiUrl!;
    const items = [0, 1, 2].map((i) =>
      makeFeedback(i, {
        sourceId: `ticket ${i} from ${email}`,
        channel: `call ${phone}`,
        title: `card ${card}`,
        text: `I am ${email}, call ${phone}, my id ${residentId}, from ${ip}. The delivery was late (#${i}).`,
        customer: { id: email, segment: 'vip', lifetimeValue: 900 },
        product: { id: `sku for ${phone}`, name: `Phone of ${email}`, version: '1.0' },
        tags: [`vip ${email}`, 'late'],
        attributes: { contact: phone, [`note ${email}`]: 'x', count: 3 },
      }),
    );
    const res = await postJson(`${api}/v1/feedback`, items);
    expect(res.status).toBe(202);
    // A producer's broken message quoting personal data: dead-lettered, and logged.
    const producer = createKafka(t.config.kafka, t.logger).producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: rawTopic(t.config.kafka.topicPrefix, 'complaint'), messages: [{ value: `{"text": "${email} ${phone} is not json` }] });
    await producer.disconnect();
    await waitFor(async () => roles.processor!.stats.indexed >= 3 && roles.processor!.stats.deadLettered >= 1, { timeoutMs: 30_000, what: 'items indexed and the broken one dead-lettered' });

    const es = createElasticsearchClient(t.config.elasticsearch);
    await es.indices.refresh({ index: readAlias(t.config.elasticsearch.indexPrefix) });
    const stored = await es.search<Record<string, unknown>>({ index: readAlias(t.config.elasticsearch.indexPrefix), size: 100 });
    await es.close();
    expect(stored.hits.hits).toHaveLength(3);
    const docs = stored.hits.hits.map((h) => h._source!);
    expect(leaks(JSON.stringify(docs))).toEqual([]);
    // One customer, under one pseudonym; counts of what was removed stay on the document.
    const customerIds = new Set(docs.map((d) => (d.customer as { id: string }).id));
    expect(customerIds.size).toBe(1);
    expect([...customerIds][0]).toMatch(/^anon-[0-9a-f]{24}$/);
    expect(docs[0]!.redactions).toMatchObject({ email: expect.any(Number), phone: expect.any(Number), card: 1, cn_id: 1, ip: 1 });

    const search = await getJson(`${api}/v1/feedback/search?q=${encodeURIComponent(email)}&pageSize=10`);
    expect(search.status).toBe(200);
    const all = await getJson(`${api}/v1/feedback/search?pageSize=10`);
    expect(all.body.total).toBe(3);
    expect(leaks(JSON.stringify(all.body))).toEqual([]); // items, highlights and facets
    // Found by the pseudonym shown in results, and by the id the CRM knows.
    const profile = await getJson(`${api}/v1/customers/${[...customerIds][0]}`);
    expect(profile.status).toBe(200);
    expect(leaks(JSON.stringify(profile.body))).toEqual([]);
    const byEmail = await getJson(`${api}/v1/customers/${encodeURIComponent(email)}`);
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toEqual(profile.body);

    const logs = logLines.join('');
    expect(logs).toContain('message dead-lettered');
    expect(logs).toContain('/v1/feedback/search'); // the request was logged, its query string not
    expect(leaks(logs)).toEqual([]);
  });

  it('forgets a customer everywhere: feedback, corrections, and the audit log names only the pseudonym', { timeout: 60_000 }, async () => {
    const api = roles.apiUrl!;
    const other = await postJson(`${api}/v1/feedback`, [makeFeedback(50, { customer: { id: 'c-keep' } })]);
    expect(other.status).toBe(202);
    await waitFor(async () => roles.processor!.stats.indexed >= 4, { timeoutMs: 20_000, what: 'the other customer indexed' });
    const es = createElasticsearchClient(t.config.elasticsearch);
    await es.indices.refresh({ index: readAlias(t.config.elasticsearch.indexPrefix) });
    const mine = await getJson(`${api}/v1/feedback/search?pageSize=10&sort=newest`);
    const janes = mine.body.items.filter((i: { customer?: { id: string } }) => i.customer?.id.startsWith('anon-'));
    expect(janes).toHaveLength(3);
    expect((await postJson(`${api}/v1/feedback/${janes[0].id}/labels`, { task: 'sentiment', label: 'negative' })).status).toBe(201);

    const run = spawnVoc(['customers', 'forget', email, '--json'], t.env);
    const { code } = await run.exited;
    expect(code, run.output()).toBe(0);
    const report = JSON.parse(run.stdout());
    expect(report).toMatchObject({ pseudonym: janes[0].customer.id, feedback: 3, labels: 1 });

    await es.indices.refresh({ index: [readAlias(t.config.elasticsearch.indexPrefix), labelsIndex(t.config.elasticsearch.indexPrefix)] });
    const left = await es.search<{ customer?: { id: string } }>({ index: readAlias(t.config.elasticsearch.indexPrefix), size: 100 });
    expect(left.hits.hits.map((h) => h._source!.customer?.id)).toEqual(['c-keep']);
    const labels = await es.count({ index: labelsIndex(t.config.elasticsearch.indexPrefix) });
    expect(labels.count).toBe(0);
    await es.close();

    const audit = await getJson(`${api}/v1/audit?action=customer.forget`);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0].target).toEqual({ type: 'customer', id: report.pseudonym });
    expect(leaks(JSON.stringify(audit.body))).toEqual([]);
  });

  it('redacts what staff type about customers: a pulled cord, notes, follow-ups, corrections, silences', { timeout: 60_000 }, async () => {
    const api = roles.apiUrl!;
    const cord = await postJson(`${api}/v1/defects`, { text: `Kettle leaks, says ${email} (${phone})`, product: 'kettle-k1', by: 'agent-7' });
    expect(cord.status).toBe(201);
    expect(cord.body.flag.text).toBe('Kettle leaks, says [EMAIL] ([PHONE])');
    expect(cord.body.raisedNow).toBe(true);
    const [alert] = (await getJson(`${api}/v1/alerts?ruleId=defects&state=firing`)).body.transitions;
    const id = alert.id as string;
    expect((await postJson(`${api}/v1/alerts/${id}/notes`, { by: 'agent-7', text: `Card ${card} was charged twice` })).status).toBe(201);
    // Named by the id the CRM knows (an e-mail address), recorded under the customer's pseudonym.
    const contact = await postJson(`${api}/v1/alerts/${id}/contacts`, { customerId: email, by: 'agent-7', outcome: 'reached', note: `Called back on ${phone}` });
    expect(contact.status).toBe(201);
    expect(contact.body.contacts).toEqual([expect.objectContaining({ customerId: expect.stringMatching(/^anon-[0-9a-f]{24}$/), note: 'Called back on [PHONE]' })]);
    expect((await postJson(`${api}/v1/alerts/${id}/false-positive`, { by: 'agent-7', note: `id ${residentId} belongs to someone else` })).status).toBe(200);
    expect((await postJson(`${api}/v1/alerts/${id}/resolve`, { by: 'agent-7', note: `replaced, receipt sent to ${email}` })).status).toBe(200);

    const rule = await postJson(`${api}/v1/alert-rules`, { type: 'threshold', value: 30, every: '1d', groupBy: 'product' });
    expect(rule.status).toBe(201);
    const silence = await postJson(`${api}/v1/alert-rules/${rule.body.id}/silences`, { for: '1d', reason: `waiting for ${email} to confirm from ${ip}` });
    expect(silence.status).toBe(201);
    expect(silence.body.reason).toBe('waiting for [EMAIL] to confirm from [IP]');

    const posted = await postJson(`${api}/v1/feedback`, [makeFeedback(60, { customer: { id: 'c-label' } })]);
    expect(posted.status).toBe(202);
    const es = createElasticsearchClient(t.config.elasticsearch);
    try {
      await waitFor(
        async () => {
          await es.indices.refresh({ index: readAlias(t.config.elasticsearch.indexPrefix) });
          return (await es.count({ index: readAlias(t.config.elasticsearch.indexPrefix), query: { term: { 'customer.id': 'c-label' } } })).count === 1;
        },
        { timeoutMs: 20_000, what: 'the item to correct indexed' },
      );
      const [item] = (await getJson(`${api}/v1/feedback/search?pageSize=10&sort=newest`)).body.items.filter((i: { customer?: { id: string } }) => i.customer?.id === 'c-label');
      const label = await postJson(`${api}/v1/feedback/${item.id}/labels`, { task: 'sentiment', label: 'negative', note: `customer wrote again from ${email}` });
      expect(label.status).toBe(201);
      expect(label.body.note).toBe('customer wrote again from [EMAIL]');

      // Nothing stored, audited or answered holds what was typed.
      const prefix = t.config.elasticsearch.indexPrefix;
      await es.indices.refresh({ index: [alertsIndex(prefix), auditIndex(prefix), labelsIndex(prefix)] });
      for (const index of [alertsIndex(prefix), auditIndex(prefix), labelsIndex(prefix)]) {
        const stored = await es.search({ index, size: 1000 });
        expect(stored.hits.hits.length, index).toBeGreaterThan(0);
        expect(leaks(JSON.stringify(stored.hits.hits)), index).toEqual([]);
      }
    } finally {
      await es.close();
    }
    const read = await getJson(`${api}/v1/alerts/${id}`);
    expect(read.body.notes.map((n: { text: string }) => n.text)).toEqual(['Card [CARD] was charged twice', 'marked as a false positive: id [CN_ID] belongs to someone else']);
    expect(leaks(JSON.stringify(read.body))).toEqual([]);
    expect(leaks(JSON.stringify((await getJson(`${api}/v1/defects`)).body))).toEqual([]);
    expect(leaks(logLines.join(''))).toEqual([]);
  });
});

// Bad input against the real API, generated with fast-check: malformed JSON, wrong content
// types and types, huge and empty values, bytes that are not UTF-8, lone surrogates, deep
// nesting, prototype keys, dates in year 1 or 9999, Lucene syntax in search text. What must
// hold for every input: no 5xx, a 4xx problem+json whose errors name the item and the
// field, no process-wide prototype pollution, and nothing of a refused batch in Kafka or
// Elasticsearch. The figures per surface are printed at the end.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { rawTopics } from '../core/names.ts';
import { corruption, expectProblem, inputCounter, invalidUtf8, names, nestedJson, prototypeKeys, send, validItem } from './support/bad-input.ts';
import { auth, indexedIds, type TestEnv } from './support/test-env.ts';
import { spawnVoc } from './support/cli-process.ts';
import { useTestRoles } from './support/test-roles.ts';
import { backtestBodies, dryRunBodies, ruleBodies, searchQueries, taxonomyBodies } from './support/bad-input-api.ts';

// The rate limit is not under test here; thousands of requests a minute are.
const ctx = useTestRoles(['api', 'processor'], { API_RATE_LIMIT: '1000000' });
const api = () => ctx.roles.apiUrl!;
const tried = inputCounter();
afterAll(() => {
  for (const line of tried.summary()) console.log(line);
});

async function rawMessageCount(t: TestEnv): Promise<number> {
  const admin = createKafka(t.config.kafka, t.logger).admin();
  await admin.connect();
  try {
    let n = 0;
    for (const topic of rawTopics(t.config.kafka.topicPrefix)) for (const p of await admin.fetchTopicOffsets(topic)) n += Number(p.high) - Number(p.low);
    return n;
  } finally {
    await admin.disconnect();
  }
}

const post = (path: string, body: string | Uint8Array, type: string | null = 'application/json') => send(`${api()}${path}`, { body, type, headers: auth() });
const feedback = (body: string | Uint8Array, type?: string | null) => {
  tried.count('POST /v1/feedback');
  return post('/v1/feedback', body, type);
};
const notPolluted = () => expect(Object.keys(Object.prototype)).toEqual([]);

describe('POST /v1/feedback refuses bad input whole', () => {
  it('names the item and the field of every invalid item in a batch, and no valid item', async () => {
    const entry = fc.record({ item: validItem, bad: fc.option(corruption, { freq: 2, nil: undefined }) });
    const batch = fc.array(entry, { minLength: 1, maxLength: 6 }).filter((b) => b.some((e) => e.bad));
    await fc.assert(
      fc.asyncProperty(batch, fc.boolean(), async (entries, asObject) => {
        const items = entries.map(({ item, bad }) => ({ ...item, ...bad?.patch }));
        const r = await feedback(JSON.stringify(asObject && items.length === 1 ? items[0] : items));
        expectProblem(r, 400);
        expect(r.body.type).toBe('urn:voc:problem:invalid-feedback');
        const errors = r.body.errors as Array<{ index: number; path: string; message: string }>;
        entries.forEach(({ bad }, index) => {
          const own = errors.filter((e) => e.index === index);
          if (bad) expect(own.some((e) => names(e, bad.field)), `item ${index}: ${bad.field} in ${JSON.stringify(own)}`).toBe(true);
          else expect(own).toEqual([]);
        });
        notPolluted();
      }),
      { numRuns: 300 },
    );
  });

  it('answers a body that is not JSON with 400 invalid-json', async () => {
    const good = JSON.stringify({ source: 'review', text: 'fine' });
    const broken = fc.oneof(
      fc.tuple(fc.nat(good.length - 1), fc.string({ minLength: 1, maxLength: 3 })).map(([i, s]) => good.slice(0, i) + s + good.slice(i + 1)),
      fc.nat(good.length - 1).map((i) => good.slice(0, i)),
      fc.constantFrom("{'source':'review'}", '{"text": NaN}', '{"a":1,}', '{"a":1} // c', '[1,2', 'nul', '"\\u12"', '{"a":"\u0000"}x', '\u2028'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 50 }),
    ).filter((s) => {
      if (s.trim() === '') return false; // an empty body is an empty item: see below
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    });
    await fc.assert(
      fc.asyncProperty(broken, async (body) => {
        const r = await feedback(body);
        expectProblem(r, 400);
        expect(r.body.type).toBe('urn:voc:problem:invalid-json');
      }),
      { numRuns: 150 },
    );
  });

  it('answers a valid item sent as anything but JSON with 415', async () => {
    const token = fc.stringMatching(/^[a-z][a-z0-9.+-]{0,15}$/);
    const type = fc.oneof(
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream', 'text/json', 'application/jsonx', null),
      fc.tuple(token, token).map(([a, b]) => `${a}/${b}`).filter((t) => !/json/.test(t)),
    );
    await fc.assert(
      fc.asyncProperty(validItem, type, async (item, contentType) => {
        const r = await feedback(JSON.stringify(item), contentType);
        expectProblem(r, 415);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses bytes that are not UTF-8, naming where they are, instead of storing replacement characters', async () => {
    await fc.assert(
      fc.asyncProperty(validItem, invalidUtf8, fc.nat(), async (item, bad, where) => {
        const json = Buffer.from(JSON.stringify(item));
        const at = json.indexOf('"text":"') + 8 + (where % Buffer.byteLength(item.text));
        const r = await feedback(Buffer.concat([json.subarray(0, at), Buffer.from(bad), json.subarray(at)]));
        expectProblem(r, 400);
        expect(r.body.errors).toEqual([expect.objectContaining({ path: '(body)', message: expect.stringContaining('UTF-8') })]);
      }),
      { numRuns: 80 },
    );
  });

  it('reads BOMs and UTF-16 and still names the field', async () => {
    const encodings = fc.constantFrom('utf-8 bom', 'utf-16le', 'utf-16be');
    await fc.assert(
      fc.asyncProperty(validItem, corruption, encodings, async (item, bad, encoding) => {
        const json = JSON.stringify([{ ...item, ...bad.patch }]);
        const le = Buffer.from(`\uFEFF${json}`, 'utf16le');
        const body = encoding === 'utf-8 bom' ? Buffer.from(`\uFEFF${json}`) : encoding === 'utf-16le' ? le : Buffer.from(le).swap16();
        const r = await feedback(body, encoding === 'utf-8 bom' ? 'application/json' : `application/json; charset=${encoding}`);
        expectProblem(r, 400);
        expect(r.body.errors.some((e: { index: number; path: string; message: string }) => e.index === 0 && names(e, bad.field)), r.text).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses deep nesting anywhere, naming the item and the field', async () => {
    const where = fc.constantFrom('attributes.a', 'customer.id', 'tags', 'text', '(item)');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom<'array' | 'object'>('array', 'object'), where, async (depth, kind, field) => {
        const deep = nestedJson(depth, kind);
        const body =
          field === '(item)' ? `[${deep}]`
          : field === 'attributes.a' ? `{"source":"review","text":"x","attributes":{"a":${deep}}}`
          : field === 'customer.id' ? `{"source":"review","text":"x","customer":{"id":${deep}}}`
          : `{"source":"review","text":"x",${JSON.stringify(field)}:${deep}}`;
        const r = await feedback(body);
        expectProblem(r, 400);
        expect(r.body.errors.some((e: { index: number; path: string; message: string }) => e.index === 0 && names(e, field)), r.text).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses prototype keys without polluting Object.prototype', async () => {
    for (const key of prototypeKeys) {
      for (const body of [
        `{"source":"review","text":"x",${JSON.stringify(key)}:{"polluted":true}}`,
        `[{"source":"review","text":"x","customer":{${JSON.stringify(key)}:{"polluted":true}}}]`,
        `{"source":"review","text":"x","attributes":{${JSON.stringify(key)}:{"polluted":true}}}`,
      ]) {
        const r = await feedback(body);
        expectProblem(r, 400);
        expect(r.body.errors.some((e: { path: string; message: string }) => e.path.includes(key) || e.message.includes(key)), r.text).toBe(true);
        notPolluted();
      }
    }
  });

  it('answers empty and oversized requests with a 4xx', async () => {
    for (const body of ['', '[]', '{}', 'null', '0', '""', '[null]', '[[]]']) expectProblem(await feedback(body), 400);
    const tooMany = JSON.stringify(Array.from({ length: ctx.t.config.api.maxItems + 1 }, (_, i) => ({ source: 'review', text: `x${i}` })));
    expectProblem(await feedback(tooMany), 400);
    expectProblem(await feedback(`{"source":"review","text":"${'x'.repeat(26 * 1024 * 1024)}"}`), 413);
  });

  it('let nothing of the refused requests reach Kafka or Elasticsearch', async () => {
    await new Promise((r) => setTimeout(r, 1500));
    expect(await rawMessageCount(ctx.t)).toBe(0);
    expect((await indexedIds(ctx.t)).size).toBe(0);
  });
});

describe('inputs that once got through, kept as examples', () => {
  it('refuses each of them, naming the field', async () => {
    const item = { source: 'review', sourceId: 'regression', text: 'fine' };
    const field = async (body: unknown, path: string) => {
      const r = await feedback(typeof body === 'string' ? body : JSON.stringify(body));
      expectProblem(r, 400);
      expect(r.body.errors.map((e: { path: string }) => e.path), r.text).toContain(path);
    };
    // A lone surrogate was stored, and hashed into the same feedback id as U+FFFD.
    await field([{ ...item, attributes: { ' ': '!\ud800' } }], 'attributes. ');
    await field({ ...item, text: 'late \udc00 again' }, 'text');
    // The record schema dropped an attribute named __proto__ and accepted the rest.
    await field('{"source":"review","text":"x","attributes":{"__proto__":{"polluted":true}}}', 'attributes.__proto__');
    // createdAt in year 1 went unnamed when another field was wrong too.
    await field({ ...item, text: '', createdAt: '0001-01-01T00:00:00Z' }, 'createdAt');
    // A byte that is not UTF-8 became U+FFFD and was accepted.
    const prefix = Buffer.from('{"source":"review","text":"caf');
    const latin1 = await feedback(Buffer.concat([prefix, Buffer.from([0xe9]), Buffer.from('"}')]));
    expectProblem(latin1, 400);
    expect(latin1.body.errors).toEqual([{ path: '(body)', message: expect.stringContaining(`byte ${prefix.length} (0xe9) is not UTF-8`) }]);
    // The query parser dropped __proto__, so the unknown parameter went unnamed.
    const proto = await send(`${api()}/v1/feedback/search?__proto__=x`, { method: 'GET', type: null, headers: auth() });
    expectProblem(proto, 400);
    expect(proto.body.errors[0].path).toBe('__proto__');
    // Aliases expanding into a million nodes made the YAML parser throw a plain error: 500.
    const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 5 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n');
    const yaml = await send(`${api()}/v1/taxonomy`, { method: 'PUT', body: bomb, type: 'application/yaml', headers: auth() });
    expectProblem(yaml, 400);
    expect(yaml.body.errors[0]).toMatchObject({ path: '(body)', message: expect.stringContaining('alias') });
  });

  it('refuses a taxonomy whose pattern is too long to compile, naming the issue, instead of a 500 (or saving it)', async () => {
    const current = await send(`${api()}/v1/taxonomy`, { method: 'GET', type: null, headers: auth() });
    const taxonomy = structuredClone(current.body.taxonomy);
    taxonomy.categories[1].issues[0].patterns = { en: [Array(5000).fill('word').join(' ')] };
    const dry = await post('/v1/taxonomy/dry-run', JSON.stringify({ taxonomy, last: 5 }));
    expectProblem(dry, 400);
    expect(dry.body.errors).toEqual([expect.objectContaining({ path: 'categories[1].issues[0].patterns' })]);
    const put = await send(`${api()}/v1/taxonomy`, { method: 'PUT', body: JSON.stringify(taxonomy), headers: auth() });
    expectProblem(put, 400);
  });
});

describe('search treats its text as plain words and names every bad parameter', () => {
  it('never fails on a query', async () => {
    await fc.assert(
      fc.asyncProperty(searchQueries, async ({ query, bad }) => {
        tried.count('GET /v1/feedback/search');
        const r = await send(`${api()}/v1/feedback/search?${query}`, { method: 'GET', type: null, headers: auth() });
        if (bad.length === 0) {
          expect(r.status, `${query}: ${r.text}`).toBe(200);
          return;
        }
        expectProblem(r, 400);
        // Checks across parameters (page × pageSize, minRating ≤ maxRating) wait until each is
        // valid on its own, so with several bad ones some are named only on the next try.
        const named = (param: string) => r.body.errors.some((e: { path: string; message: string }) => e.path === param || e.path.startsWith(`${param}.`) || e.message.includes(param));
        expect(bad.some(named), `${bad.join(', ')} in ${r.text}`).toBe(true);
        if (bad.length === 1) expect(named(bad[0]!), `${bad[0]} in ${r.text}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('taxonomy and alert rules refuse bad input, naming the field, and keep what they had', () => {
  it('PUT /v1/taxonomy', async () => {
    const before = await send(`${api()}/v1/taxonomy`, { method: 'GET', type: null, headers: auth() });
    await fc.assert(
      fc.asyncProperty(taxonomyBodies, async ({ body, type }) => {
        tried.count('PUT /v1/taxonomy');
        const r = await send(`${api()}/v1/taxonomy`, { method: 'PUT', body, type, headers: auth() });
        expectProblem(r, 'any4xx');
        notPolluted();
      }),
      { numRuns: 120 },
    );
    const after = await send(`${api()}/v1/taxonomy`, { method: 'GET', type: null, headers: auth() });
    expect(after.body.version).toBe(before.body.version);
  });

  it('POST /v1/taxonomy/dry-run', async () => {
    await fc.assert(
      fc.asyncProperty(dryRunBodies, async (body) => {
        tried.count('POST /v1/taxonomy/dry-run');
        const r = await post('/v1/taxonomy/dry-run', body);
        if (r.status !== 200) expectProblem(r, 'any4xx');
        notPolluted();
      }),
      // Each valid candidate is compiled (a few hundred ms, seconds for a pattern of one huge word).
      { numRuns: 60 },
    );
  });

  it('POST and PUT /v1/alert-rules', async () => {
    const created = await post('/v1/alert-rules', JSON.stringify({ type: 'spike', direction: 'up', every: '1d', groupBy: 'product' }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await fc.assert(
      fc.asyncProperty(ruleBodies, fc.boolean(), async ({ body, field }, replace) => {
        tried.count('POST/PUT /v1/alert-rules');
        const r = replace
          ? await send(`${api()}/v1/alert-rules/${id}`, { method: 'PUT', body, headers: auth() })
          : await post('/v1/alert-rules', body);
        if (r.status === 200 || r.status === 201) return;
        expectProblem(r, 'any4xx');
        if (field && r.status === 400) expect(r.body.errors.some((e: { path: string; message: string }) => e.path.startsWith(field) || e.message.includes(field)), `${field} in ${r.text}`).toBe(true);
        notPolluted();
      }),
      // A rule that happens to be valid is saved (and indexed with a refresh): ~100 ms each.
      { numRuns: 80 },
    );
  });

  it('POST /v1/alert-rules/backtest', async () => {
    await fc.assert(
      fc.asyncProperty(backtestBodies, async (body) => {
        tried.count('POST /v1/alert-rules/backtest');
        const r = await post('/v1/alert-rules/backtest', body);
        if (r.status !== 200) expectProblem(r, 'any4xx');
      }),
      { numRuns: 80 },
    );
  });
});

describe('voc import names the row and the field', () => {
  it('rejects the bad rows of a file with a BOM, broken quoting and Latin-1 rows, and exits 2 for a file it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voc-bad-input-'));
    const file = join(dir, 'mixed.csv');
    writeFileSync(file, Buffer.concat([
      Buffer.from('\uFEFFid,Review Text,Stars\r\n1,"Fine, thanks",5\r\n'),
      Buffer.from('2,"Caf\u00e9 was cold",2\r\n', 'latin1'),
      Buffer.from('3,"ok",9\r\n4,"a ""quoted"" word",4\r\n5,"never closed,1\r\n'),
    ]));
    const args = ['import', file, '--source', 'review', '--map', 'sourceId=id,text="Review Text",rating=Stars', '--dry-run', '--json', '--no-progress'];
    const run = spawnVoc(args, ctx.t.env);
    tried.count('voc import (CLI)');
    expect((await run.exited).code, run.output()).toBe(0);
    expect(JSON.parse(run.stdout())).toMatchObject({ outcome: 'complete', rowsRead: 5, valid: 2, rejected: 3 });
    const rejects = readFileSync(`${file}.rejects.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rejects.map((r) => [r.row, r.problems[0].path])).toEqual([[2, '(row)'], [3, 'rating'], [5, '(row)']]);
    expect(rejects[0].problems[0].message).toContain('"Review Text": not UTF-8');

    const be = join(dir, 'be.jsonl');
    writeFileSync(be, Buffer.from('\uFEFF{"source":"review","text":"x"}\n', 'utf16le').swap16());
    const usage = spawnVoc(['import', be, '--dry-run', '--no-progress'], ctx.t.env);
    tried.count('voc import (CLI)');
    expect((await usage.exited).code).toBe(2);
    expect(usage.output()).toContain('UTF-16 big-endian');
  });
});

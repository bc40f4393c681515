// Revoking a key while it is in use: the key's record changes between the revocation's read
// and its write (a request records lastUsedAt), which must not turn the revocation into an
// error; the key ends revoked, and the answer says what it replaced.
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { createKeyStore, ensureApiKeysIndex } from '../access/key-store.ts';
import { removeTestResources, testEnv, type TestEnv } from './support/test-env.ts';

let t: TestEnv | undefined;
afterEach(async () => {
  if (t) await removeTestResources(t);
  t = undefined;
});

describe('key store', () => {
  it('revokes a key that is used between the revocation read and write', async () => {
    t = testEnv();
    const es = createElasticsearchClient(t.config.elasticsearch);
    const prefix = t.config.elasticsearch.indexPrefix;
    await ensureApiKeysIndex(es, prefix);
    const { key } = await createKeyStore(es, prefix).create({ name: 'busy', role: 'product', createdBy: 'tests' });
    // A client whose first read of the key is followed by a use of the key, as a request would.
    const user = createKeyStore(es, prefix);
    let reads = 0;
    const racing = new Proxy(es, {
      get(target, prop, receiver) {
        if (prop !== 'get') return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<Client['get']>) => {
          const answer = await target.get(...args);
          if (++reads === 1) await user.touch(key.id);
          return answer;
        };
      },
    });
    try {
      const changed = await createKeyStore(racing, prefix).revoke(key.id, 'tests');
      expect(reads).toBeGreaterThanOrEqual(2);
      expect(changed?.before.lastUsedAt).toBeDefined();
      expect(changed?.after.revokedAt).toBeDefined();
      expect((await createKeyStore(es, prefix).get(key.id))?.revokedAt).toBe(changed?.after.revokedAt);
    } finally {
      await es.close();
    }
  });
});

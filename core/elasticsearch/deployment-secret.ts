// Secrets a deployment makes for itself on first start and every process then shares,
// kept in `<prefix>.secrets` (one document per secret): the key of the pseudonyms given to
// identifiers that hold personal data. The first process to start creates it; the others,
// and every later start, read the same one. Readers of the feedback indices alone cannot
// use it; restrict this index as you restrict the cluster's settings.
import { randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { createRecordsIndex } from './elasticsearch.client.ts';

export function secretsIndex(indexPrefix: string): string {
  return `${indexPrefix}.secrets`;
}

export async function deploymentSecret(client: Client, indexPrefix: string, name: string): Promise<Buffer> {
  const index = secretsIndex(indexPrefix);
  await createRecordsIndex(client, index, { value: { type: 'keyword', index: false, doc_values: false }, createdAt: { type: 'date' } });
  try {
    await client.create({ index, id: name, document: { value: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() }, refresh: 'wait_for' });
  } catch (error) {
    // Another process made it first: theirs is the one.
    if ((error as { statusCode?: number }).statusCode !== 409) throw error;
  }
  const doc = await client.get<{ value: string }>({ index, id: name });
  return Buffer.from(doc._source!.value, 'base64');
}

export const PSEUDONYM_SECRET = 'pii-pseudonym-key';

// Identifiers that carry personal data (a customer id that is an e-mail address, a source id
// that is a phone number) cannot be redacted like text: customer counts, profiles, ids of
// re-sent items and forget requests need them stable. They are replaced whole by a keyed
// pseudonym, `anon-` and 24 hex digits of HMAC-SHA-256 under the deployment's secret: the
// same input gives the same pseudonym, and without the secret no one can test a guess
// ("is anon-… jane@example.com?") against the index.
import { createHmac } from 'node:crypto';
import { redactPii } from './redact-pii.ts';

export const PSEUDONYM_PREFIX = 'anon-';

export function pseudonym(value: string, key: Buffer): string {
  return PSEUDONYM_PREFIX + createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 24);
}

/** True when redaction would change the value: it holds an e-mail, phone, card, resident id or IP address. */
export function holdsPii(value: string): boolean {
  return Object.keys(redactPii(value).counts).length > 0;
}

/** The value as stored: itself, or its pseudonym when it holds personal data. */
export function storedIdentifier(value: string, key: Buffer): string {
  return holdsPii(value) ? pseudonym(value, key) : value;
}

// What the routes share: parameters validated by a zod schema, with a 400 problem that
// names every bad parameter; staff's free text redacted like feedback; and Elasticsearch
// outages answered as 503 with Retry-After instead of a 500.
import type { z } from 'zod';
import { redactPii } from '../insight/pii/redact-pii.ts';
import { classifyElasticsearchError } from '../core/elasticsearch/elasticsearch.client.ts';
import { RetriableError, UnavailableError } from '../core/errors.ts';
import { HttpProblem, problem } from '../core/http/problem.ts';

export function parseParams<S extends z.ZodType>(schema: S, input: unknown, slug = 'invalid-parameters', title = 'Invalid parameters'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new HttpProblem(
    problem(400, slug, title, {
      detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(query)'}: ${i.code === 'unrecognized_keys' ? `unknown parameter(s): ${i.keys.join(', ')}` : i.message}`).join('; '),
      errors: parsed.error.issues.map((i) => ({
        path: i.path.join('.') || '(query)',
        message: i.code === 'unrecognized_keys' ? `unknown parameter(s): ${i.keys.join(', ')}` : i.message,
      })),
    }),
  );
}

/**
 * Free text that staff type — a note on an alert, the notes of a follow-up call, a pulled
 * cord's own words, a silence's reason, a correction's note — as stored: personal data in
 * it (e-mail addresses, phone numbers, cards, resident ids, IP addresses) replaced by
 * placeholders, as in feedback, before anything stores, returns, audits or sends it. The
 * phone number of the customer called back must not end up in the alert index.
 */
export const redacted = <S extends z.ZodType<string>>(schema: S) => schema.transform((text) => redactPii(text).text);

/** A 400 about one parameter, for checks made after the schema (a range too long for its interval, say). */
export function badParameter(path: string, message: string, slug = 'invalid-parameters'): HttpProblem {
  return new HttpProblem(problem(400, slug, 'Invalid parameters', { detail: `${path}: ${message}`, errors: [{ path, message }] }));
}

export async function callElasticsearch<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const e = classifyElasticsearchError(error);
    if (e instanceof UnavailableError || e instanceof RetriableError) {
      throw new HttpProblem(problem(503, 'search-unavailable', 'Search is unavailable now', { detail: (e as Error).message }), { 'Retry-After': '5' });
    }
    throw e;
  }
}

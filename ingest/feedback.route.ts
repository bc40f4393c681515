// POST /v1/feedback: one feedback item or an array of them. All-or-nothing per request:
// every item is validated first, and nothing is published unless all are valid. 202 comes
// only after Kafka acknowledged every item; if Kafka cannot be reached the answer is 503
// with Retry-After, and re-sending the same request is safe (ids are deterministic).
import { isUtf8 } from 'node:buffer';
import { z } from 'zod';
import express from 'express';
import { UnavailableError } from '../core/errors.ts';
import { feedbackSchema, parseFeedback, type Feedback } from '../core/feedback/feedback.schema.ts';
import { HttpProblem, problem } from '../core/http/problem.ts';
import type { Metrics } from '../core/observability/metrics.ts';
import type { FeedbackPublisher } from './feedback-publisher.ts';
import { allow } from '../core/http/access.ts';
import { describedRouter, type DescribedRouter, type Operation } from '../core/http/operation.ts';
import { firstInvalidByte } from './first-invalid-byte.ts';

export type IngestRouteDeps = { publisher: FeedbackPublisher; maxItems: number; maxBody: string; metrics?: Metrics };

export function validateBatch(body: unknown, maxItems: number): { items: Feedback[]; single: boolean } {
  const single = !Array.isArray(body);
  const raw: unknown[] = single ? [body] : (body as unknown[]);
  if (raw.length === 0) throw new HttpProblem(problem(400, 'empty-batch', 'No feedback in the request', { detail: 'send one object or a non-empty array' }));
  if (raw.length > maxItems) {
    throw new HttpProblem(
      problem(400, 'batch-too-large', 'Too many items in one request', { detail: `${raw.length} items; at most ${maxItems} per request` }),
    );
  }
  const items: Feedback[] = [];
  const errors: Array<{ index: number; path: string; message: string }> = [];
  raw.forEach((value, index) => {
    const result = parseFeedback(value);
    if (result.ok) items.push(result.feedback);
    else for (const p of result.problems) errors.push({ index, ...p });
  });
  if (errors.length > 0) {
    const invalid = new Set(errors.map((e) => e.index)).size;
    throw new HttpProblem(
      problem(400, 'invalid-feedback', 'Invalid feedback', {
        detail: `${invalid} of ${raw.length} item(s) invalid; nothing was accepted`,
        errors,
      }),
    );
  }
  return { items, single };
}

// The JSON parser would turn bytes that are not UTF-8 into U+FFFD, so a Latin-1 or GBK body
// would be stored as question marks, under an id hashed from them. Such a body is refused.
function refuseInvalidUtf8(_req: unknown, _res: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8' || isUtf8(body)) return;
  const at = firstInvalidByte(body);
  const message = `byte ${at} (0x${body[at]?.toString(16).padStart(2, '0')}) is not UTF-8; send JSON encoded as UTF-8 or name the charset in Content-Type`;
  throw new HttpProblem(problem(400, 'invalid-encoding', 'The body is not UTF-8', { detail: `${message}; nothing was accepted`, errors: [{ path: '(body)', message }] }));
}

// The body is checked item by item with the feedback schema (validateBatch); as a whole it is one item or a list of them.
const feedback = feedbackSchema.meta({ id: 'Feedback' });
export const ingestOperations: Operation[] = [
  {
    id: 'sendFeedback',
    method: 'post',
    path: '/v1/feedback',
    tag: 'Feedback',
    summary: 'Send one feedback item or a batch',
    description:
      'All or nothing: every item is validated first (400 names each invalid item and field, and nothing is published). 202 only after Kafka acknowledged every item; on 503 none is guaranteed, and sending the same request again is safe (ids are deterministic).',
    permission: 'feedback:write',
    body: { schema: z.union([feedback, z.array(feedback).min(1)]), description: 'feedback model v1: one item, or an array of up to INGEST_MAX_ITEMS (1,000 by default) at most INGEST_MAX_BODY large' },
    ok: {
      status: 202,
      description: 'accepted: every item is in Kafka',
      schema: { type: 'object', required: ['accepted', 'ids'], properties: { accepted: { type: 'integer' }, ids: { type: 'array', items: { type: 'string' }, description: 'the feedback ids, in the order sent' } } },
    },
    errors: [415],
  },
];

export function createIngestRouter(deps: IngestRouteDeps): DescribedRouter {
  const router = express.Router();
  router.post('/v1/feedback', allow('feedback:write'), express.json({ limit: deps.maxBody, type: ['application/json', 'application/*+json'], verify: refuseInvalidUtf8 }), async (req, res) => {
    if (!req.is('application/json') && !req.is('application/*+json')) {
      throw new HttpProblem(problem(415, 'unsupported-media-type', 'Send JSON', { detail: 'Content-Type must be application/json' }));
    }
    let batch: ReturnType<typeof validateBatch>;
    try {
      batch = validateBatch(req.body, deps.maxItems);
    } catch (error) {
      deps.metrics?.feedbackRejected.inc({ via: 'api' });
      throw error;
    }
    try {
      const published = await deps.publisher.publish(batch.items, 'api');
      res.status(202).json({ accepted: published.length, ids: published.map((p) => p.id) });
    } catch (error) {
      if (error instanceof UnavailableError) {
        throw new HttpProblem(
          problem(503, 'kafka-unavailable', 'Feedback could not be stored now', {
            detail: 'Kafka did not acknowledge the items; none is guaranteed. Send the same request again; duplicates are not created.',
          }),
          { 'Retry-After': '5' },
        );
      }
      throw error;
    }
  });
  return describedRouter(router, ingestOperations);
}

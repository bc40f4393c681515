// Feedback model v1: the contract of POST /v1/feedback, `voc import` and the raw Kafka
// topics. Strict objects, so a misspelt field is an error rather than silently lost data.
// `feedbackJsonSchema()` exports the same contract as JSON Schema for external producers.
import { z } from 'zod';

export const FEEDBACK_SCHEMA_VERSION = 1;
export const MAX_TEXT_LENGTH = 20_000;

export const sources = ['review', 'survey', 'complaint', 'support', 'social'] as const;
export type Source = (typeof sources)[number];

export const scales = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;
export type Scale = keyof typeof scales;

const shortText = (max: number) => z.string().trim().min(1).max(max);
const attributeValue = z.union([z.string().max(1000), z.number(), z.boolean()]);

export const feedbackSchema = z
  .strictObject({
    source: z.enum(sources).describe('kind of feedback; decides the raw topic'),
    sourceId: shortText(256)
      .optional()
      .describe('id of the item in its source system; with source it makes the feedback id'),
    channel: shortText(64).optional().describe('where it came from: app-store, web, email, phone, chat, …'),
    text: z
      .string()
      .trim()
      .min(1, 'text must not be empty')
      .max(MAX_TEXT_LENGTH, `text must be at most ${MAX_TEXT_LENGTH} characters`)
      .describe("the customer's own words"),
    title: shortText(500).optional(),
    rating: z.number().int().min(1).max(5).optional().describe('star rating 1–5'),
    score: z.number().optional().describe('survey answer on `scale`'),
    scale: z.enum(Object.keys(scales) as [Scale, ...Scale[]]).optional().describe('nps 0–10, csat 1–5, ces 1–7'),
    customer: z
      .strictObject({
        id: shortText(256).optional(),
        segment: shortText(64).optional().describe('value segment, e.g. vip, standard'),
        lifetimeValue: z.number().min(0).optional(),
      })
      .optional(),
    product: z
      .strictObject({
        id: shortText(256).optional(),
        name: shortText(256).optional(),
        version: shortText(64).optional(),
      })
      .optional(),
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'locale must be a BCP 47 tag such as en-US or zh-CN')
      .optional(),
    createdAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('when the customer gave the feedback (ISO 8601, from 2000-01-01 to a day ahead of now); default: when voc received it'),
    tags: z.array(shortText(100)).max(50).optional(),
    attributes: z
      .record(z.string().min(1).max(100), attributeValue)
      .refine((r) => Object.keys(r).length <= 50, 'at most 50 attributes')
      .optional(),
  })
  .superRefine((f, ctx) => {
    if ((f.score === undefined) !== (f.scale === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [f.score === undefined ? 'score' : 'scale'],
        message: 'score and scale go together',
      });
      return;
    }
    if (f.score !== undefined && f.scale !== undefined) {
      const [min, max] = scales[f.scale];
      if (!Number.isInteger(f.score) || f.score < min || f.score > max) {
        ctx.addIssue({
          code: 'custom',
          path: ['score'],
          message: `a ${f.scale} score is a whole number from ${min} to ${max}`,
        });
      }
    }
  });

export type Feedback = z.infer<typeof feedbackSchema>;
export type FeedbackInput = z.input<typeof feedbackSchema>;

export type FieldProblem = { path: string; message: string };

/**
 * The oldest and the latest `createdAt` voc takes. Documents live in one index per month of
 * `createdAt`, so a date a client invents would create an index (and its shards) for it:
 * 1,000 items with 1,000 different months once filled a cluster's shard limit. 2000-01-01
 * leaves room for any history a company keeps; a day ahead allows for clocks and zones.
 */
export const OLDEST_CREATED_AT = Date.UTC(2000, 0, 1);
export const MAX_CREATED_AHEAD_MS = 86_400_000;

/** Validates one item; problems carry a JSON-pointer-like dotted path ("customer.lifetimeValue"). */
export function parseFeedback(value: unknown, now: number = Date.now()): { ok: true; feedback: Feedback } | { ok: false; problems: FieldProblem[] } {
  const result = feedbackSchema.safeParse(value);
  if (result.success) {
    const at = result.data.createdAt === undefined ? undefined : Date.parse(result.data.createdAt);
    if (at !== undefined && !(at >= OLDEST_CREATED_AT && at <= now + MAX_CREATED_AHEAD_MS)) {
      return { ok: false, problems: [{ path: 'createdAt', message: `createdAt must lie between 2000-01-01 and a day from now (${new Date(now + MAX_CREATED_AHEAD_MS).toISOString().slice(0, 10)}); got ${result.data.createdAt}` }] };
    }
    return { ok: true, feedback: result.data };
  }
  return {
    ok: false,
    problems: result.error.issues.map((i) => ({
      path: i.path.length ? i.path.map(String).join('.') : '(item)',
      message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
    })),
  };
}

export function feedbackJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(feedbackSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

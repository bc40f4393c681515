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

// A lone surrogate (half of a UTF-16 pair, e.g. "\ud800" in JSON) is no character: Kafka,
// Elasticsearch and the feedback id's hash would each turn it into something else.
const noLoneSurrogate = (s: string) => !/\p{Cs}/u.test(s);
const loneSurrogate = 'contains a lone surrogate (half of a UTF-16 pair, such as \\ud800), which is not text';
const unicode = () => z.string().refine(noLoneSurrogate, loneSurrogate);
const shortText = (max: number) => unicode().trim().min(1).max(max);
const attributeValue = z.union([unicode().max(1000), z.number(), z.boolean()]);
const isoDateTime = z.iso.datetime({ offset: true });

export const feedbackSchema = z
  .strictObject({
    source: z.enum(sources).describe('kind of feedback; decides the raw topic'),
    sourceId: shortText(256)
      .optional()
      .describe('id of the item in its source system; with source it makes the feedback id'),
    channel: shortText(64).optional().describe('where it came from: app-store, web, email, phone, chat, …'),
    text: unicode()
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
    createdAt: isoDateTime
      .optional()
      .describe('when the customer gave the feedback (ISO 8601, from 2000-01-01 to a day ahead of now); default: when voc received it'),
    tags: z.array(shortText(100)).max(50).optional(),
    attributes: z
      .record(unicode().min(1).max(100), attributeValue)
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
  const problems: FieldProblem[] = result.success
    ? []
    : result.error.issues.map((i) => ({
        path: i.path.length ? i.path.map(String).join('.') : '(item)',
        message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.code === 'invalid_key' ? (i.issues[0]?.message ?? i.message) : i.message,
      }));
  problems.push(...inputProblems(value, now));
  return result.success && problems.length === 0 ? { ok: true, feedback: result.data } : { ok: false, problems };
}

// Checks of the item as given, made whether or not the schema passed, so that one answer
// names all of them: the createdAt range (it depends on now), and an attribute named
// __proto__, which the record schema drops silently instead of reporting.
function inputProblems(value: unknown, now: number): FieldProblem[] {
  if (typeof value !== 'object' || value === null) return [];
  const { createdAt, attributes } = value as { createdAt?: unknown; attributes?: unknown };
  const problems: FieldProblem[] = [];
  if (isoDateTime.safeParse(createdAt).success) {
    const at = Date.parse(createdAt as string);
    if (!(at >= OLDEST_CREATED_AT && at <= now + MAX_CREATED_AHEAD_MS)) {
      problems.push({ path: 'createdAt', message: `createdAt must lie between 2000-01-01 and a day from now (${new Date(now + MAX_CREATED_AHEAD_MS).toISOString().slice(0, 10)}); got ${createdAt as string}` });
    }
  }
  if (typeof attributes === 'object' && attributes !== null && Object.hasOwn(attributes, '__proto__')) {
    problems.push({ path: 'attributes.__proto__', message: 'an attribute may not be named __proto__' });
  }
  return problems;
}

export function feedbackJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(feedbackSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

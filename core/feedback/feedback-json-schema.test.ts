// The committed JSON Schema (schemas/feedback.v1.schema.json, for external producers)
// must be exactly what the zod schema exports; regenerate with `voc schema`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { feedbackJsonSchema } from './feedback.schema.ts';

describe('published JSON Schema', () => {
  it('matches the schema the code validates with (regenerate: npx voc schema > schemas/feedback.v1.schema.json)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../schemas/feedback.v1.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(feedbackJsonSchema());
  });
});

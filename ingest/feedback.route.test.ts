import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../core/http/problem.ts';
import { validateBatch } from './feedback.route.ts';

const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpProblem) return error.problem;
    throw error;
  }
  throw new Error('expected a problem');
};

describe('ingest validation', () => {
  it('accepts one object or an array', () => {
    expect(validateBatch({ source: 'review', text: 'ok' }, 10)).toMatchObject({ single: true, items: [{ text: 'ok' }] });
    expect(validateBatch([{ source: 'review', text: 'a' }, { source: 'social', text: 'b' }], 10).items).toHaveLength(2);
  });

  it('lists every invalid item by index and field and accepts none', () => {
    const p = problemOf(() => validateBatch([{ source: 'review', text: 'fine' }, { source: 'review' }, { text: 'x', rating: 'five' }], 10));
    expect(p.status).toBe(400);
    expect(p.detail).toBe('2 of 3 item(s) invalid; nothing was accepted');
    expect(p.errors!.map((e) => `${e.index}:${e.path}`).sort()).toEqual(['1:text', '2:rating', '2:source']);
  });

  it('refuses empty and oversized batches', () => {
    expect(problemOf(() => validateBatch([], 10)).type).toBe('urn:voc:problem:empty-batch');
    expect(problemOf(() => validateBatch(Array.from({ length: 11 }, () => ({ source: 'review', text: 'x' })), 10)).detail).toContain('at most 10');
  });
});

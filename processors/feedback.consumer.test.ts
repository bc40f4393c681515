import { describe, expect, it } from 'vitest';
import { cutChunks } from './feedback.consumer.ts';

const message = (bytes: number) => ({ value: Buffer.alloc(bytes) });
const sizes = (chunks: Array<Array<{ value: Buffer | null }>>) => chunks.map((c) => c.map((m) => m.value?.length ?? 0));

describe('cutChunks', () => {
  it('cuts by count', () => {
    expect(sizes(cutChunks([1, 1, 1, 1, 1].map(message), 2, Infinity))).toEqual([[1, 1], [1, 1], [1]]);
  });

  it('cuts by bytes before a message would pass the limit', () => {
    expect(sizes(cutChunks([40, 40, 40, 10, 90].map(message), 100, 100))).toEqual([[40, 40], [40, 10], [90]]);
  });

  it('gives a message larger than the limit a chunk of its own, and counts a null value as empty', () => {
    expect(sizes(cutChunks([message(10), message(500), { value: null }, message(10)], 100, 100))).toEqual([[10], [500], [0, 10]]);
  });

  it('makes no chunk of nothing', () => {
    expect(cutChunks([], 10, 100)).toEqual([]);
  });
});

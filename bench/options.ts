// Option parsers the benchmarks share (commander calls them with the text given).
import { InvalidArgumentError } from 'commander';

/** A whole number ≥ `min`; with `separators`, written as 1_000_000 or 1,000,000 too. */
export const whole =
  (min: number, opts: { separators?: boolean } = {}) =>
  (v: string): number => {
    const n = Number(opts.separators ? v.replaceAll('_', '').replaceAll(',', '') : v);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`a whole number ≥ ${min}`);
    return n;
  };

// Deterministic random texts for tests that compare a hand-written scanner with the regular
// expression it replaces: `count` texts of 0 to maxPieces-1 pieces drawn from `pieces`, from a
// seeded linear congruential generator, so a failure names a text that recurs on every run.
export function randomTexts(pieces: readonly string[], options: { count: number; maxPieces: number; seed: number }): string[] {
  let seed = options.seed;
  const next = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % k);
  const texts: string[] = [];
  for (let i = 0; i < options.count; i++) {
    let text = '';
    for (let j = next(options.maxPieces); j > 0; j--) text += pieces[next(pieces.length)];
    texts.push(text);
  }
  return texts;
}

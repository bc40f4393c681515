import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { createEnglishLexicon } from './english-lexicon.ts';

const analyzer = createTextAnalyzer();
const lexicon = createEnglishLexicon((w) => analyzer.tokens(w)[0]?.term ?? w);

describe('English lexicon', () => {
  it('loads AFINN-165 from natural and lets the feedback layer override it', () => {
    expect(lexicon.valence('abhorrent')).toBeLessThan(0);
    // AFINN scores these; in feedback they are names or requests.
    expect(lexicon.valence('united')).toBe(0);
    expect(lexicon.valence('help')).toBe(0);
    // AFINN rates "delayed" -1; in complaints it is a clear negative.
    expect(lexicon.valence('delayed')).toBeLessThan(-1);
  });

  it('finds inflections through the stem, not derivations', () => {
    expect(lexicon.valence('cancellations')).toBe(lexicon.valence('cancellation'));
    expect(lexicon.valence('disappoints')).toBeLessThan(0);
    // "wondering" and "wonderful" share the Porter stem "wonder".
    expect(lexicon.valence('wondering')).toBeUndefined();
    expect(lexicon.valence('human')).toBeUndefined();
  });

  it('finds the opinion word inside a run-together hashtag', () => {
    expect(lexicon.compound('worstflightever')).toBeLessThan(0);
    expect(lexicon.compound('greatcrew')).toBeGreaterThan(0);
    expect(lexicon.compound('flightnumber')).toBeUndefined();
    expect(lexicon.compound('nothappy')).toBeLessThan(0);
  });

  it('indexes phrases by their first word, longest first', () => {
    const phrases = lexicon.phrases('not')!.map((p) => p.tokens.join(' '));
    expect(phrases).toContain('not worth');
    const lengths = lexicon.phrases('no')!.map((p) => p.tokens.length);
    expect([...lengths].sort((a, b) => b - a)).toEqual(lengths);
  });

  it('scores emoji and emoticons', () => {
    expect(lexicon.emoji('😍')).toBeGreaterThan(0);
    expect(lexicon.emoji('👎')).toBeLessThan(0);
    expect(lexicon.emoticon(':(')).toBeLessThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';

describe('detect language', () => {
  it('counts English function words in any case, and only whole words', () => {
    expect(detectLanguage('THE parcel WAS LATE and THEY never CALLED back')).toBe('en');
    expect(detectLanguage('Themselves')).toBe('en'); // three words or fewer are English
    expect(detectLanguage('Theme parcels arrived latest yesterday evening via courier')).toBe('other');
  });

  it("reads words with apostrophes and accents as written: \"don't\" is no listed word", () => {
    expect(detectLanguage("Don't wasn't café über naïve résumé façade déjà")).toBe('other');
    expect(detectLanguage("Über the café, don't")).toBe('en');
  });
});

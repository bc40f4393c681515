import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { createSentimentAnalyzer } from './sentiment-analyzer.ts';

const sentiment = createSentimentAnalyzer({ analyzer: createTextAnalyzer() });
const score = (text: string) => sentiment.analyze(text, 'en').score;
const label = (text: string) => sentiment.analyze(text, 'en').label;

describe('English sentiment: lexicon and labels', () => {
  it('labels clear praise and complaints', () => {
    expect(label('The crew was amazing and the seats were comfortable.')).toBe('positive');
    expect(label('Worst airline ever, rude staff.')).toBe('negative');
    expect(label('The flight leaves at 9 from gate 12.')).toBe('neutral');
  });

  it('reads customer-feedback complaints that general lexicons miss', () => {
    expect(label('Flight delayed again, stuck on hold for an hour')).toBe('negative');
    expect(label('My bag was lost and the flight got cancelled')).toBe('negative');
    expect(label('Returned it, the fabric is cheap and itchy.')).toBe('negative');
  });

  it('keeps every score within [-1, 1], sentences included', () => {
    const texts = ['GREAT GREAT GREAT!!! love love love 😍😍😍', 'worst worst worst horrible awful!!! 😡😡😡', '', 'ok'];
    for (const t of texts) {
      const r = sentiment.analyze(t, 'en');
      expect(Math.abs(r.score)).toBeLessThanOrEqual(1);
      for (const s of r.sentences) expect(Math.abs(s.score)).toBeLessThanOrEqual(1);
    }
  });

  it('gives an empty or opinion-free text a score of 0 and the neutral label', () => {
    expect(sentiment.analyze('', 'en')).toEqual({ score: 0, label: 'neutral', sentences: [] });
    expect(score('I flew to Denver on Tuesday.')).toBe(0);
  });

  it('uses a narrower band on the negative side (0.2 up, -0.15 down)', () => {
    const mild = score('Still waiting.');
    expect(mild).toBeLessThan(0);
    expect(label('Still waiting.')).toBe(mild <= -0.15 ? 'negative' : 'neutral');
    expect(label('ok')).toBe(score('ok') >= 0.2 ? 'positive' : 'neutral');
  });
});

describe('English sentiment: negation', () => {
  it('inverts praise and turns a negated complaint into mild praise', () => {
    expect(score('The service was not good.')).toBeLessThan(-0.2);
    const notBad = score('Not bad at all.');
    expect(notBad).toBeGreaterThan(0);
    expect(notBad).toBeLessThan(score('Good.'));
  });

  it("catches n't contractions, without and never within a few words", () => {
    expect(score("The staff weren't helpful.")).toBeLessThan(0);
    expect(score('They left without any apology')).toBeLessThan(0);
    expect(score('This brand never disappoints')).toBeGreaterThan(0);
  });

  it('stops at clause punctuation', () => {
    expect(score('No, the crew was great.')).toBeGreaterThan(0.2);
  });

  it('reads a negation that meets no opinion word as something missing', () => {
    expect(score('Still no response from anyone')).toBeLessThan(0);
    expect(score("The refund hasn't arrived")).toBeLessThan(0);
  });

  it('knows the fixed phrases', () => {
    expect(score("Can't wait to fly with you again!")).toBeGreaterThan(0.2);
    expect(score('No problem, thanks')).toBeGreaterThan(0);
  });
});

describe('English sentiment: intensity', () => {
  it('boosts with very/so/extremely and damps with a bit/slightly', () => {
    expect(score('very good')).toBeGreaterThan(score('good'));
    expect(score('slightly disappointed')).toBeGreaterThan(score('disappointed'));
    expect(score('slightly disappointed')).toBeLessThan(0);
  });

  it('turns "too" and "a bit" with a neutral attribute into a complaint', () => {
    expect(score('The sleeves are too long')).toBeLessThan(-0.2);
    expect(score('It is a bit big')).toBeLessThan(0);
  });

  it('emphasises ALL CAPS words and exclamation marks', () => {
    expect(score('the food was GOOD')).toBeGreaterThan(score('the food was good'));
    expect(score('great!!!')).toBeGreaterThan(score('great'));
    expect(score('awful!!!')).toBeLessThan(score('awful'));
  });

  it('reads elongated words', () => {
    expect(score('sooo goooood')).toBeGreaterThan(0.2);
  });
});

describe('English sentiment: contrast', () => {
  it('weighs the clause after "but" more', () => {
    expect(score('The colour is lovely but it runs small and looks cheap')).toBeLessThan(0);
    expect(score('It runs a little small but I love it and the colour is perfect')).toBeGreaterThan(0);
  });

  it('halves the conceded clause after although/though', () => {
    expect(score('Although the seats were cramped, the crew was wonderful')).toBeGreaterThan(0);
  });

  it('lets a sentence that opens with But or However outweigh the one before', () => {
    const withTurn = score('Love the fabric. But it runs small and I had to return it.');
    const withoutTurn = score('Love the fabric. It runs small and I had to return it.');
    expect(withTurn).toBeLessThan(withoutTurn);
    expect(withTurn).toBeLessThan(0);
  });

  it('treats mixed reviews as neutral', () => {
    expect(label('Love the color, but the fit is awkward.')).toBe('neutral');
  });
});

describe('English sentiment: emoji, emoticons and hashtags', () => {
  it('scores emoji and emoticons both ways', () => {
    expect(score('Landed 😍👍')).toBeGreaterThan(0.2);
    expect(score('Landed 😡👎')).toBeLessThan(-0.2);
    expect(score('home at last :)')).toBeGreaterThan(0);
    expect(score('missed it :(')).toBeLessThan(0);
    expect(score('flight 22 :-D')).toBeGreaterThan(0);
  });

  it('finds the opinion in a run-together hashtag', () => {
    expect(score('@airline #worstflightever')).toBeLessThan(-0.2);
    expect(score('@airline #fail')).toBeLessThan(-0.2);
  });
});

describe('English sentiment: questions and requests', () => {
  it('reads information requests as neutral', () => {
    expect(label('@airline when does the flight leave?')).toBe('neutral');
    expect(label('@airline is there wifi on the flight to Denver?')).toBe('neutral');
    expect(label('Can you help me change my seat? Thanks!')).toBe('neutral');
    expect(label('I would like help with some flights please.')).toBe('neutral');
  });

  it('reads why-questions as complaints', () => {
    expect(label('Why is my flight delayed again?')).toBe('negative');
  });

  it('keeps a thank-you positive when it is the message', () => {
    expect(label('Thank you so much for the help today!')).toBe('positive');
  });
});

describe('English sentiment: sentences', () => {
  it('scores each sentence with offsets into the original text', () => {
    const text = 'Great crew!  The seat was broken.';
    const r = sentiment.analyze(text, 'en');
    expect(r.sentences.map((s) => text.slice(s.start, s.end))).toEqual(['Great crew!', 'The seat was broken.']);
    expect(r.sentences.map((s) => s.label)).toEqual(['positive', 'negative']);
  });

  it("scores 'other' languages with the universal emoji and emoticons", () => {
    expect(sentiment.analyze('Merci 😍', 'other').label).toBe('positive');
  });
});

describe('English sentiment: with the analyzer tokens', () => {
  it('gives the same result as from the text alone', () => {
    const analyzer = createTextAnalyzer();
    const withTokens = createSentimentAnalyzer({ analyzer });
    for (const text of ['Not bad at all, the crew was GREAT!!', '@united #worstflightever well-made? no: it’s sooo bad 😡 :(', 'I would recommend. But the students\' rooms were dirty.']) {
      expect(withTokens.analyze(text, 'en', analyzer.tokens(text))).toEqual(sentiment.analyze(text, 'en'));
    }
  });
});

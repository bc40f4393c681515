// The sentiment peers voc is measured against, each wrapped as "texts in, 3-class labels
// and the time spent analysing out", so the evaluation treats them alike. Thresholds are
// each tool's documented or obvious ones: VADER compound ±0.05; AFINN sums (`sentiment`,
// natural) by sign; SnowNLP's P(positive) against 0.5. The English tools are loaded by
// path through createRequire: they are CommonJS dev dependencies without types, and
// natural's index would print dotenv banners. Never imported by the product.
import { createRequire } from 'node:module';
import type { SentimentLabel } from '../../core/feedback/feedback-document.ts';
import { porterStemmer, SentimentAnalyzer } from '../../core/text/natural.ts';
import { ensurePythonEnv, runPythonJson } from './python-env.ts';

const require = createRequire(import.meta.url);

/** scores: the tool's signed polarity (positive above 0), used for the 2-class sets. */
export type PeerRun = { scores: number[]; labels: SentimentLabel[]; seconds: number };
export type SentimentPeer = { system: string; language: 'en' | 'zh'; run(texts: string[]): PeerRun | { unavailable: string } };

const bySign = (x: number): SentimentLabel => (x > 0 ? 'positive' : x < 0 ? 'negative' : 'neutral');

function timed(texts: string[], score: (text: string) => number, toLabel: (x: number) => SentimentLabel): PeerRun {
  const scores: number[] = new Array(texts.length);
  const started = performance.now();
  for (let i = 0; i < texts.length; i++) scores[i] = score(texts[i]!);
  const seconds = (performance.now() - started) / 1000;
  return { scores, labels: scores.map(toLabel), seconds };
}

type Vader = { SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } } };
const vader: SentimentPeer = {
  system: 'vader-sentiment',
  language: 'en',
  run(texts) {
    const { SentimentIntensityAnalyzer } = require('vader-sentiment') as Vader;
    // The thresholds recommended by VADER's authors.
    return timed(texts, (t) => SentimentIntensityAnalyzer.polarity_scores(t).compound, (c) => (c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral'));
  },
};

type AfinnSentiment = new () => { analyze(text: string): { score: number } };
const afinn: SentimentPeer = {
  system: 'sentiment (AFINN)',
  language: 'en',
  run(texts) {
    const Sentiment = require('sentiment') as AfinnSentiment;
    const s = new Sentiment();
    return timed(texts, (t) => s.analyze(t).score, bySign);
  },
};

type WordTokenizerClass = new () => { tokenize(text: string): string[] };
const naturalAfinn: SentimentPeer = {
  system: 'natural SentimentAnalyzer',
  language: 'en',
  run(texts) {
    const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as { WordTokenizer: WordTokenizerClass };
    const tokenizer = new WordTokenizer();
    // natural.ts types the stemmer slot as null (voc itself passes none); the peer uses Porter as documented.
    const analyzer = new SentimentAnalyzer('English', porterStemmer as unknown as null, 'afinn');
    return timed(texts, (t) => analyzer.getSentiment(tokenizer.tokenize(t)), bySign);
  },
};

const snownlp: SentimentPeer = {
  system: 'snownlp',
  language: 'zh',
  run(texts) {
    const env = ensurePythonEnv(['snownlp']);
    if ('unavailable' in env) return env;
    // Timed inside Python, model loading excluded, so docs/s is SnowNLP's own analysis.
    const out = runPythonJson<{ scores: number[]; seconds: number }>(env, 'snownlp_sentiment.py', { texts });
    const scores = out.scores.map((p) => p - 0.5);
    return { scores, labels: scores.map(bySign), seconds: out.seconds };
  },
};

export const sentimentPeers: SentimentPeer[] = [vader, afinn, naturalAfinn, snownlp];

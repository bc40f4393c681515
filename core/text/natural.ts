// natural's parts are loaded by path: its index pulls storage back-ends that print dotenv
// banners on stdout and take most of a second to load, and voc needs only these.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const porterStemmer: { stem(word: string): string } = require('natural/lib/natural/stemmers/porter_stemmer.js');
export const englishStopwords: readonly string[] = require('natural/lib/natural/util/stopwords.js').words;

type SentimentAnalyzerClass = new (language: string, stemmer: null, vocabulary: string) => { getSentiment(words: string[]): number };
export const SentimentAnalyzer: SentimentAnalyzerClass = require('natural/lib/natural/sentiment/SentimentAnalyzer.js');

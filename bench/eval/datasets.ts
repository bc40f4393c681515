// Loads the labelled evaluation sets from ../shared/data (never copied into the repo).
// Each set becomes { text, label } rows with labels mapped to voc's classes; rows with
// no text or no label are left out. Where the source says how sure its labellers were (the
// airline set's per-label confidence: the share of contributors who agreed), rows carry
// that as their training weight. Returns undefined when the data folder is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const defaultDataDir = resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/data');

export type Row = { text: string; label: string; weight?: number };
export type Dataset = { name: string; language: 'en' | 'zh'; task: 'sentiment' | 'issue'; labels: string[]; weightColumn?: string; rows: Row[] };

type Spec = {
  folder: string;
  language: 'en' | 'zh';
  task: Dataset['task'];
  text: (r: Record<string, string>) => string;
  label: (r: Record<string, string>) => string | undefined;
  /** The column giving each row's training weight, when the source has one. */
  weight?: string;
};

const binary = (r: Record<string, string>) => (r.label === '1' ? 'positive' : r.label === '0' ? 'negative' : undefined);

export const specs: Record<string, Spec> = {
  'airline-sentiment': {
    folder: 'twitter_us_airline_sentiment',
    language: 'en',
    task: 'sentiment',
    text: (r) => r.text!,
    label: (r) => r.airline_sentiment,
    weight: 'airline_sentiment_confidence',
  },
  'airline-negativereason': {
    folder: 'twitter_us_airline_sentiment',
    language: 'en',
    task: 'issue',
    text: (r) => r.text!,
    label: (r) => (r.airline_sentiment === 'negative' && r.negativereason ? r.negativereason : undefined),
    weight: 'negativereason_confidence',
  },
  'clothing-reviews': {
    folder: 'womens_clothing_ecommerce_reviews',
    language: 'en',
    task: 'sentiment',
    text: (r) => [r.Title, r['Review Text']].filter(Boolean).join('. '),
    label: (r) => {
      const rating = Number(r.Rating);
      if (!r['Review Text']) return undefined;
      return rating >= 4 ? 'positive' : rating === 3 ? 'neutral' : rating >= 1 ? 'negative' : undefined;
    },
  },
  'online-shopping': { folder: 'online_shopping_10_cats', language: 'zh', task: 'sentiment', text: (r) => r.review!, label: binary },
  waimai: { folder: 'waimai_10k', language: 'zh', task: 'sentiment', text: (r) => r.review!, label: binary },
  chnsenticorp: { folder: 'chnsenticorp_htl_all', language: 'zh', task: 'sentiment', text: (r) => r.review!, label: binary },
  banking77: { folder: 'banking77', language: 'en', task: 'issue', text: (r) => r.text!, label: (r) => r.category },
  'cfpb-product': {
    folder: 'cfpb_complaints_narratives_sample',
    language: 'en',
    task: 'issue',
    text: (r) => r['Consumer complaint narrative']!,
    label: (r) => r.Product,
  },
};

export function loadDataset(name: keyof typeof specs | string, dataDir = defaultDataDir): Dataset | undefined {
  const spec = specs[name];
  if (!spec) throw new Error(`unknown dataset ${name}; known: ${Object.keys(specs).join(', ')}`);
  const file = join(dataDir, spec.folder, 'dev.csv');
  if (!existsSync(file)) return undefined;
  const records = parse(readFileSync(file), { columns: true, bom: true, relax_quotes: true }) as Array<Record<string, string>>;
  const rows: Row[] = [];
  for (const r of records) {
    const text = spec.text(r)?.replace(/^\uFEFF/, '').trim();
    const label = spec.label(r);
    if (!text || !label) continue;
    if (!spec.weight) {
      rows.push({ text, label });
      continue;
    }
    const weight = Number(r[spec.weight] || Number.NaN);
    if (!Number.isFinite(weight) || weight < 0) throw new Error(`${file}: a labelled row has weight ${JSON.stringify(r[spec.weight])} in column ${spec.weight}`);
    rows.push({ text, label, weight });
  }
  return { name, language: spec.language, task: spec.task, labels: [...new Set(rows.map((r) => r.label))].sort(), weightColumn: spec.weight, rows };
}

export function dataAvailable(dataDir = defaultDataDir): boolean {
  return existsSync(dataDir);
}

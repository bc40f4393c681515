// The figures of the README's metric definitions, computed the plain way from stored
// documents, for integration tests to hold the API's answers against.
import { expect } from 'vitest';
import type { FeedbackDocument } from '../../core/feedback/feedback-document.ts';
import type { MetricName } from '../../core/trends/metrics.ts';

/** The local calendar date of an instant in a zone, "2026-11-02". */
export const localDate = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Each metric as the README defines it, over a set of stored documents. */
export function expected(metric: MetricName, set: FeedbackDocument[]): { value: number | null; n: number } {
  switch (metric) {
    case 'count':
      return { value: set.length, n: set.length };
    case 'customers':
      return { value: new Set(set.flatMap((d) => (d.customer?.id ? [d.customer.id] : []))).size, n: set.length };
    case 'negativeShare':
      return { value: set.length ? set.filter((d) => d.sentiment.label === 'negative').length / set.length : null, n: set.length };
    case 'meanSentiment':
      return { value: mean(set.map((d) => d.sentiment.score)), n: set.length };
    case 'nps': {
      const c = set.flatMap((d) => (d.survey?.nps ? [d.survey.nps.contribution] : []));
      return { value: mean(c), n: c.length };
    }
    case 'csat': {
      const c = set.flatMap((d) => (d.survey?.csatSatisfied !== undefined ? [d.survey.csatSatisfied * 100] : []));
      return { value: mean(c), n: c.length };
    }
    case 'ces': {
      const c = set.flatMap((d) => (d.scale === 'ces' && d.score !== undefined ? [d.score] : []));
      return { value: mean(c), n: c.length };
    }
    case 'meanRating': {
      const c = set.flatMap((d) => (d.rating !== undefined ? [d.rating] : []));
      return { value: mean(c), n: c.length };
    }
    case 'valueAtRisk':
    case 'valueShare': {
      const atRisk = new Map<string, number>();
      for (const d of set) {
        if (d.sentiment.label !== 'negative' || !d.customer?.id) continue;
        atRisk.set(d.customer.id, Math.max(atRisk.get(d.customer.id) ?? 0, d.customer.lifetimeValue ?? 0));
      }
      return { value: [...atRisk.values()].reduce((a, b) => a + b, 0), n: atRisk.size };
    }
  }
}

export function expectFigure(actual: { value: number | null; n: number }, wanted: { value: number | null; n: number }, where: string) {
  expect(actual.n, `${where}: n`).toBe(wanted.n);
  if (wanted.value === null) expect(actual.value, `${where}: value`).toBeNull();
  // Sentiment scores are stored as 32-bit floats; everything else is exact.
  else expect(actual.value, `${where}: value`).toBeCloseTo(wanted.value, 4);
}

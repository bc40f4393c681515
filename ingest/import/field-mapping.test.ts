import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { feedbackSchema } from '../../core/feedback/feedback.schema.ts';
import { fieldTargets, parseConstants, parseFieldMap, parsePairs, planCsv, planJsonl, toFeedback, type RowPlan } from './field-mapping.ts';
import { ImportUsageError } from './import-usage-error.ts';

const csvPlan = (map: string, set: string[] = ['source=review']): RowPlan => {
  const fieldMap = parseFieldMap([map])!;
  return planCsv([...new Set(fieldMap.values())], fieldMap, parseConstants(set)).plan;
};

describe('parsePairs', () => {
  it('reads quoted names with commas, spaces and doubled quotes', () => {
    expect(parsePairs('text="Review Text",rating=Rating, customer.id = Customer', '--map')).toEqual([
      ['text', 'Review Text'],
      ['rating', 'Rating'],
      ['customer.id', 'Customer'],
    ]);
    expect(parsePairs('title="Name, ""quoted"""', '--map')).toEqual([['title', 'Name, "quoted"']]);
    expect(parsePairs('"attributes.store name"=Store', '--map')).toEqual([['attributes.store name', 'Store']]);
  });

  it('keeps "=" in values and tolerates a trailing comma', () => {
    expect(parsePairs('attributes.note=a=b,', '--set')).toEqual([['attributes.note', 'a=b']]);
  });

  it('explains malformed pairs', () => {
    expect(() => parsePairs('text="Review Text', '--map')).toThrow(/quote is not closed/);
    expect(() => parsePairs('text', '--map')).toThrow(/"text" has no "="/);
    expect(() => parsePairs('text=', '--map')).toThrow(/"text" has no value/);
    expect(() => parsePairs('text="A"B', '--map')).toThrow(/unexpected "B"/);
    expect(() => parsePairs('=Body', '--map')).toThrow(ImportUsageError);
  });
});

describe('parseFieldMap and parseConstants', () => {
  it('rejects an unknown target and lists the valid ones', () => {
    const error = (() => {
      try {
        parseFieldMap(['text=Body,ratng=Stars']);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ImportUsageError);
    expect(error?.message).toContain('unknown field "ratng"');
    expect(error?.message).toContain('rating');
    expect(error?.message).toContain('customer.lifetimeValue');
    expect(error?.message).toContain('attributes.<name>');
  });

  it('merges repeated --map options, refusing a target mapped twice', () => {
    expect([...parseFieldMap(['text=Body', 'attributes.store=Store'])!]).toEqual([
      ['text', 'Body'],
      ['attributes.store', 'Store'],
    ]);
    expect(parseFieldMap([])).toBeUndefined();
    expect(() => parseFieldMap(['text=A', 'text=B'])).toThrow(/mapped twice/);
  });

  it('coerces and checks constants, with --source as a shorthand', () => {
    expect(Object.fromEntries(parseConstants(['scale=NPS,channel=web,customer.lifetimeValue=12.5'], 'survey'))).toEqual({
      scale: 'nps',
      channel: 'web',
      'customer.lifetimeValue': 12.5,
      source: 'survey',
    });
    expect(() => parseConstants(['source=revew'])).toThrow(/"revew" is not one of review, survey/);
    expect(() => parseConstants(['rating=five'])).toThrow(/--set rating: "five" is not a number/);
    expect(() => parseConstants(['source=review'], 'survey')).toThrow(/set twice/);
  });

  it('covers every field of feedback model v1', () => {
    const leaves = Object.entries(feedbackSchema.shape).flatMap(([key, schema]) => {
      if (key === 'attributes') return ['attributes.<name>'];
      const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
      return inner instanceof z.ZodObject ? Object.keys(inner.shape).map((k) => `${key}.${k}`) : [key];
    });
    expect([...fieldTargets].sort()).toEqual(leaves.sort());
  });
});

describe('planCsv', () => {
  it('names a mapped column missing from the header and lists the columns it has', () => {
    expect(() => planCsv(['Id', 'Body'], parseFieldMap(['text="Review Text",sourceId=Id']), parseConstants([], 'review'))).toThrow(
      '--map names column "Review Text" that the CSV header does not have; its columns are: "Id", "Body"',
    );
  });

  it('uses columns named like fields when there is no map', () => {
    const { plan, ignored } = planCsv(['text', 'rating', 'customer.id', 'attributes.store', 'misc'], undefined, parseConstants([], 'review'));
    expect([...plan.map!.keys()]).toEqual(['text', 'rating', 'customer.id', 'attributes.store']);
    expect(ignored).toEqual(['misc']);
  });

  it('requires the text and a source up front', () => {
    expect(() => planCsv(['Body'], undefined, parseConstants([], 'review'))).toThrow(/nothing gives the feedback text.*"Body"/);
    expect(() => planCsv(['Body'], parseFieldMap(['text=Body']), parseConstants([]))).toThrow(/source is required/);
    expect(() => planJsonl(parseFieldMap(['text=body']), parseConstants([]))).toThrow(/source is required/);
    expect(() => planCsv(['source', 'text'], undefined, parseConstants([]))).not.toThrow();
  });

  it('refuses an ambiguous duplicated column', () => {
    expect(() => planCsv(['Body', 'Body'], parseFieldMap(['text=Body']), parseConstants([], 'review'))).toThrow(/more than once/);
  });
});

describe('toFeedback', () => {
  it('coerces CSV strings', () => {
    const plan = csvPlan('text=T,rating=R,createdAt=D,tags=Tags,customer.id=C,customer.lifetimeValue=V,title=Title,attributes.store=S');
    const result = toFeedback({ T: 'Great app', R: '4', D: '2015-02-24 11:35:52 -0800', Tags: 'ui| speed ;;bugs', C: 'c-1', V: ' 12.50 ', Title: '', S: '007' }, plan);
    expect(result).toEqual({
      ok: true,
      feedback: {
        source: 'review',
        text: 'Great app',
        rating: 4,
        createdAt: '2015-02-24T19:35:52.000Z',
        tags: ['ui', 'speed', 'bugs'],
        customer: { id: 'c-1', lifetimeValue: 12.5 },
        attributes: { store: '007' },
      },
    });
  });

  it('keeps ISO 8601 dates as they are', () => {
    const result = toFeedback({ T: 'x', D: '2024-05-01T10:00:00+02:00' }, csvPlan('text=T,createdAt=D'));
    expect(result.ok && result.feedback.createdAt).toBe('2024-05-01T10:00:00+02:00');
  });

  it('reports values that cannot be coerced as problems of the row, naming the column', () => {
    const result = toFeedback({ T: 'x', R: 'four', D: 'yesterday', V: 'NaN' }, csvPlan('text=T,rating=R,createdAt=D,customer.lifetimeValue=V'));
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'rating', message: '"four" is not a number (from "R")' },
        { path: 'createdAt', message: '"yesterday" is not a date (from "D")' },
        { path: 'customer.lifetimeValue', message: '"NaN" is not a number (from "V")' },
      ],
    });
  });

  it('adds schema problems of the rest of the row, naming an empty required cell', () => {
    const result = toFeedback({ T: '   ', R: '9', D: 'never' }, csvPlan('text=T,rating=R,createdAt=D'));
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'createdAt', message: '"never" is not a date (from "D")' },
        { path: 'text', message: 'required, but "T" is empty' },
        { path: 'rating', message: expect.stringMatching(/5/) },
      ],
    });
  });

  it('lets --set fill empty cells only', () => {
    const plan = csvPlan('text=T,channel=Ch', ['source=review', 'channel=web']);
    expect(toFeedback({ T: 'a', Ch: '' }, plan)).toMatchObject({ ok: true, feedback: { channel: 'web' } });
    expect(toFeedback({ T: 'a', Ch: 'email' }, plan)).toMatchObject({ ok: true, feedback: { channel: 'email' } });
  });

  it('takes JSONL items as model objects, their own source winning over --set', () => {
    const plan = planJsonl(undefined, parseConstants(['source=review,channel=web']));
    const item = { source: 'survey', text: 'ok', score: 9, scale: 'nps' };
    expect(toFeedback(item, plan)).toEqual({ ok: true, feedback: { ...item, channel: 'web' } });
    expect(item).not.toHaveProperty('channel');
    expect(toFeedback({ text: 'ok' }, plan)).toMatchObject({ ok: true, feedback: { source: 'review' } });
    expect(toFeedback({ text: 'ok', stars: 5 }, plan)).toMatchObject({ ok: false, problems: [{ path: '(item)', message: 'unknown field(s): stars' }] });
  });

  it('maps JSONL keys and dotted paths', () => {
    const plan = planJsonl(parseFieldMap(['text=review.body,rating=stars,sourceId=id,customer.id="user.id"']), parseConstants([], 'review'));
    expect(toFeedback({ id: 123, stars: 5, review: { body: 'Nice' }, 'user.id': 'u1' }, plan)).toEqual({
      ok: true,
      feedback: { source: 'review', text: 'Nice', rating: 5, sourceId: '123', customer: { id: 'u1' } },
    });
  });
});

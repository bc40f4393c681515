import { describe, expect, it } from 'vitest';
import { autoInterval, bucketCount, formatInZone, isTimeZone, parseBound, zonedToInstant, zoneOffsetMs } from './time-buckets.ts';

const HOUR = 3_600_000;

describe('time zones', () => {
  it('know the offsets of the zones users live in, across daylight saving', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'Asia/Shanghai')).toBe(8 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15), 'America/New_York')).toBe(-4 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15), 'UTC')).toBe(0);
  });

  it('find the instant of a local midnight, also on the days clocks change', () => {
    expect(new Date(zonedToInstant(2026, 11, 2, 'Asia/Shanghai')).toISOString()).toBe('2026-11-01T16:00:00.000Z');
    expect(new Date(zonedToInstant(2026, 11, 2, 'America/New_York')).toISOString()).toBe('2026-11-02T05:00:00.000Z');
    // New York leaves daylight saving at 02:00 on 1 November 2026: that midnight is still EDT.
    expect(new Date(zonedToInstant(2026, 11, 1, 'America/New_York')).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    // and enters it on 8 March 2026: midnight is EST, 03:00 is EDT.
    expect(new Date(zonedToInstant(2026, 3, 8, 'America/New_York')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(zonedToInstant(2026, 3, 8, 'America/New_York', 3)).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    // Day overflow rolls into the next month, as Date.UTC does.
    expect(zonedToInstant(2026, 11, 31, 'UTC')).toBe(Date.UTC(2026, 11, 1));
  });

  it('write instants as the zone’s wall-clock time with its offset', () => {
    expect(formatInZone(Date.UTC(2026, 10, 1, 16), 'Asia/Shanghai')).toBe('2026-11-02T00:00:00+08:00');
    expect(formatInZone(Date.UTC(2026, 10, 2, 5), 'America/New_York')).toBe('2026-11-02T00:00:00-05:00');
    expect(formatInZone(Date.UTC(2026, 10, 2, 5, 30), 'UTC')).toBe('2026-11-02T05:30:00Z');
    expect(formatInZone(Date.UTC(2026, 10, 2, 0, 0), 'Asia/Kolkata')).toBe('2026-11-02T05:30:00+05:30');
  });

  it('tell a zone from a typo', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Asia/Shangai')).toBe(false);
  });
});

describe('range bounds', () => {
  it('read a plain date as the start of that day in the zone, and instants as given', () => {
    expect(parseBound('2026-11-02', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 1, 16));
    expect(parseBound('2026-11-02T08:00:00+08:00', 'America/New_York')).toBe(Date.UTC(2026, 10, 2));
    expect(parseBound('2026-11-02T08:00:00Z', 'UTC')).toBe(Date.UTC(2026, 10, 2, 8));
  });

  it('refuse what is not a date or an instant with its offset', () => {
    for (const text of ['yesterday', '2026-13-01', '2026-02-30', '2026-11-02T25:00:00Z', '2026-11-02T08:00:00', '11/02/2026', '']) expect(parseBound(text, 'UTC'), text).toBeUndefined();
  });
});

describe('intervals', () => {
  it('choose about a hundred buckets or fewer for any range', () => {
    const day = 24 * HOUR;
    expect(autoInterval(0, 6 * HOUR)).toBe('5m');
    expect(autoInterval(0, day)).toBe('15m');
    expect(autoInterval(0, 3 * day)).toBe('hour');
    expect(autoInterval(0, 30 * day)).toBe('day');
    expect(autoInterval(0, 365 * day)).toBe('week');
    expect(autoInterval(0, 3 * 365 * day)).toBe('month');
    for (const span of [HOUR, 7 * HOUR, 20 * HOUR, 4 * day, 99 * day, 700 * day, 3000 * day]) {
      expect(bucketCount(0, span, autoInterval(0, span)), String(span)).toBeLessThanOrEqual(105);
    }
  });
});

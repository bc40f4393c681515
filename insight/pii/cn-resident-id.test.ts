import { describe, expect, it } from 'vitest';
import { hasResidentIdCue, isValidOldResidentId, isValidResidentId, residentIdCheckChar } from './cn-resident-id.ts';

// ISO 7064 MOD 11-2 written out here rather than borrowed from the module under test.
function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

const NOW = new Date('2026-06-01T00:00:00Z');

describe('18-character resident ID', () => {
  it('accepts a valid date and check character', () => {
    const id = withCheck('11010519900307123');
    expect(isValidResidentId(id, NOW)).toBe(true);
    expect(residentIdCheckChar(id)).toBe(id[17]);
  });

  it('accepts X as the check character, in either case', () => {
    let id = '';
    for (let seq = 0; seq < 1000 && !id.endsWith('X'); seq++) id = withCheck(`44030619851120${String(seq).padStart(3, '0')}`);
    expect(id.endsWith('X')).toBe(true);
    expect(isValidResidentId(id, NOW)).toBe(true);
    expect(isValidResidentId(id.toLowerCase(), NOW)).toBe(true);
  });

  it('rejects a wrong check character', () => {
    const id = withCheck('11010519900307123');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(isValidResidentId(wrong, NOW)).toBe(false);
  });

  it('rejects dates that are not real calendar days', () => {
    for (const date of ['19900230', '19901301', '19900000', '19900431', '19000229', '20230229']) {
      expect(isValidResidentId(withCheck(`110105${date}123`), NOW), date).toBe(false);
    }
    expect(isValidResidentId(withCheck('11010520000229123'), NOW)).toBe(true); // leap year
  });

  it('rejects years before 1900 and birth dates after today', () => {
    expect(isValidResidentId(withCheck('11010518991231123'), NOW)).toBe(false);
    expect(isValidResidentId(withCheck('11010520260601123'), NOW)).toBe(true);
    expect(isValidResidentId(withCheck('11010520260602123'), NOW)).toBe(false);
    expect(isValidResidentId(withCheck('11010520300101123'), NOW)).toBe(false);
  });

  it('rejects wrong shapes', () => {
    expect(isValidResidentId(withCheck('01010519900307123'), NOW)).toBe(false); // no area code starts with 0
    expect(isValidResidentId('1101051990030712', NOW)).toBe(false);
    expect(isValidResidentId('11010519900307123Y', NOW)).toBe(false);
  });
});

describe('15-digit first-generation ID', () => {
  it('needs a real 19YYMMDD date', () => {
    expect(isValidOldResidentId('110105491231002', NOW)).toBe(true);
    expect(isValidOldResidentId('110105490230002', NOW)).toBe(false);
    expect(isValidOldResidentId('110105491331002', NOW)).toBe(false);
    expect(isValidOldResidentId('11010549123100', NOW)).toBe(false);
  });

  it('counts only after a cue naming an identity document, with no other number in between', () => {
    const cued = (text: string) => hasResidentIdCue(text, text.length);
    expect(cued('身份证号：')).toBe(true);
    expect(cued('我的证件号码是 ')).toBe(true);
    expect(cued('my ID card number is ')).toBe(true);
    expect(cued('订单号 ')).toBe(false);
    expect(cued('order ID ')).toBe(false);
    expect(cued('身份证 110105491231002，订单 ')).toBe(false);
  });
});

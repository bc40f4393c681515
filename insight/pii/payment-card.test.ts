import { describe, expect, it } from 'vitest';
import { passesLuhn } from './luhn.ts';
import { isPlausibleCardNumber } from './payment-card.ts';

// Published test numbers of the card networks; none belongs to a real account.
const TEST_CARDS = {
  visa: '4111111111111111',
  visa13: '4222222222222',
  mastercard: '5555555555554444',
  mastercard2: '2223003122003222',
  amex: '378282246310005',
  discover: '6011111111111117',
  diners: '30569309025904',
  jcb: '3530111333300000',
  unionpay: '6200000000000005',
};

describe('Luhn', () => {
  it('passes the networks\' test numbers', () => {
    for (const [name, n] of Object.entries(TEST_CARDS)) expect(passesLuhn(n), name).toBe(true);
  });

  it('fails when one digit changes', () => {
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('5555555555554445')).toBe(false);
    expect(passesLuhn('378282246310006')).toBe(false);
  });
});

describe('plausible card number', () => {
  it('accepts test numbers of every major network', () => {
    for (const [name, n] of Object.entries(TEST_CARDS)) expect(isPlausibleCardNumber(n), name).toBe(true);
  });

  it('rejects Luhn failures', () => {
    expect(isPlausibleCardNumber('4111111111111112')).toBe(false);
  });

  it('rejects Luhn-valid numbers without an issuer prefix, such as date-based order numbers', () => {
    expect(passesLuhn('1234567812345670')).toBe(true);
    expect(isPlausibleCardNumber('1234567812345670')).toBe(false);
    // find a Luhn-valid order number of the 2026-11-23 form and check it stays an order number
    const base = '2026112300123';
    const order = Array.from({ length: 10 }, (_, d) => base + d).find(passesLuhn)!;
    expect(isPlausibleCardNumber(order)).toBe(false);
  });

  it('rejects lengths outside 13–19', () => {
    expect(isPlausibleCardNumber('411111111111')).toBe(false);
    expect(isPlausibleCardNumber('41111111111111111113')).toBe(false);
  });
});

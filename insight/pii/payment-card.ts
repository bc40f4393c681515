// Whether a digit string is plausibly a payment card number: 13–19 digits, a Luhn check
// digit, and an issuer prefix that card networks actually use. Luhn alone passes one
// random number in ten, and long order and tracking numbers are everywhere in feedback;
// the prefix test removes most of those (date-based order numbers start with 19 or 20,
// which no network issues) at the cost of rare domestic schemes with other prefixes.
import { passesLuhn } from './luhn.ts';

function prefixIn(digits: string, from: number, to: number): boolean {
  const p = Number(digits.slice(0, 4));
  return p >= from && p <= to;
}

export function isPlausibleCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  const first = digits.charCodeAt(0) - 48;
  const issuer =
    (first >= 3 && first <= 6) || // Amex, Diners, JCB, Visa, Mastercard 5x, Discover, UnionPay 62, Maestro
    prefixIn(digits, 2221, 2720) || // Mastercard 2-series
    prefixIn(digits, 2200, 2204) || // Mir
    prefixIn(digits, 8100, 8171); // UnionPay 81
  return issuer && passesLuhn(digits);
}

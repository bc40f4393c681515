// Validation of mainland Chinese resident identity numbers (居民身份证号码, GB 11643).
//
// 18-character form: 6-digit area code, birth date YYYYMMDD, 3-digit sequence, and an
// ISO 7064 MOD 11-2 check character (0–9 or X). Accepted when the date is a real calendar
// day between 1900-01-01 and today and the check character matches: together these pass
// roughly one random 18-digit number in a hundred thousand.
//
// 15-character form (first-generation cards, YYMMDD in 19xx, no check character, invalid
// since 2013): a date test alone passes a few percent of random 15-digit numbers, and
// 15-digit order and waybill numbers are common. So it counts only with a cue such as
// 身份证 / "ID card" just before it; without one it is left alone.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits of an 18-character ID. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isPastCalendarDate(year: number, month: number, day: number, now: Date): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (leap years included).
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  return Date.UTC(year, month - 1, day) <= now.getTime();
}

const ID18 = /^[1-9]\d{16}[\dXx]$/;
const ID15 = /^[1-9]\d{14}$/;

export function isValidResidentId(id: string, now: Date = new Date()): boolean {
  if (!ID18.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (!isPastCalendarDate(year, month, day, now)) return false;
  return residentIdCheckChar(id) === id[17]!.toUpperCase();
}

export function isValidOldResidentId(id: string, now: Date = new Date()): boolean {
  if (!ID15.test(id)) return false;
  return isPastCalendarDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)), now);
}

// The cue must be the last thing named before the number: no other digits in between,
// so "身份证 <id> 订单 <15 digits>" does not lend the cue to the order number.
const CUE = /(?:身份证|证件|identity card|ID card|resident ID|national ID)\D*$/i;
const CUE_WINDOW = 24;

/** Whether the text just before `at` names an identity document. */
export function hasResidentIdCue(text: string, at: number): boolean {
  return CUE.test(text.slice(Math.max(0, at - CUE_WINDOW), at));
}

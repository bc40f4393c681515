// Language of each item: en, zh or other, from the script mix and English function words.
// Mixed Chinese/English text counts as zh when Han characters carry a fair share of it,
// because such texts are written by Chinese-speaking customers quoting English terms.
import type { Language } from '../../core/feedback/feedback-document.ts';
import { englishStopwords } from '../../core/text/natural.ts';

const englishWords = new Set([...englishStopwords, 'not', 'no', 'never', 'very', 'good', 'bad', 'great', 'thanks', 'thank', 'please']);

// The same words of a–z as numbers (base 27, a = 1), so that an ASCII word is looked up
// without cutting it out of the text and lower-casing it: one number per word.
const MAX_KEYED = 10;
const keyOf = (word: string) => [...word].reduce((key, c) => key * 27 + c.charCodeAt(0) - 96, 0);
const englishKeys = new Set([...englishWords].filter((w) => /^[a-z]+$/.test(w) && w.length <= MAX_KEYED).map(keyOf));
const maxLength = Math.max(...[...englishWords].map((w) => w.length));

// One pass over UTF-16 code units, no regular expressions: this runs on every item.
const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd840 && c <= 0xd87f);
const isLatin = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);

/** Whether text[i, j), a word of Latin letters and inner apostrophes, is one of englishWords. */
function isEnglishWord(text: string, i: number, j: number): boolean {
  // Lower-casing never shortens a word.
  if (j - i > maxLength) return false;
  if (j - i <= MAX_KEYED) {
    let key = 0;
    for (let k = i; k < j; k++) {
      let c = text.charCodeAt(k);
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      else if (c < 0x61 || c > 0x7a) return englishWords.has(text.slice(i, j).toLowerCase());
      key = key * 27 + c - 96;
    }
    return englishKeys.has(key);
  }
  return englishWords.has(text.slice(i, j).toLowerCase());
}

export function detectLanguage(text: string): Language {
  let han = 0;
  let latinChars = 0;
  let words = 0;
  let hits = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (isHan(c)) {
      han++;
      i++;
      continue;
    }
    if (!isLatin(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (isLatin(d) || (d === 0x27 && j + 1 < n && isLatin(text.charCodeAt(j + 1)))) j++;
      else break;
    }
    words++;
    latinChars += j - i;
    if (isEnglishWord(text, i, j)) hits++;
    i = j;
  }
  // A Han character carries about as much as a short English word.
  if (han > 0 && han * 3 >= latinChars * 0.5) return 'zh';
  if (words === 0) return 'other';
  if (words <= 3 || hits / words >= 0.12) return 'en';
  return 'other';
}

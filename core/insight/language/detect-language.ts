// Language of each item: en, zh or other, from the script mix and English function words.
// Mixed Chinese/English text counts as zh when Han characters carry a fair share of it,
// because such texts are written by Chinese-speaking customers quoting English terms.
import type { Language } from '../../feedback/feedback-document.ts';
import { englishStopwords } from '../../text/natural.ts';

const englishWords = new Set([...englishStopwords, 'not', 'no', 'never', 'very', 'good', 'bad', 'great', 'thanks', 'thank', 'please']);

export function detectLanguage(text: string): Language {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latinWords = text.match(/\p{Script=Latin}+(?:'\p{Script=Latin}+)?/gu) ?? [];
  const latinChars = latinWords.reduce((n, w) => n + w.length, 0);
  // A Han character carries about as much as a short English word.
  if (han > 0 && han * 3 >= latinChars * 0.5) return 'zh';
  if (latinWords.length === 0) return 'other';
  const hits = latinWords.filter((w) => englishWords.has(w.toLowerCase())).length;
  if (latinWords.length <= 3 || hits / latinWords.length >= 0.12) return 'en';
  return 'other';
}

// Folds what Chinese and Japanese input methods produce (full-width digits, letters and
// ASCII punctuation, the ideographic space) and look-alike spaces and hyphens to ASCII,
// one UTF-16 unit for one. Because the length never changes, an offset found in the
// folded copy is the same offset in the original: detection runs on the folded text,
// replacement on the customer's own characters.
const FOLDABLE = /[\u00A0\u2010-\u2013\u202F\u3000\uFF01-\uFF5E]/g;

function fold(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01) return String.fromCharCode(c - 0xfee0); // ！..～ → !..~
  if (c >= 0x2010 && c <= 0x2013) return '-'; // hyphen, non-breaking hyphen, figure and en dash
  return ' '; // no-break, narrow no-break and ideographic spaces
}

export function foldWidth(text: string): string {
  return text.replace(FOLDABLE, fold);
}

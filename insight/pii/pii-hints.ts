// The cheap pre-check in front of the regexes: one pass over the text that says which
// detectors could possibly match, so a document without PII (most of them) costs a loop
// instead of a series of regex scans. Every hint is a necessary condition of its
// detector, computed on width-folded characters, so a missing hint never hides a match.
// A "cluster" is a run of digits joined only by what phone, card and ID patterns allow
// between digits: space - . ( ) +.
//   email – an "@";
//   phone – a cluster with ≥ 10 digits, or ≥ 8 and a "+" (the shortest phone accepted);
//   card  – a cluster with ≥ 13 digits;
//   cnId  – a cluster with ≥ 15 digits;
//   ipv4  – a cluster with ≥ 4 digits and ≥ 3 dots;
//   ipv6  – "::" (every compressed form) or ≥ 6 colons (full forms);
//   wide  – a character whose folding (fold-width.ts) could change what is detected.
export const Hint = { email: 1, phone: 2, card: 4, cnId: 8, ipv4: 16, ipv6: 32, wide: 64 } as const;
// The same bits as plain constants: the loop below is the hot path of every document.
const EMAIL = 1, PHONE = 2, CARD = 4, CN_ID = 8, IPV4 = 16, IPV6 = 32, WIDE = 64;
const BREAK = 0x41; // what a character that ends a cluster is treated as

// Every detector needs a digit or an "@"; most feedback has neither, and one native
// regex scan says so faster than the loop.
const ANY_ANCHOR = /[0-9@\uFF10-\uFF19\uFF20]/;

export function piiHints(text: string): number {
  if (!ANY_ANCHOR.test(text)) return 0;
  let hints = 0;
  let digits = 0; // in the current cluster
  let dots = 0;
  let plus = false;
  let colons = 0; // in the whole text
  let prevColon = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c > 0x7f) {
      // The full-width ！，：；？ of ordinary Chinese prose separate items exactly like any
      // other non-ASCII character, so they alone do not make the text worth folding.
      if (c === 0xff0c || c === 0xff01 || c === 0xff1f || c === 0xff1a || c === 0xff1b) c = BREAK;
      else if (c >= 0xff01 && c <= 0xff5e) {
        c -= 0xfee0;
        hints |= WIDE;
      } else if (c === 0x3000 || c === 0xa0 || c === 0x202f) {
        c = 0x20;
        hints |= WIDE;
      } else if (c >= 0x2010 && c <= 0x2013) {
        c = 0x2d;
        hints |= WIDE;
      } else c = BREAK; // Han, accents: end a cluster like a letter does
    }
    // Letters and the rest of the upper ASCII half first: they are most of any text.
    if (c >= 0x41) {
      digits = 0;
      dots = 0;
      plus = false;
      prevColon = false;
    } else if (c >= 0x30 && c <= 0x39) {
      prevColon = false;
      digits++;
      if (digits >= 8 && (plus || digits >= 10)) {
        hints |= PHONE;
        if (digits >= 13) hints |= digits >= 15 ? CARD | CN_ID : CARD;
      }
      if (digits >= 4 && dots >= 3) hints |= IPV4;
    } else if (c === 0x2e) {
      prevColon = false;
      dots++;
    } else if (c === 0x3a) {
      colons++;
      if (prevColon) hints |= IPV6;
      prevColon = true;
      digits = 0;
      dots = 0;
      plus = false;
    } else {
      prevColon = false;
      if (c === 0x2b) plus = true;
      else if (c !== 0x20 && c !== 0x2d && c !== 0x28 && c !== 0x29) {
        digits = 0;
        dots = 0;
        plus = false;
        if (c === 0x40) hints |= EMAIL;
      }
    }
  }
  if (colons >= 6) hints |= IPV6;
  return hints;
}

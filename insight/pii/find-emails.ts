// E-mail addresses, found from each "@" outwards rather than by one regex over the text:
// a regex has to try every position as a possible start of the local part, and with
// Unicode letter classes that made it the slowest detector by far (≈ 5 µs per 100
// characters of Chinese); from "@" the cost is proportional to the addresses present.
//
// Letters are those of the scripts people write addresses in (Latin with accents, Greek,
// Cyrillic) but not Han: in 邮箱是a@b.cn谢谢 the address must be "a@b.cn", and a Han
// local part or domain cannot be told apart from the sentence around it.
const LETTER = String.raw`A-Za-z\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{M}`;
const NON_ASCII_LETTER = new RegExp(`[${LETTER}]`, 'u');
const LABEL_CHAR = `[0-9${LETTER}]`;
const LABEL = `${LABEL_CHAR}(?:[0-9${LETTER}\\-]{0,61}${LABEL_CHAR})?`;
// One or more labels and a TLD of letters (or punycode), then no more label characters.
const DOMAIN = new RegExp(
  `(?:${LABEL}\\.)+(?:[${LETTER}]{2,24}|[xX][nN]--[0-9A-Za-z\\-]{1,59})(?![0-9${LETTER}\\-])`,
  'uy',
);
const MAX_LOCAL = 64; // RFC 5321

function isLocalChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) {
    return (
      (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ||
      c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d // . _ % + -
    );
  }
  return NON_ASCII_LETTER.test(text[i]!);
}

/** Calls `found(start, end)` for each e-mail address in `text`, left to right. */
export function findEmails(text: string, found: (start: number, end: number) => void): void {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && isLocalChar(text, start - 1)) start--;
    // Empty local part, or one longer than allowed: not an address.
    if (start === at || (start > 0 && isLocalChar(text, start - 1))) continue;
    DOMAIN.lastIndex = at + 1;
    const m = DOMAIN.exec(text);
    if (m) found(start, at + 1 + m[0].length);
  }
}

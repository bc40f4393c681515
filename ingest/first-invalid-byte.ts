// Where bytes stop being UTF-8, for messages that point at the place: the POST body, a line
// of an import file.

/** Offset of the first byte that is not UTF-8 (the length when all are): before it, every U+FFFD decoded was in the input. */
export function firstInvalidByte(bytes: Buffer): number {
  let offset = 0;
  for (const char of bytes.toString('utf8')) {
    if (char === '\uFFFD' && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
    offset += Buffer.byteLength(char);
  }
  return offset;
}

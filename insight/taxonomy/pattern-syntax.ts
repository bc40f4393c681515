// The taxonomy pattern language, parsed into a small syntax tree without any text
// analysis, so that the schema can validate a file cheaply and the matchers can compile
// it (stems, graphs) afterwards. Alternatives are never multiplied out: a pattern with
// several groups stays as large as it is written.
//
// English (a phrase of words, case-insensitive, matched token by token):
//   delivery      a word, matched by its stem: "delayed" matches "delay", "delays"
//   delay*        a prefix of the word as written (lower-cased), at least 3 characters
//   =late         exactly this word as written ("late" but not "lately", which stems alike)
//   <not>         any negator: not, no, never, without, cannot, n't-words, dont, cant, …
//   <num>         a number: digits or a number word (two, ten, few, several, couple, …)
//   *   *5        a gap of 0–3 words (0–5 with *5, at most 9); never the first or last item
//   (a|b c|)      alternatives, each a phrase (groups may nest); an empty one makes the
//                 group optional
// Chinese (characters, matched as substrings of the text; segmentation is unreliable for
// short phrases):
//   还没到        literal characters (Latin letters in them match case-insensitively)
//   *   *2        a gap of 0–4 characters (0–2 with *2) within the same clause
//   (没|还没)      alternatives, as in English
// Chinese patterns have no spaces.
export type PatternLanguage = 'en' | 'zh';

export type EnglishItem =
  | { kind: 'word'; text: string }
  | { kind: 'prefix'; text: string }
  | { kind: 'exact'; text: string }
  | { kind: 'neg' }
  | { kind: 'num' }
  | { kind: 'gap'; max: number };

/** One character (UTF-16 unit or code point) of a Chinese pattern, or a gap. */
export type ChineseItem = { kind: 'char'; text: string } | { kind: 'gap'; max: number };

export type Group<T> = { kind: 'group'; alternatives: Array<Pattern<T>> };
/** A parsed pattern: items in order, some of them groups of alternative sequences. */
export type Pattern<T> = Array<T | Group<T>>;

export class PatternError extends Error {
  override readonly name = 'PatternError';
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`invalid pattern "${pattern}": ${reason}`);
  }
}

export const DEFAULT_GAP = { en: 3, zh: 4 } as const;
const MIN_PREFIX = 3;

// Numbers as customers write them: "took 3 weeks", "waited two hours", "a few days".
export const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'several', 'few', 'couple', 'dozen'];

// Letters and digits, optionally joined by apostrophes or hyphens ("hasn't", "e-mail").
const EN_WORD = /^[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*$/u;
const GAP = /^\*([1-9])?$/;

export function parseEnglishPattern(pattern: string): Pattern<EnglishItem> {
  // Parentheses and bars are pieces on their own even when written against a word.
  const pieces = pattern.trim().split(/\s+|(?=[()|])|(?<=[()|])/).filter((p) => p !== '');
  const parsed = parseGroups(pattern, pieces, (piece) => englishItem(pattern, piece));
  checkShape(pattern, parsed, (i) => i.kind === 'neg' || i.kind === 'num' || i.kind === 'gap', 'en');
  return parsed;
}

function englishItem(pattern: string, piece: string): EnglishItem {
  const gap = GAP.exec(piece);
  if (gap) return { kind: 'gap', max: gap[1] ? Number(gap[1]) : DEFAULT_GAP.en };
  const lower = piece.toLowerCase();
  if (lower === '<not>') return { kind: 'neg' };
  if (lower === '<num>') return { kind: 'num' };
  if (piece.startsWith('<')) throw new PatternError(pattern, `"${piece}": the special words are <not> and <num>`);
  if (piece.startsWith('=')) {
    const text = lower.slice(1).replace(/’/g, "'");
    if (!/^[\p{L}\p{M}\p{N}]+(?:'[\p{L}]+)*$/u.test(text)) throw new PatternError(pattern, `"${piece}": "=" needs a single word`);
    return { kind: 'exact', text };
  }
  if (piece.endsWith('*')) {
    const text = lower.slice(0, -1);
    if (!/^[\p{L}\p{N}]+$/u.test(text)) throw new PatternError(pattern, `"${piece}": a prefix is letters or digits followed by "*"`);
    if ([...text].length < MIN_PREFIX) throw new PatternError(pattern, `"${piece}": a prefix needs at least ${MIN_PREFIX} characters`);
    return { kind: 'prefix', text };
  }
  if (!EN_WORD.test(piece)) throw new PatternError(pattern, `"${piece}" is not a word (letters, digits, ' or -)`);
  return { kind: 'word', text: piece };
}

export function parseChinesePattern(pattern: string): Pattern<ChineseItem> {
  if (/\s/.test(pattern)) throw new PatternError(pattern, 'Chinese patterns have no spaces (use * for a gap)');
  const pieces = pattern.match(/\*[1-9]?|[\s\S]/gu) ?? [];
  const parsed = parseGroups<ChineseItem>(pattern, pieces, (piece) => {
    if (piece.startsWith('*')) return { kind: 'gap', max: piece.length > 1 ? Number(piece[1]) : DEFAULT_GAP.zh };
    return { kind: 'char', text: piece.replace(/[A-Z]/g, (l) => l.toLowerCase()) };
  });
  checkShape(pattern, parsed, (i) => i.kind === 'gap', 'zh');
  return parsed;
}

/** Pieces to items and (possibly nested) groups of alternatives. */
function parseGroups<T>(pattern: string, pieces: string[], item: (piece: string) => T): Pattern<T> {
  const state = { pattern, pieces, item, pos: 0 };
  return parseSequence(state, 0);
}

function parseSequence<T>(s: { pattern: string; pieces: string[]; item: (piece: string) => T; pos: number }, depth: number): Pattern<T> {
  const out: Pattern<T> = [];
  while (s.pos < s.pieces.length) {
    const piece = s.pieces[s.pos]!;
    if (piece === '(') {
      s.pos++;
      const alternatives = [parseSequence(s, depth + 1)];
      while (s.pieces[s.pos] === '|') {
        s.pos++;
        alternatives.push(parseSequence(s, depth + 1));
      }
      if (s.pieces[s.pos] !== ')') throw new PatternError(s.pattern, 'unclosed "("');
      s.pos++;
      out.push({ kind: 'group', alternatives });
    } else if (piece === '|' || piece === ')') {
      if (depth === 0) throw new PatternError(s.pattern, piece === '|' ? '"|" outside "( )"' : 'unmatched ")"');
      return out;
    } else {
      out.push(s.item(piece));
      s.pos++;
    }
  }
  if (depth > 0) throw new PatternError(s.pattern, 'unclosed "("');
  return out;
}

export function isGroup<T>(item: T | Group<T>): item is Group<T> {
  return (item as { kind: string }).kind === 'group';
}

// What some choice of alternatives can make of a sequence, computed without listing the
// choices: whether it can be empty, start or end with a gap, or hold only special items.
type Shape = { empty: boolean; startGap: boolean; endGap: boolean; onlySpecial: boolean };

function shapeOf<T extends { kind: string }>(seq: Pattern<T>, special: (item: T) => boolean): Shape {
  const shapes: Shape[] = [];
  for (const item of seq) {
    if (isGroup(item)) {
      const group: Shape = { empty: false, startGap: false, endGap: false, onlySpecial: false };
      for (const alt of item.alternatives) {
        const a = shapeOf(alt, special);
        group.empty ||= a.empty;
        group.startGap ||= a.startGap;
        group.endGap ||= a.endGap;
        group.onlySpecial ||= a.onlySpecial;
      }
      shapes.push(group);
    } else {
      const gap = item.kind === 'gap';
      shapes.push({ empty: false, startGap: gap, endGap: gap, onlySpecial: special(item) });
    }
  }
  // A gap starts (ends) the sequence if everything before (after) it can be empty.
  let startGap = false;
  for (const s of shapes) {
    if (s.startGap) startGap = true;
    if (!s.empty) break;
  }
  let endGap = false;
  for (let i = shapes.length - 1; i >= 0; i--) {
    if (shapes[i]!.endGap) endGap = true;
    if (!shapes[i]!.empty) break;
  }
  return {
    empty: shapes.every((s) => s.empty),
    startGap,
    endGap,
    onlySpecial: shapes.every((s) => s.onlySpecial || s.empty),
  };
}

function checkShape<T extends { kind: string }>(pattern: string, parsed: Pattern<T>, special: (item: T) => boolean, language: PatternLanguage): void {
  const shape = shapeOf(parsed, special);
  if (shape.empty) throw new PatternError(pattern, parsed.length ? 'a choice of alternatives leaves the pattern empty' : 'empty pattern');
  if (shape.startGap || shape.endGap) throw new PatternError(pattern, 'a pattern cannot start or end with "*"');
  if (language === 'en' && shape.onlySpecial) throw new PatternError(pattern, 'a pattern needs a word besides <not> and <num>');
}

/** The reason a pattern is invalid, or undefined; for schema validation. */
export function patternProblem(pattern: string, language: PatternLanguage): string | undefined {
  try {
    if (language === 'en') parseEnglishPattern(pattern);
    else parseChinesePattern(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof PatternError) return error.message;
    throw error;
  }
}

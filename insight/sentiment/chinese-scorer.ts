// Scores one Chinese sentence by forward maximum matching against voc's own lexicon and
// function words (no segmenter: the lexicon's own entries, blockers included, decide the
// words, which is both faster than jieba and immune to segmentation that splits a
// phrase like 性价比高). Rules: negators invert the next opinion within three steps (不好,
// 不太好 half; an existential 没有/不 that meets no opinion still reports something missing:
// 没有送水); degree adverbs scale (很/非常/有点), and 太/有点/过于 turn neutral attributes
// into complaints (太咸了); aspect–attribute pairs (价格高, 噪音小); contrast (但是 halves
// what came before and weighs the rest ×1.5, 就是/只是 mark a minor reservation, 虽然-clauses
// count half, 总之 doubles, 美中不足/唯一不足 introduce a satisfied customer's reservation);
// overall verdicts (满意, 不会再来) outweigh remarks on parts, and so does the opening
// sentence of a longer text, where customers give their overall impression before the
// details; questions keep complaints and discount praise (rhetorical: 这也叫好吃？), and
// 为什么/怎么 questions complain.
import type { EnglishLexicon } from './english-lexicon.ts';
import {
  ASPECTS,
  type Aspect,
  ATTRIBUTES,
  CLAUSE_FINAL_ONLY,
  CLAUSE_INITIAL_ONLY,
  COMPLAINT_QUESTION,
  CONTRAST_VALENCE,
  CONTRASTS,
  type ContrastKind,
  DEGREES,
  FINAL_PARTICLES,
  NEGATORS,
  NOT_NEGATABLE,
  VERDICT_WEIGHT,
  VERDICTS,
} from './chinese-grammar.ts';
import { generalWords } from './chinese-general.lexicon.ts';
import { domainWords } from './chinese-domain.lexicon.ts';
import { EMOJI_OR_EMOTICON, emojiKey } from './emoji.lexicon.ts';
import type { Evidence, SentenceScorer } from './sentence-evidence.ts';

type Entry =
  | { kind: 'word'; valence: number; finalOnly: boolean; negatable: boolean }
  | { kind: 'neg'; strength: number }
  | { kind: 'degree'; factor: number; complaint: boolean }
  | { kind: 'contrast'; contrast: ContrastKind; valence: number; initialOnly: boolean }
  | { kind: 'aspect'; aspect: Aspect }
  | { kind: 'attribute'; key: string; valence: number };

const NEGATION_STEPS = 3;
const DEGREE_STEPS = 2;
const ASPECT_STEPS = 4;
const NEGATED_POSITIVE = -0.8;
const NEGATED_NEGATIVE = -0.4;
/** 没有送水, 不回复: a negation that meets no opinion word reports something missing or refused. */
const UNRESOLVED_NEGATION = -0.7;
const QUESTION_POSITIVE = 0.4;
/** 如果…就更好了: praise after a hypothetical is a wish. */
const HYPOTHETICAL_POSITIVE = 0.3;
const COMPLAINT_QUESTION_VALENCE = 1.5;
/** 好吃，就是有点慢: the reservation after 就是/只是 counts this much. */
const MINOR_AFTER = 0.6;
/** Weight of the first sentence of a text that has more (酒店不错。早餐一般，房间有点旧。). */
const OPENING = 1.5;

// Later tables win: function words must not be read as opinions (不够, 可惜 carry both).
function buildTable(): { table: Map<string, Entry>; maxLen: Uint8Array } {
  const table = new Map<string, Entry>();
  for (const [w, v] of Object.entries({ ...generalWords, ...domainWords }))
    table.set(w, { kind: 'word', valence: VERDICTS.has(w) ? v * VERDICT_WEIGHT : v, finalOnly: CLAUSE_FINAL_ONLY.has(w), negatable: !NOT_NEGATABLE.has(w) });
  for (const [w, v] of Object.entries(ATTRIBUTES)) table.set(w, { kind: 'attribute', key: w, valence: v });
  for (const [w, a] of Object.entries(ASPECTS)) table.set(w, { kind: 'aspect', aspect: a });
  for (const [w, d] of Object.entries(DEGREES)) table.set(w, { kind: 'degree', ...d });
  for (const [w, c] of Object.entries(CONTRASTS)) table.set(w, { kind: 'contrast', contrast: c, valence: CONTRAST_VALENCE[w] ?? 0, initialOnly: CLAUSE_INITIAL_ONLY.has(w) });
  for (const [w, s] of Object.entries(NEGATORS)) table.set(w, { kind: 'neg', strength: s });
  const maxLen = new Uint8Array(65536);
  for (const w of table.keys()) {
    const c = w.charCodeAt(0);
    maxLen[c] = Math.max(maxLen[c]!, w.length);
  }
  return { table, maxLen };
}

const CLAUSE_BREAKS = new Set([...'，,、：:（）()“”"‘’「」—～~ \t；;…。！？!?.']);
const EMOTICON_START = new Set([...':;=^<>(-TxXQDo']);
const EMOTICON = new RegExp(EMOJI_OR_EMOTICON.source, 'uy');
const LATIN = /[A-Za-z][A-Za-z']*/y;
/** 还可以就是慢: a turn also ends the verdict before it. */
const TURN_AFTER = /^(就是|但是|但|不过|只是|可是)/;
const HIGH_SURROGATE = (c: number) => c >= 0xd800 && c <= 0xdbff;

export function createChineseScorer(english: EnglishLexicon): SentenceScorer {
  const { table, maxLen } = buildTable();

  function lookup(s: string, i: number): Entry | undefined {
    const max = Math.min(maxLen[s.charCodeAt(i)]!, s.length - i);
    for (let len = max; len > 0; len--) {
      const e = table.get(len === 1 ? s[i]! : s.slice(i, i + len));
      if (e) {
        matchedLength = len;
        return e;
      }
    }
    return undefined;
  }
  let matchedLength = 0;

  function clauseFinal(s: string, j: number): boolean {
    while (j < s.length && FINAL_PARTICLES.includes(s[j]!)) j++;
    return j >= s.length || CLAUSE_BREAKS.has(s[j]!) || TURN_AFTER.test(s.slice(j, j + 2));
  }

  // Per-sentence state, kept at factory scope so that scoring allocates no closures.
  let pos = 0;
  let neg = 0;
  let weight = 1;
  let hypothetical = false;
  let negStrength = 0;
  let negLeft = 0;
  let negResolved = true;
  let degree = 1;
  let complaint = false;
  let degreeLeft = 0;
  let aspectLeft = 0;

  function add(v: number): number {
    const w = v * weight * (hypothetical && v > 0 ? HYPOTHETICAL_POSITIVE : 1);
    if (w > 0) pos += w;
    else neg -= w;
    return w;
  }
  function endNegation(): void {
    if (!negResolved) add(UNRESOLVED_NEGATION);
    negLeft = 0;
    negResolved = true;
  }
  /** Applies degree and negation to an opinion and adds it; returns the weighted amount. */
  function opinion(v: number, negatable = true): number {
    // 有点咸 is a complaint, not a weak one: softening degrees only soften praise.
    if (degreeLeft > 0) v *= complaint && v < 0 ? Math.max(degree, 1) : degree;
    if (negLeft > 0 && negatable) {
      v *= (v > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE) * negStrength;
      negResolved = true;
      negLeft = 0;
    }
    degreeLeft = 0;
    return add(v);
  }
  function step(): void {
    if (negLeft > 0 && --negLeft === 0) endNegation();
    if (degreeLeft > 0) degreeLeft--;
    if (aspectLeft > 0) aspectLeft--;
  }

  return function score(text: string, start: number, end: number, out: Evidence): void {
    const s = text.slice(start, end);
    const n = s.length;
    pos = 0;
    neg = 0;
    weight = 1;
    hypothetical = false;
    negStrength = 0;
    negLeft = 0;
    negResolved = true;
    degree = 1;
    complaint = false;
    degreeLeft = 0;
    aspectLeft = 0;
    let concede = false;
    let aspect: Aspect | undefined;
    let aspectContribution = 0;
    let clauseStart = true;
    /** The previous token was a degree adverb: 太咸 is a complaint, 太强大 is not about 大. */
    let degreeAdjacent = false;

    let i = 0;
    while (i < n) {
      const c = s.charCodeAt(i);
      const ch = s[i]!;
      if (EMOTICON_START.has(ch) || HIGH_SURROGATE(c) || (c >= 0x2600 && c <= 0x27bf)) {
        EMOTICON.lastIndex = i;
        const m = EMOTICON.exec(s);
        if (m) {
          add((m[1] !== undefined ? english.emoji(emojiKey(m[1])) : english.emoticon(m[2]!)) ?? 0);
          i += m[0].length;
          continue;
        }
      }
      if (CLAUSE_BREAKS.has(ch)) {
        endNegation();
        degreeLeft = aspectLeft = 0;
        clauseStart = true;
        degreeAdjacent = false;
        if (concede && ch !== ' ') {
          concede = false;
          weight = 1.5;
        }
        i++;
        continue;
      }
      if (c < 128 && /[A-Za-z]/.test(ch)) {
        // Latin words inside Chinese reviews ("nice", "good", "OK") use the English list.
        LATIN.lastIndex = i;
        const word = LATIN.exec(s)![0];
        const v = english.valence(word.toLowerCase());
        if (v) opinion(v);
        i += word.length;
        step();
        continue;
      }
      const e = lookup(s, i);
      if (!e) {
        i++;
        step();
        continue;
      }
      const len = matchedLength;
      const opensClause = clauseStart;
      const afterDegree = degreeAdjacent;
      clauseStart = false;
      degreeAdjacent = e.kind === 'degree';
      switch (e.kind) {
        case 'neg': {
          // 都不错, 也不满意: the negator's own 不 starts a word that already carries the
          // negation; 都/也 only add scope. The word is read on its own at the 不.
          const inner = len > 1 && s[i + len - 1] === '不' ? lookup(s, i + len - 1) : undefined;
          if (inner && inner.kind === 'word' && matchedLength > 1) {
            i += len - 1;
            continue;
          }
          endNegation();
          negStrength = e.strength;
          negLeft = NEGATION_STEPS;
          negResolved = false;
          i += len;
          continue;
        }
        case 'degree':
          degree = e.factor;
          complaint = e.complaint;
          degreeLeft = DEGREE_STEPS + 1;
          break;
        case 'contrast':
          if (e.initialOnly && !opensClause) break;
          endNegation();
          if (e.contrast === 'after') {
            pos *= 0.5;
            neg *= 0.5;
            weight = 1.5;
          } else if (e.contrast === 'minor') {
            weight = MINOR_AFTER;
          } else if (e.contrast === 'soft') {
            pos *= 0.8;
            neg *= 0.8;
            weight = 1.2;
          } else if (e.contrast === 'concede') {
            concede = true;
            weight = 0.5;
          } else if (e.contrast === 'hypothetical') hypothetical = true;
          else weight = 2;
          if (e.valence) add(e.valence);
          break;
        case 'aspect':
          aspect = e.aspect;
          aspectLeft = ASPECT_STEPS + 1;
          aspectContribution = e.aspect.valence ? opinion(e.aspect.valence) : 0;
          break;
        case 'attribute': {
          const paired = aspectLeft > 0 ? aspect!.attributes[e.key] : undefined;
          // 肉太多了, 饭太多: 太/过于 before an amount complain even of something that is
          // praised when plentiful; 量很多 stays praise.
          const tooMuch = afterDegree && complaint && degree >= 1 && e.key === '多';
          if (paired !== undefined && !tooMuch) {
            // The aspect is now qualified: its bare-mention valence gives way to the pair's.
            if (aspectContribution > 0) pos -= aspectContribution;
            else neg += aspectContribution;
            aspectContribution = 0;
            aspectLeft = 0;
            opinion(paired);
          } else if (afterDegree && complaint && e.valence <= 0.5) {
            if (paired !== undefined) aspectLeft = 0;
            degreeLeft = 0;
            opinion(-Math.max(1.5, -e.valence) * (degree >= 1 ? 1.3 : 0.8));
          } else if (e.valence) opinion(e.valence);
          break;
        }
        case 'word': {
          if (e.valence === 0 || (e.finalOnly && !clauseFinal(s, i + len))) break;
          if (ch === '好' && len === 1 && i + 1 < n) {
            // 好 before another opinion is an adverb (好贵, 好香), not praise.
            const next = lookup(s, i + 1);
            if (next && (next.kind === 'word' || next.kind === 'attribute')) {
              degree = 1.5;
              complaint = false;
              degreeLeft = DEGREE_STEPS + 1;
              break;
            }
          }
          opinion(e.valence, e.negatable);
          break;
        }
      }
      i += len;
      step();
    }
    endNegation();

    const last = s.charCodeAt(n - 1);
    const question = last === 0xff1f || last === 63 || s.includes('吗？') || s.includes('吗?');
    if (question) {
      pos *= QUESTION_POSITIVE;
      if (COMPLAINT_QUESTION.test(s)) neg += COMPLAINT_QUESTION_VALENCE;
    }
    const opening = start === 0 && end < text.length ? OPENING : 1;
    out.pos = pos * opening;
    out.neg = neg * opening;
    // A Chinese sentence that opens with 但是 has weighed its own words after the marker
    // already (×1.5 above), and reviews list points one per sentence, so the turn answers
    // its clause, not the sentence before: never report it to the analyzer, which would
    // weigh the turn a second time (measured: lower accuracy on every Chinese dev set).
    out.opensWithContrast = false;
    out.question = question;
    out.courtesy = false;
  };
}

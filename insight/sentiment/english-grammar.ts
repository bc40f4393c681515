// The English function words the sentiment rules act on: negators, intensity modifiers,
// contrast markers and the attribute words that "too" turns into complaints. Kept apart
// from the lexicons because they change other words' valence instead of carrying one.

/** Words that invert the valence of the next few words; "n't" contractions are caught by suffix. */
export const NEGATORS: ReadonlySet<string> = new Set(
  'not no zero never none nobody nothing neither nor nowhere cannot without hardly barely scarcely rarely seldom lack lacks lacking lacked aint dont doesnt didnt isnt wasnt arent werent cant couldnt wont wouldnt shouldnt havent hasnt hadnt neednt'.split(' '),
);
export const isNegator = (w: string): boolean => NEGATORS.has(w) || w.endsWith("n't");

/** Swearing intensifies whatever the sentence says; "no chance in hell" is not praise of hell. */
export const NOT_NEGATABLE: ReadonlySet<string> = new Set('hell damn damned fuck fucking fucked shit shitty crap crappy wtf bloody freaking'.split(' '));

/** Intensity modifiers: the factor they apply to the next sentiment word within two words. */
export const MODIFIERS: ReadonlyMap<string, number> = new Map([
  ...'very so really extremely super totally absolutely completely incredibly highly truly utterly seriously deeply especially particularly exceptionally extraordinarily remarkably thoroughly insanely ridiculously terribly awfully amazingly freaking fricking damn damned bloody such soo sooo soooo way most mega'
    .split(' ')
    .map((w): [string, number] => [w, 1.4]),
  ...'quite real definitely def'.split(' ').map((w): [string, number] => [w, 1.15]),
  ...'slightly somewhat kinda sorta fairly rather marginally partly mildly moderately relatively almost nearly bit little'.split(' ').map((w): [string, number] => [w, 0.6]),
]);

/** Neutral words that become complaints after "too", "a bit", "slightly": "too small", "a bit long". */
export const ATTRIBUTES: ReadonlySet<string> = new Set(
  'big small large long short tight loose wide narrow thin thick heavy low high much many few little expensive pricey hot cold warm sweet salty spicy bright dark sheer boxy baggy stiff late early slow busy crowded noisy loud full short-waisted long-waisted wide-legged big-boned oversized fitted snug roomy flowy cropped revealing low-cut'.split(
    ' ',
  ),
);

/** "but" and its kin: the clause after them carries the writer's conclusion. */
export const CONTRAST_AFTER: ReadonlySet<string> = new Set(['but', 'however', 'yet', 'nevertheless', 'nonetheless', 'except', 'unfortunately', 'sadly']);
/** "although X, Y": the conceded clause X weighs less than Y. */
export const CONCESSIVE: ReadonlySet<string> = new Set(['although', 'though', 'despite', 'albeit']);

/** Subjects and auxiliaries before which "like" is the verb of liking, not a preposition. */
export const LIKE_VERB_CONTEXT: ReadonlySet<string> = new Set(
  "i we you they he she really definitely totally also still do did does don't didn't doesn't just actually truly so".split(' '),
);

/** Question openers that make a question a complaint in feedback ("why is my flight delayed again?"). */
export const COMPLAINT_QUESTION: ReadonlySet<string> = new Set(['why', 'wtf', 'seriously', 'really']);

// voc's own English customer-feedback layer over AFINN-165 (same -5..5 scale), written by
// hand from domain knowledge, not mined from any labelled set. It does three things:
// neutralises AFINN words that are names or nouns in feedback ("united", "top", "fit"),
// recalibrates words whose polarity differs in complaints ("delayed", "joke", "help"),
// and adds service, travel, retail and apparel vocabulary AFINN lacks. Inflections are
// found through the stemmer, so base forms suffice unless a form differs in polarity.
const words: Record<string, number> = {};
const phrases: Record<string, number> = {};

function add(table: Record<string, number>, value: number, list: string): void {
  for (const key of list.trim().split(/\s*\|\s*|\s{2,}|\n/)) if (key) table[key.trim()] = value;
}
const word = (value: number, list: string) => add(words, value, list.replace(/ /g, '|'));
const phrase = (value: number, list: string) => add(phrases, value, list);

// Names, salutations and nouns that AFINN scores but that carry no opinion in feedback.
word(0, 'united american delta virgin southwest jetblue spirit frontier alaska allegiant');
word(0, 'top tops dear fit fits fitted matter please pls plz help helps helping want wants wanted');
// "like" and "pretty" are scored by rule in the scorer (verb or preposition, adjective or adverb).
word(0, 'big large huge no yes yeah pay paid cost charge care cares shot fire kill like likes liked');
word(0, 'special deal question questions feel clear share shares sharing fan fans chance stop block');
word(0, 'true wish god jesus lord cancer war party dance heart hearts spirit commitment support supports supported return');
word(-1, 'fix fixing');
word(0.5, 'fixed');
word(1.5, 'helped resolved sorted');
word(-1, 'issue issues persisting persists expired expire unable keeps');
word(0, 'live alive award goodwill leave leaves leaving apology apologies apologize apologise');
word(0.5, 'loyal');
word(-3, 'despise despised screw screwed screwing ripoff rip-off nonexistent non-existent unreal');

// Service, travel and delivery complaints.
word(-2.5, 'cancelled canceled cancellation cancellations stranded overbooked oversold mishandled unanswered');
word(-2, 'delay delayed delays cancel cancels misconnect misconnected diverted rebook rebooking');
word(-2, 'stuck lost missing misplaced damaged broke broken leaking leaked dirty filthy smelly cramped');
word(-2.5, 'rude unhelpful unprofessional incompetent useless clueless careless disrespectful condescending');
word(-3, 'nightmare disaster horrendous atrocious inexcusable unacceptable ridiculous absurd pathetic appalling');
word(-3, 'worst terrible horrible awful disgusting disgusted furious livid outrageous shameful shameless');
word(-2, 'ignore ignored ignoring excuse excuses lie lies lied lying liar scam scammed overcharge overcharged');
word(-2, 'denied declined refused refuse fail failed failing failure glitch glitches error errors bug bugs');
word(-1.5, 'waited wait waiting hold queue queued refund refunds compensation complaint complain complained complaining');
word(-1.5, 'hassle chaos mess messed confusing confused confusion inconvenience inconvenienced inconvenient');
word(-2, 'frustrated frustrating frustration annoyed annoying irritated irritating upset angry mad');
word(-2, 'disappointed disappointing disappointment dissatisfied unhappy unsatisfied regret regretted');
word(-1.5, 'slow slowest understaffed crowded packed noisy loud uncomfortable unreliable late');
word(-1, 'again still yet seriously hours hrs mins fee fees charged rebooked voucher');
word(-2.5, 'sucks suck sucked crap crappy garbage trash junk joke kidding smh ugh wtf fml');
word(-1.5, 'meh mediocre subpar sloppy lame bland tasteless stale soggy greasy overpriced pricey');
word(-2.5, 'unfortunately sadly fraud fraudulent hostage misleading deceptive lousy worthless');

// Service, travel and delivery praise.
word(2.5, 'thanks thank thx ty tks thankyou kudos shoutout props appreciate appreciated grateful thankful');
word(2.5, 'helpful courteous attentive accommodating responsive efficient professional knowledgeable');
word(2, 'friendly polite patient pleasant smooth seamless prompt promptly quick quickly speedy fast easy');
word(2, 'upgrade upgraded comfy comfortable clean spacious roomy reliable punctual');
word(3, 'amazing awesome excellent fantastic wonderful outstanding superb stellar flawless impeccable');
word(3, 'incredible phenomenal exceptional brilliant terrific fabulous marvelous marvellous spectacular');
word(3, 'love loved loves loving luv lovee adore adored adorable gorgeous stunning beautiful perfect perfection');
word(2.5, 'yay woohoo woot hooray yummy delicious impressed impressive favorite favourite fave obsessed');
word(2, 'great good nice glad pleased happy enjoy enjoyed cute lovely pretty fun classy elegant chic stylish');
word(1, 'ok okay fine decent alright acceptable reasonable hope hoping hopefully');
word(1.5, 'recommend recommended worth rock rocks rocked cool sweet');

// Apparel and product reviews.
word(2.5, 'flattering slimming figure-flattering versatile');
word(1.5, 'soft cozy comfy flowy breathable silky lightweight warm durable sturdy staple compliment compliments complimented');
word(-2.5, 'unflattering unwearable frumpy shapeless cheaply flimsy itchy scratchy');
word(-1.5, 'returned returning returns');
word(-2, 'cheap boxy baggy sack tent dowdy matronly shrunk shrank shrinks pilled pilling');
word(-1.5, 'see-through wrinkled wrinkles wrinkly faded fades snag snagged ripped torn tore stain stained smell smells');
word(-1.5, 'awkward odd weird strange bulky stiff scratch scratches flaw flaws flawed defect defective hole holes');
word(-1, 'thin sheer tight snug loose maternity exchange exchanged');

// Multi-word expressions; matched on lower-cased tokens before single words.
phrase(2.5, 'on time | ontime | top notch | well made | high quality | good quality | great quality | worth every penny');
phrase(2.5, 'true to size | fits perfectly | fit perfectly | fits great | fits well | fit well | so comfortable');
phrase(2, 'worth the money | worth the price | great value | good value | good deal | great deal | well worth');
phrase(3, "can't wait | cannot wait | can not wait | couldn't be happier | could not be happier | couldn't be better");
phrase(2, "can't complain | cannot complain | can't go wrong | cannot go wrong | no complaints | no problem | no problems");
phrase(2, 'no worries | no issues | nothing but | not disappointed | never disappoints | never disappointed');
phrase(0, 'no doubt | no wonder | not only | not just | nothing else | no matter | without a doubt | never mind');
phrase(0, 'customer service | a lot | at all | of course | pretty much | as well | so far | as good as');
phrase(0, "would like | would love | i'd like | we'd like | i'd love | we'd love | would like to | loyal customer | return flight | hold on | thank god | how long | how much | do you | can you | could you | would you | will you");
phrase(-0.5, 'what happened | as usual | should be | need to | needs to | you need | you guys need');
// Suggestions that say the present falls short: "you can do better", "would have been nice".
phrase(-2, "do better | could be better | could be more | should know better | should have | could have | would have been nice | woulda been nice | would've been nice | not living up | no excuse | you blew it | blew it | we are done | i'm done | im done | you better | better find");
phrase(-1, 'would be nice | it would be nice | would be great | it would be great');
phrase(-1, "trying to | tried to | been trying | keep getting | keeps getting | still no | still not | still haven't | still waiting | how come | what's the point | whats the point | supposed to | yet again | once again");
phrase(-2.5, 'non existent | over charged | ripped off | rip off | lost my | lost our | lost his | lost her');
phrase(-2, 'on hold | hung up | hang up | hanging up | sat on | sitting on | no one | nobody | no response | no answer');
phrase(-2, 'no help | no reply | no show | no info | no information | no updates | no update | no communication');
phrase(-2.5, 'thanks for nothing | are you kidding | are you serious | fed up | sick of');
phrase(-2.5, 'never again | never fly | never flying | not worth | waste of | waste of time | waste of money');
phrase(-2, 'wanted to love | really wanted to love | had high hopes | high hopes | wanted to like | was hoping');
phrase(-2, 'sending back | sent back | send back | send it back | sending it back | it goes back | it is going back | will go back');
phrase(-1.5, "is down | was down | site down | website down | app down | system down | systems down | went down | been down | not working | stopped working | doesn't work | does not work | won't let me");
phrase(-2.5, 'returned it | returned them | returned this | returning it | returning this | return it | return this | return them');
phrase(-2, 'sending it back | will be returning | be returning | had to return | not for me | no shape');
phrase(-1.5, 'runs small | runs large | runs big | ran small | ran large | ran big | run small | run large | run big');
phrase(-1.5, 'size up | sized up | size down | sized down | way too | just ok | just okay | just fine | not impressed');
phrase(-1.5, 'like a tent | like a sack');

/**
 * Overall verdicts weigh more than remarks on parts (a kept dress can run small; a
 * returned one can have a lovely colour). Applied to these words and phrases as listed.
 */
const VERDICT_WEIGHT = 2;
for (const w of 'love loved recommend recommended disappointed disappointing disappointment returned returning unfortunately sadly worst best perfect awesome amazing terrible horrible awful regret'.split(' '))
  if (words[w] !== undefined) words[w] *= VERDICT_WEIGHT;
for (const p of Object.keys(phrases))
  if (/^(sending|sent|send|it goes|it is going|will go|will be|had to|returned|returning|return|wanted to|really wanted|had high|never again|not worth|waste)/.test(p) && phrases[p]! < 0) phrases[p] = phrases[p]! * VERDICT_WEIGHT;

export const feedbackWords: Readonly<Record<string, number>> = words;
export const feedbackPhrases: Readonly<Record<string, number>> = phrases;

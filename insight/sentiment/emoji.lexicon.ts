// Emoji and emoticon valences (on the AFINN scale, -5..5) for both languages: customers
// write 😡 and :( in Chinese reviews as much as in English tweets. Our own list. Emoji are
// keyed without variation selectors (U+FE0F) and skin tones, which the scorers strip.
const emoji: Record<string, number> = {};
const emoticons: Record<string, number> = {};

function add(table: Record<string, number>, value: number, list: string): void {
  for (const key of list.split(' ')) if (key) table[key] = value;
}

add(emoji, 3, '😍 🥰 😻 🤩 🥳 💯 ❤ 💕 💖 💗 💓 💞 💘 💝 😘 🙌 👌 🎉 🎊');
add(emoji, 2.5, '😀 😃 😄 😁 😆 😊 ☺ 👍 👏 💙 💚 💛 💜 🧡 🤍 🖤 😇 😋 🤗 ✨ 🌟 ⭐ 🏆 🥇');
add(emoji, 2, '🙂 😎 😉 💪 🔥 ✅ 🙏 😌 😙 😚 🤝 🌹 💐 👑 💃 🕺 😸 😺 🆒 👼');
add(emoji, 1.5, '😂 🤣 😅 😹 ☀ 🌈 🍀');
add(emoji, -1, '😐 😑 😶 🤔 😏 😪 😴 😳 😷 🥱');
add(emoji, -2, '😕 🙁 ☹ 😟 😒 🙄 😬 😓 😥 😧 😦 🤷 ❌ ⚠ 🚫 ⛔ 😱 😨 😰 😯 🤨');
add(emoji, -2.5, '😞 😔 😢 😭 😩 😫 😖 😣 😤 🤦 💀 ☠ 😵 🥺');
add(emoji, -3, '😡 😠 🤬 👎 💔 🤮 🤢 💩 🖕 👿 😾');

add(emoticons, 2, ':) :-) :] =) (: :o) :3 :> ^_^ ^^ ^o^ (^_^) :P :p :-P :-p xP');
add(emoticons, 2.5, ':D :-D =D xD XD ;) ;-) ;D <3 <33 <333 :* :-*');
add(emoticons, -2, ':( :-( :[ =( ): :/ :-/ :\\ :-\\ =/ :| :-| -_- -.- >.< >_< orz');
add(emoticons, -2.5, ":'( :'-( ;( T_T T.T ;_; QAQ D: >:( >:-( </3");

export const emojiValence: ReadonlyMap<string, number> = new Map(Object.entries(emoji));
export const emoticonValence: ReadonlyMap<string, number> = new Map(Object.entries(emoticons));

/** Matches one emoji (with its modifiers and joined parts) or one emoticon from the table. */
export const EMOJI_OR_EMOTICON =
  /(\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic})*)|(<\/?3+|[:;=][-o']?[)(\]\[dDpP/\\|*3>]|[:;=]'-?\(|\(:|\):|[xX][DP]\b|\^_?\^|\^o\^|\(\^_\^\)|T[._]T|;_;|-[_.]-|>[._]<|>:-?\(|\bD:|QAQ|\borz\b)/gu;

/** The table key of an emoji match: variation selectors and skin tones removed, first pictograph of a ZWJ sequence. */
export function emojiKey(match: string): string {
  const first = String.fromCodePoint(match.codePointAt(0)!);
  return first;
}

// Personal-looking values for the PII step to find, all fake by construction: e-mail domains
// reserved by RFC 2606 (example.com/.org/.net), US 555-0100…0199 and UK 07700 900xxx numbers
// (both set aside for fiction), and for China the well-known placeholder 138 0013 8000.
// Money and order numbers belong here too, as they vary with the customer's locale.
import type { Lang, Locale, Product } from './catalog.ts';
import type { Random } from './random.ts';

const firstNames = ['jane', 'alex', 'sam', 'chris', 'priya', 'tom', 'maria', 'omar', 'emma', 'lee'];
const lastNames = ['doe', 'smith', 'taylor', 'patel', 'nguyen', 'brown', 'garcia', 'wong'];
const pinyinNames = ['zhangwei', 'wangfang', 'liuyang', 'chenjing', 'lina', 'zhaolei', 'sunli'];
const domains = ['example.com', 'example.org', 'example.net'];

export function fakeEmail(rng: Random, lang: Lang): string {
  const domain = rng.pick(domains);
  if (lang === 'zh') return `${rng.pick(pinyinNames)}${rng.int(1, 99)}@${domain}`;
  return rng.chance(0.6)
    ? `${rng.pick(firstNames)}.${rng.pick(lastNames)}@${domain}`
    : `${rng.pick(firstNames)}${rng.int(10, 99)}@${domain}`;
}

export function fakePhone(rng: Random, locale: Locale): string {
  const two = String(rng.int(0, 99)).padStart(2, '0');
  switch (locale) {
    case 'en-US':
      return rng.chance(0.5) ? `+1 ${rng.pick(['415', '212', '312', '646'])} 555 01${two}` : `(415) 555-01${two}`;
    case 'en-GB':
      return `${rng.chance(0.5) ? '07700' : '+44 7700'} 900${String(rng.int(0, 999)).padStart(3, '0')}`;
    case 'zh-CN':
      return rng.chance(0.7) ? '138 0013 8000' : '13800138000';
  }
}

export function orderNumber(rng: Random, lang: Lang): string {
  return lang === 'zh' ? String(rng.int(100_000_000_000, 999_999_999_999)) : `#${rng.int(10_000_000, 99_999_999)}`;
}

/** An amount near the product's price, in the customer's currency; `fraction` scales it. */
export function money(rng: Random, locale: Locale, product: Product, fraction = 1): string {
  const [lo, hi] = product.price;
  const usd = (lo + rng.float() * (hi - lo)) * fraction;
  if (locale === 'zh-CN') return `${Math.max(1, Math.round(usd * 7.2))}元`;
  const value = (locale === 'en-GB' ? usd * 0.8 : usd).toFixed(2);
  return locale === 'en-GB' ? `£${value}` : `$${value}`;
}

// Only reserved or published fake values: example.com/.org/.cn-style domains, 555-01xx and
// Ofcom drama numbers, the 138 0013 8000 demo mobile, network test cards, documentation IP
// ranges, and resident IDs built here with a valid check character.
import { describe, expect, it } from 'vitest';
import { redactPii } from './redact-pii.ts';

function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}
const ID = withCheck('11010519900307123');
/** A valid ID whose check character is X: try sequence numbers until one yields it. */
const ID_X = (() => {
  for (let seq = 0; seq < 1000; seq++) {
    const id = withCheck(`44030619851120${String(seq).padStart(3, '0')}`);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no sequence number gives an X check character');
})();

/** Redacts and checks that none of `values` survives, in any formatting. */
function redactsAway(text: string, values: string[]) {
  const r = redactPii(text);
  const flat = r.text.replace(/[\s\-().+]/g, '');
  for (const v of values) {
    expect(r.text).not.toContain(v);
    expect(flat).not.toContain(v.replace(/[\s\-().+]/g, ''));
  }
  return r;
}

describe('redactPii: e-mail', () => {
  it.each([
    'jane.doe@example.com',
    'jane+feedback@mail.example.com',
    'ZHANG_San-01@Example.ORG',
    'josé.müller@exämple.de',
    'андрей@пример.рф',
    'ops@sub.domain.example.co.uk',
    'user@xn--fiqs8s.example',
    '13800138000@example.cn',
  ])('replaces %s', (email) => {
    const r = redactsAway(`Contact: ${email}, thanks`, [email]);
    expect(r).toEqual({ text: 'Contact: [EMAIL], thanks', counts: { email: 1 } });
  });

  it('keeps the sentence around it, including a final full stop', () => {
    expect(redactPii('Write to ops@example.com.').text).toBe('Write to [EMAIL].');
  });

  it.each(['@mention', 'foo@bar', 'foo@bar.c', 'a @ b.com', 'price@ $5'])('leaves %s', (text) => {
    expect(redactPii(text)).toEqual({ text, counts: {} });
  });
});

describe('redactPii: phones', () => {
  it.each([
    '+1 415 555 0134',
    '+1-415-555-0134',
    '+14155550134',
    '(415) 555-0134',
    '415-555-0134',
    '415.555.0134',
    '1-800-555-0199',
    '+44 20 7946 0958',
    '+44 (0)20 7946 0958',
    '020 7946 0958',
    '+86 138 0013 8000',
    '+8613800138000',
    '0086 138 0013 8000',
    '(+86) 138-0013-8000',
    '13800138000',
    '138 0013 8000',
    '138-0013-8000',
    '010-12345678',
    '(021) 1234 5678',
    '0755-1234-5678',
    '+86 10 1234 5678',
  ])('replaces %s', (phone) => {
    const r = redactsAway(`call ${phone} today`, [phone]);
    expect(r).toEqual({ text: 'call [PHONE] today', counts: { phone: 1 } });
  });

  it('ends a phone at the number, not at what follows', () => {
    expect(redactPii('call 415-555-0134 24/7').text).toBe('call [PHONE] 24/7');
    expect(redactPii('Room 12 (415) 555-0134').text).toBe('Room 12 [PHONE]');
    expect(redactPii('13800138000,13900139000/13700137000').counts).toEqual({ phone: 3 });
    expect(redactPii('电话 13800138000 13900139000').text).toBe('电话 [PHONE] [PHONE]');
  });

  it.each([
    ['a bare 10-digit number', '4155550134'],
    ['a bare national number', '02079460958'],
    ['an 11-digit number not starting 13–19', '12345678901'],
    ['a 10-digit timestamp', '1732345678'],
    ['a 13-digit timestamp', '1732345678901'],
    ['a service number', '10086'],
    ['a mobile-like run inside a longer number', '2026113800138000123'],
    ['a mobile glued to letters (waybill)', 'SF13800138000'],
    ['an order reference', '#13800138000'],
  ])('leaves %s', (_what, text) => {
    expect(redactPii(`ref ${text} ok`)).toEqual({ text: `ref ${text} ok`, counts: {} });
  });
});

describe('redactPii: payment cards', () => {
  it.each([
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    '4111111111111111',
    '5555 5555 5555 4444',
    '2223 0031 2200 3222',
    '3782 822463 10005',
    '378282246310005',
    '3056 930902 5904',
    '6011 1111 1111 1117',
    '6200000000000005',
  ])('replaces %s', (card) => {
    const r = redactsAway(`card: ${card}.`, [card]);
    expect(r).toEqual({ text: 'card: [CARD].', counts: { card: 1 } });
  });

  it('does not let a following number spoil the card', () => {
    expect(redactPii('card 4111 1111 1111 1111 2 times').text).toBe('card [CARD] 2 times');
    expect(redactPii('card 4111111111111111 2 times').text).toBe('card [CARD] 2 times');
  });

  it.each([
    ['a 16-digit number failing Luhn', '4111 1111 1111 1112'],
    ['a Luhn failure followed by a number', '4111 1111 1111 1112 3'],
    ['a contiguous one failing Luhn', '4111111111111112'],
    ['a Luhn-valid number no network issues', '1234567812345670'],
    ['mixed group separators', '4111 1111-1111 1111'],
  ])('leaves %s', (_what, text) => {
    expect(redactPii(`card ${text}`)).toEqual({ text: `card ${text}`, counts: {} });
  });
});

describe('redactPii: Chinese resident IDs', () => {
  it('replaces a valid 18-character ID, also with an X check character or 6-8-4 grouping', () => {
    for (const id of [ID, ID_X, ID_X.toLowerCase(), `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`]) {
      const r = redactsAway(`身份证号${id}，请核实`, [id]);
      expect(r).toEqual({ text: '身份证号[CN_ID]，请核实', counts: { cn_id: 1 } });
    }
  });

  it('does not take a valid ID for a phone or a card', () => {
    expect(redactPii(`ID ${ID}`).counts).toEqual({ cn_id: 1 });
  });

  it('leaves an 18-digit number with a wrong check character', () => {
    const wrong = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    expect(redactPii(`编号${wrong}`)).toEqual({ text: `编号${wrong}`, counts: {} });
  });

  it('leaves IDs whose birth date is not a real day, even with a valid check character', () => {
    for (const bad of [withCheck('11010519900230123'), withCheck('11010519901301123'), withCheck('11010518991231123')]) {
      expect(redactPii(`编号${bad}`)).toEqual({ text: `编号${bad}`, counts: {} });
    }
  });

  it('replaces a 15-digit first-generation ID only after a cue', () => {
    expect(redactPii('旧身份证号 110105491231002').text).toBe('旧身份证号 [CN_ID]');
    expect(redactPii('old ID card: 110105491231002').text).toBe('old ID card: [CN_ID]');
    expect(redactPii('运单号 110105491231002')).toEqual({ text: '运单号 110105491231002', counts: {} });
  });
});

describe('redactPii: IP addresses', () => {
  it.each([
    '192.168.1.1',
    '10.0.0.255',
    '203.0.113.7',
    '0.0.0.0',
    '::1',
    '2001:db8::1',
    '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
    'fe80::1ff:fe23:4567:890a',
    '2001:db8::',
    '::ffff:192.0.2.1',
    '64:ff9b::192.0.2.33',
  ])('replaces %s', (ip) => {
    const r = redactsAway(`from ${ip} at night`, [ip]);
    expect(r).toEqual({ text: 'from [IP] at night', counts: { ip: 1 } });
  });

  it('leaves ports and brackets around the address', () => {
    expect(redactPii('http://192.0.2.1:8080/x').text).toBe('http://[IP]:8080/x');
    expect(redactPii('[2001:db8::1]:443').text).toBe('[[IP]]:443');
  });

  it.each(['256.1.1.1', '1.2.3.4.5', 'v1.2.3.4', '192.168.1', 'dead::beef', 'std::vector', '12:30', '12:30:45'])(
    'leaves %s',
    (text) => {
      expect(redactPii(`x ${text} y`)).toEqual({ text: `x ${text} y`, counts: {} });
    },
  );
});

describe('redactPii: numbers that are not PII', () => {
  it.each([
    'order 20261123001234 arrived late',
    'order #11060896 arrived late',
    '订单号 2026112300123456 还没发货',
    'Order 1234-5678-9012 was cancelled',
    'paid ¥1299, then $1,299.00 and €1.299,00 again',
    'delivered 2026-11-23, ordered 2026/11/20 at 12:30:45',
    'meeting 12:30-13:45, 2026-11-23 10:00',
    'updated to v1.9.3, then 2.3.1, now 10.2.0-beta',
    'battery at 85%, 99.5% uptime, in 2026 and 1999',
    'bought 3 items for 2 people, 12 x 250 ml',
    '2026年11月23日下午3点下单，价格¥1,299.00元，共3件，优惠20%',
  ])('leaves "%s"', (text) => {
    expect(redactPii(text)).toEqual({ text, counts: {} });
  });
});

describe('redactPii: Chinese text and full-width characters', () => {
  it('finds items directly between Han characters and full-width punctuation', () => {
    expect(redactPii('我的电话是13800138000，邮箱是a@b.cn')).toEqual({
      text: '我的电话是[PHONE]，邮箱是[EMAIL]',
      counts: { phone: 1, email: 1 },
    });
    expect(redactPii('座机010-12345678或（021）1234 5678，IP是192.0.2.1。').text).toBe('座机[PHONE]或[PHONE]，IP是[IP]。');
    expect(redactPii('联系方式：138 0013 8000（工作日）').text).toBe('联系方式：[PHONE]（工作日）');
    expect(redactPii('邮箱a@b.cn谢谢').text).toBe('邮箱[EMAIL]谢谢');
  });

  it('recognises full-width digits and letters and replaces the original span', () => {
    expect(redactPii('电话１３８００１３８０００，谢谢')).toEqual({ text: '电话[PHONE]，谢谢', counts: { phone: 1 } });
    expect(redactPii('座机（０２１）１２３４　５６７８。').text).toBe('座机[PHONE]。');
    expect(redactPii('邮箱ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ！').text).toBe('邮箱[EMAIL]！');
    const wideId = [...ID].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(redactPii(`（身份证：${wideId}）`).text).toBe('（身份证：[CN_ID]）');
  });

  it('keeps full-width characters outside the redacted spans as typed', () => {
    expect(redactPii('（２件）电话１３８００１３８０００').text).toBe('（２件）电话[PHONE]');
  });
});

describe('redactPii: several items', () => {
  it('redacts and counts every kind in one text', () => {
    const text =
      `Hi, I'm at jane.doe@example.com or +1 (415) 555-0134; 备用手机138-0013-8000，` +
      `卡号4111 1111 1111 1111，身份证${ID}，登录IP 203.0.113.7 / 2001:db8::42, ` +
      `second card 5555555555554444, office 020 7946 0958.`;
    const r = redactsAway(text, [
      'jane.doe@example.com', '(415) 555-0134', '138-0013-8000', '4111 1111 1111 1111', ID,
      '203.0.113.7', '2001:db8::42', '5555555555554444', '020 7946 0958',
    ]);
    expect(r.counts).toEqual({ email: 1, phone: 3, card: 2, cn_id: 1, ip: 2 });
    expect(r.text).toBe(
      "Hi, I'm at [EMAIL] or [PHONE]; 备用手机[PHONE]，卡号[CARD]，身份证[CN_ID]，登录IP [IP] / [IP], " +
        'second card [CARD], office [PHONE].',
    );
  });

  it('returns the text unchanged and empty counts when there is nothing', () => {
    const text = 'The delivery was late. 快递太慢了！';
    expect(redactPii(text)).toEqual({ text, counts: {} });
    expect(redactPii('')).toEqual({ text: '', counts: {} });
  });

  it('is idempotent: a redacted text redacts to itself', () => {
    const once = redactPii(`mail a@example.com, tel 13800138000, IP ::1, ID ${ID}`);
    expect(redactPii(once.text)).toEqual({ text: once.text, counts: {} });
  });
});

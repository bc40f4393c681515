import { describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { domainWords } from './chinese-domain.lexicon.ts';
import { generalWords } from './chinese-general.lexicon.ts';
import { createSentimentAnalyzer } from './sentiment-analyzer.ts';

const sentiment = createSentimentAnalyzer({ analyzer: createTextAnalyzer() });
const score = (text: string) => sentiment.analyze(text, 'zh').score;
const label = (text: string) => sentiment.analyze(text, 'zh').label;

describe('Chinese sentiment: lexicon', () => {
  it('is a substantial lexicon of its own', () => {
    const entries = Object.keys({ ...generalWords, ...domainWords });
    expect(entries.length).toBeGreaterThan(1000);
  });

  it('labels e-commerce, delivery and hotel verdicts', () => {
    for (const t of ['五星好评，物超所值', '性价比高，还会回购', '送餐很快，味道很好，还会再来', '房间干净，服务周到']) expect(label(t)).toBe('positive');
    for (const t of ['垃圾，差评', '踩雷了，非常失望，退货', '等了两个小时，饭都凉了', '房间有异味，隔音差']) expect(label(t)).toBe('negative');
    expect(label('我点了一份米饭。')).toBe('neutral');
  });

  it('reads 尚可/说得过去 as mild praise', () => {
    expect(label('装修尚可')).toBe('positive');
    expect(score('服务还说得过去')).toBeGreaterThan(0);
  });

  it('reads lukewarm words as mild complaints', () => {
    expect(score('味道一般般')).toBeLessThan(0);
    expect(score('凑合吧')).toBeLessThan(0);
  });

  it('does not read neutral words that contain 好/快/美/差 as opinions', () => {
    expect(score('快递员好像到了')).toBe(0);
    expect(score('美团上点的，差不多一个小时')).toBeLessThanOrEqual(0);
    expect(score('住在假日酒店，门口有垃圾桶')).toBe(0);
    expect(score('这是一家五星级酒店')).toBe(0);
    expect(score('服务生的态度很好')).toBeGreaterThan(0);
  });

  it('reads praise of a competitor, measured against this one, as a complaint', () => {
    expect(label('对面的酒店比这家好多了')).toBe('negative');
  });

  it('reads 快 before a number as "almost", not as speed', () => {
    expect(label('快一小时了，饭呢')).toBe('negative');
  });

  it('reads a wait of hours as a complaint', () => {
    expect(label('送了2个小时')).toBe('negative');
  });
});

describe('Chinese sentiment: negators', () => {
  it('inverts praise fully with 不/没 and half with 不太', () => {
    expect(score('不好吃')).toBeLessThan(-0.2);
    expect(score('不太好吃')).toBeLessThan(0);
    expect(score('不太好吃')).toBeGreaterThan(score('不好吃'));
    expect(score('并不满意')).toBeLessThan(0);
    expect(score('从不失望')).toBeGreaterThan(0);
  });

  it('reads 都不错/也不满意 as the word after the scope adverb, not 都不 + 错', () => {
    expect(score('环境和服务都不错')).toBeGreaterThan(0.2);
    expect(score('东西都不错')).toBeCloseTo(score('东西不错'), 5);
    expect(score('服务也不满意')).toBeLessThan(0);
  });

  it('makes a negated complaint mild praise', () => {
    expect(score('不贵')).toBeGreaterThan(0);
    expect(score('不贵')).toBeLessThan(score('便宜'));
    expect(score('没有问题')).toBeGreaterThan(0);
  });

  it('reads a negation that meets no opinion as something missing', () => {
    expect(score('没有送水')).toBeLessThan(0);
    expect(score('不给发票')).toBeLessThan(0);
  });

  it('keeps refund complaints negative when negated', () => {
    expect(score('没退款')).toBeLessThan(0);
  });
});

describe('Chinese sentiment: degree adverbs', () => {
  it('scales with 很/非常/超级 and softens with 有点/稍微', () => {
    expect(score('非常好')).toBeGreaterThan(score('好'));
    expect(score('很满意')).toBeGreaterThan(score('有点满意'));
  });

  it('reads 太多 as a complaint even of what is praised when plentiful', () => {
    expect(score('量很多')).toBeGreaterThan(0);
    expect(label('肉太多了')).toBe('negative');
  });

  it('turns attributes into complaints after 太/有点/过于, and 太…了 praise stays praise', () => {
    expect(score('太咸了')).toBeLessThan(-0.2);
    expect(score('有点小')).toBeLessThan(0);
    expect(score('过于油腻')).toBeLessThan(-0.2);
    expect(score('太好吃了')).toBeGreaterThan(0.5);
    expect(score('送得太快了')).toBeGreaterThan(0);
  });

  it('reads 好 before an opinion as an adverb', () => {
    expect(score('好贵')).toBeLessThan(0);
    expect(score('好香')).toBeGreaterThan(0);
  });

  it('pairs aspects with attributes', () => {
    expect(score('价格有点高')).toBeLessThan(0);
    expect(score('性价比很高')).toBeGreaterThan(0);
    expect(score('噪音很小')).toBeGreaterThan(0);
    expect(score('噪音很大')).toBeLessThan(0);
    expect(score('分量太少')).toBeLessThan(0);
  });
});

describe('Chinese sentiment: contrast', () => {
  it('weighs what follows 但是/可是 more', () => {
    expect(score('味道不错，但是送餐太慢了，等了一个多小时')).toBeLessThan(0);
    expect(score('送餐有点慢，但是味道非常好')).toBeGreaterThan(0);
  });

  it('treats 就是/只是 after praise as a minor reservation', () => {
    expect(score('很好吃，就是有点慢')).toBeGreaterThan(0);
  });

  it('halves a 虽然 clause and doubles a 总之 verdict', () => {
    expect(score('虽然房间小，但是很干净，服务热情')).toBeGreaterThan(0);
    expect(score('早餐一般，房间有点旧。总的来说很满意')).toBeGreaterThan(0);
  });

  it('lets a sentence that opens with 但是 outweigh the one before, counting the turn once', () => {
    expect(score('环境不错。但是服务太差了，再也不来了。')).toBeLessThan(0);
    // Across a full stop the turn weighs its own words but leaves the earlier point whole.
    expect(score('房间干净。但是早餐一般。')).toBeGreaterThan(score('房间干净，但是早餐一般。'));
  });

  it('weighs the opening sentence, where customers give their overall impression', () => {
    expect(score('房间干净。早餐很差。')).toBeGreaterThan(0);
    expect(score('早餐很差。房间干净。')).toBeLessThan(0);
  });

  it('reads 美中不足/唯一不足 as the reservation of a satisfied customer', () => {
    expect(score('房间干净，服务热情，美中不足的是早餐一般')).toBeGreaterThan(0);
    expect(score('位置方便，唯一不足就是隔音差')).toBeGreaterThan(0);
  });
});

describe('Chinese sentiment: questions, rhetoric, emoji', () => {
  it('discounts praise in questions and reads 为什么/怎么 questions as complaints', () => {
    expect(score('这也叫好吃？')).toBeLessThan(0);
    expect(label('为什么不给勺子？')).toBe('negative');
    expect(label('没勺子怎么喝？')).toBe('negative');
  });

  it('reads rhetorical complaints', () => {
    expect(label('什么玩意，还好意思收钱')).toBe('negative');
  });

  it('scores emoji, emoticons and English words inside Chinese text', () => {
    expect(score('收到了👍')).toBeGreaterThan(0);
    expect(score('收到了😡')).toBeLessThan(0);
    expect(score('包装很nice')).toBeGreaterThan(0);
  });
});

describe('Chinese sentiment: sentences', () => {
  it('scores each sentence with offsets into the original text', () => {
    const text = '菜很好吃！送餐太慢了。';
    const r = sentiment.analyze(text, 'zh');
    expect(r.sentences.map((s) => text.slice(s.start, s.end))).toEqual(['菜很好吃！', '送餐太慢了。']);
    expect(r.sentences.map((s) => s.label)).toEqual(['positive', 'negative']);
    for (const s of r.sentences) expect(Math.abs(s.score)).toBeLessThanOrEqual(1);
  });

  it("routes 'other' texts written in Han characters to the Chinese rules", () => {
    expect(sentiment.analyze('非常满意', 'other').label).toBe('positive');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createTextAnalyzer } from '../../core/text/text-analyzer.ts';
import { createIssueMatcher, type IssueMatcher } from './issue-matcher.ts';
import { listIssues, loadTaxonomy, type Taxonomy } from './taxonomy.schema.ts';

// One English and one Chinese complaint (or compliment, or request) per issue: each must
// be tagged with its issue. Written for these tests; they double as examples for editors.
const examples: Record<string, [en: string, zh: string]> = {
  'delivery.late': ['Ordered two weeks ago and the parcel still has not been shipped.', '快递太慢了，等了五天还没到。'],
  'delivery.not_received': ['Tracking says delivered but nothing at my door.', '显示已签收，可是我根本没有收到。'],
  'delivery.damaged': ['The box was crushed and the vase arrived shattered.', '外箱压扁了，杯子碎了。'],
  'delivery.wrong_item': ['They sent me the wrong colour, not what I ordered.', '发错货了，颜色和我下单的不一样。'],
  'delivery.wrong_address': ['The courier delivered it to the wrong address.', '快递送错地址了，放到了别的小区。'],
  'delivery.courier': ['The driver never even knocked, just left a card without trying.', '快递员态度很差，还不送货上门。'],
  'refund_billing.refund_delay': ['Three weeks later I still have not received my refund.', '退款到现在还没到账，一直拖着。'],
  'refund_billing.double_charge': ['I was charged twice for the same order.', '同一笔订单被重复扣款了。'],
  'refund_billing.unexpected_fee': ['There was a hidden fee nobody told us about.', '结账时还要另外收服务费，事先没有说。'],
  'refund_billing.payment_failed': ['My card keeps getting declined at checkout.', '微信支付一直失败，付不了款。'],
  'refund_billing.invoice': ['I asked for an invoice and never received one.', '要了三次发票，商家还是不给开。'],
  'product_quality.defective': ['It was defective out of the box, dead on arrival.', '收到就是坏的，开不了机。'],
  'product_quality.stops_working': ['It stopped working after two weeks.', '用了不到一个月就坏了。'],
  'product_quality.battery': ["The battery won't hold a charge anymore.", '电池不耐用，掉电特别快。'],
  'product_quality.overheating': ['The laptop gets really hot and the fan is loud.', '手机玩游戏的时候发烫得厉害。'],
  'product_quality.poor_quality': ['Cheap material, it feels flimsy and the seams are frayed.', '做工粗糙，质量太差了，洗一次就掉色。'],
  'product_quality.not_as_described': ['Nothing like the picture, the colour is completely different.', '实物和图片完全不一样，严重色差。'],
  'size_fit.too_small': ['It runs small, I had to size up.', '衣服偏小，建议买大一码。'],
  'size_fit.too_large': ['Way too big, I am swimming in it.', '裤子太大了，腰太松。'],
  'size_fit.bad_fit': ['Very boxy and unflattering cut.', '版型很奇怪，上身显胖。'],
  'size_fit.size_chart': ['The size chart is completely inaccurate.', '尺码表不准，按照尺码表买的结果小了。'],
  'packaging.poor_packaging': ['Poorly packaged, no bubble wrap at all.', '包装太简陋了，连个泡沫都没有。'],
  'packaging.excessive_packaging': ['So much plastic packaging for one small item.', '过度包装，一层又一层，太浪费了。'],
  'packaging.tampered': ['The seal was broken and it had clearly been opened.', '封条被撕过，明显是别人退回来的。'],
  'packaging.leaked': ['The soup leaked all over the bag.', '汤洒了一袋子，盖子没盖好。'],
  'customer_service.rude': ['The agent was extremely rude and hung up on me.', '客服态度极差，直接挂我电话。'],
  'customer_service.slow_response': ['I have been on hold for two hours, no reply to my emails either.', '给客服留言三天了，一直没回复。'],
  'customer_service.unresolved': ['They keep transferring me around and the issue is still not resolved.', '问题到现在还是没有解决，互相推诿。'],
  'customer_service.unreachable': ['It is impossible to speak to a real person, only a chatbot.', '联系不上客服，全是机器人自动回复。'],
  'customer_service.helpful': ['The support agent was super helpful and resolved it quickly.', '客服很耐心，问题很快就解决了。'],
  'app_website.crash': ['The app keeps crashing every time I open it.', '更新后app一打开就闪退。'],
  'app_website.slow': ['The website is so slow, pages take forever to load.', 'app很卡，加载半天出不来。'],
  'app_website.checkout_error': ["I can't place an order, checkout keeps failing.", '提交订单一直失败，下不了单。'],
  'app_website.bug': ['The filter button is broken, such a buggy site.', '搜索功能失灵，页面显示错误。'],
  'account_login.cannot_login': ['I cannot log in to my account since yesterday.', '账号登不上，一直提示登录失败。'],
  'account_login.verification_code': ['I never get the verification code by text.', '验证码一直收不到。'],
  'account_login.locked': ['My account was suspended without any explanation.', '账号莫名其妙被冻结了，申诉也没用。'],
  'account_login.hacked': ['My account was hacked and someone changed the password.', '我的账号被盗了，还被人盗刷了钱。'],
  'price_promotion.too_expensive': ['Way too expensive for what you get, a total rip-off.', '价格太贵，性价比太低。'],
  'price_promotion.coupon_not_applied': ["The promo code didn't apply at checkout.", '领的优惠券用不了，结算时没有减。'],
  'price_promotion.price_changed': ['The price dropped the day after I bought it.', '刚买完就降价了，申请保价还不给。'],
  'price_promotion.misleading_promotion': ['It is a bait and switch, the deal was misleading.', '满减活动全是套路，规则太复杂。'],
  'food_quality.cold': ['The food arrived stone cold.', '送到的时候饭菜都凉了。'],
  'food_quality.taste': ['The chicken was bland and tasted off.', '太难吃了，又咸又油。'],
  'food_quality.portion': ['Tiny portion, I was still hungry.', '分量太少，根本吃不饱。'],
  'food_quality.hygiene': ['Found a hair in my burger, disgusting.', '吃出一根头发，太恶心了。'],
  'food_quality.wrong_order': ['They forgot my drink and ignored my special request.', '备注了不要香菜，结果还是放了。'],
  'food_quality.not_fresh': ['The bread was stale and the lettuce was wilted.', '水果不新鲜，好几个都烂了。'],
  'requests.app_feature': ['Please add a dark mode option to the app.', '希望app增加夜间模式。'],
  'requests.product': ['I wish it came in more colours.', '希望多出几个颜色，什么时候补货？'],
  'requests.service': ['You should open earlier on weekends.', '建议酒店改善一下早餐。'],
  'booking.reservation_failed': ['The hotel had no record of my reservation.', '到了酒店却说没有我的预订记录。'],
  'booking.cancelled': ['My flight was cancelled without any notice.', '订单被商家单方面取消了。'],
  'booking.delayed': ['Our flight was delayed by three hours.', '航班延误了四个小时。'],
  'booking.change_cancel_policy': ['The cancellation fee is ridiculous and it is non-refundable.', '不可退不可改，霸王条款。'],
  'staff.rude': ['The receptionist was rude and rolled her eyes at us.', '前台服务员态度很差，还翻白眼。'],
  'staff.slow_service': ['We waited over an hour for our food with nobody checking on us.', '上菜太慢，叫了三次都没人理。'],
  'staff.unprofessional': ['The staff were on their phones and clearly untrained.', '服务员一问三不知，太不专业了。'],
  'staff.friendly': ['The staff were so friendly and made us feel welcome.', '前台小姐姐很热情，服务周到。'],
  'cleanliness.dirty_room': ['The room was filthy with dust everywhere.', '房间很脏，地毯上全是污渍。'],
  'cleanliness.bathroom': ['The toilet was clogged and there was no hot water.', '卫生间下水道堵了，还没有热水。'],
  'cleanliness.bedding': ['The sheets were stained and had hair on them.', '床单有污渍，被子还发潮。'],
  'cleanliness.pests': ['We saw cockroaches in the bathroom.', '房间里有蟑螂。'],
  'cleanliness.smell': ['The room smelled of smoke and mould.', '房间一股霉味，很难闻。'],
  'facilities.noise': ['Paper thin walls, we could not sleep because of the noise.', '隔音太差，吵得一夜没睡。'],
  'facilities.room_size': ['The room was tiny, barely room to open the suitcase.', '房间太小了，行李箱都打不开。'],
  'facilities.broken_facilities': ['The TV was broken and the furniture was old and worn.', '设施陈旧，空调遥控器也坏了。'],
  'facilities.temperature': ['The air conditioning was not working and the room was boiling.', '空调不制冷，房间闷热。'],
  'facilities.breakfast': ['Breakfast was poor with very limited choice.', '早餐品种太少，很一般。'],
  'connectivity.outage': ['The internet has been down since Monday.', '家里断网两天了，一直上不了网。'],
  'connectivity.slow_speed': ['Painfully slow internet, nowhere near the speed I pay for.', '网速太慢，看视频一直卡。'],
  'connectivity.disconnects': ['The wifi keeps dropping every few minutes.', '网络总是掉线，时好时坏。'],
  'connectivity.no_signal': ['There is no signal inside my house.', '家里信号很差，电话都打不出去。'],
  'connectivity.wifi': ["I couldn't connect to the wifi in my room.", '房间的wifi连不上。'],
  'questions.how_to': ['How do I change the delivery address on my order?', '请问怎么修改收货地址？'],
  'questions.policy': ['What is your return policy for opened items?', '请问保修期多久？'],
  'praise.fast_delivery': ['Super fast delivery, arrived the next day.', '物流很快，第二天就到了。'],
  'praise.good_quality': ['Great quality and very well made.', '质量很好，做工精致。'],
  'praise.good_value': ['Great value for money.', '性价比很高，很划算。'],
  'praise.recommend': ['Highly recommend, will definitely buy again.', '强烈推荐，下次还会再来。'],
};

let taxonomy: Taxonomy;
let matcher: IssueMatcher;

beforeAll(async () => {
  taxonomy = await loadTaxonomy();
  matcher = createIssueMatcher(taxonomy, { analyzer: createTextAnalyzer() });
});

describe('default taxonomy', () => {
  it('loads, versioned, with the categories voc documents', () => {
    expect(matcher.version).toBe(`default@${taxonomy.version}`);
    const categories = taxonomy.categories.map((c) => c.id);
    for (const id of ['delivery', 'refund_billing', 'product_quality', 'size_fit', 'packaging', 'customer_service', 'app_website', 'account_login', 'price_promotion', 'food_quality', 'booking', 'staff', 'cleanliness', 'connectivity']) {
      expect(categories).toContain(id);
    }
  });

  it('gives every category 2–6 issues and every issue labels and 8–25 patterns in both languages', () => {
    for (const category of taxonomy.categories) {
      expect(category.issues.length, category.id).toBeGreaterThanOrEqual(2);
      expect(category.issues.length, category.id).toBeLessThanOrEqual(6);
      expect(category.label.zh, category.id).toBeTruthy();
      for (const issue of category.issues) {
        const where = `${category.id}.${issue.id}`;
        expect(issue.label.zh, where).toBeTruthy();
        for (const language of ['en', 'zh'] as const) {
          expect(issue.patterns[language]?.length ?? 0, `${where} ${language}`).toBeGreaterThanOrEqual(8);
          expect(issue.patterns[language]?.length ?? 0, `${where} ${language}`).toBeLessThanOrEqual(25);
        }
      }
    }
  });

  it('says the kind of every issue itself, and uses every kind', async () => {
    const { parse } = await import('yaml');
    const { readFile } = await import('node:fs/promises');
    const { defaultTaxonomyPath } = await import('./taxonomy.schema.ts');
    const raw = parse(await readFile(defaultTaxonomyPath, 'utf8')) as { categories: Array<{ id: string; issues: Array<{ id: string; kind?: string }> }> };
    const unstated = raw.categories.flatMap((c) => c.issues.filter((i) => !i.kind).map((i) => `${c.id}.${i.id}`));
    expect(unstated).toEqual([]);
    expect(new Set(listIssues(taxonomy).map((i) => i.kind))).toEqual(new Set(['problem', 'request', 'praise', 'question']));
  });

  it('has an example for every issue, and only for issues it has', () => {
    expect(Object.keys(examples).sort()).toEqual(listIssues(taxonomy).map((i) => i.id).sort());
  });

  it.each(Object.entries(examples))('tags %s in English and Chinese', (id, [en, zh]) => {
    expect(matcher.match(en, 'en').map((t) => t.id)).toContain(id);
    expect(matcher.match(zh, 'zh').map((t) => t.id)).toContain(id);
  });

  it('leaves neutral and negated statements alone', () => {
    expect(matcher.match('Delivery was not late and nothing was broken.', 'en').filter((t) => t.id.startsWith('delivery') || t.id.startsWith('product'))).toEqual([]);
    expect(matcher.match('快递不慢，东西没坏。', 'zh').filter((t) => t.id.startsWith('delivery'))).toEqual([]);
    expect(matcher.match('I have been ordering here lately, as of late it is fine.', 'en')).toEqual([]);
  });
});

// The Chinese function words the sentiment rules act on, and the aspect–attribute pairs
// whose polarity depends on what is described: 价格高 is a complaint, 性价比高 praise;
// 房间小 a complaint, 噪音小 praise. Attributes alone are near-neutral; after 太/有点/过于
// they become complaints (太咸了, 有点小), as customers use them.

/** Negators and how much of the valence they invert: 1 full (不好), 0.5 partial (不太好). */
export const NEGATORS: Readonly<Record<string, number>> = {};
for (const w of `不 没 没有 无 未 别 非 不是 并不 并没有 并非 从不 从没 从未 毫不 毫无 绝不 决不 不会 不能 无法 难以 没什么 没啥
  一点也不 一点都不 一点也没 根本不 根本没 完全不 完全没 都不 也不 也没 都没 不够 不再 再也没
  没有想象中 没想象中 没有想象的 没有想像中 没有以前 没以前 没有宣传的 没有说的 没有图片上 不如想象中 不如 还不如 木有 没得`.split(/\s+/))
  (NEGATORS as Record<string, number>)[w] = 1;
for (const w of '不太 不大 不怎么 不是很 不是太 不是特别 不是十分 不是非常 不是那么 不是太过 不算 算不上 谈不上 称不上 没那么 没有那么 不那么 不算太 不甚'.split(' '))
  (NEGATORS as Record<string, number>)[w] = 0.5;

export type Degree = { factor: number; complaint: boolean };
/** Degree adverbs; `complaint`: the ones that turn a neutral attribute into a complaint (太咸, 有点小). */
export const DEGREES: Readonly<Record<string, Degree>> = {};
function degree(factor: number, complaint: boolean, list: string): void {
  for (const w of list.split(/\s+/)) if (w) (DEGREES as Record<string, Degree>)[w] = { factor, complaint };
}
degree(2, false, '灰常 极 极其 极度 极为 超 超级 巨 贼 最 特别 非常 十分 相当 万分 格外 异常 无比 真是 实在是 超级无敌 特 老是');
degree(2, true, '太 忒 过于 太过 过分');
degree(1.5, false, '很 挺 蛮 真 真的 实在 确实 的确 尤其 更 更加 越来越 够 这么 那么 如此 多么 好生 还是很 也很 都很');
degree(1.2, false, '比较 较 还 还算 算是 相对 相对来说');
degree(0.6, true, '有点 有点儿 有些 稍 稍微 略 略微 些许 稍稍 偏 一点 有一点 有一点点');

export type ContrastKind = 'after' | 'soft' | 'minor' | 'concede' | 'summary' | 'hypothetical';
/**
 * after: 但是 halves what came before, ×1.5 after; soft: 不过 ×0.8 / ×1.2; minor: 就是/只是 after praise
 * introduce a small reservation (好吃，就是有点慢 is a satisfied customer) and count ×0.6; concede: 虽然-clause
 * halved; summary: 总之 doubles; hypothetical: 如果 — praise in the rest of the sentence is a wish, not a verdict.
 */
export const CONTRASTS: Readonly<Record<string, ContrastKind>> = {};
function contrast(kind: ContrastKind, list: string): void {
  for (const w of list.split(/\s+/)) if (w) (CONTRASTS as Record<string, ContrastKind>)[w] = kind;
}
contrast('after', '但是 但 可是 然而 却 偏偏 无奈 可惜 遗憾');
contrast('soft', '不过 唯一 除了 结果');
contrast('minor', '就是 只是 只不过 就是有点 美中不足 唯一不足 唯一的不足 唯一的缺点 唯一缺点 缺点是 不足之处 不足的是 小缺点');
contrast('hypothetical', '如果 要是 假如 若是 如能 要是能 如果能 假若 倘若');
contrast('concede', '虽然 虽 尽管 虽说 即使 哪怕 即便');
contrast('summary', '总之 总的来说 总体来说 总体而言 总的说来 总而言之 综上 整体来说 整体而言 总体感觉 总体上 总的来讲 总体 整体 总结 综合来说 总得来说');

/** Valence a contrast marker carries itself (可惜 is a complaint as well as a turn). */
export const CONTRAST_VALENCE: Readonly<Record<string, number>> = { 结果: -1, 可惜: -1.5, 遗憾: -1.5, 美中不足: 1, 唯一不足: 1, 唯一的不足: 1, 唯一的缺点: 1, 唯一缺点: 1, 就是有点: -0.5 };

/** Attribute words and their valence when nothing qualifies them. */
export const ATTRIBUTES: Readonly<Record<string, number>> = {
  大: 0, 小: -0.3, 多: 0, 少: -0.5, 高: 0, 低: 0, 快: 1.5, 慢: -2, 长: 0, 短: 0, 贵: -1.5, 便宜: 2, 重: 0, 轻: 0, 厚: 0, 薄: -0.3,
  硬: -0.5, 软: 0, 淡: -0.5, 咸: -1, 甜: 0.5, 辣: 0, 油: -0.5, 腻: -1.5, 酸: -0.5, 苦: -1, 干: -0.3, 柴: -1.5, 凉: -1.5, 冷: -1,
  热: 0, 烫: -0.5, 紧: -0.5, 松: -0.3, 窄: -1, 暗: -1, 远: -1, 近: 1, 晚: -1.5, 久: -1, 旧: -1.5, 浓: 0.3, 足: 1, 严重: -1.5,
  怪: -1.5, 吵: -2, 闷: -1.5, 挤: -1.5, 脆: 1, 嫩: 1, 香: 1.5, 鲜: 1.5, 肥: -1,
};

/** Aspect classes: an attribute within a few words after the aspect takes the class's valence. */
const ASPECT_ATTRIBUTES: Record<string, Record<string, number>> = {
  price: { 高: -2, 贵: -2, 低: 2, 便宜: 2, 合理: 2 },
  value: { 高: 2.5, 低: -2 },
  noise: { 大: -2, 小: 1.5, 高: -1.5, 低: 1, 吵: -2 },
  space: { 大: 1.5, 小: -1.5, 窄: -1.5, 挤: -1.5 },
  portion: { 大: 2, 多: 2, 足: 2, 少: -2, 小: -1.5 },
  speed: { 快: 2, 慢: -2 },
  drain: { 快: -2, 大: -2, 多: -1.5, 高: -1.5, 严重: -2, 小: 1, 少: 1, 低: 1 },
  taste: { 淡: -1.5, 重: -1.5, 咸: -1.5, 怪: -2, 浓: 1 },
  time: { 长: -1.5, 久: -2, 短: 1 },
  distance: { 近: 1.5, 远: -1.5 },
  food: { 凉: -2, 冷: -2, 热: 1, 少: -2, 多: 1 },
  grade: { 高: 1.5, 低: -1.5 },
  light: { 暗: -1.5, 足: 1 },
};

export type Aspect = { attributes: Readonly<Record<string, number>>; valence: number };
/** Aspect words → their class, with the valence of merely mentioning the aspect (噪音 is a complaint). */
export const ASPECTS: Readonly<Record<string, Aspect>> = {};
function aspect(cls: string, valence: number, list: string): void {
  for (const w of list.split(/\s+/)) if (w) (ASPECTS as Record<string, Aspect>)[w] = { attributes: ASPECT_ATTRIBUTES[cls]!, valence };
}
aspect('price', 0, '价格 价钱 价位 售价 房价 房费 费用 运费 配送费 打包费 收费');
aspect('value', 0, '性价比');
aspect('noise', -1.5, '噪音 噪声 声音 响声 动静');
aspect('space', 0, '房间 空间 面积 屋子 卫生间 浴室 洗手间 床 屏幕 个头 个子 尺寸 内存 容量');
aspect('portion', 0, '分量 份量 量 菜量 饭量 肉 菜品');
aspect('speed', 0, '速度 送餐 送货 发货 物流 快递 配送 上菜 出餐 反应 网速 运行 开机 充电 加热 出水');
aspect('drain', -1, '耗电 掉电 发热 耗油 油耗');
aspect('taste', 0, '味道 口味 口感');
aspect('time', 0, '等待时间 送餐时间 配送时间 排队时间 等的时间 等餐时间');
aspect('distance', 0, '距离 路程');
aspect('food', 0, '饭 菜 汤 饭菜 米饭 面条 粥');
aspect('grade', 0, '配置 质量 品质 档次 评分 分辨率 像素');
aspect('light', 0, '光线 采光');

/** Contrast markers that only turn a clause when they open it: 就是 is also "is exactly". */
export const CLAUSE_INITIAL_ONLY: ReadonlySet<string> = new Set(['就是']);

/** Complaint actions that stay complaints when negated: 没退款 is no better than 退款. */
export const NOT_NEGATABLE: ReadonlySet<string> = new Set(['退款', '退货', '退钱', '退', '换货', '补偿', '赔偿', '退回', '退了']);

/** In a question, these make it a complaint: 为什么不给勺子？ 没勺子怎么喝？ */
export const COMPLAINT_QUESTION = /为什么|为啥|怎么|凭什么|难道|咋|有没有搞错/;

/**
 * Overall verdicts outweigh remarks on parts: a satisfied guest still lists the small
 * room, and 满意/推荐/不会再来 say how the whole went. Matched as whole lexicon entries.
 */
export const VERDICT_WEIGHT = 2.25;
export const VERDICTS: ReadonlySet<string> = new Set(
  `满意 很满意 非常满意 十分满意 特别满意 比较满意 还算满意 基本满意 推荐 强烈推荐 值得推荐 推荐入住 值得 值得一读 值得购买 物超所值 超值
  好评 五星 五星好评 还会再来 会再来 还会光顾 下次还来 还会再买 还会买 会再买 再次光顾 回购 还会住 还会入住 还会选择 下次还住 会再住
  下次还会 会继续 首选 还不错 喜欢 很喜欢 非常喜欢 特别喜欢 不错 挺不错 很不错 总体不错 失望 很失望 太失望 非常失望 大失所望 后悔 差评 不推荐
  不建议 不会再 不会再来 不会再买 再也不 再也不会 再也不来 再也不买 千万别 别买 不要买 上当 被骗 垃圾 最差 极差 退货 不值 不值得`.split(/\s+/),
);

/** Words that praise only at the end of a clause: 味道还可以 yes, 可以用 no. */
export const CLAUSE_FINAL_ONLY: ReadonlySet<string> = new Set(['可以', '还可以', '还行', '行', '还好']);
/** Particles that may follow a clause-final word: 还可以吧, 还行啊. */
export const FINAL_PARTICLES = '的了啊吧哦呀啦嘛呢哈么';

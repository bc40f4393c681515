// Words that never make a keyphrase on their own account, beyond the analyzer's stop
// words: what any review says (good, product, ordered, really) tells a trend view nothing.
// English entries are compared by stem, so one form covers its inflections.

export const englishGenericWords = [
  // pronouns, determiners, function words the stop-word list lacks
  'i', "i'm", 'im', 'ive', 'dont', 'didnt', 'cant', 'wont', 'isnt', 'wasnt', 'not', 'no', 'nor', 'yes', 'yeah', 'lol', 'omg', 'wow',
  'everything', 'something', 'anything', 'nothing', 'everyone', 'someone', 'anyone', 'nobody', 'one', 'ones', 'thing', 'stuff',
  'also', 'even', 'just', 'really', 'actually', 'again', 'ever', 'back', 'every', 'first', 'last', 'next', 'able', 'already', 'almost',
  'though', 'although', 'however', 'maybe', 'probably', 'definitely', 'totally', 'literally', 'absolutely', 'please', 'thanks', 'thank', 'sorry',
  'today', 'yesterday', 'tomorrow', 'time', 'times', 'day', 'week', 'month', 'year', 'hour', 'minute', 'ago', 'lot', 'bit', 'kind', 'sort',
  // generic nouns of any review
  'product', 'item', 'purchase', 'company', 'people', 'guy', 'review', 'star', 'experience', 'everybody', 'reason', 'problem', 'issue',
  // descriptors: how something was, not what it was
  'late', 'early', 'slow', 'fast', 'quick', 'broken', 'cheap', 'expensive', 'dirty', 'clean', 'rude', 'friendly', 'helpful', 'small', 'large',
  'tight', 'loose', 'cold', 'hot', 'missing', 'terrible', 'disgusting', 'useless', 'unacceptable', 'worse', 'nice', 'ok',
  // sentiment words: the sentiment already says them
  'good', 'great', 'bad', 'nice', 'love', 'like', 'best', 'better', 'worst', 'worse', 'awesome', 'amazing', 'terrible', 'horrible', 'awful',
  'excellent', 'perfect', 'happy', 'unhappy', 'disappointed', 'disappointing', 'ok', 'okay', 'fine', 'pretty', 'super', 'highly', 'cute', 'beautiful',
  'lovely', 'fantastic', 'wonderful', 'glad', 'sad', 'upset', 'angry', 'annoyed', 'frustrated', 'ridiculous', 'unacceptable', 'poor', 'decent',
  'fun', 'cool', 'real', 'big', 'little', 'much', 'many', 'new', 'old', 'whole', 'sure', 'well', 'right', 'wrong',
  // verbs of any story
  'get', 'buy', 'bought', 'order', 'use', 'want', 'need', 'try', 'say', 'tell', 'told', 'call', 'make', 'take', 'took', 'go', 'went', 'gone',
  'come', 'give', 'gave', 'know', 'knew', 'think', 'thought', 'look', 'seem', 'keep', 'kept', 'let', 'put', 'feel', 'felt', 'find', 'found',
  'work', 'recommend', 'will', 'can', 'may', 'shall', 'let', 'ask', 'wish', 'hope', 'going', 'getting', 'done', 'doing', 'made', 'wear', 'fit',
  'love', 'hate', 'return', 'receive', 'arrive', 'seen', 'happen', 'became', 'become', 'run',
  'pay', 'paid', 'mean', 'meant', 'looks', 'says', 'said', 'gives', 'hangs', 'show', 'help', 'wait', 'waiting', 'trying', 'thing',
  // more function words and fillers
  'without', 'within', 'yet', 'else', 'ever', 'via', 'per', 'upon', 'across', 'along', 'around', 'behind', 'beside', 'besides', 'toward',
  'towards', 'etc', 'instead', 'quite', 'rather', 'enough', 'anyway', 'otherwise', 'seriously', 'honestly', 'basically', 'kinda', 'sorta',
  'gonna', 'wanna', 'gotta', 'dont', 'doesnt', 'thats', 'theres', 'whats', 'hey', 'hi', 'hello', 'ah', 'oh', 'ugh', 'amp',
];

/** Words after which the next word is most likely a verb: "I need", "to take", "didn't pay". */
export const englishVerbCues = [
  'i', 'you', 'we', 'they', 'he', 'she', 'it', "i'm", "i've", "i'd", "you've", "we've", "they've", "you're", "we're", "they're", "it's", "he's", "she's",
  'to', 'will', 'would', 'can', 'could', 'should', 'must', 'might', 'may', 'shall', 'not', 'never', 'please', 'pls', 'plz', 'just', 'also', 'always',
  'did', 'does', 'do', 'don', 'didn', 'doesn',
];

/** A single "-ing" word is taken for a verb ("crashing", "playing"), except these nouns. */
export const englishIngNouns = [
  'shipping', 'packaging', 'tracking', 'billing', 'sizing', 'lining', 'clothing', 'parking', 'booking', 'pricing', 'wording', 'setting', 'settings',
  'building', 'housing', 'bedding', 'heating', 'flooring', 'marketing', 'seating', 'wiring', 'filling', 'frosting', 'icing', 'dressing', 'stuffing',
  'topping', 'toppings', 'stitching', 'padding', 'lighting', 'plumbing', 'ceiling', 'meeting', 'training', 'banking', 'checking', 'savings', 'listing',
  'pudding', 'dumpling', 'dumplings', 'earring', 'earrings', 'spring', 'string', 'king', 'ring', 'wedding', 'evening', 'morning', 'thing',
];

/** "-ly" adverbs are skipped, except these nouns. */
export const englishLyNouns = ['family', 'supply', 'assembly', 'butterfly', 'reply', 'anomaly', 'jelly', 'belly', 'rally', 'ally'];

// Chinese words, as jieba cuts them, that carry no theme.
export const chineseGenericWords = [
  '我们', '你们', '他们', '她们', '它们', '自己', '大家', '别人', '这个', '那个', '这些', '那些', '这样', '那样', '这么', '那么', '这种', '那种',
  '什么', '怎么', '怎么样', '为什么', '哪里', '因为', '所以', '但是', '可是', '不过', '然后', '而且', '并且', '如果', '虽然', '还是', '或者', '就是',
  '不是', '没有', '已经', '可以', '可能', '应该', '需要', '一个', '一下', '一些', '一点', '一次', '一直', '一样', '一般', '非常', '特别', '比较',
  '有点', '有些', '真的', '确实', '其实', '感觉', '觉得', '认为', '知道', '发现', '现在', '时候', '今天', '昨天', '明天', '以后', '以前', '之后',
  '之前', '还有', '东西', '问题', '情况', '地方', '方面', '事情', '总之', '总体', '整体', '总的来说', '以上', '购买', '买了', '使用', '用了', '收到',
  '不错', '很好', '挺好', '满意', '喜欢', '好评', '差评', '推荐', '失望', '垃圾', '好用', '给力', '值得', '一如既往', '继续', '支持', '谢谢',
  '希望', '但是', '只是', '而已', '还是', '起来', '出来', '下来', '上去', '回来', '终于', '居然', '竟然', '简直', '完全', '根本', '经常', '总是',
  '每次', '第一次', '这次', '上次', '下次', '朋友', '老板', '商品', '产品', '宝贝', '东东', '卖家', '商家', '店家', '本来', '当时', '结果', '之类',
  // verbs and adjectives of any story
  '辛苦', '提出', '进行', '理解', '学习', '影响', '成为', '看到', '看看', '看了', '买的', '觉得', '希望', '打开', '拿到', '送到', '到了', '来了', '不用',
  '方便', '快捷', '及时', '准时', '满意度', '超级', '美味', '好喝', '好看', '漂亮', '舒服', '便宜', '实惠', '划算', '一般般', '还行', '可惜', '遗憾',
  '需要', '告诉', '表示', '知道了', '说明', '出现', '发生', '开始', '已经是', '这家', '那家', '这款', '那款', '本书', '这本书', '书中', '里面', '外面',
];

/** Nouns that head a compound with the word before them: "客服" + "态度", "物流" + "速度". */
export const chineseAspectHeads = [
  '态度', '速度', '服务', '质量', '效果', '体验', '系统', '价格', '包装', '环境', '位置', '设施', '卫生', '口味', '分量', '味道', '续航', '屏幕',
  '功能', '信号', '网络', '时间', '问题', '流程', '政策', '费用', '电池', '配件', '售后', '做工', '材质', '尺码', '颜色', '早餐', '房间', '隔音',
];

/** Han words starting with these are predicates ("太慢", "很差", "不好"), not themes. */
export const chinesePredicateStarts = new Set([...'太很好真挺蛮不没是能要想在让把被给也都就又再最']);

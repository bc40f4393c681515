// What customers say during an incident, per kind of product and language. Each kind has one
// recognisable shared story (for devices: the charging port dies after firmware {version}),
// told many ways, so that clustering and alerting have a real spike to find. {version} is
// always the faulty version of the affected product.
import type { ProductKind } from './catalog.ts';
import type { IncidentPhrases } from './phrase-bank.ts';
import type { ThemeId } from './themes.ts';

/** Issue themes an incident item is about, for `truth.issues`. */
export const incidentIssues: Record<ProductKind, readonly ThemeId[]> = {
  device: ['product.defect'],
  appliance: ['product.defect'],
  apparel: ['product.broken-part'],
  food: ['food.quality'],
  app: ['app.crash'],
  membership: ['billing.double-charge'],
};

export const incidentEn: IncidentPhrases = {
  device: {
    negative: [
      'After the firmware update to {version}, the charging port on {product} stopped working completely.',
      "Installed firmware {version} last night and now the charging port doesn't respond at all.",
      'The charging port is dead after updating to {version}. Tried three different cables.',
      'Since the {version} update it only charged if I held the cable at an angle, and now not even that.',
      'Is anyone else having this? {product} refuses to charge after firmware {version}.',
      'The {version} update broke the charging port. It was working perfectly before.',
      'Updated to {version} like the app told me to, and the charging port stopped working the same day.',
    ],
    extra: [
      "It's not the cable, it charges my other devices fine.",
      'Tried a different cable and plug, same thing.',
      "It's down to 3% now and I can't use it.",
      'Please roll back this update.',
      'Support says to wait for a fix, but nobody knows how long.',
    ],
    neutral: [
      'Should I hold off on firmware {version}? Seeing lots of posts about charging ports dying.',
      'Heads up: people are reporting charging problems after {version}. Mine is fine so far.',
    ],
  },
  appliance: {
    negative: [
      'Since firmware {version} {product} switches itself off before the water boils.',
      'After the {version} update it just clicks and never heats up.',
      'The {version} update ruined it, the heating stops halfway every time.',
      'Updated to {version} and now the temperature setting is ignored and it never gets hot.',
    ],
    extra: ['Factory reset did nothing.', 'Worked fine for months before that update.', 'Please push a fix.'],
    neutral: ['Is the {version} update safe? I keep reading that kettles stop heating after it.'],
  },
  apparel: {
    negative: [
      'The sole started peeling away from the upper after a week. Box says batch {version}.',
      'Mine are from the {version} batch and the glue on the sole has already let go.',
      'Sole came completely off on my second run. Batch {version}, avoid.',
      'The front of the sole is separating on both shoes, {version} batch again.',
    ],
    extra: ['My old pair lasted two years.', 'Looks like a bad glue batch.', 'I want a replacement from a different batch.'],
    neutral: ['Has anyone had sole problems with the {version} batch? Thinking about ordering.'],
  },
  food: {
    negative: [
      'Got sick after eating from the new {version}. The chicken smelled off.',
      'The new dishes on {version} were clearly not fresh, my whole family had stomach ache.',
      'Ordered from {version} twice this week and both times the meat tasted sour.',
      'Something is wrong with the chicken on the new {version}, it was grey and smelled bad.',
    ],
    extra: ['Please check your supplier.', 'I have kept photos.', 'This is a food safety problem.'],
    neutral: ['Are other people having problems with the new {version}? Seeing some worrying posts.'],
  },
  app: {
    negative: [
      'Since updating to {version} the app crashes as soon as I open it.',
      "Version {version} won't even get past the splash screen.",
      'After the {version} update the app closes itself the moment I log in.',
      "{version} broke everything, I can't open the app at all.",
    ],
    extra: ['Reinstalling did not help.', 'I had to order from the website instead.', 'Please roll it back.'],
    neutral: ['Is {version} stable? Lots of people saying it crashes on start.'],
  },
  membership: {
    negative: [
      'My {version} renewal was charged twice this month.',
      'Charged twice for the {version} renewal, same amount on the same day.',
      'The {version} renewal took the fee twice from my card.',
      'Double charge for the {version} renewal, and I know I am not the only one.',
    ],
    extra: ['Please refund the second charge.', 'My bank says both payments went through.', 'Fix your billing.'],
    neutral: ['Were other members charged twice for the {version} renewal? Checking my statement.'],
  },
};

export const incidentZh: IncidentPhrases = {
  device: {
    negative: [
      '更新固件{version}之后，充电口就坏了，完全充不进电。',
      '昨晚升级到{version}，今天充电口一点反应都没有。',
      '升级{version}后充不了电了，换了三根线都不行。',
      '自从更新了{version}，充电线要斜着插才能充，现在斜着也不行了。',
      '有没有人{product}更新{version}固件后也充不进电？我的彻底没电了。',
      '{version}这个更新把充电口搞坏了，之前一直好好的。',
      '按App提示更新了固件，当天充电口就失灵了。',
    ],
    extra: [
      '不是线的问题，充别的设备都正常。',
      '换了数据线和充电头，还是一样。',
      '现在只剩3%的电，根本没法用。',
      '请赶紧撤回这个更新吧。',
      '客服只说等修复，也不说要等多久。',
    ],
    neutral: [
      '固件{version}还能不能升级？看到好多人说充电口坏了。',
      '提醒一下：有人说更新{version}以后充不了电，我的暂时还正常。',
    ],
  },
  appliance: {
    negative: [
      '更新固件{version}以后，水还没烧开水壶就自动断电了。',
      '升级到{version}后只听到“咔哒”一声，根本不加热。',
      '{version}这个更新把水壶搞坏了，每次烧到一半就停。',
      '更新到{version}以后设定的温度不管用了，水一直烧不热。',
    ],
    extra: ['恢复出厂设置也没用。', '更新前用了好几个月都没问题。', '请尽快推送修复。'],
    neutral: ['{version}能更新吗？好多人说更新后水壶不加热了。'],
  },
  apparel: {
    negative: [
      '才穿了一个星期鞋底就开胶了，盒子上写的是{version}批次。',
      '我这双是{version}批次的，鞋底已经脱胶了。',
      '第二次跑步鞋底就整个掉了，{version}批次，避雷。',
      '两只鞋的鞋头都开胶了，又是{version}批次。',
    ],
    extra: ['之前那双穿了两年都没事。', '感觉是这批胶水有问题。', '要求换一双别的批次的。'],
    neutral: ['有人遇到{version}批次鞋底开胶的吗？正在考虑要不要买。'],
  },
  food: {
    negative: [
      '吃了{version}新菜单的菜以后拉肚子了，鸡肉有股怪味。',
      '{version}的新菜明显不新鲜，一家人都肚子疼。',
      '这周从{version}点了两次，两次肉都是酸的。',
      '{version}新菜单的鸡肉有问题，颜色发灰，还有异味。',
    ],
    extra: ['请查一下你们的供应商。', '照片我都留着。', '这是食品安全问题。'],
    neutral: ['{version}新菜单是不是有问题？看到好几个人说吃坏肚子了。'],
  },
  app: {
    negative: [
      '更新到{version}以后，App一打开就闪退。',
      '{version}版本连启动页都进不去。',
      '更新{version}后，一登录App就自动关闭。',
      '{version}这个版本彻底用不了了，根本打不开。',
    ],
    extra: ['卸载重装也没用。', '只能去网页版下单了。', '请赶紧回滚。'],
    neutral: ['{version}稳定吗？好多人说一打开就闪退。'],
  },
  membership: {
    negative: [
      '这个月{version}续费被扣了两次钱。',
      '{version}续费扣了两次，同一天同样的金额。',
      '{version}自动续费从我卡里扣了两次。',
      '{version}续费重复扣款，而且不止我一个人这样。',
    ],
    extra: ['请把多扣的钱退给我。', '银行说两笔都扣款成功了。', '赶紧修好你们的扣费系统。'],
    neutral: ['{version}续费有人被扣两次吗？我在查账单。'],
  },
};

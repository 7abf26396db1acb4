/**
 * What customers of an online shop write, per leaf category of the e-commerce template, in Chinese and English.
 * Each category has its own complaints ("core") and short forms a customer types in a hurry ("short"); the shared
 * openings, products and demands below carry no category and make the texts overlap as real ones do.
 */
export interface CategoryPhrases {
  zh: string[];
  en: string[];
  zhShort: string[];
  enShort: string[];
}

export const CATEGORY_PHRASES: Record<string, CategoryPhrases> = {
  functional_defect: {
    zh: [
      '收到的{p}开不了机，充电也没反应',
      '{p}用了两天就坏了，按键失灵',
      '{p}一直自动重启，根本没法用',
      '新买的{p}有质量问题，屏幕触摸不灵',
      '{p}连不上蓝牙也连不上网络，功能故障',
      '{p}电池充不进电，续航只有半小时',
      '{p}插上电源就跳闸，不能正常工作',
      '{p}声音时有时无，喇叭有杂音',
    ],
    en: [
      'the {p} will not turn on at all',
      'my {p} stopped working after two days',
      'the {p} keeps restarting and freezing',
      'the touch screen of the {p} does not respond',
      'the {p} will not connect to bluetooth or wifi',
      'the battery of the {p} does not charge',
      'the {p} is faulty, the buttons do not work',
      'the {p} makes a crackling noise and the speaker cuts out',
    ],
    zhShort: ['开不了机', '用不了', '坏了没法用', '不能充电'],
    enShort: ['not working', 'wont turn on', 'faulty device', 'does not charge'],
  },
  cosmetic_flaw: {
    zh: [
      '{p}外壳上有划痕，像是被用过的',
      '{p}表面掉漆，颜色也和图片不一样',
      '收到{p}有明显的污渍和瑕疵',
      '{p}边角有磕碰痕迹，做工粗糙',
      '{p}有色差，实物比图片暗很多',
      '{p}上面有线头和胶水印，品相很差',
    ],
    en: [
      'the {p} has scratches on the surface',
      'the paint on the {p} is peeling off',
      'there is a stain on the {p}, it looks used',
      'the colour of the {p} is different from the photos',
      'the {p} has a dent on the corner, poor finish',
      'the {p} arrived with glue marks and loose threads',
    ],
    zhShort: ['有划痕', '色差严重', '掉漆', '有污渍'],
    enShort: ['scratched', 'colour differs', 'paint peeling', 'stained'],
  },
  counterfeit: {
    zh: [
      '买到的{p}是假货，和专柜的完全不一样',
      '{p}防伪码查不到，怀疑是仿冒品',
      '你们卖的{p}是高仿的，不是正品',
      '{p}没有授权标识，包装印刷模糊，肯定是假的',
      '官方客服说这个{p}序列号不存在，是山寨货',
      '说好的正品行货，结果{p}是翻新的假货',
    ],
    en: [
      'the {p} is a fake, not the genuine brand',
      'the serial number of the {p} is not recognised by the brand, it is counterfeit',
      'you sold me a replica {p}, not authentic',
      'the {p} has a blurry logo and no authenticity code, clearly a knockoff',
      'the brand says this {p} is not original, it is counterfeit',
    ],
    zhShort: ['假货', '不是正品', '高仿', '防伪码查不到'],
    enShort: ['fake product', 'counterfeit', 'not genuine', 'knockoff'],
  },
  safety_hazard: {
    zh: [
      '{p}充电时发烫冒烟，差点烧起来',
      '{p}漏电，摸一下手都麻了',
      '{p}有刺鼻的气味，孩子用了皮肤过敏',
      '{p}的电池鼓包了，很危险',
      '{p}边缘很锋利，把手划破了',
      '{p}使用时突然爆裂，存在严重安全隐患',
    ],
    en: [
      'the {p} got very hot and started smoking while charging',
      'the {p} gave me an electric shock',
      'the {p} has a chemical smell and my child got a rash',
      'the battery of the {p} is swelling, it is dangerous',
      'the {p} has sharp edges and cut my hand',
      'the {p} exploded while in use, this is a safety hazard',
    ],
    zhShort: ['冒烟', '漏电', '电池鼓包', '有安全隐患'],
    enShort: ['smoking battery', 'electric shock', 'battery swelling', 'safety hazard'],
  },
  late_delivery: {
    zh: [
      '下单一周了快递还没送到',
      '物流信息三天没更新了，一直显示运输中',
      '说好的次日达，到现在还没发货',
      '{p}迟迟不发货，问客服就说在催',
      '快递太慢了，显示派送中两天了还没到',
      '预计送达时间早过了，包裹还在中转站',
    ],
    en: [
      'my order still has not arrived after a week',
      'the tracking has not updated for three days',
      'next day delivery was promised but it has not shipped yet',
      'the {p} still has not been dispatched',
      'the parcel has been out for delivery for two days',
      'the estimated delivery date has passed and the package is stuck in transit',
    ],
    zhShort: ['还没发货', '快递太慢', '物流不更新', '什么时候到'],
    enShort: ['where is my order', 'not arrived yet', 'delivery is late', 'tracking not updating'],
  },
  damaged_parcel: {
    zh: [
      '快递箱子被压扁了，里面的{p}也摔坏了',
      '包裹外包装破了，{p}磕坏了',
      '收到的时候纸箱湿透了，{p}泡水了',
      '快递暴力运输，{p}碎了',
      '包装破损严重，{p}的盒子都烂了',
    ],
    en: [
      'the box was crushed and the {p} inside is broken',
      'the parcel arrived torn open and the {p} is damaged',
      'the package was soaking wet and the {p} got water damage',
      'the courier threw the parcel and the {p} shattered',
      'the packaging was badly damaged in transit',
    ],
    zhShort: ['包裹破损', '箱子压坏了', '外包装破了', '摔碎了'],
    enShort: ['box crushed', 'parcel damaged', 'arrived broken', 'torn package'],
  },
  lost_parcel: {
    zh: [
      '物流显示已签收，但我根本没收到包裹',
      '快递员说包裹丢了，一直没人处理',
      '包裹在中转站丢件了，查不到下落',
      '快递柜里没有我的{p}，显示已取件',
      '快递被别人签收了，我没拿到',
    ],
    en: [
      'tracking says delivered but i never received the parcel',
      'the courier lost my package',
      'the parcel went missing at the depot and nobody can find it',
      'the locker was empty but it says the {p} was collected',
      'someone else signed for my package, i never got it',
    ],
    zhShort: ['包裹丢了', '显示签收没收到', '丢件', '快递丢失'],
    enShort: ['package lost', 'never received', 'parcel missing', 'marked delivered not received'],
  },
  wrong_item: {
    zh: [
      '我买的是黑色的{p}，发来的是白色的',
      '发错货了，收到的不是我买的{p}',
      '少发了一件，订单两件只收到一件',
      '{p}的配件漏发了，充电器没有',
      '尺码发错了，买的L码给我发了S码',
      '收到的型号和下单的不一致',
    ],
    en: [
      'i ordered a black {p} but received a white one',
      'you sent the wrong item, this is not the {p} i ordered',
      'one item is missing from my order',
      'the charger and accessories of the {p} were missing from the box',
      'i ordered size l and got size s',
      'the model i received is different from my order',
    ],
    zhShort: ['发错货', '少发了', '漏发配件', '尺码发错'],
    enShort: ['wrong item', 'item missing', 'wrong size sent', 'missing accessory'],
  },
  return_refused: {
    zh: [
      '申请七天无理由退货被拒绝了',
      '{p}有问题要退货，商家不同意',
      '退货申请被驳回，说影响二次销售',
      '想换货，客服说拆封了不能退换',
      '商家拒绝退换，说已经过了退货期',
      '寄回去的{p}被拒收，退货不给处理',
    ],
    en: [
      'my return request was rejected',
      'the seller refuses to accept the return of the {p}',
      'they denied the exchange because the box was opened',
      'the return was refused, they say it is past the return window',
      'i want to return the {p} but the shop will not let me',
      'the seller refused the returned parcel and closed my return',
    ],
    zhShort: ['不给退货', '退货被拒', '拒绝换货', '不让退'],
    enShort: ['return rejected', 'refuse to accept return', 'exchange denied', 'cannot return'],
  },
  refund_delay: {
    zh: [
      '退款申请一周了还没到账',
      '商家已经收到退货，退款一直不到账',
      '说好三个工作日退款，现在钱还没退回来',
      '订单取消了，钱迟迟没有退给我',
      '退款显示处理中半个月了',
      '退货已签收，退款还是没到银行卡',
    ],
    en: [
      'my refund has not arrived after a week',
      'you received the return but i still have not got my money back',
      'the refund was promised in three working days and it is still missing',
      'i cancelled the order and was never refunded',
      'the refund has been pending for two weeks',
      'the return was delivered and the refund still has not reached my card',
    ],
    zhShort: ['退款没到账', '钱还没退', '退款太慢', '什么时候退款'],
    enShort: ['where is my refund', 'refund not received', 'still no refund', 'money not back'],
  },
  repair_service: {
    zh: [
      '{p}送修一个月了还没修好',
      '保修期内维修还要收费',
      '维修点说要返厂，等了很久没消息',
      '修好的{p}拿回来又坏了，维修质量太差',
      '上门维修约了三次都没人来',
      '售后网点说没有配件，{p}一直修不了',
    ],
    en: [
      'the {p} has been at the repair centre for a month',
      'they want to charge me for a repair under warranty',
      'the repair shop sent the {p} back to the factory and i heard nothing',
      'the {p} broke again right after the repair',
      'the technician missed three repair appointments',
      'the service centre has no spare parts to fix the {p}',
    ],
    zhShort: ['维修太慢', '保修收费', '修不好', '维修没人来'],
    enShort: ['repair taking forever', 'warranty repair charged', 'still not repaired', 'technician no show'],
  },
  price_protection: {
    zh: [
      '刚买完{p}第二天就降价了，申请价保被拒',
      '买了三天降价一百块，要求补差价',
      '价保期内降价了，客服不给退差价',
      '同款{p}现在便宜了两百，我要价格保护',
      '活动后价格更低了，保价申请一直没处理',
    ],
    en: [
      'the {p} dropped in price the day after i bought it, refund the difference',
      'the price fell by 100 three days after my order, i want price protection',
      'it is within the price guarantee period but they refuse to pay the difference',
      'the same {p} is 200 cheaper now, please honour the price match',
      'my price adjustment request was ignored after the price drop',
    ],
    zhShort: ['补差价', '降价了要价保', '退差价', '价保被拒'],
    enShort: ['price dropped refund difference', 'price protection', 'price match please', 'pay the difference'],
  },
  coupon_issue: {
    zh: [
      '领的优惠券结算时用不了',
      '满减券下单后没有抵扣',
      '优惠券突然过期了，明明还在有效期',
      '取消订单后优惠券没有退回',
      '店铺券和平台券不能叠加，页面上没写',
      '新人红包领了但是显示不可用',
    ],
    en: [
      'the coupon does not apply at checkout',
      'my discount code was not deducted from the order',
      'the voucher expired early even though it was still valid',
      'the coupon was not returned after i cancelled',
      'the promo code says invalid',
      'the new customer voucher shows as unavailable',
    ],
    zhShort: ['优惠券用不了', '券没抵扣', '红包不可用', '优惠券过期'],
    enShort: ['coupon not working', 'promo code invalid', 'voucher expired', 'discount not applied'],
  },
  misleading_promotion: {
    zh: [
      '先涨价再打折，所谓的五折是骗人的',
      '宣传买一送一，结果赠品没有',
      '页面写的限时特价，付款时价格变了',
      '直播间说的低价和实际下单价格不一样',
      '广告说包邮，结算时又收运费',
      '虚假宣传，{p}参数和详情页写的不符',
    ],
    en: [
      'they raised the price before the sale so the discount is fake',
      'the ad said buy one get one free but no free gift came',
      'the flash price on the page changed when i paid',
      'the live stream price was different from the checkout price',
      'free shipping was advertised but shipping was charged',
      'false advertising, the {p} specs do not match the listing',
    ],
    zhShort: ['虚假宣传', '先涨价后打折', '赠品没给', '价格欺诈'],
    enShort: ['false advertising', 'fake discount', 'no free gift', 'misleading ad'],
  },
  rude_staff: {
    zh: [
      '客服态度恶劣，直接挂我电话',
      '在线客服不回复，问了几次都不理人',
      '客服骂人，说话很难听',
      '客服一直踢皮球，推给别的部门',
      '快递员态度很差，还威胁我',
      '客服敷衍了事，答非所问',
    ],
    en: [
      'the agent was rude and hung up on me',
      'customer service ignores my messages',
      'the staff insulted me on the phone',
      'your support keeps passing me between departments',
      'the courier was aggressive and threatened me',
      'the agent gave me copy paste answers and did not listen',
    ],
    zhShort: ['客服态度差', '客服不理人', '挂我电话', '服务太差'],
    enShort: ['rude agent', 'support ignores me', 'terrible service attitude', 'staff was rude'],
  },
};

export const PRODUCTS = {
  zh: ['手机', '耳机', '电饭煲', '吹风机', '充电宝', '运动鞋', '羽绒服', '空气炸锅', '电动牙刷', '平板电脑', '儿童玩具', '台灯'],
  en: ['phone', 'headphones', 'rice cooker', 'hair dryer', 'power bank', 'trainers', 'jacket', 'air fryer', 'toothbrush', 'tablet', 'toy', 'lamp'],
};

/** Said in every category: an opening, feelings, what the customer wants. */
export const SHARED = {
  zhOpen: ['你好，', '订单号{n}，', '我上周在你们店买了东西，', '客服你好，', '', '', '双十一下的单，'],
  zhClose: ['请尽快处理。', '太失望了！', '希望给个说法。', '再不解决我就给差评。', '', '麻烦回复一下。', '已经等了很久了。'],
  enOpen: ['hi, ', 'order {n}: ', 'i bought this last week and ', 'hello, ', '', '', 'regarding my order, '],
  enClose: [
    'please sort this out.',
    'very disappointed!',
    'i want an answer.',
    'i will leave a bad review.',
    '',
    'please reply asap.',
    'this is unacceptable.',
  ],
};

/** Risk phrases as customers write them (with case and width the risk rules must see through). */
export const RISK_PHRASES = {
  zh: ['我要向12315投诉', '再不处理我就请律师', '准备起诉你们', '已经联系媒体曝光', '孩子因此受伤了', '插座起火了', '我要打１２３１５'],
  en: ['i will call my lawyer', 'my LAWYER will contact you', 'this caused an injury to my son', 'I have reported this to 12315'],
};

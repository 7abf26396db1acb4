import { ecommerceTemplate, flattenCategories } from '@complaints/tenant-config';
import { CATEGORY_PHRASES, PRODUCTS, RISK_PHRASES, SHARED } from './triage-phrases';

export interface GeneratedComplaint {
  id: string;
  text: string;
  /** The leaf category a handler would confirm. */
  label: string;
  /** The risk phrase written into the text, if any: the risk rules must catch every one. */
  riskPhrase: string | null;
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/** Keys customers hit instead (homophones from pinyin input, look-alikes). */
const ZH_TYPOS: Record<string, string> = {
  款: '歀',
  账: '帐',
  货: '获',
  坏: '怀',
  递: '第',
  价: '介',
  券: '卷',
  修: '休',
  服: '付',
  假: '家',
  划: '画',
  包: '保',
  漏: '露',
  差: '叉',
  退: '腿',
  送: '松',
};

/** The template's categories a complaint can be filed under: leaves that are not retired. */
export function ecommerceLeafCategories(): string[] {
  const categories = flattenCategories(ecommerceTemplate().categories);
  const parents = new Set(categories.map((category) => category.parentCode));
  return categories.filter((category) => !category.retired && !parents.has(category.code)).map((category) => category.code);
}

/**
 * A labelled set of shop complaints: 60 % Chinese, 40 % English; categories of uneven size; 15 % short texts,
 * 10 % mixing both languages, 5 % mentioning a second category in passing, 15 % with a typo, 4 % with a risk
 * phrase, and a tenth of the words of longer texts left out. The same seed gives the same set.
 *
 * `isHeldOut` (the training split's test) reserves every fourth wording of each category for held-out
 * complaints, so the figures measure sentences the model never saw, sharing only words, not memorised ones.
 */
export function generateComplaints(count: number, seed: number, isHeldOut: (id: string) => boolean = () => false): GeneratedComplaint[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  let heldOut = false;
  const wording = (items: readonly string[]): string => pick(items.filter((_, index) => (index % 4 === 3) === heldOut));
  const labels = ecommerceLeafCategories();
  for (const label of labels) if (!CATEGORY_PHRASES[label]) throw new Error(`no phrases for category ${label}`);
  const weights = labels.map(() => 1 + random() * 3);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const pickLabel = () => {
    let point = random() * totalWeight;
    for (let i = 0; i < labels.length; i += 1) {
      point -= weights[i];
      if (point < 0) return labels[i];
    }
    return labels[labels.length - 1];
  };

  const complaints: GeneratedComplaint[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = `bench-${seed}-${i}`;
    heldOut = isHeldOut(id);
    const label = pickLabel();
    const phrases = CATEGORY_PHRASES[label];
    const zh = random() < 0.6;
    const product = (text: string) =>
      text.replaceAll('{p}', pick(zh ? PRODUCTS.zh : PRODUCTS.en)).replaceAll('{n}', String(2026_0000_0000 + Math.floor(random() * 1e8)));
    const form = random();
    let text: string;
    if (form < 0.15) {
      text = wording(zh ? phrases.zhShort : phrases.enShort);
    } else if (form < 0.25) {
      text = zh ? `${product(wording(phrases.zh))}, ${wording(phrases.enShort)}` : `${product(wording(phrases.en))} ${wording(phrases.zhShort)}`;
    } else {
      const own = zh ? phrases.zh : phrases.en;
      const core = (random() < 0.3 ? [wording(own), wording(own)] : [wording(own)]).map((sentence) => withoutSomeWords(sentence, random));
      const [open, close] = zh ? [pick(SHARED.zhOpen), pick(SHARED.zhClose)] : [pick(SHARED.enOpen), pick(SHARED.enClose)];
      text = product(`${open}${core.join(zh ? '，' : ', ')}${zh ? '。' : '. '}${close}`);
    }
    if (random() < 0.05) {
      const other = CATEGORY_PHRASES[pick(labels)];
      text += zh ? `另外${pick(other.zhShort)}` : ` also ${pick(other.enShort)}`;
    }
    if (random() < 0.15) text = withTypo(text, random);
    let riskPhrase: string | null = null;
    if (random() < 0.04) {
      riskPhrase = pick(zh ? RISK_PHRASES.zh : RISK_PHRASES.en);
      text += zh ? `，${riskPhrase}！` : ` ${riskPhrase}!`;
    }
    complaints.push({ id, text, label, riskPhrase });
  }
  return complaints;
}

/** Customers skip words: every English word, or every jieba-sized piece of Chinese, has a one-in-ten chance to go. */
function withoutSomeWords(sentence: string, random: () => number): string {
  const pieces = /[a-z]/.test(sentence) ? sentence.split(' ') : Array.from(sentence.matchAll(/[^，]{1,2}|，/g), (m) => m[0]);
  const kept = pieces.filter((piece, index) => index === 0 || piece.includes('{') || random() >= 0.1);
  return kept.join(/[a-z]/.test(sentence) ? ' ' : '');
}

/** A homophone for one Chinese character, or two letters of an English word swapped. */
function withTypo(text: string, random: () => number): string {
  const chars = Array.from(text);
  const zhSpots = chars.flatMap((char, index) => (ZH_TYPOS[char] ? [index] : []));
  if (zhSpots.length) {
    const spot = zhSpots[Math.floor(random() * zhSpots.length)];
    chars[spot] = ZH_TYPOS[chars[spot]]!;
    return chars.join('');
  }
  const words = [...text.matchAll(/[a-z]{4,}/g)];
  if (!words.length) return text;
  const word = words[Math.floor(random() * words.length)];
  const at = word.index + 1 + Math.floor(random() * (word[0].length - 2));
  return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
}

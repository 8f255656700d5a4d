type PinyinPro = typeof import('pinyin-pro');

/**
 * How names, codes and phones are found the way Chinese clerks type them: any part of a name
 * (「静安」 finds 上海静安茶室), its pinyin in full (`longjing`) or by initials (`lj`), codes and
 * numbers (an order number's last digits), phone digits; case- and width-insensitive.
 *
 * Each record keeps one search text: its fields, each followed by its pinyin forms, separated so
 * that a match never runs across two fields. A query matches when its normalised form is a
 * substring of that text.
 */

/** Full-width to half-width, lower case, without spaces and the separators people type or leave out. */
export function normalizeForSearch(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_./·,，。、()（）【】[\]#]+/g, '');
}

let loaded: Promise<PinyinPro> | undefined;
/**
 * pinyin-pro and its dictionary load on the first search text a process computes, not when a
 * function starts: most requests never need it. Trade names where 行 is a firm (háng), which the
 * dictionary reads as xíng, are taught to it then: 茶行 is chá háng, so clerks find it by `chahang`.
 */
function pinyinPro(): Promise<PinyinPro> {
  loaded ??= import('pinyin-pro').then((m) => {
    m.customPinyin(
      Object.fromEntries(
        ['茶', '商', '车', '琴', '米', '布', '花', '粮', '酒', '药', '果', '五金', '电器', '珠宝'].map((w) => [
          `${w}行`,
          `${m.pinyin(w)} háng`,
        ]),
      ),
    );
    return m;
  });
  return loaded;
}

const SEP = '\u0001';
const hasHan = /\p{Script=Han}/u;

/** A name with its pinyin: `西湖龙井` → `西湖龙井`, `xihulongjing`, `xhlj`; Latin words give their initials too. */
function nameForms(name: string, { pinyin }: PinyinPro): string[] {
  const plain = normalizeForSearch(name);
  if (!plain) return [];
  const forms = [plain];
  if (hasHan.test(name)) {
    const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
    const first = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
    forms.push(normalizeForSearch(full.join('')), normalizeForSearch(first.join('')));
  }
  const words = name
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !hasHan.test(w));
  if (words.length > 1) forms.push(words.map((w) => w[0]!.toLowerCase()).join(''));
  return forms;
}

export interface SearchFields {
  /** Names, Chinese or Latin: matched anywhere, and by pinyin. */
  names?: (string | null | undefined)[];
  /** Codes and numbers (SKU, order number, external reference): matched anywhere, separators ignored. */
  codes?: (string | null | undefined)[];
  /** Phone numbers: matched by their digits. */
  phones?: (string | null | undefined)[];
}

/** The search text of a record; kept beside it and compared with `normalizeForSearch(query)`. */
export async function searchText(fields: SearchFields): Promise<string> {
  const pinyin = await pinyinPro();
  const parts = [
    ...(fields.names ?? []).flatMap((n) => (n ? nameForms(n, pinyin) : [])),
    ...(fields.codes ?? []).map((c) => (c ? normalizeForSearch(c) : '')),
    ...(fields.phones ?? []).map((p) => (p ? p.replace(/\D/g, '') : '')),
  ].filter(Boolean);
  return [...new Set(parts)].join(SEP);
}

/**
 * How well a text matches a normalised query: 0 when its first field (the name) begins with it,
 * 1 when the name or a pinyin form of it begins with it, 2 for any other place, null for none.
 */
export function matchRank(text: string, query: string): number | null {
  if (!query) return null;
  const at = text.indexOf(query);
  if (at < 0) return null;
  if (at === 0) return 0;
  return text.includes(`${SEP}${query}`) ? 1 : 2;
}

/**
 * Grouping what members wrote in their self-evaluations into the collective points of the
 * annual report. Pure: no I/O, no clock.
 *
 * 1. Split. Each answer is split into points (lines, bullets, numbered items, sentences).
 * 2. Voice. First-person openings ("Bản thân tôi", "Tôi", "Em", "Mình", "Cá nhân tôi" …, also
 *    right after a leading comma clause) are removed and the next word capitalised
 *    (`neutralVoice`). A point that names a person — a roster name, a capitalised name after
 *    cô / thầy / anh / chị / em / bác / ông / bà / đồng chí / đ/c, or "đồng chí" / "đ/c"
 *    followed by a number — is left out and counted (`namesPerson`, `leftOut`).
 * 3. Normalise once per point: NFC, lower case, tone placement and i/y spelling variants
 *    unified ("hoá" = "hóa", "kĩ" = "kỹ"), a few abbreviations expanded ("CNTT", "GV", "HS", "đ/c").
 * 4. Guards — two points may merge only when all of these are identical:
 *    - numbers and dates: every token with a digit ("1A", "20/11/2025", "98%") and number words
 *      (hai, ba, bốn …; "giải nhất/nhì");
 *    - names: capitalised words that are not the sentence's first word ("tổ Toán", "Trường
 *      Kim Đồng", "học kỳ II"), except institutions written either way (Đảng, Nhà nước, Chi bộ,
 *      Bác Hồ, Nghị quyết …); a subject or class after tổ / môn / lớp / khối even in lower
 *      case ("tổ toán", "lớp chồi", "lớp một"); the level after "cấp" (cấp trường ≠ cấp
 *      huyện); and whether it says "xuất sắc";
 *    - polarity: whether the point states a shortcoming — a negator (chưa, không, chẳng,
 *      thiếu) or a shortcoming or wrong (hạn chế, yếu, kém, ít, ngại, nể nang, đôi lúc, vi
 *      phạm, suy thoái …) that is not itself negated or remedied ("không ngừng", "không vi
 *      phạm", "không ngại", "khắc phục hạn chế", "phòng, chống tham nhũng, lãng phí", "đấu
 *      tranh với những biểu hiện sai trái" are affirmative; "có biểu hiện suy thoái" is not).
 *    Besides, a word negated in one point ("chưa hiệu quả") must not appear un-negated in the
 *    other ("có hiệu quả") — checked against every wording already in a group.
 * 5. Similarity of two points with the same guards: the features of a point are its content
 *    syllables (a short stop-word list removed: function words, first person, negators, which
 *    the polarity guard handles, digits, which the number guard handles) and the bigrams of
 *    adjacent content syllables within a clause (Vietnamese words are mostly two syllables,
 *    so a bigram is roughly a word). A syllable weighs 1 and a bigram 0.5 (paraphrases vary
 *    the order of words); the frame words of self-evaluations (hoàn thành tốt nhiệm vụ, tích
 *    cực tham gia, thực hiện, trình độ, còn hạn chế … — `GENERIC`) and bigrams of two of them
 *    weigh a tenth of that, so "hoàn thành tốt nhiệm vụ giảng dạy" is not "… chủ nhiệm".
 *    Score = weighted cosine Σ_{A∩B} w / √(Σ_A w · Σ_B w); the same point when score ≥
 *    `SAME_POINT` (0.35: in the unit test's table the paraphrases score ≥ 0.4 and different
 *    points with the same guards ≤ 0.3). `samePoint` is this rule for two
 *    sentences; `groupPoints` applies it, a point joining the group of its best match among
 *    the group's first wordings (so a group does not drift by chains of near matches).
 * 6. Printing. A group is printed as ONE member's actual sentence: the most central wording
 *    (the largest sum of similarities to the group's wordings, weighted by how often each was
 *    written). Since the guards are identical inside a group, a number, class or name in that
 *    sentence is shared by every member of the group.
 *
 * 7. Collective voice. `quantify` / `collectiveSentence`: "Đa số đồng chí" from two thirds of
 *    the members whose answers were read, "Nhiều đồng chí" from a third, else "Một số đồng
 *    chí"; a single member is always "Có đồng chí" (one member's point is never "the view of
 *    many"), and without a sound denominator (0, or fewer than the members) no share is claimed.
 *
 * Cost (one call = one section; the caller may yield between sections): normalisation is
 * cached per distinct raw point, identical normalised points merge without comparison, and a
 * point is compared only with groups of the same guards that share a feature with it (an
 * inverted index per guard signature). Work is capped: a feature shared by `POSTING_CAP`
 * groups no longer selects candidates, a point is verified against at most `CANDIDATES` groups
 * and each group against its first `INDEXED_VARIANTS` wordings, and past `WORK_CAP` index
 * visits in a call, points only merge with identical ones (real input uses ~2% of it).
 */

export interface Answer {
  /** Who wrote it (only counted, never shown). */
  author: string;
  text: string;
}

export interface Point {
  /** One member's actual sentence, neutral voice, capital first letter, final period. */
  text: string;
  /** Distinct authors. */
  members: number;
  /** Their ids (only counted, never shown). */
  authors: string[];
  /** All the wordings merged into it (neutral voice). */
  variants: string[];
}

export interface GroupResult {
  points: Point[];
  /** Points dropped for naming a person. */
  leftOut: number;
}

export type Quantifier = 'most' | 'many' | 'some' | 'one';

export const QUANTIFIER_WORDS: Record<Quantifier, string> = {
  most: 'Đa số đồng chí',
  many: 'Nhiều đồng chí',
  some: 'Một số đồng chí',
  one: 'Có đồng chí',
};

/** Minimal cosine similarity of two points' features to be the same point. */
export const SAME_POINT = 0.35;
const POSTING_CAP = 48;
const CANDIDATES = 8;
const INDEXED_VARIANTS = 4;
const CENTRAL_OF = 24;
const WORK_CAP = 400_000;

// ---------------------------------------------------------------- splitting

/** Splits an answer into points: lines, bullets, numbered items and sentences. */
export function splitPoints(text: string): string[] {
  return segments(text).map(tidySegment).filter(Boolean);
}

/** The raw pieces of an answer, before `tidySegment`. */
const segments = (text: string) => text.normalize('NFC').split(/\n+|;\s+|(?<=[.!?])\s+(?=\p{Lu}|[-–•+*]|\d+[.)])/u);

/** A piece without its bullet, spacing and final punctuation; '' for a fragment of fewer than three syllables. */
function tidySegment(p: string): string {
  const s = p
    .replace(/^\s*(?:[-–•+*]|\d{1,2}[.)]|[a-zđ][.)])\s*/u, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.;,:!…]+$/u, '')
    .trim();
  return (s.match(SYLLABLE)?.length ?? 0) >= 3 ? s : '';
}

const SYLLABLE = /[\p{L}\p{N}]+/gu;

// ---------------------------------------------------------------- voice and names

const FIRST_PERSON = '(?:bản thân (?:tôi|em|mình)|cá nhân (?:tôi|em|mình)|bản thân|tôi|em|mình)';
const OPENING = new RegExp(`^${FIRST_PERSON}(?![\\p{L}\\p{N}])[\\s,:]*`, 'iu');
/** After a leading clause ("Trong năm học, tôi …"); bare "em"/"mình" are too ambiguous there. */
const AFTER_COMMA = /,\s*(?:bản thân (?:tôi|em|mình)|cá nhân tôi|bản thân|tôi)(?![\p{L}\p{N}])\s*/giu;

const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/** The sentence without its first-person opening, the next word capitalised. */
export function neutralVoice(sentence: string): string {
  const s = sentence.normalize('NFC').trim().replace(OPENING, '').replace(AFTER_COMMA, ', ').trim();
  return upperFirst(s);
}

const TITLES = new Set(['cô', 'thầy', 'anh', 'chị', 'em', 'bác', 'ông', 'bà']);
const COMRADE = new Set(['đ/c', 'đc', 'đ.c']);
/** A quick test before looking at the words: a title, or "đồng chí" / "đ/c", is there at all. */
const TITLE_ANYWHERE = /(?<![\p{L}\p{N}])(?:cô|thầy|anh|chị|em|bác|ông|bà|đồng chí|đ\/c|đc|đ\.c)(?![\p{L}\p{N}])/iu;
const bare = (t: string) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
const lower = (t: string) => t.toLowerCase();
const isUpper = (t: string) => t.charAt(0) !== t.charAt(0).toLowerCase();
const escapeRegExp = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const wholeWords = (alternatives: string[], flags: string) =>
  alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, flags) : undefined;

interface Roster {
  /** Full names, in any case. */
  full?: RegExp;
  /** The last two syllables of names of three or more, capitalised as a name ("Văn An"). */
  tails?: RegExp;
  /** Given names, lower case: named after "đồng chí" even in lower case. */
  given: Set<string>;
}

function rosterOf(names: readonly string[] = []): Roster {
  const full: string[] = [];
  const tails: string[] = [];
  const given = new Set<string>();
  for (const n of names) {
    const parts = n.normalize('NFC').trim().split(/\s+/).filter(Boolean);
    if (!parts.length) continue;
    full.push(parts.join(' '));
    if (parts.length >= 3) tails.push(parts.slice(-2).map(upperFirst).join(' '));
    given.add(lower(parts[parts.length - 1]!));
  }
  return { full: wholeWords(full, 'iu'), tails: wholeWords(tails, 'u'), given };
}

function names(sentence: string, roster: Roster): boolean {
  const s = sentence.normalize('NFC');
  if (roster.full?.test(s) || roster.tails?.test(s)) return true;
  if (!TITLE_ANYWHERE.test(s)) return false;
  const toks = s.split(/\s+/).map(bare).filter(Boolean);
  for (let i = 0; i < toks.length; i++) {
    const t = lower(toks[i]!);
    let next = -1;
    let comrade = false;
    if (COMRADE.has(t)) {
      next = i + 1;
      comrade = true;
    } else if (t === 'đồng' && lower(toks[i + 1] ?? '') === 'chí') {
      next = i + 2;
      comrade = true;
    } else if (TITLES.has(t)) next = i + 1;
    if (next < 0) continue;
    let n = toks[next];
    if (comrade && n && lower(n) === 'số') n = toks[next + 1];
    if (!n) continue;
    if (comrade && /^\d/.test(n)) return true;
    if (t === 'bác' && n === 'Hồ') continue;
    if (TITLES.has(lower(n))) continue;
    if (isUpper(n) || (comrade && roster.given.has(lower(n)))) return true;
  }
  return false;
}

/**
 * Whether a sentence names a person: a roster name (the full name in any case, or its last
 * two syllables capitalised; a given name after "đồng chí"), a capitalised name after a title
 * (cô, thầy, anh, chị, em, bác, ông, bà, đồng chí, đ/c — "Bác Hồ" is not a member), or
 * "đồng chí" / "đ/c" followed by a number.
 */
export function namesPerson(sentence: string, names_?: readonly string[]): boolean {
  return names(sentence, rosterOf(names_));
}

// ---------------------------------------------------------------- normalisation

const SPELLING: Record<string, string> = { kĩ: 'kỹ', kí: 'ký', lí: 'lý', mĩ: 'mỹ', sỹ: 'sĩ', quí: 'quý', tỉ: 'tỷ' };
/** Lower case, tone placement on the second vowel of oa/oe/uy ("hoá"), i/y variants. */
function spell(t: string): string {
  const s = lower(t);
  const fixed = SPELLING[s];
  if (fixed) return fixed;
  if (!/[oòóỏõọuùúủũụ][aey]$/u.test(s)) return s;
  return s
    .normalize('NFD')
    .replace(/o([\u0300\u0301\u0303\u0309\u0323])([ae])$/u, 'o$2$1')
    .replace(/u([\u0300\u0301\u0303\u0309\u0323])y$/u, 'uy$1')
    .normalize('NFC');
}

/** A word list in the spelling `spell` gives the text ("tự chuyển hóa" is matched as "tự chuyển hoá"). */
const lexicon = (words: string) => new Set(words.split(' ').map(spell));

const STOP = lexicon(
  'và của các những là thì mà với trong cho được để một này đó việc sự đã sẽ đang rất cũng như có bản thân tôi em mình luôn còn chưa không chẳng vẫn đều do nên vào về từ theo tại ở bị khi lúc hơn nữa nhưng tuy nhiên đến ra lại hết thật thực cần phải bằng hay hoặc',
);
/** Capitalised words that name institutions, written either way: not a member's detail. */
const INSTITUTION = lexicon(
  'đảng nhà nước bác hồ chí minh chủ tịch chi bộ ủy uỷ ban nghị quyết điều lệ hiến pháp luật trung ương chính phủ quốc hội tổ công đoàn đội thiếu tiền phong thanh niên hội phụ nữ cựu chiến binh mặt trận nhân dân chỉ thị kết luận quy định tư tưởng đạo đức phong cách giám hiệu trưởng phó bí thư trường tiểu trung học cơ sở phòng giáo dục đào tạo ngành chuyên môn lớp khối',
);
/** The frame words of self-evaluations ("hoàn thành tốt nhiệm vụ", "tích cực tham gia", "còn hạn chế"): they weigh less than what a point is about. */
const GENERIC = lexicon('hoàn thành tốt nhiệm vụ tích cực tham gia thực hiện chấp hành nghiêm công tác việc năng lực hạn chế thường xuyên tăng cường nâng cao trình độ đầy đủ giao');
const GENERIC_WEIGHT = 0.1;
/** A bigram weighs half a syllable: word order varies between paraphrases ("tự học chưa thường xuyên" / "chưa thường xuyên tự học"). */
const BIGRAM_WEIGHT = 0.5;
/** After "tổ", "môn", "lớp", "khối": the name of a subject or a kindergarten class, even in lower case ("tổ toán", "lớp chồi"). */
const DESIGNATORS = lexicon('tổ môn lớp khối');
const UNIT_NAMES = lexicon('toán văn anh lý hóa sinh sử địa tin nhạc mầm chồi lá');
/** Numbers after a designator that are common words elsewhere ("lớp một", "khối năm"). */
const UNIT_NUMBERS = lexicon('một năm chín');
const NUMBER_WORDS = lexicon('hai ba bốn sáu bảy tám mười mươi trăm nghìn ngàn triệu');
const ABBREVIATIONS: Record<string, string> = {
  cntt: 'công nghệ thông tin',
  hs: 'học sinh',
  gv: 'giáo viên',
  gvcn: 'giáo viên chủ nhiệm',
  bgh: 'ban giám hiệu',
  đv: 'đảng viên',
  'đ/c': 'đồng chí',
  đc: 'đồng chí',
  ubnd: 'ủy ban nhân dân',
};

const NEGATORS = new Set(['chưa', 'không', 'chẳng', 'thiếu']);
/**
 * Shortcomings and wrongs: said plainly, like a negator, they make a point negative; after a
 * negator or a remedy they are affirmative ("không ngừng", "khắc phục hạn chế", "không có
 * biểu hiện suy thoái", "phòng, chống tham nhũng, lãng phí").
 */
const BAD = [
  'hạn chế',
  'yếu',
  'kém',
  'ít',
  'chậm',
  'ngại',
  'nể nang',
  'né tránh',
  'lơ là',
  'qua loa',
  'lúng túng',
  'e dè',
  'rụt rè',
  'đôi lúc',
  'đôi khi',
  'có lúc',
  'có khi',
  'tồn tại',
  'khuyết điểm',
  'thiếu sót',
  'sai sót',
  'bảo thủ',
  'chủ quan',
  'dàn trải',
  'ngừng',
  'vi phạm',
  'sai phạm',
  'sai trái',
  'suy thoái',
  'tham nhũng',
  'tiêu cực',
  'lãng phí',
  'bị kỷ luật',
  'tự diễn biến',
  'tự chuyển hóa',
];
const REMEDIES = ['chưa', 'không', 'chẳng', 'khắc phục', 'tránh', 'phòng', 'chống', 'phòng ngừa', 'ngăn chặn', 'đẩy lùi', 'đấu tranh', 'phản bác', 'sửa chữa', 'hạn chế'];
/** Words allowed between a negator/remedy and what it negates ("không có biểu hiện suy thoái"). */
const FILLERS = [
  'có',
  'để',
  'xảy ra',
  'bị',
  'mắc',
  'hề',
  'biểu hiện',
  'dấu hiệu',
  'hành vi',
  'quan điểm',
  'nào',
  'gì',
  'sự',
  'các',
  'những',
  'một',
  'số',
  'mọi',
  'tình trạng',
  'hiện tượng',
  'tính',
  'thói',
  'tâm lý',
  'được',
  'với',
  'lại',
];
/** Set phrases with a negator that state nothing negative ("những điều đảng viên không được làm"). */
const NEUTRAL = ['không được làm'];
/** Skipped to find what a negator negates ("chưa thật sự chủ động" negates "chủ"). */
const INTENSIFIERS = lexicon('thật sự thực hề được quá hẳn có thể');

type Phrases = Map<string, string[][]>;
/** Phrases by their first syllable, longest first. */
function phrases(list: readonly string[]): Phrases {
  const m: Phrases = new Map();
  for (const p of list) {
    const ws = p.split(' ').map(spell);
    const at = m.get(ws[0]!) ?? [];
    at.push(ws);
    at.sort((x, y) => y.length - x.length);
    m.set(ws[0]!, at);
  }
  return m;
}
const BAD_P = phrases(BAD);
const REMEDY_P = phrases(REMEDIES);
const FILLER_P = phrases(FILLERS);
const NEUTRAL_P = phrases(NEUTRAL);

/** The length of the phrase of `list` starting at `i`, or 0. */
function matchAt(toks: readonly (string | null)[], i: number, list: Phrases): number {
  const candidates = toks[i] && list.get(toks[i]!);
  if (!candidates) return 0;
  for (const p of candidates) {
    let k = 1;
    while (k < p.length && toks[i + k] === p[k]) k++;
    if (k === p.length) return k;
  }
  return 0;
}

/** A written word's normalised syllables (an abbreviation expands to several), memoised. */
const SPELT = new Map<string, string[]>();
function syllablesOf(raw: string): string[] {
  let w = SPELT.get(raw);
  if (!w) {
    w = (ABBREVIATIONS[lower(raw)] ?? raw).split(' ').map(spell);
    if (SPELT.size > 50_000) SPELT.clear();
    SPELT.set(raw, w);
  }
  return w;
}

interface Prepared {
  /** Neutral wording as written. */
  text: string;
  /** Normalised syllables: identical keys are the same point without comparison. */
  key: string;
  /** Numbers | names | polarity: only points with the same signature may merge. */
  sig: string;
  /** Feature (a syllable's id, or a bigram's) → its weight. */
  features: Map<number, number>;
  /** The sum of the weights. */
  norm: number;
  /** Ids of the syllables a negator negates, and of the content syllables said plainly. */
  negated: Set<number>;
  plain: Set<number>;
}

/** Syllables as numbers, per call: a bigram is then a number too (`BIGRAM` · (a + 1) + b), not a new string. */
type Ids = Map<string, number>;
const BIGRAM = 2 ** 26;
const idOf = (ids: Ids, s: string) => {
  let n = ids.get(s);
  if (n === undefined) ids.set(s, (n = ids.size));
  return n;
};

const TOKEN = /(\d+(?:[.,/:-]\d+)*%?\p{L}*)|(\p{L}+(?:[/.]\p{L}+)?)|([^\s\p{L}\p{N}])/gu;
const CONSUMED = 1;
const NEGATED = 2;
const NUMBER = 4;

/** `neutral`: NFC, in the neutral voice. */
function prepare(neutral: string, ids: Ids): Prepared {
  // tokens: normalised syllables, null for a clause break
  const toks: (string | null)[] = [];
  const numbers: string[] = [];
  const named: string[] = [];
  const numeric: number[] = [];
  let first = true;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(neutral); m; m = TOKEN.exec(neutral)) {
    const [, number, word, mark] = m;
    if (mark) {
      toks.push(null);
      if (mark === ':') first = true;
    } else if (number) {
      numbers.push(lower(number));
      numeric.push(toks.length);
      toks.push(lower(number));
      first = false;
    } else if (word) {
      const ws = syllablesOf(word);
      if (!first && ws.length === 1 && isUpper(word) && !INSTITUTION.has(ws[0]!)) named.push(ws[0]!);
      for (const w of ws) toks.push(w);
      first = false;
    }
  }
  const flags = new Uint8Array(toks.length);
  for (const i of numeric) flags[i] = NUMBER;
  let key = '';
  let xuatSac = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!t) continue;
    const prev = toks[i - 1];
    key = key ? `${key} ${t}` : t;
    if (NUMBER_WORDS.has(t) || (prev === 'giải' && (t === 'nhất' || t === 'nhì'))) numbers.push(t);
    if (prev && DESIGNATORS.has(prev) && UNIT_NAMES.has(t)) named.push(t);
    if (prev && DESIGNATORS.has(prev) && UNIT_NUMBERS.has(t)) numbers.push(t);
    if (t === 'cấp' && toks[i + 1]) named.push(`cấp ${toks[i + 1]}`);
    if (t === 'sắc' && prev === 'xuất') xuatSac = true;
  }

  // polarity: remove what is remedied or doubly negated, then look for shortcomings
  const joined = (k: number) => {
    while (toks[k] === null || toks[k] === 'và') k++;
    return k;
  };
  for (let i = 0; i < toks.length; i++) {
    const n = matchAt(toks, i, NEUTRAL_P);
    for (let k = i; k < i + n; k++) flags[k]! |= CONSUMED;
    const r = matchAt(toks, i, REMEDY_P);
    if (!r || n) continue;
    let j = i + r;
    // remedies in a row: "phòng, chống …", "ngăn chặn, đẩy lùi …"
    for (let k = joined(j), more = matchAt(toks, k, REMEDY_P); more; k = joined(j), more = matchAt(toks, k, REMEDY_P)) j = k + more;
    let b = matchAt(toks, j, BAD_P);
    for (let f = b ? 0 : matchAt(toks, j, FILLER_P); f; f = b ? 0 : matchAt(toks, j, FILLER_P)) {
      j += f;
      b = matchAt(toks, j, BAD_P);
    }
    if (!b) continue;
    let end = j + b;
    // wrongs in a row: "chống tham nhũng, lãng phí, tiêu cực"
    for (let k = joined(end), more = matchAt(toks, k, BAD_P); more; k = joined(end), more = matchAt(toks, k, BAD_P)) end = k + more;
    for (let k = i; k < end; k++) flags[k]! |= CONSUMED;
    i = end - 1;
  }
  let negative = false;
  const negated = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!t || flags[i]! & CONSUMED) continue;
    if (NEGATORS.has(t)) {
      negative = true;
      let j = i + 1;
      while (j < toks.length && toks[j] && INTENSIFIERS.has(toks[j]!)) j++;
      const head = toks[j];
      if (head && !NEGATORS.has(head)) {
        negated.add(idOf(ids, head));
        flags[j]! |= NEGATED;
      }
    } else if (matchAt(toks, i, BAD_P)) negative = true;
  }

  // features: content syllables and bigrams of adjacent content syllables within a clause
  const features = new Map<number, number>();
  const plain = new Set<number>();
  let norm = 0;
  let last = -1;
  let lastGeneric = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!t) {
      last = -1;
      continue;
    }
    if (STOP.has(t) || flags[i]! & NUMBER) continue;
    const id = idOf(ids, t);
    if (!(flags[i]! & NEGATED)) plain.add(id);
    const generic = GENERIC.has(t);
    if (!features.has(id)) {
      const w = generic ? GENERIC_WEIGHT : 1;
      features.set(id, w);
      norm += w;
    }
    const bigram = BIGRAM * (last + 1) + id;
    if (last >= 0 && !features.has(bigram)) {
      const w = BIGRAM_WEIGHT * (generic && lastGeneric ? GENERIC_WEIGHT : 1);
      features.set(bigram, w);
      norm += w;
    }
    last = id;
    lastGeneric = generic;
  }
  const sorted = (xs: string[]) => [...new Set(xs)].sort().join(',');
  return { text: neutral, key, sig: `${sorted(numbers)}|${sorted(named)}|${negative ? '-' : '+'}${xuatSac ? 'x' : ''}`, features, norm, negated, plain };
}

function similarity(a: Prepared, b: Prepared): number {
  if (!a.norm || !b.norm) return 0;
  const [small, big] = a.features.size <= b.features.size ? [a, b] : [b, a];
  let common = 0;
  for (const [f, w] of small.features) if (big.features.has(f)) common += w;
  return common / Math.sqrt(a.norm * b.norm);
}

const intersects = (x: ReadonlySet<number>, y: ReadonlySet<number>) => {
  for (const v of x) if (y.has(v)) return true;
  return false;
};

/** Whether a word negated in one is said un-negated in the other. */
const conflict = (a: { negated: ReadonlySet<number>; plain: ReadonlySet<number> }, b: typeof a) => intersects(a.negated, b.plain) || intersects(b.negated, a.plain);

/** Whether two sentences say the same thing (the rule of the module's comment). */
export function samePoint(a: string, b: string): boolean {
  const ids: Ids = new Map();
  const x = prepare(neutralVoice(a), ids);
  const y = prepare(neutralVoice(b), ids);
  if (x.key === y.key) return true;
  return x.sig === y.sig && !conflict(x, y) && similarity(x, y) >= SAME_POINT;
}

// ---------------------------------------------------------------- grouping

interface Group {
  id: number;
  first: number;
  authors: Set<string>;
  /** Distinct wordings with how often each was written. */
  variants: Prepared[];
  counts: number[];
  /** The union of its wordings' (the first wording's own sets while it has one). */
  negated: Set<number>;
  plain: Set<number>;
}

interface Bucket {
  index: Map<number, Group[]>;
}

export function groupPoints(answers: readonly Answer[], opts: { names?: readonly string[] } = {}): GroupResult {
  const roster = rosterOf(opts.names);
  const ids: Ids = new Map();
  // each distinct piece, and each distinct point, is prepared once
  const byPiece = new Map<string, Prepared | 'named' | 'empty'>();
  const byPoint = new Map<string, Prepared | 'named' | 'empty'>();
  const byKey = new Map<string, { group: Group; variant: number }>();
  const buckets = new Map<string, Bucket>();
  const groups: Group[] = [];
  let leftOut = 0;
  let order = 0;
  const counter: number[] = [];
  let work = 0;

  /** Indexes a group under the features of its k-th wording that earlier wordings did not have. */
  const index = (bucket: Bucket, g: Group, k: number) => {
    const earlier = g.variants.slice(0, k);
    for (const f of g.variants[k]!.features.keys()) {
      if (earlier.some((v) => v.features.has(f))) continue;
      let posting = bucket.index.get(f);
      if (!posting) bucket.index.set(f, (posting = []));
      if (posting.length < POSTING_CAP) posting.push(g);
    }
  };

  const find = (bucket: Bucket, p: Prepared): Group | undefined => {
    if (work > WORK_CAP) return undefined;
    const touched: Group[] = [];
    for (const f of p.features.keys()) {
      const posting = bucket.index.get(f);
      // a feature shared by that many groups does not tell them apart
      if (!posting || posting.length >= POSTING_CAP) continue;
      work += posting.length;
      for (const g of posting) if ((counter[g.id] = counter[g.id]! + 1) === 1) touched.push(g);
    }
    // the CANDIDATES groups sharing the most features (ties: the earliest), without sorting them all
    const top: Group[] = [];
    for (const g of touched) {
      const n = counter[g.id]!;
      let i = top.length;
      while (i > 0 && (counter[top[i - 1]!.id]! < n || (counter[top[i - 1]!.id] === n && top[i - 1]!.id > g.id))) i--;
      if (i < CANDIDATES) {
        top.splice(i, 0, g);
        if (top.length > CANDIDATES) top.pop();
      }
    }
    for (const g of touched) counter[g.id] = 0;
    let best: Group | undefined;
    let bestScore = SAME_POINT;
    for (const g of top) {
      if (conflict(p, g)) continue;
      for (const v of g.variants.slice(0, INDEXED_VARIANTS)) {
        work += p.features.size;
        const s = similarity(p, v);
        if (s > bestScore || (s === bestScore && best === undefined)) {
          best = g;
          bestScore = s;
        }
      }
    }
    return best;
  };

  for (const answer of answers) {
    for (const piece of segments(answer.text)) {
      let p = byPiece.get(piece);
      if (p === undefined) {
        const raw = tidySegment(piece);
        p = byPoint.get(raw);
        if (p === undefined) {
          const neutral = raw && neutralVoice(raw);
          p = !raw ? 'empty' : names(raw, roster) ? 'named' : (neutral.match(SYLLABLE)?.length ?? 0) < 2 ? 'empty' : prepare(neutral, ids);
          byPoint.set(raw, p);
        }
        byPiece.set(piece, p);
      }
      if (p === 'empty') continue;
      order++;
      if (p === 'named') {
        leftOut++;
        continue;
      }
      const known = byKey.get(p.key);
      if (known) {
        known.group.authors.add(answer.author);
        known.group.counts[known.variant]!++;
        continue;
      }
      let bucket = buckets.get(p.sig);
      if (!bucket) buckets.set(p.sig, (bucket = { index: new Map() }));
      let g = find(bucket, p);
      if (!g) {
        g = { id: groups.length, first: order, authors: new Set(), variants: [p], counts: [1], negated: p.negated, plain: p.plain };
        groups.push(g);
        counter.push(0);
      } else {
        if (g.variants.length === 1) [g.negated, g.plain] = [new Set(g.negated), new Set(g.plain)];
        g.variants.push(p);
        g.counts.push(1);
        for (const w of p.negated) g.negated.add(w);
        for (const w of p.plain) g.plain.add(w);
      }
      g.authors.add(answer.author);
      if (g.variants.length <= INDEXED_VARIANTS) index(bucket, g, g.variants.length - 1);
      byKey.set(p.key, { group: g, variant: g.variants.length - 1 });
    }
  }

  const points = groups
    .sort((g, h) => h.authors.size - g.authors.size || g.first - h.first)
    .map((g) => ({ text: tidy(central(g).text), members: g.authors.size, authors: [...g.authors], variants: g.variants.map((v) => v.text) }));
  return { points, leftOut };
}

/** The wording most like the group's others, weighted by how often each was written (ties: the earliest). */
function central(g: Group): Prepared {
  if (g.variants.length === 1) return g.variants[0]!;
  const top = g.variants
    .map((v, i) => ({ v, n: g.counts[i]!, i }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .slice(0, CENTRAL_OF);
  let best = top[0]!;
  let bestScore = -1;
  for (const c of top) {
    const score = top.reduce((s, o) => s + o.n * (o === c ? 1 : similarity(c.v, o.v)), 0);
    if (score > bestScore || (score === bestScore && c.i < best.i)) {
      best = c;
      bestScore = score;
    }
  }
  return best.v;
}

/** Capital first letter, exactly one final period. */
function tidy(p: string): string {
  return `${upperFirst(p.trim().replace(/[\s.;,:!?…]+$/u, ''))}.`;
}

// ---------------------------------------------------------------- collective voice

/** "Đa số" from two thirds of `of`, "Nhiều" from a third, else "Một số"; one member is always "Có đồng chí". */
export function quantify(members: number, of: number): Quantifier {
  if (members <= 1) return 'one';
  // without a sound denominator, no share is claimed
  if (of < members) return 'some';
  if (3 * members >= 2 * of) return 'most';
  if (3 * members >= of) return 'many';
  return 'some';
}

/** Words that keep their capital after the quantifier. */
const PROPER_START =
  /^(?:Đảng(?! viên| phí)|Nhà nước|Bác Hồ|Hồ Chí Minh|Nghị quyết|Chi bộ|Điều lệ|Hiến pháp|Trung ương|Chính phủ|Quốc hội|Tổ quốc|Chủ tịch)(?![\p{L}\p{N}])|^\p{Lu}[\p{L}]*\s+\p{Lu}|^\p{Lu}{2,}(?![\p{Ll}])/u;

/**
 * Openings that are a predicate whose subject can be the members themselves ("luôn chấp
 * hành …", "chưa thường xuyên …", "có học sinh đạt giải …"). A point opening otherwise —
 * with its own subject ("Tinh thần tự phê bình chưa cao", "Khối lượng công việc nhiều",
 * "Nhà trường tạo điều kiện") — cannot take "đồng chí" as subject and is reported as what
 * the members said: "Nhiều đồng chí nêu: tinh thần tự phê bình chưa cao."
 */
const PREDICATE_START = new RegExp(
  `^(?:${[
    'luôn',
    'luôn luôn',
    'chấp hành',
    'giữ',
    'giữ gìn',
    'giữ vững',
    'có',
    'không',
    'chưa',
    'còn',
    'đã',
    'đang',
    'thường xuyên',
    'tích cực',
    'hoàn thành',
    'thực hiện',
    'tham gia',
    'nghiêm túc',
    'gương mẫu',
    'đoàn kết',
    'sống',
    'rèn luyện',
    'học tập',
    'tự học',
    'tự bồi dưỡng',
    'tu dưỡng',
    'phấn đấu',
    'đổi mới',
    'ứng dụng',
    'mạnh dạn',
    'tăng cường',
    'sắp xếp',
    'nâng cao',
    'khắc phục',
    'bồi dưỡng',
    'đôi lúc',
    'đôi khi',
    'có lúc',
    'có khi',
    'nhiều lúc',
    'ít',
    'ngại',
    'nể nang',
    'chủ động',
    'quan tâm',
    'lắng nghe',
    'trung thực',
    'kiên định',
    'nắm vững',
    'nắm chắc',
    'chăm lo',
    'tuyên truyền',
    'vận động',
    'xây dựng',
    'làm tốt',
    'đảm bảo',
    'bảo đảm',
    'duy trì',
    'chịu khó',
    'tận tụy',
    'tận tuỵ',
    'nhiệt tình',
    'cố gắng',
    'hướng dẫn',
    'giúp đỡ',
    'phối hợp',
    'giảng dạy',
    'dạy',
    'chủ nhiệm',
    'được',
    'bị',
    'chú trọng',
    'quán triệt',
    'tìm hiểu',
    'tự giác',
    'dành',
    'cần',
    'phải',
    'sẽ',
    'tiếp tục',
    'thẳng thắn',
    'khiêm tốn',
    'giản dị',
    'đấu tranh',
    'tự phê bình',
    'phê bình',
    'đóng',
    'tránh',
    'hạn chế',
    'gắn bó',
    'yêu nghề',
    'tâm huyết',
    'đạt',
    'vận dụng',
    'triển khai',
    'theo dõi',
    'kiểm tra',
    'ủng hộ',
    'chưa thật sự',
    'thiếu',
    'chậm',
    'lúng túng',
    'đáp ứng',
    'kịp thời',
  ]
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![\\p{L}\\p{N}])`,
  'iu',
);

/**
 * "Đa số đồng chí chấp hành tốt …": the quantifier and the point (without a leading
 * nominalising "Việc": "Một số đồng chí tự học chưa thường xuyên"), exactly one final period;
 * a point with a subject of its own: "Nhiều đồng chí nêu: tinh thần tự phê bình chưa cao."
 */
export function collectiveSentence(point: Pick<Point, 'text' | 'members'>, of: number): string {
  const s = point.text
    .normalize('NFC')
    .trim()
    .replace(/^việc\s+(?=\p{L})/iu, '')
    .replace(/[\s.;,:!?…]+$/u, '');
  const body = PROPER_START.test(s) ? s : s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
  const who = QUANTIFIER_WORDS[quantify(point.members, of)];
  return PREDICATE_START.test(body) ? `${who} ${body}.` : `${who} nêu: ${body}.`;
}

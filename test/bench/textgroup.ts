/**
 * Bench of the grouping of members' points (src/core/textgroup.ts): 50 members × the 5
 * self-evaluation sections the report groups × 4,000 characters each of near-identical short
 * lines — the worst case for the comparisons. Reports the total and the longest single section
 * (the longest the event loop is blocked, since the caller may yield between sections).
 *
 * Quick run on its own: `node --import tsx test/bench/textgroup.ts`; `npm run bench` includes it.
 */
import { groupPoints, type Answer } from '../../src/core/textgroup.ts';
import { printTable, type BenchRow } from './table.ts';

/** Deterministic pseudo-random numbers (a small LCG), so every run groups the same text. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Templates of short lines with interchangeable words: many distinct lines that mostly say the same few things. */
const TEMPLATES: string[][][] = [
  [
    ['Tinh thần', 'Ý thức'],
    ['tự phê bình', 'phê bình và tự phê bình', 'tự phê bình và phê bình'],
    ['chưa cao', 'còn chưa cao', 'chưa thật sự cao'],
  ],
  [
    ['Việc tự học', 'Tự học', 'Việc tự học, tự bồi dưỡng'],
    ['chưa thường xuyên', 'còn chưa thường xuyên', 'chưa đều đặn'],
  ],
  [
    ['Ứng dụng', 'Việc ứng dụng'],
    ['công nghệ thông tin', 'CNTT'],
    ['trong giảng dạy', 'vào giảng dạy', 'trong công việc'],
    ['còn hạn chế', 'chưa hiệu quả'],
  ],
  [
    ['Đôi lúc', 'Có lúc', ''],
    ['còn nể nang', 'còn ngại va chạm', 'còn nể nang, ngại va chạm'],
    ['trong góp ý', 'trong sinh hoạt', ''],
  ],
  [
    ['Luôn', '', 'Tôi luôn'],
    ['chấp hành tốt', 'chấp hành nghiêm'],
    ['chủ trương, đường lối của Đảng', 'chủ trương của Đảng, pháp luật của Nhà nước'],
  ],
  [
    ['Hoàn thành tốt', 'Luôn hoàn thành tốt'],
    ['nhiệm vụ được giao', 'các nhiệm vụ được giao', 'nhiệm vụ chuyên môn'],
  ],
  [
    ['Tích cực tham gia', 'Tham gia tích cực'],
    ['các phong trào thi đua', 'phong trào thi đua'],
    ['của nhà trường', 'do nhà trường phát động', 'của đơn vị'],
  ],
  [
    ['Giữ gìn', 'Luôn giữ gìn'],
    ['phẩm chất đạo đức,', 'đạo đức,'],
    ['lối sống giản dị', 'lối sống trong sáng, giản dị'],
  ],
];

/** One member's section: short lines until `chars` characters; some carry the member's own number (never merged). */
export function nearIdenticalSection(members: number, chars: number, seed = 1): Answer[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const answers: Answer[] = [];
  for (let m = 0; m < members; m++) {
    const lines: string[] = [];
    let length = 0;
    while (length < chars) {
      const line =
        next() < 0.1
          ? `Dự giờ ${10 + Math.floor(next() * 20)} tiết, chủ nhiệm lớp ${1 + (m % 5)}${pick(['A', 'B', 'C'])}`
          : `${pick(['', '- ', '+ '])}${pick(TEMPLATES).map(pick).filter(Boolean).join(' ')}${pick(['.', '', ';'])}`;
      length += line.length + (lines.length ? 1 : 0);
      lines.push(line);
    }
    answers.push({ author: `m${m}`, text: lines.join('\n') });
  }
  return answers;
}

export function textgroupRows(): BenchRow[] {
  const SECTIONS = 5;
  const sections = Array.from({ length: SECTIONS }, (_, i) => nearIdenticalSection(50, 4000, i + 1));
  groupPoints(nearIdenticalSection(50, 4000, 99)); // warm up the JIT
  const runs: { total: number; longest: number }[] = [];
  for (let r = 0; r < 3; r++) {
    let total = 0;
    let longest = 0;
    for (const s of sections) {
      const t0 = performance.now();
      groupPoints(s);
      const t = performance.now() - t0;
      total += t;
      longest = Math.max(longest, t);
    }
    runs.push({ total, longest });
  }
  const median = runs.sort((a, b) => a.total - b.total)[1]!;
  return [
    {
      figure: `grouping: 50 members × ${SECTIONS} sections × 4,000 chars (total; longest single section)`,
      value: `${median.total.toFixed(1)} ms; ${median.longest.toFixed(1)} ms`,
      target: '≤ 300 ms; ≤ 50 ms',
      ok: median.total <= 300 && median.longest <= 50,
    },
  ];
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const rows = textgroupRows();
  printTable('chibo-bot bench: grouping', rows);
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}

/**
 * The member's bản kiểm điểm cá nhân as .docx, in the form of
 * ../shared/reference/ban-kiem-diem-dang-vien.md: the header, the title and the variant,
 * the identity lines from the roster (dotted where the bot does not know; Đơn vị công tác
 * the cell's unit when the member has none), sections I–VI as written, VII the self-proposed
 * levels — VII.1 for cán bộ, công chức, viên chức — (and the self-score), the signature block, and
 * below it a box for the cell's comments and level, filled once the committee recorded it.
 */
import { isCivilServant, unitNameOf, type Cell, type Member } from '../core/members.ts';
import { FORM_PARTS, FORM_SECTIONS, RATING_NAMES, SCORE_MAX, type Decision, type SentVersion } from '../core/review/index.ts';
import { formatDate, localDate } from '../core/time.ts';
import { AlignmentType, Paragraph } from 'docx';
import {
  asciiName,
  body,
  box,
  BOX_PADDING,
  documentTitle,
  dottedLine,
  heading,
  labelled,
  partyDocument,
  partyHeader,
  placeOf,
  run,
  signatureBlock,
  spacer,
  TEXT_WIDTH,
  toBuffer,
  upper,
  type Block,
} from './format.ts';

export interface EvaluationDocInput {
  cell: Pick<Cell, 'name' | 'parentName' | 'placeName' | 'unitName'>;
  member: Pick<Member, 'name' | 'birthYear' | 'role' | 'partyStatus' | 'govPosition' | 'unionPosition' | 'workplace' | 'civilKind' | 'leader'>;
  year: number;
  version: SentVersion;
  decision?: Decision;
}

const PARTY_POSITION: Record<Member['role'], string> = {
  secretary: 'Bí thư chi bộ',
  deputy: 'Phó Bí thư chi bộ',
  committee: 'Chi ủy viên',
  member: 'Đảng viên',
};

const INSIDE_BOX = TEXT_WIDTH - 2 * BOX_PADDING - 20;

export function evaluationFileName(year: number, name: string): string {
  return `ban-kiem-diem-${year}-${asciiName(name) || 'dang-vien'}.docx`;
}

/** The copy sent once the cell recorded its level: a name of its own, so that it does not replace the member's first file. */
export function evaluationCopyFileName(year: number, name: string): string {
  return evaluationFileName(year, name).replace(/\.docx$/, '-chi-bo-xep-loai.docx');
}

export function evaluationBlocks(input: EvaluationDocInput): Block[] {
  const { cell, member, year, version, decision } = input;
  const place = placeOf(cell);
  const date = localDate(version.at);
  const out: Block[] = [];

  out.push(partyHeader({ parentName: cell.parentName, cellName: cell.name, place, date }));
  out.push(...documentTitle('Bản kiểm điểm cá nhân', [`Năm ${year}`], member.leader ? 'Dùng cho cá nhân giữ chức vụ lãnh đạo, quản lý' : 'Dùng cho cá nhân không giữ chức vụ lãnh đạo, quản lý'));

  const position = member.role === 'member' && member.partyStatus === 'du_bi' ? 'Đảng viên dự bị' : PARTY_POSITION[member.role];
  out.push(
    labelled('Họ và tên', member.name, { boldValue: true }),
    labelled('Ngày sinh', member.birthYear ? `……/……/${member.birthYear}` : undefined),
    labelled('Chức vụ Đảng', position),
    labelled('Chức vụ chính quyền', member.govPosition),
    labelled('Chức vụ đoàn thể', member.unionPosition),
    labelled('Đơn vị công tác', member.workplace?.trim() || unitNameOf(cell)),
    labelled('Chi bộ', cell.name),
    spacer(60),
  );

  for (const part of FORM_PARTS) {
    if (part.number === 'VII') break;
    out.push(heading(`${part.number}. ${upper(part.title)}`));
    for (const s of FORM_SECTIONS.filter((x) => x.part === part.number)) {
      if (s.sub) out.push(heading(`${s.sub}. ${s.title}`, { italics: false }));
      out.push(...body(version.sections[s.id] ?? '', 'Không có.'));
    }
  }

  out.push(heading(`VII. ${upper(FORM_PARTS[6]!.title)}`));
  if (isCivilServant(member)) {
    out.push(labelled('1. Xếp loại cán bộ, công chức, viên chức', version.civilRating ? RATING_NAMES[version.civilRating] : undefined, { boldValue: true }));
    out.push(labelled('2. Xếp loại đảng viên', RATING_NAMES[version.partyRating], { boldValue: true }));
  } else {
    out.push(labelled('Xếp loại đảng viên', RATING_NAMES[version.partyRating], { boldValue: true }));
  }
  if (version.score) {
    const { general, tasks } = version.score;
    out.push(labelled('Tự chấm điểm', `tiêu chí chung ${general}/${SCORE_MAX.general} điểm; kết quả thực hiện nhiệm vụ ${tasks}/${SCORE_MAX.tasks} điểm; tổng ${general + tasks}/100 điểm`));
  }

  out.push(spacer(120));
  out.push(signatureBlock({ place, date, withDate: true, roles: ['Người tự kiểm điểm'], note: '(Ký, ghi rõ họ tên)', name: member.name }));
  out.push(spacer(240));

  out.push(
    box([
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 80 }, children: [run('NHẬN XÉT, ĐÁNH GIÁ CỦA CHI BỘ', { bold: true })] }),
      ...(decision?.comment ? [...body('Nhận xét:'), ...body(decision.comment)] : [labelled('Nhận xét', undefined, { width: INSIDE_BOX }), dottedLine(INSIDE_BOX), dottedLine(INSIDE_BOX)]),
      labelled('Chi bộ đề nghị xếp loại', decision ? RATING_NAMES[decision.rating] : undefined, { boldValue: true, width: INSIDE_BOX }),
      ...(decision ? [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(`(Chi bộ ghi nhận ngày ${formatDate(localDate(decision.at))})`, { italics: true, size: 12 })] })] : []),
    ]),
  );
  return out;
}

/** The bản kiểm điểm as .docx bytes. */
export async function evaluationDocx(input: EvaluationDocInput): Promise<Buffer> {
  return toBuffer(partyDocument(evaluationBlocks(input), { title: `Bản kiểm điểm cá nhân năm ${input.year} — ${input.member.name}` }));
}

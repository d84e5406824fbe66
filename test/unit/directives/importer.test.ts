import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assigneesIn,
  datesIn,
  deadlineIn,
  importNotice,
  joinLines,
  linesOfText,
  type ImportDirectory,
} from '../../../src/directives/importer';
import { buildAliases, normaliseWord } from '../../../src/directives/matcher';
import { asImported, readDirectivesSeed } from '../../../src/directives/seed';

const root = join(__dirname, '..', '..', '..');
const seedOrg = JSON.parse(readFileSync(join(root, 'seeds', 'luc-ngan-2023-05.json'), 'utf8'));
const dir: ImportDirectory = {
  bodies: seedOrg.bodies,
  agencies: seedOrg.agencies,
  officials: [...seedOrg.officials, ...readDirectivesSeed().officials],
};
const aliases = buildAliases(dir);
const who = (text: string) => assigneesIn(text, aliases).assignees.map((a) => `${a.kind}:${a.code}:${a.role}`);

describe('the importer on seed 000 (golden)', () => {
  test('when the text of the notice of 11/5/2023 is imported, then the result is exactly seeds/directives-2023-05.json', () => {
    const text = readFileSync(join(root, '..', 'shared', 'seeds', '000_10ea36eaf0f3fc08.txt'), 'utf8');
    expect(importNotice(linesOfText(text), dir)).toEqual(asImported(readDirectivesSeed().notices[0]!));
  });
});

describe('recognising assignees', () => {
  test('when names vary in case, spacing, "&"/"và", hyphens, abbreviations and old tone marks, then the same agency is found', () => {
    expect(who('Giao Phòng LĐ-TB&XH thực hiện.')).toEqual(['agency:phong-ldtbxh:lead']);
    expect(who('Giao phòng lao động - thương binh và xã hội thực hiện.')).toEqual(['agency:phong-ldtbxh:lead']);
    expect(who('Giao PHÒNG   TÀI CHÍNH–KẾ HOẠCH thực hiện.')).toEqual(['agency:phong-tc-kh:lead']);
    expect(who('Giao Uỷ ban MTTQ huyện tổ chức.')).toEqual(['agency:ub-mttq:lead']);
    expect(who('Giao UBND huyện chỉ đạo.')).toEqual(['body:ubnd:lead']);
    expect(who('Giao Chủ tịch UBND huyện chỉ đạo.')).toEqual(['official:chu-tich-ubnd:lead']);
    expect(normaliseWord('HĐND&UBND')).toEqual(['hội', 'đồng', 'nhân', 'dân', 'và', 'ủy', 'ban', 'nhân', 'dân']);
    expect(normaliseWord('hoà')).toEqual(['hòa']);
  });

  test('when a sentence names a lead and coordinating units, then the roles follow "chủ trì" and "phối hợp với"', () => {
    expect(
      who('Giao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Phòng Nội vụ và Thanh tra huyện thực hiện.'),
    ).toEqual(['agency:phong-tc-kh:lead', 'agency:phong-noi-vu:coordinating', 'agency:thanh-tra:coordinating']);
    expect(who('Công an huyện chủ trì, phối hợp với Phòng Nội vụ kiểm tra.')).toEqual([
      'agency:cong-an:lead',
      'agency:phong-noi-vu:coordinating',
    ]);
  });

  test('when a name is only mentioned (a proposal, a participant) or belongs to another level, then it is not an assignee', () => {
    expect(who('Nhất trí theo đề xuất của Phòng Nội vụ tại Tờ trình số 12.')).toEqual([]);
    expect(who('Tổ chức tiếp xúc của đồng chí Chủ tịch UBND huyện với cử tri.')).toEqual([]);
    expect(who('Giao Thanh tra tỉnh kiểm tra.')).toEqual([]);
    expect(who('Chỉ đạo tổ chức Lễ trao tặng Huy hiệu Đảng.')).toEqual([]);
    expect(assigneesIn('Giao Sở Công Thương hướng dẫn.', aliases).unknown).toEqual(['Sở Công Thương']);
  });
});

describe('recognising deadlines', () => {
  test('when a text gives one date on or after the meeting, then it is the deadline; a document reference or a past date is not', () => {
    expect(deadlineIn('Tổ chức Lễ đợt 19/5/2023 bảo đảm trang trọng.', '2023-05-11')).toEqual({
      due: '2023-05-19',
      cadence: null,
      warnings: [],
    });
    expect(deadlineIn('Hoàn thành trước ngày 30 tháng 6 năm 2023.', '2023-05-11').due).toBe('2023-06-30');
    expect(deadlineIn('theo Kế hoạch số 348/KH-LĐLĐ ngày 21/4/2023 của Ban Thường vụ.', '2023-05-11')).toEqual({
      due: null,
      cadence: null,
      warnings: ['Văn bản không nêu thời hạn.'],
    });
    expect(deadlineIn('Kết quả năm 12/3/2023.', '2023-05-11').due).toBeNull();
  });

  test('when a text gives several dates, a month only, or says "thường xuyên", then no deadline is guessed and the warning says why', () => {
    expect(deadlineIn('Tổ chức ngày 19/5/2023 và ngày 25/5/2023.', '2023-05-11').warnings).toEqual([
      'Văn bản nêu nhiều ngày (19/5/2023, 25/5/2023): không tự chọn thời hạn; Văn phòng cần xác định.',
    ]);
    expect(deadlineIn('trình phiên họp tháng 5/2023.', '2023-05-11').warnings).toEqual([
      'Văn bản không nêu thời hạn (có nêu “tháng 5/2023” nhưng không có ngày cụ thể).',
    ]);
    expect(deadlineIn('Thường xuyên theo dõi, báo cáo.', '2023-05-11')).toEqual({
      due: null,
      cadence: 'monthly',
      warnings: ['Nhiệm vụ thường xuyên: kỳ báo cáo mặc định hằng tháng; Văn phòng xác nhận.'],
    });
    expect(datesIn('31/2/2023 và 01/6/2023').map((d) => d.date)).toEqual(['2023-06-01']); // an impossible date is no date
  });
});

describe('paragraphs of pasted text', () => {
  test('when PDF extraction broke lines inside paragraphs, then lines join until a sentence block ends; headings and bullets start their own', () => {
    expect(
      joinLines(['1. Về kinh tế', 'Giao Phòng Nội vụ rà soát', 'biên chế.', '- Lưu: VT.', 'Tiếp tục theo dõi;']),
    ).toEqual(['1. Về kinh tế', 'Giao Phòng Nội vụ rà soát biên chế.', '- Lưu: VT.', 'Tiếp tục theo dõi;']);
  });

  test('when a notice has a header with number and date and numbered directives without sections, then they are recognised', () => {
    const n = importNotice(
      linesOfText(
        'ỦY BAN NHÂN DÂN\nHUYỆN LỤC NGẠN\nSố: 45/TB-UBND\nLục Ngạn, ngày 25 tháng 5 năm 2023\nTHÔNG BÁO\nKết luận của Chủ tịch UBND huyện\nNgày 23/5/2023, UBND huyện họp. Kết luận như sau:\n1. Giao Phòng Nội vụ rà soát trước ngày 5/6/2023.\n2. Giao Thanh tra huyện kiểm tra.\nNơi nhận:\n- Lưu: VT.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG',
      ),
      dir,
    );
    expect(n).toMatchObject({
      bodyCode: 'ubnd',
      kind: 'conclusions',
      number: '45/TB-UBND',
      date: '2023-05-25',
      meetingDate: '2023-05-23',
      sections: [],
      warnings: [],
    });
    expect(n.directives.map((d) => [d.section, d.text, d.due])).toEqual([
      [null, '1. Giao Phòng Nội vụ rà soát trước ngày 5/6/2023.', '2023-06-05'],
      [null, '2. Giao Thanh tra huyện kiểm tra.', null],
    ]);
  });

  test('when a draft number has dots and the text no signature nor recipients, then the gaps are warnings', () => {
    const n = importNotice(
      linesOfText(
        'THÔNG BÁO\nGiao nhiệm vụ\nSố: .../TB-UBND\n-----\nNgày 1/6/2023, họp. Như sau:\nGiao Phòng Nội vụ rà soát.',
      ),
      dir,
    );
    expect(n.number).toBe('');
    expect(n.kind).toBe('task-assignment');
    expect(n.warnings).toEqual([
      'Không xác định được cơ quan ban hành: Văn phòng cần chọn.',
      'Văn bản không ghi số.',
      'Văn bản không ghi ngày ban hành (chỉ nêu ngày họp 1/6/2023).',
      'Không nhận ra phần “Nơi nhận”.',
      'Không nhận ra khối chữ ký.',
    ]);
  });
});

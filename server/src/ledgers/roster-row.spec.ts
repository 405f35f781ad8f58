import type { ImportField } from '@pioneer/shared';
import { type CellValue, checkRosterRow, duplicatesInFile, parseCellDate } from './roster-row.js';

// Dates are calendar dates in UTC, whatever the machine's zone.
process.env.TZ = 'Asia/Shanghai';

const TODAY = new Date('2026-05-20T03:00:00Z');
/** Valid: 410821 + 1985-03-12 + 123 + check digit 3 (GB 11643). */
const ID = '410821198503121233';
const ID_WRONG_CHECK = '410821198503121234';
/** Valid, with the check character X. */
const ID_X = '41082119850312109X';

function row(cells: Partial<Record<ImportField, CellValue>>) {
  return checkRosterRow({ row: 7, cells: { name: '张伟', idNumber: ID, ...cells } }, TODAY);
}

describe(checkRosterRow.name, () => {
  it('accepts a complete row and normalises it', () => {
    const check = row({
      gender: '女',
      ethnicity: '汉族',
      birthDate: new Date(Date.UTC(1985, 2, 12)),
      phone: '138 1234 5678',
      education: '大专',
      joinedAt: '2010年7月1日',
      membershipStatus: '预备',
      residence: '上海市闵行区七宝镇',
      occupation: '快递员',
      industry: '交通运输',
      employer: '某某快递',
      branchId: '6F1C2E9A-1111-4222-8333-444455556666',
      branchName: '东风村党支部',
    });
    expect(check.errors).toEqual([]);
    expect(check.value).toEqual({
      row: 7,
      name: '张伟',
      gender: 'female',
      ethnicity: '汉族',
      birthDate: '1985-03-12',
      idNumber: ID,
      phone: '13812345678',
      education: '大专',
      joinedAt: '2010-07-01',
      membershipStatus: 'probationary',
      residence: '上海市闵行区七宝镇',
      occupation: '快递员',
      industry: '交通运输',
      employer: '某某快递',
      branchId: '6f1c2e9a-1111-4222-8333-444455556666',
      branchName: '东风村党支部',
    });
  });

  it('takes the birth date from the ID number and defaults the member type to full', () => {
    expect(row({}).value).toMatchObject({ birthDate: '1985-03-12', membershipStatus: 'full', phone: null });
  });

  it.each<[string, Partial<Record<ImportField, CellValue>>, string, string]>([
    ['a missing name', { name: null }, '姓名', 'required'],
    ['a blank name', { name: '   ' }, '姓名', 'required'],
    ['a name over 50 characters', { name: '张'.repeat(51) }, '姓名', 'too_long'],
    ['a missing ID number', { idNumber: null }, '身份证号', 'required'],
    ['a short ID number', { idNumber: '41082119850312' }, '身份证号', 'invalid_id_number'],
    ['a wrong check digit', { idNumber: ID_WRONG_CHECK }, '身份证号', 'invalid_id_number'],
    ['an ID number Excel turned into a number', { idNumber: Number(ID) }, '身份证号', 'invalid_id_number'],
    ['an ID number with an impossible birth date', { idNumber: '410821198502301232' }, '身份证号', 'invalid_id_number'],
    ['a gender that is neither', { gender: '未知' }, '性别', 'invalid_value'],
    ['an unknown member type', { membershipStatus: '入党积极分子' }, '党员类型(正式/预备)', 'invalid_value'],
    ['a date that does not exist', { joinedAt: '2010-02-30' }, '入党日期', 'invalid_date'],
    ['a date in words', { joinedAt: '去年七月' }, '入党日期', 'invalid_date'],
    ['a date in the future', { joinedAt: '2027-01-01' }, '入党日期', 'invalid_date'],
    ['a birth date that contradicts the ID number', { birthDate: '1986-03-12' }, '出生日期', 'invalid_value'],
    ['a landline number', { phone: '010-12345678' }, '手机号', 'invalid_phone'],
    ['a phone with a digit missing', { phone: '1381234567' }, '手机号', 'invalid_phone'],
    [
      'a branch number that is not a number from the system',
      { branchId: '东风村' },
      '所在党支部编号',
      'unknown_branch',
    ],
  ])('refuses %s', (_what, cells, column, code) => {
    const check = row(cells);
    expect(check.value).toBeNull();
    expect(check.errors).toEqual([expect.objectContaining({ row: 7, column, code })]);
    expect(check.errors[0].message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('reports every bad cell of a row, not just the first', () => {
    const check = row({ name: null, idNumber: ID_WRONG_CHECK, phone: '123', joinedAt: 'x' });
    expect(check.errors.map((e) => e.column)).toEqual(['姓名', '身份证号', '入党日期', '手机号']);
  });

  it('keeps the ID number of a row with other problems, for the duplicate checks', () => {
    const check = row({ phone: '123' });
    expect(check.value).toBeNull();
    expect(check.idNumber).toBe(ID);
  });

  it.each<[string, string]>([
    ['+86 13812345678', '13812345678'],
    ['138-1234-5678', '13812345678'],
  ])('accepts the phone %s as %s', (phone, expected) => {
    expect(row({ phone }).value?.phone).toBe(expected);
  });

  it('accepts an ID number ending in a lower-case x', () => {
    expect(row({ idNumber: ID_X.toLowerCase() }).value?.idNumber).toBe(ID_X);
  });
});

describe(parseCellDate.name, () => {
  it.each<[string, CellValue, string | null]>([
    ['a date cell', new Date(Date.UTC(1985, 2, 12)), '1985-03-12'],
    ['an Excel serial number', 31118, '1985-03-12'],
    ['ISO text', '1985-03-12', '1985-03-12'],
    ['slashes', '1985/3/12', '1985-03-12'],
    ['dots', '1985.03.12', '1985-03-12'],
    ['Chinese', '1985年3月12日', '1985-03-12'],
    ['eight digits', '19850312', '1985-03-12'],
    ['29 February in a leap year', '2024-02-29', '2024-02-29'],
    ['29 February in another year', '2023-02-29', null],
    ['a fraction of a day', 31118.5, null],
    ['free text', '三月', null],
    ['an empty cell', null, null],
  ])('reads %s', (_what, value, expected) => {
    const parsed = parseCellDate(value);
    expect(parsed ? parsed.toISOString().slice(0, 10) : null).toBe(expected);
  });
});

describe(duplicatesInFile.name, () => {
  it('flags every repeat of an ID number, naming the first row, and skips rows without one', () => {
    const errors = duplicatesInFile([
      { row: 2, idNumber: ID },
      { row: 3, idNumber: null },
      { row: 4, idNumber: ID_X },
      { row: 5, idNumber: ID },
      { row: 9, idNumber: ID },
    ]);
    expect(errors).toEqual([
      { row: 5, column: '身份证号', code: 'duplicate_in_file', message: '与第 2 行的身份证号重复' },
      { row: 9, column: '身份证号', code: 'duplicate_in_file', message: '与第 2 行的身份证号重复' },
    ]);
  });
});

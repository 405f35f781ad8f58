import {
  GENDERS,
  ID_NUMBER_PATTERN,
  IMPORT_COLUMNS,
  PHONE_PATTERN,
  isValidIdNumber,
  type Gender,
  type ImportCellError,
  type ImportField,
  type ImportIssue,
  type MembershipStatus,
} from '@pioneer/shared';

/** A cell as the sheet reader gives it: text, a number, a date (UTC midnight for date cells), or empty. */
export type CellValue = string | number | boolean | Date | null;

/** One data row of the sheet, cells by field. */
export interface SheetRow {
  /** The row number Excel shows. */
  row: number;
  cells: Partial<Record<ImportField, CellValue>>;
}

/** A row that passed the cell checks: the roster fields, normalised. The branch is resolved later. */
export interface RosterRow {
  row: number;
  name: string;
  gender: Gender | null;
  ethnicity: string | null;
  birthDate: string | null;
  idNumber: string;
  phone: string | null;
  education: string | null;
  joinedAt: string | null;
  membershipStatus: MembershipStatus;
  residence: string | null;
  occupation: string | null;
  industry: string | null;
  employer: string | null;
  branchId: string | null;
  branchName: string | null;
}

/** The outcome of one row's own checks. */
export interface RowCheck {
  row: number;
  /** The cells the checks across rows need, when they passed on their own (duplicates, branches). */
  idNumber: string | null;
  branchId: string | null;
  branchName: string | null;
  /** The whole row, when every cell passed. */
  value: RosterRow | null;
  errors: ImportCellError[];
}

const COLUMN_BY_FIELD = new Map(IMPORT_COLUMNS.map((c) => [c.field, c]));
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Excel's day 0 (serial numbers count days from 1899-12-30, with its 1900 leap-year bug folded in). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const GENDER_WORDS: Record<string, Gender> = { 男: 'male', 男性: 'male', 女: 'female', 女性: 'female' };
const STATUS_WORDS: Record<string, MembershipStatus> = {
  正式: 'full',
  正式党员: 'full',
  预备: 'probationary',
  预备党员: 'probationary',
};

export function headerOf(field: ImportField): string {
  return COLUMN_BY_FIELD.get(field)!.header;
}

export function cellError(row: number, field: ImportField, code: ImportIssue, message: string): ImportCellError {
  return { row, column: headerOf(field), code, message };
}

/** The text of a cell, trimmed; null when empty. Whole numbers keep no decimal point. */
export function cellText(value: CellValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isoDate(value);
  const text = typeof value === 'number' && Number.isInteger(value) ? value.toFixed(0) : String(value);
  const trimmed = text.replace(/\u00a0/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function dateFromParts(y: number, m: number, d: number): Date | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

/**
 * A calendar date from a cell: a date cell, an Excel serial number, or text
 * such as 1985-03-12, 1985/3/12, 1985.3.12, 1985年3月12日 or 19850312.
 */
export function parseCellDate(value: CellValue | undefined): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dateFromParts(...utcParts(value));
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > 2958465) return null;
    return new Date(EXCEL_EPOCH + value * DAY_MS);
  }
  const text = cellText(value);
  if (!text) return null;
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? dateFromParts(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function utcParts(d: Date): [number, number, number] {
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** Characters 7–14 of a resident ID are the birth date. */
function birthDateInIdNumber(idNumber: string): Date | null {
  return dateFromParts(Number(idNumber.slice(6, 10)), Number(idNumber.slice(10, 12)), Number(idNumber.slice(12, 14)));
}

/**
 * Checks one row's cells on their own: required fields, lengths, dates, the
 * ID number's check digit, the phone pattern and the fixed choices. Checks
 * that need the other rows or the database (duplicates, branches) come after.
 * `today` bounds dates: nobody was born or joined in the future.
 */
export function checkRosterRow(input: SheetRow, today: Date): RowCheck {
  const { row, cells } = input;
  const errors: ImportCellError[] = [];
  const fail = (field: ImportField, code: ImportIssue, message: string) => {
    errors.push(cellError(row, field, code, message));
    return null;
  };

  const text = (field: ImportField): string | null => {
    const column = COLUMN_BY_FIELD.get(field)!;
    const value = cellText(cells[field]);
    if (value === null) return column.required ? fail(field, 'required', `请填写${column.header}`) : null;
    if ([...value].length > column.maxLength)
      return fail(field, 'too_long', `${column.header}不能超过 ${column.maxLength} 个字`);
    return value;
  };

  const date = (field: ImportField): string | null => {
    const raw = cells[field];
    if (cellText(raw) === null) return null;
    const parsed = parseCellDate(raw);
    const header = headerOf(field);
    if (!parsed) return fail(field, 'invalid_date', `${header}不是有效日期，请按 1985-03-12 的格式填写`);
    if (parsed.getUTCFullYear() < 1900 || parsed.getTime() > today.getTime())
      return fail(field, 'invalid_date', `${header}超出合理范围`);
    return isoDate(parsed);
  };

  const name = text('name');
  const ethnicity = text('ethnicity');
  const education = text('education');
  const residence = text('residence');
  const occupation = text('occupation');
  const industry = text('industry');
  const employer = text('employer');
  const branchName = text('branchName');

  const genderText = cellText(cells.gender);
  let gender: Gender | null = null;
  if (genderText !== null) {
    gender = GENDER_WORDS[genderText] ?? (GENDERS.includes(genderText as Gender) ? (genderText as Gender) : null);
    if (!gender) fail('gender', 'invalid_value', '性别请填写“男”或“女”');
  }

  const statusText = cellText(cells.membershipStatus);
  let membershipStatus: MembershipStatus = 'full';
  if (statusText !== null) {
    const status = STATUS_WORDS[statusText];
    if (status) membershipStatus = status;
    else fail('membershipStatus', 'invalid_value', '党员类型请填写“正式”或“预备”');
  }

  let idNumber: string | null = null;
  const rawId = cells.idNumber;
  if (typeof rawId === 'number' && !Number.isSafeInteger(rawId)) {
    fail(
      'idNumber',
      'invalid_id_number',
      '身份证号被 Excel 当成了数字，后几位已经丢失：请把该列设为“文本”格式后重新填写',
    );
  } else {
    const idText = cellText(rawId)?.replace(/\s/g, '').toUpperCase() ?? null;
    const born = idText ? birthDateInIdNumber(idText) : null;
    if (idText === null) fail('idNumber', 'required', '请填写身份证号');
    else if (!ID_NUMBER_PATTERN.test(idText)) fail('idNumber', 'invalid_id_number', '身份证号应为 18 位');
    else if (!isValidIdNumber(idText)) fail('idNumber', 'invalid_id_number', '身份证号校验位不正确，请核对');
    else if (!born || born.getTime() > today.getTime())
      fail('idNumber', 'invalid_id_number', '身份证号中的出生日期不正确');
    else idNumber = idText;
  }

  let birthDate = date('birthDate');
  if (idNumber) {
    const fromId = isoDate(birthDateInIdNumber(idNumber)!);
    if (birthDate && birthDate !== fromId) birthDate = fail('birthDate', 'invalid_value', '出生日期与身份证号不一致');
    else birthDate = fromId;
  }
  const joinedAt = date('joinedAt');

  let phone: string | null = null;
  const phoneText = cellText(cells.phone);
  if (phoneText !== null) {
    const digits = phoneText.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
    if (PHONE_PATTERN.test(digits)) phone = digits;
    else fail('phone', 'invalid_phone', '手机号应为 11 位大陆手机号码');
  }

  let branchId: string | null = null;
  const branchIdText = cellText(cells.branchId)?.toLowerCase() ?? null;
  if (branchIdText !== null) {
    if (UUID_PATTERN.test(branchIdText)) branchId = branchIdText;
    else fail('branchId', 'unknown_branch', '党支部编号格式不正确，请从系统中复制');
  }

  const value =
    errors.length > 0 || name === null || idNumber === null
      ? null
      : {
          row,
          name,
          gender,
          ethnicity,
          birthDate,
          idNumber,
          phone,
          education,
          joinedAt,
          membershipStatus,
          residence,
          occupation,
          industry,
          employer,
          branchId,
          branchName,
        };
  return { row, idNumber, branchId, branchName, value, errors };
}

/** Every row whose ID number already appeared higher up in the file, pointing at the first one. */
export function duplicatesInFile(rows: readonly Pick<RowCheck, 'row' | 'idNumber'>[]): ImportCellError[] {
  const firstRow = new Map<string, number>();
  const errors: ImportCellError[] = [];
  for (const r of rows) {
    if (r.idNumber === null) continue;
    const first = firstRow.get(r.idNumber);
    if (first === undefined) firstRow.set(r.idNumber, r.row);
    else errors.push(cellError(r.row, 'idNumber', 'duplicate_in_file', `与第 ${first} 行的身份证号重复`));
  }
  return errors;
}

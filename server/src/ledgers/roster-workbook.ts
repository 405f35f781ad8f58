import ExcelJS from 'exceljs';
import { ErrorCode, IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportField } from '@pioneer/shared';
import { PassThrough, Readable } from 'node:stream';
import { AppException } from '../common/errors/app-exception.js';
import type { CellValue, SheetRow } from './roster-row.js';

export const ROSTER_SHEET = '党员名册';
const HELP_SHEET = '填写说明';
const BRANCH_SHEET = '党支部编号';
const TEMPLATE_ROWS = IMPORT_MAX_ROWS + 1;

/** Headers as people retype them: no spaces, half-width brackets, no "*" marking a required column. */
function normaliseHeader(text: string): string {
  return text.replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/^\*+/, '');
}

const FIELD_BY_HEADER = new Map<string, ImportField>([
  ...IMPORT_COLUMNS.map((c): [string, ImportField] => [normaliseHeader(c.header), c.field]),
  ['党员类型', 'membershipStatus'],
]);

function columnLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '流动先锋';
  workbook.created = new Date();
  return workbook;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center' };
  row.height = 22;
}

/**
 * The import template: the roster sheet with its headers (required ones in
 * red), text format where Excel would otherwise mangle numbers, drop-downs
 * for the fixed choices, and a sheet of instructions. Given branches, a
 * third sheet lists their numbers to copy.
 */
export async function buildTemplate(branches: { id: string; name: string; trail: string }[] = []): Promise<Buffer> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(ROSTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(12, Math.min(40, c.maxLength + 4)),
  }));
  styleHeader(sheet.getRow(1));
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.note = c.hint || c.header;
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    // 18-digit ID numbers, phones and branch numbers must stay text, or Excel rounds them.
    if (['idNumber', 'phone', 'branchId'].includes(c.field)) sheet.getColumn(i + 1).numFmt = '@';
    if (['birthDate', 'joinedAt'].includes(c.field)) sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
  });
  const letter = (field: ImportField) => columnLetter(IMPORT_COLUMNS.findIndex((c) => c.field === field) + 1);
  // exceljs writes range-keyed validations as one rule, but its typings leave the collection out.
  const validations = (
    sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }
  ).dataValidations;
  const choices = (field: ImportField, list: string[], prompt: string) =>
    validations.add(`${letter(field)}2:${letter(field)}${TEMPLATE_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${list.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '填写有误',
      error: prompt,
    });
  choices('gender', ['男', '女'], '性别请选择“男”或“女”');
  choices('membershipStatus', ['正式', '预备'], '党员类型请选择“正式”或“预备”');

  const help = workbook.addWorksheet(HELP_SHEET);
  help.columns = [
    { header: '列名', key: 'header', width: 22 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'hint', width: 70 },
  ];
  styleHeader(help.getRow(1));
  for (const c of IMPORT_COLUMNS)
    help.addRow({ header: c.header, required: c.required ? '必填' : '选填', hint: c.hint });
  help.addRow([]);
  for (const line of [
    `1. 在“${ROSTER_SHEET}”表中从第 2 行起每行填写一名党员，第 1 行表头请勿修改。`,
    '2. 身份证号、手机号、党支部编号请按文本填写（模板中这几列已设为文本格式）。',
    '3. 日期可写作 1985-03-12、1985/3/12 或 1985年3月12日。',
    '4. 所在党支部编号与所在党支部名称填一项即可，党支部须在导入时所选的组织之下。',
    `5. 每个文件最多 ${IMPORT_MAX_ROWS} 行、不超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB；同一文件中身份证号不能重复，已在名册中的党员不能重复导入。`,
    '6. 先“预览”检查，所有行都没有问题后再“导入”；只要有一行有误，本次导入不写入任何数据。',
  ])
    help.addRow([line]);

  if (branches.length > 0) {
    const list = workbook.addWorksheet(BRANCH_SHEET);
    list.columns = [
      { header: '所在党支部编号', key: 'id', width: 40 },
      { header: '所在党支部名称', key: 'name', width: 30 },
      { header: '上级组织', key: 'trail', width: 60 },
    ];
    styleHeader(list.getRow(1));
    for (const b of branches) list.addRow(b);
  }
  return toBuffer(workbook);
}

/** A cell's value as the row checks want it: rich text flattened, formulas replaced by their results. */
function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return plainValue(value.result ?? null);
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return String(value.error);
  return null;
}

function fileInvalid(message: string): AppException {
  return new AppException(ErrorCode.IMPORT_FILE_INVALID, message);
}

/**
 * The data rows of the first sheet whose first row has the roster headers.
 * Streams the file and stops after IMPORT_MAX_ROWS data rows, so a huge
 * sheet packed into a small upload never sits in memory whole.
 */
export async function readRosterSheet(file: Buffer): Promise<SheetRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(file), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      let columns: Map<number, ImportField> | null = null;
      const rows: SheetRow[] = [];
      for await (const row of sheet) {
        if (columns === null) {
          columns = headerColumns(row);
          if (!columns) break;
          continue;
        }
        const cells: Partial<Record<ImportField, CellValue>> = {};
        let empty = true;
        for (const [index, field] of columns) {
          const value = plainValue(row.getCell(index).value);
          if (value !== null && String(value).trim() !== '') empty = false;
          cells[field] = value;
        }
        if (empty) continue;
        if (rows.length >= IMPORT_MAX_ROWS)
          throw fileInvalid(`每个文件最多 ${IMPORT_MAX_ROWS} 行党员，请分成几个文件导入`);
        rows.push({ row: row.number, cells });
      }
      if (columns) return rows;
    }
  } catch (error) {
    if (error instanceof AppException) throw error;
    throw fileInvalid('无法读取上传的表格，请使用下载的模板另存为 .xlsx 后重试');
  }
  throw fileInvalid(`表格第 1 行没有找到“姓名”和“身份证号”等表头，请使用下载的模板`);
}

/** Column index → field for a header row with at least the required headers; null for any other row. */
function headerColumns(row: ExcelJS.Row): Map<number, ImportField> | null {
  if (row.number !== 1) return null;
  const columns = new Map<number, ImportField>();
  row.eachCell((cell, index) => {
    const text = plainValue(cell.value);
    const field = typeof text === 'string' ? FIELD_BY_HEADER.get(normaliseHeader(text)) : undefined;
    if (field && ![...columns.values()].includes(field)) columns.set(index, field);
  });
  const found = new Set(columns.values());
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !found.has(c.field));
  if (missing.length === 0) return columns;
  if (found.size === 0) return null;
  throw fileInvalid(`表头缺少：${missing.map((c) => c.header).join('、')}，请使用下载的模板`);
}

export interface LedgerSheetColumn {
  header: string;
  width: number;
}

/**
 * A plain ledger sheet (one header row, frozen and filterable), written row
 * by row as the rows arrive: 50,000 rows take about 3 s and little memory,
 * where building the workbook whole takes 14 s and over 1 GB.
 */
export async function writeLedgerWorkbook(
  sheetName: string,
  columns: LedgerSheetColumn[],
  rows: AsyncIterable<(string | number | null)[]>,
): Promise<{ body: Buffer; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '流动先锋';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  styleHeader(sheet.getRow(1));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const row of rows) {
    sheet.addRow(row).commit();
    count += 1;
  }
  sheet.commit();
  await workbook.commit();
  return { body: Buffer.concat(chunks), rows: count };
}

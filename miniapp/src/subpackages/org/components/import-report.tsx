import { Text, View } from '@tarojs/components';
import type { ImportCellError, ImportReport } from '@pioneer/shared';

const SHOWN_ERRORS = 200;

/** Commit is possible only after a preview of the same file found rows and no errors. */
export function canCommit(report: ImportReport | null): boolean {
  return report !== null && report.errors.length === 0 && report.goodRows > 0;
}

/** Every refused cell as 行 / 列 / 问题, in the order of the sheet. */
export function ImportErrorTable({ errors }: { errors: readonly ImportCellError[] }) {
  const shown = errors.slice(0, SHOWN_ERRORS);
  return (
    <View>
      <View className="table" id="import-errors">
        <View className="table__row table__row--head">
          <Text className="table__cell table__cell--row">行</Text>
          <Text className="table__cell table__cell--column">列</Text>
          <Text className="table__cell table__cell--message">问题</Text>
        </View>
        {shown.map((error, index) => (
          <View className="table__row" key={`${error.row}-${error.column}-${index}`} id={`import-error-${index}`}>
            <Text className="table__cell table__cell--row">{error.row}</Text>
            <Text className="table__cell table__cell--column">{error.column}</Text>
            <Text className="table__cell table__cell--message">{error.message}</Text>
          </View>
        ))}
      </View>
      {errors.length > shown.length ? (
        <Text className="hint">{`只显示前 ${SHOWN_ERRORS} 处，改好后重新检查会显示其余的。`}</Text>
      ) : null}
    </View>
  );
}

export function ImportSummary({ report }: { report: ImportReport }) {
  if (report.totalRows === 0) {
    return (
      <Text className="error-text" id="import-summary">
        表格中没有党员数据，请从模板第二行起每行填写一名党员。
      </Text>
    );
  }
  const bad = report.totalRows - report.goodRows;
  return (
    <Text className={report.errors.length > 0 ? 'error-text' : 'success-text'} id="import-summary">
      {report.errors.length > 0
        ? `共 ${report.totalRows} 行，${bad} 行有问题（${report.errors.length} 处），请改好后重新选择文件。`
        : `共 ${report.totalRows} 行，全部检查无误，可以导入。`}
    </Text>
  );
}

/** The cell errors an IMPORT_INVALID refusal carries, if it carries them in the report's shape. */
export function cellErrorsFrom(details: unknown): ImportCellError[] | null {
  const list = Array.isArray(details) ? details : (details as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(list)) return null;
  const cells = list.filter(
    (item): item is ImportCellError =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as ImportCellError).row === 'number' &&
      typeof (item as ImportCellError).message === 'string',
  );
  return cells.length > 0 ? cells : null;
}

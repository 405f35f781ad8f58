import { subtreeRange } from './scope.js';

/** Positional parameters for hand-built SQL: `add(value)` stores it and answers its placeholder, `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The scope model in SQL: one btree range condition per subtree, saying that
 * `column` (a materialised path) lies within it. Join them with OR; an empty
 * list means the caller reaches nothing.
 */
export function withinSubtrees(column: string, paths: readonly string[], params: SqlParams): string[] {
  return paths.map((path) => {
    const { from, to } = subtreeRange(path);
    return `(${column} >= ${params.add(from)} AND ${column} < ${params.add(to)})`;
  });
}

import type { StudyItemInput, StudyItemView } from '@pioneer/shared';
import { addPackItem, deletePackItem } from '../../services/study';

/** What an item sends to be made again as it is. */
export function inputOf(item: StudyItemView): StudyItemInput {
  const input: StudyItemInput = {
    kind: item.kind,
    title: item.title,
    minSeconds: item.minSeconds,
    capSeconds: item.capSeconds,
  };
  if (item.kind === 'article') input.body = item.body ?? '';
  else input.url = item.url ?? '';
  if (item.quiz && item.quiz.length > 0) input.quiz = item.quiz;
  return input;
}

export interface ReorderPlan {
  /** Items to add again, in their new order: they land after the ones that keep their place. */
  readd: StudyItemView[];
  /** The originals to delete once their copies are in. */
  remove: string[];
}

/** Moving the item at `from` to `to`: everything from the first changed place on is made again in the new order. */
export function reorderPlan(items: readonly StudyItemView[], from: number, to: number): ReorderPlan {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return { readd: [], remove: [] };
  const order = [...items];
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved);
  const first = Math.min(from, to);
  const readd = order.slice(first);
  return { readd, remove: readd.map((item) => item.id) };
}

/**
 * Applies a reorder with the routes the contract has (add appends, delete removes; there is no
 * position to set): copies first, then the originals go, so a failure half-way leaves an item twice,
 * never lost. Only for drafts, whose items nobody has studied yet.
 */
export async function moveItem(packId: string, items: readonly StudyItemView[], from: number, to: number) {
  const plan = reorderPlan(items, from, to);
  for (const item of plan.readd) await addPackItem(packId, inputOf(item));
  for (const id of plan.remove) await deletePackItem(packId, id);
}

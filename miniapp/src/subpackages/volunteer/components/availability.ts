import { DAY_SLOT_LABELS, WEEKDAY_LABELS, type Availability } from '@pioneer/shared';

/** 周六、周日 上午、下午（下班后）, or 时间面议 when nothing was ticked. */
export function availabilityText(availability: Availability): string {
  const days = [...availability.days].sort((a, b) => a - b).map((d) => WEEKDAY_LABELS[d]);
  const slots = availability.slots.map((s) => DAY_SLOT_LABELS[s]);
  const parts = [days.join('、'), slots.join('、')].filter(Boolean).join(' ');
  const note = availability.note ? `（${availability.note}）` : '';
  return `${parts || '时间面议'}${note}`;
}

/** 4.5 分（12 次服务）, or 暂无评价. */
export function recordText(servicesConfirmed: number, ratingAverage: number | null): string {
  if (servicesConfirmed === 0) return '还没有完成的服务';
  return `已服务 ${servicesConfirmed} 次${ratingAverage !== null ? `，评分 ${ratingAverage.toFixed(1)}` : ''}`;
}

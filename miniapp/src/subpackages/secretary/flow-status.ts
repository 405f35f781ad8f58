import { FLOW_STATUSES, FLOW_STATUS_LABELS, type FlowStatus } from '@pioneer/shared';

/** The Chinese label of a status the server sent as a plain string; an unknown one shows as sent. */
export function flowStatusLabel(status: string | null): string | null {
  if (status === null) return null;
  return (FLOW_STATUSES as readonly string[]).includes(status) ? FLOW_STATUS_LABELS[status as FlowStatus] : status;
}

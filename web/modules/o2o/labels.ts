import type { MatterStatus } from '../../../contracts/o2o.ts';

export const MATTER_STATUS_COLORS: Record<MatterStatus, string> = {
  SUBMITTED: 'gold',
  REJECTED: 'default',
  ACCEPTED: 'blue',
  ANSWERED_ON_SPOT: 'green',
  ESCALATED: 'purple',
  DISPATCHED: 'geekblue',
  SIGNED: 'cyan',
  RETURNED: 'orange',
  IN_PROGRESS: 'processing',
  EXTENSION_REQUESTED: 'orange',
  REPLIED: 'lime',
  CLOSED: 'green',
  REVISITED: 'volcano',
  REOPENED: 'magenta',
  ARCHIVED: 'default',
  ROUTED_DISCIPLINE: 'red',
};

/** Fills a reply template the way the server does (o2o.templates.ts fillTemplate), for the preview only. */
export function fillTemplate(body: string, values: Record<string, string>): string {
  return body.replace(/\{(code|dueDate|unit|text|reason)\}/g, (_m, k: string) => values[k] ?? '');
}

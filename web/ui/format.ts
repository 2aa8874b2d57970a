import dayjs, { type Dayjs } from 'dayjs';

/** API dates are `YYYY-MM-DD`; timestamps are ISO-8601 UTC. */
export const DATE_FORMAT = 'YYYY-MM-DD';

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format(DATE_FORMAT) : value;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value;
}

export function toApiDate(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format(DATE_FORMAT) : undefined;
}

export function fromApiDate(value: string | null | undefined): Dayjs | null {
  if (!value) return null;
  const d = dayjs(value, DATE_FORMAT);
  return d.isValid() ? d : null;
}

export function today(): string {
  return dayjs().format(DATE_FORMAT);
}

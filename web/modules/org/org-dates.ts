import dayjs from 'dayjs';

/** A unit whose `validTo` is on or before the viewed date (today by default) is closed (撤并). */
export function isClosed(validTo: string | null, asOf?: string): boolean {
  if (!validTo) return false;
  const viewed = asOf ? dayjs(asOf) : dayjs();
  return !dayjs(validTo).isAfter(viewed, 'day');
}

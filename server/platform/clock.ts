/** The server clock. Tests pass a FakeClock; everything time-dependent (sessions, lockouts, deadlines) reads it. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export class FakeClock implements Clock {
  #t: number;
  constructor(start: string | Date = '2026-11-26T08:00:00.000Z') {
    this.#t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#t);
  }
  advanceMinutes(minutes: number): void {
    this.#t += minutes * 60_000;
  }
  set(at: string | Date): void {
    this.#t = new Date(at).getTime();
  }
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Whole years between a YYYY-MM-DD birth date and a date. */
export function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age--;
  return age;
}

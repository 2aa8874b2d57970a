/**
 * Error reports of rejected imports, kept in memory for one hour and only for the user who uploaded the file.
 * A rejected import writes nothing to the database (all-or-nothing), so its report lives here; a restart or
 * a second server process simply forgets it and the user uploads the file again to see it.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { RowError } from './roster-validate.ts';

export type StoredReport = { id: string; userId: string; fileName: string; errors: RowError[]; createdAt: Date; expiresAt: Date };

/** Enough to hold every error of a 20,000-row file with a few errors per row, and no more. */
const MAX_ERRORS_PER_REPORT = 100_000;
const MAX_REPORTS = 200;

export class ImportReportStore {
  readonly #reports = new Map<string, StoredReport>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMinutes: number,
  ) {}

  put(userId: string, fileName: string, errors: RowError[]): StoredReport {
    this.#prune();
    while (this.#reports.size >= MAX_REPORTS) {
      const oldest = this.#reports.keys().next().value;
      if (oldest === undefined) break;
      this.#reports.delete(oldest);
    }
    const now = this.clock.now();
    const report: StoredReport = {
      id: randomUUID(),
      userId,
      fileName,
      errors: errors.slice(0, MAX_ERRORS_PER_REPORT),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMinutes * 60_000),
    };
    this.#reports.set(report.id, report);
    return report;
  }

  /** The report if it exists, has not expired and belongs to `userId`; otherwise undefined (404). */
  get(id: string, userId: string): StoredReport | undefined {
    this.#prune();
    const report = this.#reports.get(id);
    return report && report.userId === userId ? report : undefined;
  }

  #prune(): void {
    const now = this.clock.now().getTime();
    for (const [id, r] of this.#reports) if (r.expiresAt.getTime() <= now) this.#reports.delete(id);
  }
}

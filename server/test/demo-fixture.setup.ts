/**
 * Vitest global setup of the server project: a run directory for the shared demo-county fixture
 * (`demo-fixture.ts`), removed with its PostgreSQL databases when the run ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { removeDemoFixtures } from './demo-fixture.ts';

export default function setup(project: TestProject): () => Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bwdemo'));
  project.provide('demoFixtureDir', dir);
  return () => removeDemoFixtures(dir);
}

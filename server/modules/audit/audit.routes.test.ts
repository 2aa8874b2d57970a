import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/database.ts';
import { FakeClock } from '../../platform/clock.ts';
import { appendLedgerEvent, CHECKPOINT_TYPE, createCheckpoint, generateLedgerKeyFile, parseExportedCheckpoint, verifyLedgerChain, type LedgerSigner } from '../../platform/ledger/index.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

async function sheetRows(buffer: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe.each(TEST_DIALECTS)('audit viewer on %s', (dialect) => {
  let t: TestApp;
  let keyDir: string;
  let signer: LedgerSigner;

  const count = async (action?: string) =>
    Number(
      (
        await t.db
          .selectFrom('ledger_event')
          .select(sql<number>`count(*)`.as('n'))
          .$if(action !== undefined, (q) => q.where('action', '=', action!))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const lastEvent = () => t.db.selectFrom('ledger_event').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  const append = (entry: Parameters<typeof appendLedgerEvent>[2], at: string, userId: string | null = null, role: string | null = null) =>
    inTransaction(t.db, (trx) => appendLedgerEvent(trx, { userId, role }, entry, new Date(at)));

  beforeAll(async () => {
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-audit-'));
    const keyFile = path.join(keyDir, 'ledger-ed25519.pem');
    signer = generateLedgerKeyFile(keyFile);
    t = await createTestApp(dialect, { config: { ledgerKeyFile: keyFile } });
    const { people, units, users } = t.world;
    // Older events first (the verifier warns about time going backwards): 2026-11-20T17:00Z is 2026-11-21 01:00 in China.
    await append({ action: 'person.updated', objectType: 'person', objectId: people.clerk.id, orgPath: units.huanghua.path, payload: { fields: ['name'] } }, '2026-11-20T17:00:00.000Z', users.ORG_HEAD, 'ORG_HEAD');
    // An event of another county: only the auditor reads it.
    await append({ action: 'person.updated', objectType: 'person', objectId: people.otherCountyPerson.id, orgPath: units.otherTown.path, payload: { fields: ['phone'] } }, '2026-11-21T02:00:00.000Z', null, 'SYSTEM');
    await append({ action: 'archive.viewed', objectType: 'person', objectId: people.townSecretary.id, orgPath: units.huanghua.path, payload: { requestId: UNKNOWN_ID, purpose: 'INSPECTION' } }, '2026-11-22T02:00:00.000Z', users.ORG_CADRE_SECTION, 'ORG_CADRE_SECTION');
    // Through the API: a dossier view, a reveal with a reason, a post and a kinship naming 张三.
    expect((await t.get('ORG_HEAD', `/api/people/${people.townSecretary.id}`)).statusCode).toBe(200);
    expect((await t.post('ORG_HEAD', `/api/people/${people.townSecretary.id}/reveal`, { field: 'idNumber', reason: '核对任前公示信息' })).statusCode).toBe(200);
    expect((await t.post('ORG_HEAD', `/api/people/${people.townSecretary.id}/posts`, { orgUnitId: units.huanghua.id, title: '黄花镇人大主席', isLeadership: true, isPrincipal: false, startDate: '2026-11-01' })).statusCode).toBe(200);
    expect((await t.post('ORG_HEAD', `/api/people/${people.clerk.id}/kinship`, { relativePersonId: people.townSecretary.id, relation: 'SPOUSE' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  const routes = () => [
    { method: 'GET' as const, url: '/api/audit/events' },
    { method: 'GET' as const, url: '/api/audit/actors?q=org' },
    { method: 'GET' as const, url: `/api/audit/people/${t.world.people.townSecretary.id}/history` },
    { method: 'GET' as const, url: `/api/audit/people/${t.world.people.townSecretary.id}/views` },
    { method: 'POST' as const, url: '/api/audit/verify' },
    { method: 'GET' as const, url: '/api/audit/checkpoints' },
    { method: 'GET' as const, url: '/api/audit/checkpoints/1' },
  ];

  it('answers 401 without a session and 403 to roles without audit.read on every route, writing nothing', async () => {
    const before = await count();
    const loginsBefore = await count('auth.login');
    for (const r of routes()) {
      expect((await t.call(null, r.method, r.url, r.method === 'POST' ? {} : undefined)).statusCode, `${r.method} ${r.url}`).toBe(401);
      for (const role of ['COUNTY_SECRETARY', 'ORG_CADRE_SECTION', 'SYS_ADMIN', 'TOWN_SECRETARY', 'CADRE_SELF'] as const) {
        expect((await t.call(role, r.method, r.url, r.method === 'POST' ? {} : undefined)).statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
      }
    }
    // the logins of those roles are the only new events
    expect(await count('audit.viewed')).toBe(0);
    expect((await count()) - before).toBe((await count('auth.login')) - loginsBefore);
  });

  describe('events', () => {
    it('gives the auditor the whole ledger, newest first, with actor names, unit names and parsed payloads', async () => {
      const res = await t.get('AUDITOR', '/api/audit/events?pageSize=200');
      expect(res.statusCode).toBe(200);
      const page = res.json();
      const seqs = page.items.map((e: { seq: number }) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      expect(page.total).toBe(page.items.length);
      const other = page.items.find((e: { objectId: string }) => e.objectId === t.world.people.otherCountyPerson.id);
      expect(other).toMatchObject({ action: 'person.updated', unitName: '乔口镇', objectLabel: '吴十', payload: { fields: ['phone'] }, actor: { userId: null, role: 'SYSTEM' } });
      const reveal = page.items.find((e: { action: string }) => e.action === 'person.field_revealed');
      expect(reveal).toMatchObject({ objectLabel: '张三', unitName: '黄花镇', payload: { field: 'idNumber', reason: '核对任前公示信息' }, actor: { userId: t.world.users.ORG_HEAD, displayName: 'orghead', role: 'ORG_HEAD' } });
      expect(JSON.stringify(page)).not.toContain('11010519491231002X');
    });

    it("limits the organisation head to the county and system events ('/')", async () => {
      const page = (await t.get('ORG_HEAD', '/api/audit/events?pageSize=200')).json();
      const ids = page.items.map((e: { objectId: string }) => e.objectId);
      expect(ids).not.toContain(t.world.people.otherCountyPerson.id);
      expect(ids).toContain(t.world.people.townSecretary.id);
      expect(page.items.some((e: { action: string; orgPath: string }) => e.action === 'auth.login' && e.orgPath === '/')).toBe(true);
      const auditorTotal = (await t.get('AUDITOR', '/api/audit/events?pageSize=1')).json().total;
      // the auditor's own read above added one event the head can also see ('/'); the other county's event stays hidden
      expect(page.total).toBeLessThan(auditorTotal);
    });

    it('filters by actor, object, action or action family and a China-time period, and pages', async () => {
      const { people, users } = t.world;
      const byActor = (await t.get('AUDITOR', `/api/audit/events?actorUserId=${users.ORG_CADRE_SECTION}`)).json();
      expect(byActor.items.map((e: { action: string }) => e.action)).toEqual(['auth.login', 'archive.viewed'].filter((a) => byActor.items.some((e: { action: string }) => e.action === a)));
      expect(byActor.items.every((e: { actor: { userId: string } }) => e.actor.userId === users.ORG_CADRE_SECTION)).toBe(true);
      const byObject = (await t.get('AUDITOR', `/api/audit/events?objectType=person&objectId=${people.townSecretary.id}`)).json();
      expect(byObject.items.map((e: { action: string }) => e.action).sort()).toEqual(['archive.viewed', 'person.dossier_viewed', 'person.field_revealed']);
      const exact = (await t.get('AUDITOR', '/api/audit/events?action=person.field_revealed')).json();
      expect(exact.total).toBe(1);
      const family = (await t.get('AUDITOR', '/api/audit/events?action=person&pageSize=50')).json();
      expect(family.items.every((e: { action: string }) => e.action.startsWith('person.'))).toBe(true);
      expect(family.total).toBe(4);
      // 2026-11-20T17:00Z is 2026-11-21 in China: the 21st holds it, the 20th does not
      const day21 = (await t.get('AUDITOR', '/api/audit/events?from=2026-11-21&to=2026-11-21')).json();
      expect(day21.items.map((e: { objectId: string }) => e.objectId).sort()).toEqual([people.clerk.id, people.otherCountyPerson.id].sort());
      expect((await t.get('AUDITOR', '/api/audit/events?from=2026-11-20&to=2026-11-20')).json().total).toBe(0);
      expect((await t.get('AUDITOR', '/api/audit/events?to=2026-11-22')).json().total).toBe(3);
      // (filtered to people: each read appends an audit.viewed event that would shift an unfiltered page)
      const p1 = (await t.get('AUDITOR', '/api/audit/events?objectType=person&pageSize=2&page=1')).json();
      const p2 = (await t.get('AUDITOR', '/api/audit/events?objectType=person&pageSize=2&page=2')).json();
      expect(p1.items).toHaveLength(2);
      expect(p2.items[0].seq).toBeLessThan(p1.items[1].seq);
    });

    it('refuses bad filters with a field message and no event', async () => {
      const before = await count('audit.viewed');
      for (const [url, field] of [
        ['/api/audit/events?from=2026-02-30', 'from'],
        ['/api/audit/events?from=2026-11-22&to=2026-11-21', 'to'],
        ['/api/audit/events?from=26-11-21', 'from'],
        ['/api/audit/events?action=person.updated%27%20or%201=1', 'action'],
        ['/api/audit/events?objectType=Person%20X', 'objectType'],
        ['/api/audit/events?actorUserId=%27%20or%20%271%27=%271', 'actorUserId'],
        ['/api/audit/events?pageSize=100000', 'pageSize'],
      ] as const) {
        const res = await t.get('AUDITOR', url);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().fields?.[0]?.field ?? res.json().code, url).toContain(field);
      }
      expect((await t.get('AUDITOR', '/api/audit/events?unknown=1')).statusCode).toBe(400);
      expect(await count('audit.viewed')).toBe(before);
    });

    it('records every read of the audit as exactly one audit.viewed event with the route and filters', async () => {
      const before = await count();
      const res = await t.get('ORG_HEAD', `/api/audit/events?action=person&from=2026-11-01&objectType=person`);
      expect(res.statusCode).toBe(200);
      expect(await count()).toBe(before + 1);
      const e = await lastEvent();
      expect(e).toMatchObject({ action: 'audit.viewed', object_type: 'audit', object_id: 'events', actor_user_id: t.world.users.ORG_HEAD, actor_role: 'ORG_HEAD', org_path: '/' });
      expect(JSON.parse(e.payload)).toEqual({ route: 'events', filters: { action: 'person', from: '2026-11-01', objectType: 'person', page: 1 } });
      // the list does not include the event of the read that produced it
      expect(res.json().items.every((i: { action: string }) => i.action !== 'audit.viewed')).toBe(true);
    });

    it('finds accounts for the actor filter', async () => {
      const res = await t.get('AUDITOR', '/api/audit/actors?q=orgh');
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([{ id: t.world.users.ORG_HEAD, displayName: 'orghead', username: 'orghead' }]);
      expect((await lastEvent()).object_id).toBe('actors');
      expect((await t.get('AUDITOR', '/api/audit/actors?q=')).statusCode).toBe(400);
      expect((await t.get('AUDITOR', `/api/audit/actors?q=${'x'.repeat(51)}`)).statusCode).toBe(400);
    });
  });

  describe('export', () => {
    const URL = '/api/audit/events/export.xlsx';

    it('answers 401 without a session, 403 without audit.read and 400 for bad filters, writing nothing', async () => {
      expect((await t.get(null, URL)).statusCode).toBe(401);
      const before = await count();
      for (const role of ['SYS_ADMIN', 'ORG_CADRE_SECTION'] as const) expect((await t.get(role, URL)).statusCode, role).toBe(403);
      for (const q of ['from=2026-02-30', 'from=2026-11-22&to=2026-11-21', 'action=x%27%20or%201=1', 'page=1', 'pageSize=10', 'bogus=1']) {
        expect((await t.get('AUDITOR', `${URL}?${q}`)).statusCode, q).toBe(400);
      }
      expect((await count()) - before).toBe(0);
    });

    it('exports the filtered list as .xlsx, escapes formula text and appends exactly one audit.exported event', async () => {
      // an account whose display name starts with '=' names the object of its user.created event
      expect((await t.post('SYS_ADMIN', '/api/users', { username: 'formula.user', displayName: '=HYPERLINK("http://x","y")', password: 'amber-falcon-meadow-91' })).statusCode).toBe(200);
      const before = await count();
      const list = (await t.get('AUDITOR', '/api/audit/events?pageSize=200')).json();
      const afterList = await count();
      const res = await t.get('AUDITOR', URL);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-events-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
      const rows = await sheetRows(res.rawPayload);
      expect(rows[0]).toEqual(['序号', '时间', '操作人', '角色', '操作', '对象类型', '对象', '单位', '内容']);
      // every event up to the list read, plus the list read's own audit.viewed event
      expect(rows.length - 1).toBe(list.total + 1);
      expect(rows.slice(1).map((r) => r[0])).toEqual(rows.slice(1).map((r) => r[0] as number).sort((a, b) => b - a));
      const created = rows.find((r) => r[4] === 'user.created' && String(r[6]).includes('HYPERLINK'))!;
      expect(created[6]).toBe(`'=HYPERLINK("http://x","y")`);
      const other = rows.find((r) => r[4] === 'person.updated' && r[7] === '乔口镇')!;
      expect(other[2]).toBe('系统');
      expect(JSON.parse(other[8] as string)).toEqual({ fields: ['phone'] });
      expect(rows.some((r) => r[4] === 'audit.exported')).toBe(false);
      expect(await count()).toBe(afterList + 1);
      const e = await lastEvent();
      expect(e).toMatchObject({ action: 'audit.exported', object_type: 'export', actor_user_id: t.world.users.AUDITOR, actor_role: 'AUDITOR', org_path: '/' });
      expect(JSON.parse(e.payload)).toMatchObject({ rowCount: rows.length - 1, filters: {}, format: 'xlsx' });
      expect(before).toBeLessThan(afterList);

      const filtered = await t.get('AUDITOR', `${URL}?action=person.updated&from=2026-11-21&to=2026-11-21`);
      const f = await sheetRows(filtered.rawPayload);
      expect(f.slice(1).map((r) => r[4])).toEqual(['person.updated', 'person.updated']);
      expect(JSON.parse((await lastEvent()).payload).filters).toEqual({ action: 'person.updated', from: '2026-11-21', to: '2026-11-21' });
    });

    it("gives the organisation head only the events of their scope and system events", async () => {
      const res = await t.get('ORG_HEAD', URL);
      expect(res.statusCode).toBe(200);
      const rows = (await sheetRows(res.rawPayload)).slice(1);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r[7] === '乔口镇')).toBe(false);
      expect(JSON.stringify(rows)).not.toContain(t.world.people.otherCountyPerson.id);
      expect(rows.some((r) => r[6] === '吴十')).toBe(false);
      const e = await lastEvent();
      expect(e).toMatchObject({ action: 'audit.exported', actor_user_id: t.world.users.ORG_HEAD, actor_role: 'ORG_HEAD' });
    });

    it('asks for a fresh login', async () => {
      t.clock.advanceMinutes(6);
      const before = await count('audit.exported');
      const stale = await t.get('AUDITOR', URL);
      expect(stale.statusCode).toBe(401);
      expect(stale.json().code).toBe('REAUTH_REQUIRED');
      expect(await count('audit.exported')).toBe(before);
      await t.login('AUDITOR');
      await t.login('ORG_HEAD');
    });
  });

  describe('person history and views', () => {
    it("shows one person's record: views, reveals, posts and kinship naming them (also as the relative)", async () => {
      const id = t.world.people.townSecretary.id;
      const res = await t.get('ORG_HEAD', `/api/audit/people/${id}/history`);
      expect(res.statusCode).toBe(200);
      const h = res.json();
      expect(h.person).toEqual({ id, name: '张三', orgName: '黄花镇' });
      expect(h.items.map((e: { action: string }) => e.action).sort()).toEqual(['archive.viewed', 'kinship.registered', 'person.dossier_viewed', 'person.field_revealed', 'post.started'].sort());
      expect(h.items.find((e: { action: string }) => e.action === 'post.started').payload).toMatchObject({ personId: id, title: '黄花镇人大主席' });
      const e = await lastEvent();
      expect(e).toMatchObject({ action: 'audit.viewed', object_id: 'person_history', org_path: t.world.units.huanghua.path });
      expect(JSON.parse(e.payload).filters.personId).toBe(id);
    });

    it('answers 404 to the head for a person outside their people.read scope; the auditor reads anyone', async () => {
      const other = t.world.people.otherCountyPerson.id;
      const before = await count('audit.viewed');
      const head = await t.get('ORG_HEAD', `/api/audit/people/${other}/history`);
      const unknown = await t.get('ORG_HEAD', `/api/audit/people/${UNKNOWN_ID}/history`);
      expect(head.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(head.json()).toEqual(unknown.json());
      expect((await t.get('ORG_HEAD', `/api/audit/people/${other}/views`)).statusCode).toBe(404);
      expect(await count('audit.viewed')).toBe(before);
      const auditor = await t.get('AUDITOR', `/api/audit/people/${other}/history`);
      expect(auditor.statusCode).toBe(200);
      expect(auditor.json().items.map((e: { action: string }) => e.action)).toEqual(['person.updated']);
      expect((await t.get('AUDITOR', `/api/audit/people/${UNKNOWN_ID}/history`)).statusCode).toBe(404);
      expect((await t.get('AUDITOR', "/api/audit/people/1'%20OR%20'1'='1/history")).statusCode).toBe(400);
      expect((await t.get('AUDITOR', `/api/audit/people/${other}/views?page=0`)).statusCode).toBe(400);
    });

    it('lists who viewed a dossier and why: views, reveals with the reason, file reads with the purpose', async () => {
      const res = await t.get('AUDITOR', `/api/audit/people/${t.world.people.townSecretary.id}/views`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items.map((v: { action: string }) => v.action)).toEqual(['person.field_revealed', 'person.dossier_viewed', 'archive.viewed']);
      expect(items[0]).toMatchObject({ field: 'idNumber', reason: '核对任前公示信息', actor: { displayName: 'orghead' } });
      expect(items[2]).toMatchObject({ purpose: 'INSPECTION', requestId: UNKNOWN_ID, actor: { displayName: 'cadresec', role: 'ORG_CADRE_SECTION' } });
      expect((await lastEvent()).object_id).toBe('person_views');
    });
  });

  describe('verify and checkpoints', () => {
    it('runs the verifier now and returns its verdict (ok, size, root) and records it', async () => {
      const chain = await verifyLedgerChain(t.db);
      expect(chain.ok).toBe(true);
      const res = await t.post('AUDITOR', '/api/audit/verify');
      expect(res.statusCode).toBe(200);
      const v = res.json();
      expect(v).toMatchObject({ ok: true, size: chain.size, alg: 'sha256', problem: null, checkpoints: { stored: 0, external: 0 }, publicKeyFingerprint: signer.keyId });
      expect(v.root).toMatch(/^[0-9a-f]{64}$/);
      expect(v.chainHead).toBe(chain.ok ? chain.head : '');
      expect(v.warnings.join(' ')).toMatch(/no checkpoints/);
      expect(v.durationMs).toBeGreaterThanOrEqual(0);
      const e = await lastEvent();
      expect(e).toMatchObject({ action: 'audit.viewed', object_id: 'verify', seq: chain.size + 1 });
      expect(JSON.parse(e.payload).filters).toMatchObject({ ok: true, size: chain.size, root: v.root });
    });

    it('lists signed checkpoints and downloads one as a JSON attachment the verifier accepts', async () => {
      const cp = await createCheckpoint(t.db, signer, new FakeClock('2026-11-26T08:30:00.000Z'));
      const list = await t.get('ORG_HEAD', '/api/audit/checkpoints');
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ total: 1, items: [{ treeSize: cp.treeSize, alg: 'sha256', root: cp.root.toString('hex'), keyId: signer.keyId }] });
      const file = await t.get('AUDITOR', `/api/audit/checkpoints/${cp.treeSize}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toBe(`attachment; filename="ledger-checkpoint-${cp.treeSize}.json"`);
      expect(file.headers['cache-control']).toBe('no-store');
      const body = JSON.parse(file.body);
      expect(body).toMatchObject({ type: CHECKPOINT_TYPE, treeSize: cp.treeSize, publicKeyFingerprint: signer.keyId });
      expect(parseExportedCheckpoint(body).root.equals(cp.root)).toBe(true);
      expect((await lastEvent()).object_id).toBe('checkpoint_download');
      const verdict = (await t.post('AUDITOR', '/api/audit/verify')).json();
      expect(verdict).toMatchObject({ ok: true, checkpoints: { stored: 1, external: 0 } });
    });

    it('answers 404 for an unknown tree size and 400 for a malformed one', async () => {
      expect((await t.get('AUDITOR', '/api/audit/checkpoints/999999')).statusCode).toBe(404);
      expect((await t.get('AUDITOR', '/api/audit/checkpoints/-1')).statusCode).toBe(400);
      expect((await t.get('AUDITOR', '/api/audit/checkpoints/abc')).statusCode).toBe(400);
      expect((await t.get('AUDITOR', '/api/audit/checkpoints?pageSize=0')).statusCode).toBe(400);
    });

    it('says so when the pinned public key is missing', async () => {
      const keep = t.deps.config.ledgerKeyFile;
      t.deps.config.ledgerKeyFile = path.join(keyDir, 'missing', 'ledger.pem');
      try {
        const res = await t.post('AUDITOR', '/api/audit/verify');
        expect(res.statusCode).toBe(409);
        expect(res.json().message).toContain('账本公钥');
      } finally {
        t.deps.config.ledgerKeyFile = keep;
      }
    });

    it('the chain stays intact after all these reads; an edited payload turns the verdict red', async () => {
      expect((await verifyLedgerChain(t.db)).ok).toBe(true);
      const target = await t.db.selectFrom('ledger_event').select('seq').where('action', '=', 'person.field_revealed').executeTakeFirstOrThrow();
      if (dialect === 'sqlite') await sql.raw('drop trigger ledger_event_no_update').execute(t.db);
      else await sql.raw('drop trigger ledger_event_no_update on ledger_event').execute(t.db);
      await t.db.updateTable('ledger_event').set({ payload: '{"field":"idNumber","reason":"改写"}' }).where('seq', '=', target.seq).execute();
      const res = await t.post('AUDITOR', '/api/audit/verify');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ok: false, root: null, seq: Number(target.seq) });
      expect(res.json().problem).toContain(`seq ${Number(target.seq)}`);
    });
  });
});

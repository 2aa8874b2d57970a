import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { cleanPhotos, stripJpeg, stripPng } from './o2o.photos.ts';
import { createOpen311Client } from './open311.service.ts';
import { escapeXml } from './open311.xml.ts';

// 1×1 PNG with a tEXt chunk ("Comment" → GPS 28.2,113.0) inserted before IDAT
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
function pngWithText(): Buffer {
  const text = Buffer.from('Comment\0GPS 28.2,113.0', 'latin1');
  const chunk = Buffer.alloc(12 + text.length);
  chunk.writeUInt32BE(text.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  text.copy(chunk, 8);
  return Buffer.concat([PNG_1PX.subarray(0, 33), chunk, PNG_1PX.subarray(33)]);
}
function jpegWithExif(): Buffer {
  const exif = Buffer.concat([Buffer.from([0xff, 0xe1, 0x00, 0x12]), Buffer.from('Exif\0\0GPS-SECRET', 'latin1')]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from([0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46]), exif, Buffer.from([0xff, 0xdb, 0x00, 0x03, 0x00]), Buffer.from([0xff, 0xda, 0x00, 0x02, 0x11, 0x22, 0x33]), Buffer.from([0xff, 0xd9])]);
}

describe('photo cleaning', () => {
  it('drops EXIF and text chunks, refuses other files by magic bytes', () => {
    expect(stripPng(pngWithText()).includes(Buffer.from('GPS'))).toBe(false);
    expect(stripPng(pngWithText()).equals(PNG_1PX)).toBe(true);
    const j = stripJpeg(jpegWithExif());
    expect(j.includes(Buffer.from('GPS-SECRET'))).toBe(false);
    expect(j.subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(true);
    expect(() => cleanPhotos([Buffer.from('MZ this is an exe').toString('base64')])).toThrow(/JPEG/);
    expect(() => cleanPhotos(['a', 'b', 'c', 'd'])).toThrow();
    expect(() => cleanPhotos([Buffer.alloc(5 * 1024 * 1024 + 1, 0xff).toString('base64')])).toThrow(/5 MB/);
  });
  it('escapes XML', () => {
    expect(escapeXml(`<a href="x">&'\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });
});

describe.each(TEST_DIALECTS)('public intake and Open311 on %s', (dialect) => {
  let t: TestApp;
  let apiKey = '';
  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set('2016-09-30T02:00:00.000Z');
    apiKey = (await createOpen311Client({ db: t.db, clock: t.clock, actor: null }, '县 12345 热线')).apiKey;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('submits without login, returns code, check code and expected date, follows and rates the reply', async () => {
    const options = await t.get(null, '/api/public/o2o/options');
    expect(options.statusCode).toBe(200);
    const town = options.json().towns.find((x: { name: string }) => x.name === '黄花镇');
    const village = town.villages.find((v: { name: string }) => v.name === '黄花村');
    const res = await t.post(null, '/api/public/o2o/matters', { category: 'HELP', locationOrgUnitId: village.id, description: '家中老人行动不便，申请上门办理医保', anonymous: false, name: '周老三', phone: '139 1234 5678', photos: [pngWithText().toString('base64')] });
    expect(res.statusCode, res.body).toBe(200);
    const sub = res.json();
    expect(sub.code).toMatch(/^CSX-2016-\d{6}$/);
    expect(sub.checkCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(sub.expectedDate).toBe('2016-10-10');
    const photo = await t.db.selectFrom('matter_photo').selectAll().executeTakeFirstOrThrow();
    expect(Buffer.from(photo.data_base64, 'base64').includes(Buffer.from('GPS'))).toBe(false);
    const wrong = await t.post(null, '/api/public/o2o/track', { code: sub.code, checkCode: 'AAAAAAAA' });
    expect(wrong.statusCode).toBe(404);
    const unknown = await t.post(null, '/api/public/o2o/track', { code: 'CSX-2016-999999', checkCode: 'AAAAAAAA' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe(wrong.json().message);
    const tracked = await t.post(null, '/api/public/o2o/track', { code: sub.code.toLowerCase(), checkCode: sub.checkCode.toLowerCase() });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json()).toMatchObject({ publicStatus: 'RECEIVED', canRate: false });
    expect(JSON.stringify(tracked.json())).not.toContain('周老三');
    expect(JSON.stringify(tracked.json())).not.toContain('5678');
    // the rating waits for a reply
    expect((await t.post(null, '/api/public/o2o/rate', { code: sub.code, checkCode: sub.checkCode, satisfaction: 'DISSATISFIED' })).statusCode).toBe(409);
    const id = (await t.db.selectFrom('citizen_matter').select('id').where('code', '=', sub.code).executeTakeFirstOrThrow()).id;
    for (const [role, body] of [['VILLAGE_CADRE', { action: 'accept' }], ['O2O_DISPATCHER', { action: 'dispatch', targetOrgUnitId: t.world.units.huanghua.id }], ['HANDLER', { action: 'sign' }], ['HANDLER', { action: 'start' }], ['HANDLER', { action: 'reply', text: '已安排工作人员 10 月 10 日上门办理' }]] as const) {
      expect((await t.post(role, `/api/o2o/matters/${id}/transitions`, body)).statusCode).toBe(200);
    }
    const replied = (await t.post(null, '/api/public/o2o/track', { code: sub.code, checkCode: sub.checkCode })).json();
    expect(replied.publicStatus).toBe('REPLIED');
    expect(replied.reply).toContain('上门办理');
    expect(replied.canRate).toBe(true);
    const rated = await t.post(null, '/api/public/o2o/rate', { code: sub.code, checkCode: sub.checkCode, satisfaction: 'DISSATISFIED', comment: '还没有人来' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().satisfaction).toBe('DISSATISFIED');
    expect((await t.post(null, '/api/public/o2o/rate', { code: sub.code, checkCode: sub.checkCode, satisfaction: 'SATISFIED' })).statusCode).toBe(409);
    const staff = (await t.get('O2O_DISPATCHER', `/api/o2o/matters/${id}`)).json().matter;
    expect(staff.citizenSatisfaction).toBe('DISSATISFIED');
  });

  it('refuses bad input: unknown village, bad phone, not-an-image, cross-origin', async () => {
    const village = t.world.units.huanghuaVillage.id;
    expect((await t.post(null, '/api/public/o2o/matters', { category: 'HELP', locationOrgUnitId: t.world.units.county.id, description: '测试事项描述内容', anonymous: true })).statusCode).toBe(400);
    expect((await t.post(null, '/api/public/o2o/matters', { category: 'HELP', locationOrgUnitId: village, description: '测试事项描述内容', anonymous: false, phone: '12345' })).statusCode).toBe(400);
    expect((await t.post(null, '/api/public/o2o/matters', { category: 'HELP', locationOrgUnitId: village, description: '测试事项描述内容', anonymous: true, photos: [Buffer.from('<?php echo 1;').toString('base64')] })).statusCode).toBe(415);
    const cross = await t.app.inject({ method: 'POST', url: '/api/public/o2o/matters', headers: { origin: 'https://evil.example' }, payload: { category: 'HELP', locationOrgUnitId: village, description: '测试事项描述内容', anonymous: true } });
    expect(cross.statusCode).toBe(403);
    // at most five submissions a minute from one address
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await t.post(null, '/api/public/o2o/matters', { category: 'HELP', locationOrgUnitId: village, description: '测试事项描述内容', anonymous: true })).statusCode);
    expect(codes).toContain(429);
    expect(codes.filter((c) => c === 200).length).toBeLessThanOrEqual(5);
  });

  it('Open311: services and definitions in JSON and XML', async () => {
    const json = await t.get(null, '/open311/v2/services.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    const services = json.json();
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual(['CONSULT', 'HELP', 'COMPLAINT', 'SUGGESTION']);
    expect(Object.keys(services[0]).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
    expect(services[0]).toMatchObject({ metadata: true, type: 'realtime' });
    const xml = await t.get(null, '/open311/v2/services.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>CONSULT<\/service_code><service_name>咨询<\/service_name>/);
    const def = (await t.get(null, '/open311/v2/services/HELP.json')).json();
    expect(def.service_code).toBe('HELP');
    expect(def.attributes[0]).toMatchObject({ variable: true, code: 'village', datatype: 'singlevaluelist', required: true, order: 1 });
    expect(def.attributes[0].values).toEqual(expect.arrayContaining([{ key: t.world.units.huanghuaVillage.id, name: '黄花镇黄花村' }]));
    const defXml = await t.get(null, '/open311/v2/services/HELP.xml');
    expect(defXml.body).toContain('<service_definition><service_code>HELP</service_code><attributes><attribute><variable>true</variable>');
    const missing = await t.get(null, '/open311/v2/services/NOPE.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: 'service_code NOPE not found' }]);
    const missingXml = await t.get(null, '/open311/v2/services/NOPE.xml');
    expect(missingXml.body).toBe('<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>404</code><description>service_code NOPE not found</description></error></errors>');
    expect((await t.get(null, '/open311/v2/services.csv')).statusCode).toBe(404);
  });

  it('Open311: POST needs a valid api_key (form-encoded, no Origin), GET requests filters, tokens', async () => {
    const form = (fields: Record<string, string>) => ({ payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const noKey = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ service_code: 'HELP', address_id: t.world.units.xintang.id, description: '水渠堵塞需要疏通' }) });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()).toEqual([{ code: 403, description: 'api_key is required' }]);
    const badKey = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', ...form({ api_key: 'bw311_wrong', service_code: 'HELP', address_id: t.world.units.xintang.id, description: '水渠堵塞需要疏通' }) });
    expect(badKey.statusCode).toBe(403);
    expect(badKey.body).toContain('<errors><error><code>403</code>');
    const noLoc = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ api_key: apiKey, service_code: 'HELP', description: '水渠堵塞需要疏通' }) });
    expect(noLoc.statusCode).toBe(400);
    expect(noLoc.json()[0].code).toBe(400);
    const report = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ api_key: apiKey, service_code: 'REPORT', address_id: t.world.units.xintang.id, description: '举报内容测试' }) });
    expect(report.statusCode).toBe(404);
    const created = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ api_key: apiKey, service_code: 'COMPLAINT', 'attribute[village]': t.world.units.xintang.id, description: '水渠堵塞需要疏通 <b>', first_name: '四', last_name: '张', phone: '13811112222' }) });
    expect(created.statusCode, created.body).toBe(200);
    const [ack] = created.json();
    expect(Object.keys(ack).sort()).toEqual(['account_id', 'service_notice', 'service_request_id', 'token']);
    expect(ack.service_request_id).toMatch(/^CSX-2016-\d{6}$/);
    const token = (await t.get(null, `/open311/v2/tokens/${ack.token}.json`)).json();
    expect(token).toEqual([{ service_request_id: ack.service_request_id, token: ack.token }]);
    expect((await t.get(null, '/open311/v2/tokens/00000000-0000-7000-8000-000000000000.json')).statusCode).toBe(404);

    const one = (await t.get(null, `/open311/v2/requests/${ack.service_request_id}.json`)).json();
    expect(one).toHaveLength(1);
    expect(Object.keys(one[0]).sort()).toEqual(['address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'extended_attributes', 'lat', 'long', 'media_url', 'requested_datetime', 'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode']);
    expect(one[0]).toMatchObject({ status: 'open', service_code: 'COMPLAINT', service_name: '投诉', description: null, requested_datetime: '2016-09-30T10:00:00+08:00', expected_datetime: '2016-10-19T23:59:59+08:00', address: '黄花镇新塘村', extended_attributes: { detailed_status: 'SUBMITTED' } });
    expect(JSON.stringify(one)).not.toContain('13811112222');
    const withKey = (await t.get(null, `/open311/v2/requests/${ack.service_request_id}.json?api_key=${apiKey}`)).json();
    expect(withKey[0].description).toBe('水渠堵塞需要疏通 <b>');
    const xml = await t.get(null, `/open311/v2/requests/${ack.service_request_id}.xml?api_key=${apiKey}`);
    expect(xml.body).toContain('<service_requests><request><service_request_id>');
    expect(xml.body).toContain('<description>水渠堵塞需要疏通 &lt;b&gt;</description>');
    expect(xml.body).toContain('<lat/>');
    expect((await t.get(null, '/open311/v2/requests/CSX-2016-999999.json')).json()).toEqual([{ code: 404, description: 'service_request_id CSX-2016-999999 not found' }]);

    const open = (await t.get(null, '/open311/v2/requests.json?status=open&service_code=COMPLAINT')).json();
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).toContain(ack.service_request_id);
    expect((await t.get(null, '/open311/v2/requests.json?status=closed')).json().map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(ack.service_request_id);
    expect((await t.get(null, '/open311/v2/requests.json?start_date=2016-10-01T00:00:00%2B08:00&end_date=2016-12-31')).json()).toEqual([]);
    expect((await t.get(null, `/open311/v2/requests.json?service_request_id=${ack.service_request_id},CSX-2016-999999&status=closed`)).json()).toHaveLength(1);
    expect((await t.get(null, '/open311/v2/requests.json?status=pending')).statusCode).toBe(400);
    expect((await t.get(null, '/open311/v2/requests.json?start_date=yesterday')).json()[0].code).toBe(400);
    expect((await t.get(null, '/open311/v2/requests.json?api_key=nope')).statusCode).toBe(403);
    expect((await t.get(null, '/open311/v2/requests.json?start_date=2016-10-01&end_date=2016-09-01')).json()).toEqual([{ code: 400, description: 'start_date must not be after end_date' }]);
  });
});

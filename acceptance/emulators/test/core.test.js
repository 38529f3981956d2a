'use strict';
// Core and control API: fault injection, request log, credentials, clock, --state persistence,
// and the `run` start-up line. Uses a fake service so it does not depend on any cloud module.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {spawn} = require('node:child_process');
const {start, SERVICE_NAMES, FIXED_IDENTITY} = require('../lib/core');
const util = require('../lib/util');

// A tiny service: PUT /items/{id} stores the body, GET /items/{id} reads it; key in "x-key" header.
function fakeService() {
  return {
    name: 'fake_cloud',
    initialState() { return {items: {}, puts: 0}; },
    routeKey(req) {
      if (req.path.startsWith('/items/')) return req.method === 'PUT' ? 'PutItem' : 'GetItem';
      return null;
    },
    async authenticate(ctx, req) {
      const cred = ctx.credentials.lookup(req.headers['x-key']);
      if (!cred || cred.secret !== req.headers['x-secret']) {
        return {status: 403, body: {code: 'Denied', message: 'bad key'}};
      }
      return null;
    },
    async handle(ctx, req) {
      const id = req.path.slice('/items/'.length);
      if (id === 'boom') throw new Error('handler bug');
      if (req.method === 'PUT') {
        ctx.state.items[id] = {value: util.parseJsonBody(req.rawBody), at: ctx.now().toISOString()};
        ctx.state.puts += 1;
        ctx.changed();
        return {status: 200, body: {ok: true, request: ctx.requestId()}};
      }
      const item = ctx.state.items[id];
      if (!item) throw new util.ServiceError(404, 'NotFound', `no item ${id}`);
      return {status: 200, body: item};
    },
    errorResponse(ctx, req, err) {
      return {status: err.status, headers: {'x-err': err.code}, body: {code: err.code, message: err.message, throttle: !!err.throttle}};
    },
    throttle: {status: 429, code: 'SlowDown', message: 'slow down'},
    control: {
      seed(ctx, body) {
        ctx.state.items[body.id] = {value: body.value, at: 'seeded'};
        return {id: body.id};
      },
    },
  };
}

async function call(base, method, p, body, headers = {}) {
  const res = await fetch(base + p, {
    method,
    headers: {'content-type': 'application/json', ...headers},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null};
}

const AUTH = {'x-key': FIXED_IDENTITY.accessKeyId, 'x-secret': FIXED_IDENTITY.secret};

test('service list and fixed identity are the contract values', () => {
  assert.deepEqual(SERVICE_NAMES, ['aws_backup', 'alicloud_kvstore', 'alicloud_dbs', 'huaweicloud_csbs', 'huaweicloud_iam']);
  assert.equal(FIXED_IDENTITY.accessKeyId, 'PBTESTAKID00000000001');
  assert.equal(FIXED_IDENTITY.awsAccountId, '123456789012');
});

test('control API drives a service: seed, state, requests, faults, clock, credentials, reset', async (t) => {
  const emu = await start({services: [fakeService()]});
  t.after(() => emu.close());
  const s = emu.urls.fake_cloud;
  const c = emu.urls.control;
  assert.match(s, /^http:\/\/127\.0\.0\.1:\d+$/);

  // Service round trip and its auth hook.
  assert.equal((await call(s, 'PUT', '/items/a', {v: 1}, AUTH)).status, 200);
  assert.deepEqual((await call(s, 'GET', '/items/a', undefined, AUTH)).body.value, {v: 1});
  assert.equal((await call(s, 'GET', '/items/a', undefined, {'x-key': 'nope'})).status, 403);
  const missing = await call(s, 'GET', '/items/zz', undefined, AUTH);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, 'NotFound');

  // A handler that throws becomes a 500 in the service's own error shape.
  const boom = await call(s, 'GET', '/items/boom', undefined, AUTH);
  assert.equal(boom.status, 500);
  assert.equal(boom.headers.get('x-err'), 'InternalError');

  // Control op seeds state; GET /state shows it.
  assert.deepEqual((await call(c, 'POST', '/services/fake_cloud/seed', {id: 'b', value: 7})).body, {id: 'b'});
  assert.equal((await call(c, 'GET', '/state')).body.fake_cloud.items.b.value, 7);
  assert.equal((await call(c, 'POST', '/services/fake_cloud/nope', {})).status, 404);
  assert.equal((await call(c, 'POST', '/services/other/seed', {})).status, 404);

  // Request log: route, status and key id.
  const log = (await call(c, 'GET', '/requests')).body;
  assert.equal(log.length, 5);
  assert.equal(log[0].route, 'PutItem');
  assert.equal(log[0].status, 200);
  assert.equal(log[2].status, 403);
  await call(c, 'DELETE', '/requests');
  assert.equal((await call(c, 'GET', '/requests')).body.length, 0);

  // Error fault for one route, count 2; other routes unaffected.
  const f = await call(c, 'POST', '/faults', {service: 'fake_cloud', route: 'GetItem', status: 503, code: 'Unavailable', count: 2});
  assert.ok(f.body.id);
  assert.equal((await call(s, 'PUT', '/items/c', {}, AUTH)).status, 200);
  assert.equal((await call(s, 'GET', '/items/a', undefined, AUTH)).status, 503);
  const second = await call(s, 'GET', '/items/a', undefined, AUTH);
  assert.equal(second.body.code, 'Unavailable');
  assert.equal((await call(s, 'GET', '/items/a', undefined, AUTH)).status, 200);
  const flagged = (await call(c, 'GET', '/requests')).body.filter((r) => r.fault);
  assert.equal(flagged.length, 2);

  // Throttle fault uses the service's throttling answer.
  await call(c, 'POST', '/faults', {service: 'fake_cloud', route: '*', throttle: true});
  const thr = await call(s, 'GET', '/items/a', undefined, AUTH);
  assert.equal(thr.status, 429);
  assert.equal(thr.body.code, 'SlowDown');
  assert.equal(thr.body.throttle, true);

  // drop_after_commit: the change lands, the client sees a dropped connection.
  await call(c, 'POST', '/faults', {service: 'fake_cloud', route: 'PutItem', drop_after_commit: true});
  await assert.rejects(call(s, 'PUT', '/items/dropped', {v: 2}, AUTH));
  assert.deepEqual((await call(s, 'GET', '/items/dropped', undefined, AUTH)).body.value, {v: 2});

  // Latency fault delays without failing.
  await call(c, 'POST', '/faults', {service: 'fake_cloud', route: 'GetItem', latency_ms: 150});
  const t0 = Date.now();
  assert.equal((await call(s, 'GET', '/items/a', undefined, AUTH)).status, 200);
  assert.ok(Date.now() - t0 >= 140);

  // DELETE /faults clears pending faults.
  await call(c, 'POST', '/faults', {service: 'fake_cloud', route: '*', status: 500, count: 10});
  await call(c, 'DELETE', '/faults');
  assert.equal((await call(s, 'GET', '/items/a', undefined, AUTH)).status, 200);

  // Clock offset moves ctx.now().
  const clock = await call(c, 'POST', '/clock', {offset_seconds: 86400});
  assert.equal(clock.body.offset_seconds, 86400);
  await call(s, 'PUT', '/items/later', {}, AUTH);
  const at = Date.parse((await call(s, 'GET', '/items/later', undefined, AUTH)).body.at);
  assert.ok(at - Date.now() > 86000 * 1000);

  // Registered credentials work for every service.
  const other = {'x-key': 'OTHERKEY', 'x-secret': 'othersecret'};
  assert.equal((await call(s, 'GET', '/items/a', undefined, other)).status, 403);
  assert.equal((await call(c, 'POST', '/credentials', {access_key_id: 'OTHERKEY', secret: 'othersecret'})).status, 200);
  assert.equal((await call(s, 'GET', '/items/a', undefined, other)).status, 200);
  assert.equal((await call(c, 'POST', '/credentials', {access_key_id: 'X'})).status, 400);

  // Reset: state back to initial, log empty, fixed identity kept, other keys gone.
  await call(c, 'POST', '/reset');
  assert.deepEqual((await call(c, 'GET', '/state')).body.fake_cloud, {items: {}, puts: 0});
  assert.equal((await call(s, 'GET', '/items/a', undefined, AUTH)).status, 404);
  assert.equal((await call(s, 'GET', '/items/a', undefined, other)).status, 403);
  assert.equal((await call(c, 'GET', '/requests')).body.length, 2);

  assert.equal((await call(c, 'GET', '/nowhere')).status, 404);
});

test('faults on a fraction of requests are spread evenly, the first one included', () => {
  const {pickedByFraction} = require('../lib/core');
  const picks = (fraction, n) => Array.from({length: n}, (_, i) => i + 1).filter((k) => pickedByFraction(fraction, k));
  assert.deepEqual(picks(0.5, 6), [1, 3, 5]);
  assert.deepEqual(picks(1 / 3, 9), [1, 4, 7]);
  assert.deepEqual(picks(1, 3), [1, 2, 3]);
  for (const fraction of [0.1, 0.25, 0.3, 0.7, 0.9]) {
    assert.equal(picks(fraction, 100).length, Math.round(100 * fraction), `fraction ${fraction}`);
  }
});

test('fraction, burst window and hits: what a fault campaign needs', async (t) => {
  const emu = await start({services: [fakeService()]});
  t.after(() => emu.close());
  const s = emu.urls.fake_cloud;
  const c = emu.urls.control;
  const statuses = async (n) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push((await call(s, 'GET', '/items/a', undefined, AUTH)).status);
    return out;
  };
  await call(s, 'PUT', '/items/a', {v: 1}, AUTH);

  // Half of the matching requests, from the first, until count is used up.
  const half = await call(c, 'POST', '/faults', {service: 'fake_cloud', route: 'GetItem', status: 500, fraction: 0.5, count: 2});
  assert.deepEqual(await statuses(6), [500, 200, 500, 200, 200, 200]);
  assert.deepEqual((await call(c, 'GET', '/faults')).body, []);
  const hit = (await call(c, 'GET', '/requests')).body.filter((r) => r.fault === half.body.id);
  assert.equal(hit.length, 2);

  // A skipped request goes on to the next fault.
  await call(c, 'POST', '/faults', {service: 'fake_cloud', route: '*', status: 503, fraction: 0.5, count: 5});
  await call(c, 'POST', '/faults', {service: 'fake_cloud', route: '*', throttle: true, count: 5});
  assert.deepEqual(await statuses(4), [503, 429, 503, 429]);
  let pending = (await call(c, 'GET', '/faults')).body;
  assert.deepEqual(pending.map((f) => [f.matched, f.hits, f.count]), [[4, 2, 3], [2, 2, 3]]);
  await call(c, 'DELETE', '/faults');

  // A burst: every matching request throttled for duration_ms from the first one (no count:
  // as many as come), then it is gone.
  await call(c, 'POST', '/faults', {service: 'fake_cloud', route: '*', throttle: true, duration_ms: 400});
  assert.equal((await call(c, 'GET', '/faults')).body[0].ends_at, null); // the window starts with the first request
  assert.deepEqual(await statuses(5), [429, 429, 429, 429, 429]);
  pending = (await call(c, 'GET', '/faults')).body;
  assert.equal(pending.length, 1);
  assert.equal(pending[0].hits, 5);
  await util.sleep(450);
  assert.deepEqual(await statuses(2), [200, 200]);
  assert.deepEqual((await call(c, 'GET', '/faults')).body, []);

  // A burst on a fraction, with latency: the spike hits every other request in the window.
  await call(c, 'POST', '/faults', {service: 'fake_cloud', route: 'GetItem', latency_ms: 120, fraction: 0.5, duration_ms: 2000});
  const times = [];
  for (let i = 0; i < 4; i++) {
    const t0 = Date.now();
    assert.equal((await call(s, 'GET', '/items/a', undefined, AUTH)).status, 200);
    times.push(Date.now() - t0);
  }
  assert.ok(times[0] >= 110 && times[2] >= 110, `slow: ${times}`);
  assert.ok(times[1] < 110 && times[3] < 110, `fast: ${times}`);
  await call(c, 'DELETE', '/faults');

  // drop_after_commit on a fraction: every change lands, half of the answers are lost.
  await call(c, 'POST', '/faults', {service: 'fake_cloud', route: 'PutItem', drop_after_commit: true, fraction: 0.5, count: 10});
  const outcomes = [];
  for (const id of ['d1', 'd2', 'd3', 'd4']) {
    outcomes.push(await call(s, 'PUT', `/items/${id}`, {id}, AUTH).then((r) => r.status, () => 'dropped'));
  }
  assert.deepEqual(outcomes, ['dropped', 200, 'dropped', 200]);
  assert.deepEqual(Object.keys((await call(c, 'GET', '/state')).body.fake_cloud.items).sort(), ['a', 'd1', 'd2', 'd3', 'd4']);

  // Bad values are refused, naming the field.
  for (const [field, value] of [['fraction', 0], ['fraction', 1.5], ['fraction', 'half'], ['duration_ms', -1], ['count', 0], ['count', 1.5]]) {
    const r = await call(c, 'POST', '/faults', {service: 'fake_cloud', [field]: value});
    assert.equal(r.status, 400, `${field}=${value}`);
    assert.match(r.body.message, new RegExp(field));
  }
});

test('--state persists every change and is loaded at start', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pb-emu-'));
  const file = path.join(dir, 'state.json');
  const first = await start({services: [fakeService()], stateFile: file});
  await call(first.urls.fake_cloud, 'PUT', '/items/keep', {v: 'x'}, AUTH);
  await call(first.urls.control, 'POST', '/credentials', {access_key_id: 'K2', secret: 'S2'});
  // Written after the change, before close.
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).services.fake_cloud.items.keep.value.v, 'x');
  await first.close();

  const second = await start({services: [fakeService()], stateFile: file});
  try {
    const got = await call(second.urls.fake_cloud, 'GET', '/items/keep', undefined, {'x-key': 'K2', 'x-secret': 'S2'});
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.value, {v: 'x'});
  } finally {
    await second.close();
    fs.rmSync(dir, {recursive: true, force: true});
  }
});

test('util.paginate walks a list with opaque tokens and rejects a forged one', () => {
  const items = [1, 2, 3, 4, 5];
  const p1 = util.paginate(items, 2, undefined);
  assert.deepEqual(p1.items, [1, 2]);
  const p2 = util.paginate(items, 2, p1.nextToken);
  assert.deepEqual(p2.items, [3, 4]);
  const p3 = util.paginate(items, 2, p2.nextToken);
  assert.deepEqual(p3.items, [5]);
  assert.equal(p3.nextToken, null);
  assert.throws(() => util.paginate(items, 2, 'garbage'), /next token/);
});

test('run prints the URL JSON line first and is ready quickly', async () => {
  const runPath = path.join(__dirname, '..', 'run');
  const t0 = process.hrtime.bigint();
  const child = spawn(runPath, ['--exit-on-stdin-close'], {stdio: ['pipe', 'pipe', 'pipe']});
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const firstLine = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`run exited ${code}: ${stderr}`)));
  });
  const urls = JSON.parse(firstLine);
  const health = await call(urls.control, 'GET', '/health');
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.equal(health.status, 200);
  for (const name of health.body.services) assert.match(urls[name], /^http:\/\/127\.0\.0\.1:\d+$/);
  // Reported, not asserted tightly: the brief asks for "about a second".
  process.stdout.write(`# run start-up to first answered request: ${ms.toFixed(0)} ms\n`);
  assert.ok(ms < 10000, `start-up took ${ms} ms`);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.stdin.end();
  assert.equal(await exited, 0);
});

'use strict';
// Conformance of the R-kvstore emulator, driven by the official @alicloud/r-kvstore20150101 client
// (ACS3-HMAC-SHA256 by default, RPC signature V1 with signatureAlgorithm 'v2'), plus raw requests
// signed with @alicloud/openapi-util for the replay and tamper cases the clients never produce.

const test = require('node:test');
const assert = require('node:assert/strict');
const {start, FIXED_IDENTITY} = require('../lib/core');
const {useEmulators} = require('./harness');
const Kvstore = require('@alicloud/r-kvstore20150101');
const {$OpenApiUtil} = require('@alicloud/openapi-core');
const $dara = require('@darabonba/typescript');
const OpenApiUtil = require('@alicloud/openapi-util').default;
const kvstore = require('../services/alicloud_kvstore');

const AK = FIXED_IDENTITY.accessKeyId;
const SECRET = FIXED_IDENTITY.secret;

const em = useEmulators(['alicloud_kvstore']);
const control = em.control;

const op = (name, body) => em.op('alicloud_kvstore', name, body);

function client(extra = {}) {
  return new Kvstore.default(new $OpenApiUtil.Config({
    accessKeyId: AK, accessKeySecret: SECRET, endpoint: new URL(em.urls.alicloud_kvstore).host,
    protocol: 'http', regionId: 'cn-hangzhou', ...extra}));
}

const describePolicy = (c, id) => c.describeBackupPolicy(new Kvstore.DescribeBackupPolicyRequest({instanceId: id}));
const modifyPolicy = (c, req) => c.modifyBackupPolicy(new Kvstore.ModifyBackupPolicyRequest(req));
const attribute = async (c, id) =>
  (await c.describeInstanceAttribute(new Kvstore.DescribeInstanceAttributeRequest({instanceId: id})))
      .body.instances.DBInstanceAttribute[0];

async function rejects(promise, code, statusCode) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.code, code, e.message);
    if (statusCode !== undefined) assert.equal(e.statusCode, statusCode);
    return true;
  });
}

// ---- handlers without HTTP (fake ctx) -----------------------------------------------------------

test('backup time must be one whole UTC hour', () => {
  const {parseBackupTime} = kvstore.internals;
  assert.equal(parseBackupTime('07:00Z-08:00Z'), 7);
  assert.equal(parseBackupTime('00:00Z-01:00Z'), 0);
  assert.equal(parseBackupTime('23:00Z-24:00Z'), 23);
  for (const bad of ['07:30Z-08:30Z', '07:00Z-09:00Z', '7:00Z-8:00Z', '07:00-08:00', '24:00Z-01:00Z',
    '23:00Z-00:00Z', '22:00Z-24:00Z', '23:00Z-24:30Z', '24:00Z-25:00Z']) {
    assert.throws(() => parseBackupTime(bad), (e) => e.code === 'InvalidPreferredBackupTime.Format', bad);
  }
});

test('backup period is answered in week order; unknown days are refused', () => {
  const {parseBackupPeriod} = kvstore.internals;
  assert.equal(parseBackupPeriod('Sunday,Monday,Wednesday'), 'Monday,Wednesday,Sunday');
  assert.throws(() => parseBackupPeriod('Funday'), (e) => e.code === 'InvalidPreferredBackupPeriod.Format');
  assert.throws(() => parseBackupPeriod(''), (e) => e.code === 'InvalidPreferredBackupPeriod.Format');
});

test('next backup time is the next window start on a listed day', () => {
  const {nextBackupTime} = kvstore.internals;
  const monday = new Date(Date.UTC(2026, 10, 23, 12, 0)); // Monday 2026-11-23 12:00Z
  assert.equal(nextBackupTime(monday, {PreferredBackupTime: '18:00Z-19:00Z', PreferredBackupPeriod: 'Monday'}),
      '2026-11-23T18:00Z');
  assert.equal(nextBackupTime(monday, {PreferredBackupTime: '05:00Z-06:00Z', PreferredBackupPeriod: 'Monday'}),
      '2026-11-30T05:00Z');
  assert.equal(nextBackupTime(monday, {PreferredBackupTime: '05:00Z-06:00Z', PreferredBackupPeriod: 'Wednesday,Friday'}),
      '2026-11-25T05:00Z');
});

test('handlers run against a fake ctx', async () => {
  const state = kvstore.initialState();
  const now = new Date(Date.UTC(2026, 0, 5, 0, 0));
  const ctx = {
    state, allState: {alicloud_kvstore: state}, now: () => now, requestId: () => 'abc-def',
    changed: () => {}, log: () => {}, newId: (p) => `${p}1`,
    credentials: {lookup: () => null},
  };
  await kvstore.control.seed_instance(ctx, {instance_id: 'r-fake', policy: {backup_retention_period: 30}});
  const req = {method: 'POST', path: '/', rawQuery: 'InstanceId=r-fake', query: {InstanceId: 'r-fake'},
    headers: {'x-acs-action': 'DescribeBackupPolicy', 'x-acs-version': '2015-01-01'}, rawBody: Buffer.alloc(0)};
  assert.equal(kvstore.routeKey(req), 'DescribeBackupPolicy');
  const res = await kvstore.handle(ctx, req);
  assert.equal(res.status, 200);
  assert.equal(res.body.RequestId, 'ABC-DEF');
  assert.equal(res.body.BackupRetentionPeriod, '30');
  // Unsigned: the gateway's answer, before any handler runs.
  const denied = await kvstore.authenticate(ctx, req);
  assert.equal(denied.status, 400);
  assert.equal(denied.body.Code, 'IncompleteSignature');
  assert.deepEqual(Object.keys(denied.body).sort(), ['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
});

// ---- through the official client ----------------------------------------------------------------

test('DescribeBackupPolicy answers the documented fields and types', async () => {
  await op('seed_instance', {instance_id: 'r-kv1', policy: {PreferredBackupTime: '05:00Z-06:00Z',
    PreferredBackupPeriod: 'Tuesday,Friday', BackupRetentionPeriod: 7, EnableBackupLog: 1}});
  const res = await describePolicy(client(), 'r-kv1');
  assert.equal(res.statusCode, 200);
  const b = res.body;
  assert.equal(b.preferredBackupTime, '05:00Z-06:00Z');
  assert.equal(b.preferredBackupPeriod, 'Tuesday,Friday');
  assert.equal(b.backupRetentionPeriod, '7'); // a string on the wire
  assert.equal(b.enableBackupLog, 1);
  assert.match(b.preferredNextBackupTime, /^\d{4}-\d\d-\d\dT05:00Z$/);
  assert.match(b.requestId, /^[0-9A-F-]{36}$/);
  const raw = res.body.toMap();
  assert.equal(typeof raw.BackupRetentionPeriod, 'string');
  assert.equal(typeof raw.EnableBackupLog, 'number');
});

test('ModifyBackupPolicy: stored, instance Changing, second modify refused until Normal', async () => {
  await op('seed_instance', {instance_id: 'r-kv2'});
  const c = client();
  assert.equal((await attribute(c, 'r-kv2')).instanceStatus, 'Normal');
  await modifyPolicy(c, {instanceId: 'r-kv2', preferredBackupTime: '07:00Z-08:00Z',
    preferredBackupPeriod: 'Sunday,Monday', backupRetentionPeriod: 14, enableBackupLog: 1});
  const b = (await describePolicy(c, 'r-kv2')).body;
  assert.equal(b.preferredBackupTime, '07:00Z-08:00Z');
  assert.equal(b.preferredBackupPeriod, 'Monday,Sunday');
  assert.equal(b.backupRetentionPeriod, '14');
  assert.equal(b.enableBackupLog, 1);
  assert.notEqual(b.backupLogStartTime, '');

  assert.equal((await attribute(c, 'r-kv2')).instanceStatus, 'Changing');
  await rejects(modifyPolicy(c, {instanceId: 'r-kv2', preferredBackupTime: '08:00Z-09:00Z',
    preferredBackupPeriod: 'Monday'}), 'IncorrectDBInstanceState', 400);
  assert.equal((await describePolicy(c, 'r-kv2')).body.preferredBackupTime, '07:00Z-08:00Z');

  await control('POST', '/clock', {offset_seconds: 3}); // past the default 2 s window
  assert.equal((await attribute(c, 'r-kv2')).instanceStatus, 'Normal');
  await modifyPolicy(c, {instanceId: 'r-kv2', preferredBackupTime: '08:00Z-09:00Z', preferredBackupPeriod: 'Monday'});
  const after = (await describePolicy(c, 'r-kv2')).body;
  assert.equal(after.preferredBackupTime, '08:00Z-09:00Z');
  assert.equal(after.backupRetentionPeriod, '14', 'an omitted retention keeps its value');
});

test('the last window of the day is 23:00Z-24:00Z, answered as sent; 23:00Z-00:00Z is refused', async () => {
  await op('seed_instance', {instance_id: 'r-kv5'});
  await op('settings', {transition_seconds: 0});
  const c = client();
  await modifyPolicy(c, {instanceId: 'r-kv5', preferredBackupTime: '23:00Z-24:00Z', preferredBackupPeriod: 'Monday'});
  const b = (await describePolicy(c, 'r-kv5')).body;
  assert.equal(b.preferredBackupTime, '23:00Z-24:00Z');
  assert.match(b.preferredNextBackupTime, /^\d{4}-\d\d-\d\dT23:00Z$/);
  await rejects(modifyPolicy(c, {instanceId: 'r-kv5', preferredBackupTime: '23:00Z-00:00Z',
    preferredBackupPeriod: 'Monday'}), 'InvalidPreferredBackupTime.Format', 400);
  assert.equal((await describePolicy(c, 'r-kv5')).body.preferredBackupTime, '23:00Z-24:00Z');
});

test('transition_seconds sets the Changing window (0 = none)', async () => {
  await op('seed_instance', {instance_id: 'r-kv3'});
  await op('settings', {transition_seconds: 0});
  const c = client();
  const req = {instanceId: 'r-kv3', preferredBackupTime: '01:00Z-02:00Z', preferredBackupPeriod: 'Monday'};
  await modifyPolicy(c, req);
  assert.equal((await attribute(c, 'r-kv3')).instanceStatus, 'Normal');
  await modifyPolicy(c, req);
  await op('settings', {transition_seconds: 600});
  await modifyPolicy(c, req);
  await control('POST', '/clock', {offset_seconds: 300});
  assert.equal((await attribute(c, 'r-kv3')).instanceStatus, 'Changing');
});

test('ModifyBackupPolicy validates its parameters', async () => {
  await op('seed_instance', {instance_id: 'r-kv4'});
  const c = client();
  const base = {instanceId: 'r-kv4', preferredBackupTime: '07:00Z-08:00Z', preferredBackupPeriod: 'Monday'};
  await rejects(modifyPolicy(c, {...base, preferredBackupTime: '07:30Z-08:30Z'}), 'InvalidPreferredBackupTime.Format', 400);
  await rejects(modifyPolicy(c, {...base, preferredBackupTime: '07:00Z-09:00Z'}), 'InvalidPreferredBackupTime.Format', 400);
  await rejects(modifyPolicy(c, {...base, preferredBackupPeriod: 'Mon'}), 'InvalidPreferredBackupPeriod.Format', 400);
  await rejects(modifyPolicy(c, {...base, preferredBackupPeriod: ''}), 'MissingPreferredBackupPeriod', 400);
  await rejects(modifyPolicy(c, {instanceId: 'r-kv4', preferredBackupPeriod: 'Monday'}), 'MissingPreferredBackupTime', 400);
  await rejects(modifyPolicy(c, {...base, backupRetentionPeriod: 3}), 'InvalidBackupRetentionPeriod', 400);
  await rejects(modifyPolicy(c, {...base, enableBackupLog: 2}), 'InvalidEnableBackupLog', 400);
  // Nothing above changed the instance or started a transition.
  assert.equal((await attribute(c, 'r-kv4')).instanceStatus, 'Normal');
});

test('unknown instance: InvalidInstanceId.NotFound (404) on every instance call', async () => {
  const c = client();
  await rejects(describePolicy(c, 'r-nope'), 'InvalidInstanceId.NotFound', 404);
  await rejects(attribute(c, 'r-nope'), 'InvalidInstanceId.NotFound', 404);
  await rejects(modifyPolicy(c, {instanceId: 'r-nope', preferredBackupPeriod: 'Monday'}), 'MissingPreferredBackupTime', 400);
  await rejects(modifyPolicy(c, {instanceId: 'r-nope', preferredBackupTime: '07:00Z-08:00Z',
    preferredBackupPeriod: 'Monday'}), 'InvalidInstanceId.NotFound', 404);
});

test('DescribeInstances filters by region, ids and status, and pages', async () => {
  for (const [id, region] of [['r-a1', 'cn-hangzhou'], ['r-a2', 'cn-hangzhou'], ['r-a3', 'cn-hangzhou'],
    ['r-b1', 'cn-beijing']]) {
    await op('seed_instance', {instance_id: id, region});
  }
  await op('set_policy', {instance_id: 'r-a3', status: 'Inactive'});
  const c = client();
  const list = async (req) => (await c.describeInstances(new Kvstore.DescribeInstancesRequest(req))).body;
  let b = await list({regionId: 'cn-hangzhou'});
  assert.equal(b.totalCount, 3);
  assert.deepEqual(b.instances.KVStoreInstance.map((i) => i.regionId), ['cn-hangzhou', 'cn-hangzhou', 'cn-hangzhou']);
  b = await list({regionId: 'cn-hangzhou', instanceIds: 'r-a1,r-b1'});
  assert.deepEqual(b.instances.KVStoreInstance.map((i) => i.instanceId), ['r-a1']);
  b = await list({regionId: 'cn-hangzhou', instanceStatus: 'Inactive'});
  assert.deepEqual(b.instances.KVStoreInstance.map((i) => i.instanceId), ['r-a3']);
  const seen = [];
  for (let page = 1; page <= 2; page++) {
    b = await list({regionId: 'cn-hangzhou', pageNumber: page, pageSize: 2});
    assert.equal(b.pageNumber, page);
    assert.equal(b.pageSize, 2);
    assert.equal(b.totalCount, 3);
    seen.push(...b.instances.KVStoreInstance.map((i) => i.instanceId));
  }
  assert.deepEqual(seen.sort(), ['r-a1', 'r-a2', 'r-a3']);
});

test('control ops: out-of-band policy change and deletion show through the API', async () => {
  await op('seed_instance', {instance_id: 'r-d1'});
  await op('set_policy', {instance_id: 'r-d1', backup_time: '22:00Z-23:00Z', backup_periods: ['Friday', 'Monday']});
  const c = client();
  const b = (await describePolicy(c, 'r-d1')).body;
  assert.equal(b.preferredBackupTime, '22:00Z-23:00Z');
  assert.equal(b.preferredBackupPeriod, 'Monday,Friday');
  await op('delete_instance', {instance_id: 'r-d1'});
  await rejects(describePolicy(c, 'r-d1'), 'InvalidInstanceId.NotFound', 404);
});

// ---- signatures --------------------------------------------------------------------------------

test('RPC signature V1 (HMAC-SHA1) from the same client works too', async () => {
  await op('seed_instance', {instance_id: 'r-v1'});
  const c = client({signatureAlgorithm: 'v2'});
  await modifyPolicy(c, {instanceId: 'r-v1', preferredBackupTime: '03:00Z-04:00Z', preferredBackupPeriod: 'Monday'});
  assert.equal((await describePolicy(c, 'r-v1')).body.preferredBackupTime, '03:00Z-04:00Z');
  const log = await control('GET', '/requests');
  assert.ok(log.length >= 2);
  assert.equal(log.at(-1).access_key_id, AK);
});

test('wrong secret: SignatureDoesNotMatch (400); unknown key: InvalidAccessKeyId.NotFound (404)', async () => {
  await op('seed_instance', {instance_id: 'r-s1'});
  for (const sig of [{}, {signatureAlgorithm: 'v2'}]) {
    await rejects(describePolicy(client({...sig, accessKeySecret: 'not-the-secret'}), 'r-s1'), 'SignatureDoesNotMatch', 400);
    await rejects(describePolicy(client({...sig, accessKeyId: 'LTAI000000000000NOPE'}), 'r-s1'),
        'InvalidAccessKeyId.NotFound', 404);
  }
});

test('a key registered through the control API is accepted', async () => {
  await op('seed_instance', {instance_id: 'r-s2'});
  await control('POST', '/credentials', {access_key_id: 'LTAI5tOtherKey000001', secret: 'other-secret'});
  const b = (await describePolicy(client({accessKeyId: 'LTAI5tOtherKey000001', accessKeySecret: 'other-secret'}), 'r-s2')).body;
  assert.equal(b.backupRetentionPeriod, '7');
});

// A raw ACS3 request signed with the official util: replayed, tampered, or carrying a wrong body hash.
function signedV3({action, query, nonce, body = '', secret = SECRET, method = 'POST'}) {
  const host = new URL(em.urls.alicloud_kvstore).host;
  const headers = {
    host, 'x-acs-action': action, 'x-acs-version': '2015-01-01', 'x-acs-date': new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    'x-acs-signature-nonce': nonce, 'x-acs-content-sha256': require('node:crypto').createHash('sha256').update(body).digest('hex'),
  };
  if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
  headers.authorization = OpenApiUtil.getAuthorization({pathname: '/', method, query, headers},
      'ACS3-HMAC-SHA256', headers['x-acs-content-sha256'], AK, secret);
  const qs = new URLSearchParams(query).toString();
  return {url: `${em.urls.alicloud_kvstore}/?${qs}`, init: {method, headers, body: body || undefined}};
}

test('ACS3: a replayed nonce is SignatureNonceUsed; a tampered query or body fails', async () => {
  await op('seed_instance', {instance_id: 'r-n1'});
  const nonce = `nonce-${Date.now()}`;
  const r = signedV3({action: 'DescribeBackupPolicy', query: {InstanceId: 'r-n1'}, nonce});
  let res = await fetch(r.url, r.init);
  assert.equal(res.status, 200);
  res = await fetch(r.url, r.init);
  assert.equal(res.status, 400);
  assert.equal((await res.json()).Code, 'SignatureNonceUsed');

  const t = signedV3({action: 'DescribeBackupPolicy', query: {InstanceId: 'r-n1'}, nonce: `${nonce}-2`});
  res = await fetch(t.url.replace('r-n1', 'r-n2'), t.init);
  assert.equal(res.status, 400);
  assert.equal((await res.json()).Code, 'SignatureDoesNotMatch');

  // Parameters in a form body are covered by x-acs-content-sha256.
  const f = signedV3({action: 'DescribeBackupPolicy', query: {}, nonce: `${nonce}-3`, body: 'InstanceId=r-n1'});
  res = await fetch(f.url, f.init);
  assert.equal(res.status, 200);
  assert.equal((await res.json()).BackupRetentionPeriod, '7');
  const g = signedV3({action: 'DescribeBackupPolicy', query: {}, nonce: `${nonce}-4`, body: 'InstanceId=r-n1'});
  res = await fetch(g.url, {...g.init, body: 'InstanceId=r-n2'});
  assert.equal(res.status, 400);
  assert.equal((await res.json()).Code, 'SignatureDoesNotMatch');

  // GET is signed like POST; the method is part of the canonical request.
  const h = signedV3({action: 'DescribeBackupPolicy', query: {InstanceId: 'r-n1'}, nonce: `${nonce}-5`, method: 'GET'});
  res = await fetch(h.url, h.init);
  assert.equal(res.status, 200);
  const k = signedV3({action: 'DescribeBackupPolicy', query: {InstanceId: 'r-n1'}, nonce: `${nonce}-6`, method: 'GET'});
  res = await fetch(k.url, {...k.init, method: 'POST'});
  assert.equal((await res.json()).Code, 'SignatureDoesNotMatch');
});

test('RPC V1: a replayed SignatureNonce is SignatureNonceUsed', async () => {
  await op('seed_instance', {instance_id: 'r-n3'});
  const params = {Action: 'DescribeBackupPolicy', Version: '2015-01-01', Format: 'JSON', AccessKeyId: AK,
    SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: `n-${Date.now()}`,
    Timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), InstanceId: 'r-n3'};
  params.Signature = OpenApiUtil.getRPCSignature(params, 'GET', SECRET);
  const url = `${em.urls.alicloud_kvstore}/?${new URLSearchParams(params)}`;
  let res = await fetch(url);
  assert.equal(res.status, 200);
  res = await fetch(url);
  assert.equal(res.status, 400);
  assert.equal((await res.json()).Code, 'SignatureNonceUsed');
});

test('unknown action and wrong version answer as the gateway does', async () => {
  const c = client();
  const params = (action, version) => new $OpenApiUtil.Params({action, version, protocol: 'HTTP', pathname: '/',
    method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json'});
  const req = new $OpenApiUtil.OpenApiRequest({query: {}});
  await rejects(c.callApi(params('DescribeNothing', '2015-01-01'), req, new $dara.RuntimeOptions({})), 'InvalidAction.NotFound', 404);
  await rejects(c.callApi(params('DescribeInstances', '2019-01-01'), req, new $dara.RuntimeOptions({})), 'InvalidVersion', 400);
});

// ---- faults ------------------------------------------------------------------------------------

test('injected Throttling.User is retried by a client configured to retry it', async () => {
  await op('seed_instance', {instance_id: 'r-t1'});
  await control('POST', '/faults', {service: 'alicloud_kvstore', route: 'DescribeBackupPolicy', throttle: true, count: 2});
  await rejects(describePolicy(client(), 'r-t1'), 'Throttling.User', 400);

  await control('DELETE', '/requests');
  const retrying = client({retryOptions: new $dara.RetryOptions({
    retryable: true,
    retryCondition: [new $dara.RetryCondition({maxAttempts: 3, exception: ['ThrottlingError'], errorCode: ['Throttling.User'],
      backoff: {policy: 'Fixed', period: 5}})],
  })});
  const b = (await describePolicy(retrying, 'r-t1')).body;
  assert.equal(b.backupRetentionPeriod, '7');
  const log = await control('GET', '/requests');
  assert.deepEqual(log.map((e) => [e.route, e.status, Boolean(e.fault)]),
      [['DescribeBackupPolicy', 400, true], ['DescribeBackupPolicy', 200, false]]);
});

test('injected LockTimeout reaches the client with its code; the policy is unchanged', async () => {
  await op('seed_instance', {instance_id: 'r-t2'});
  await control('POST', '/faults', {service: 'alicloud_kvstore', route: 'ModifyBackupPolicy', status: 500,
    code: 'LockTimeout', message: 'The request processing has failed due to lock timeout.'});
  const c = client();
  await rejects(modifyPolicy(c, {instanceId: 'r-t2', preferredBackupTime: '07:00Z-08:00Z', preferredBackupPeriod: 'Monday'}),
      'LockTimeout', 500);
  assert.equal((await describePolicy(c, 'r-t2')).body.preferredBackupTime, '18:00Z-19:00Z');
  assert.equal((await attribute(c, 'r-t2')).instanceStatus, 'Normal');
});

test('drop_after_commit: the change lands although the client saw no answer', async () => {
  await op('seed_instance', {instance_id: 'r-t3'});
  await control('POST', '/faults', {service: 'alicloud_kvstore', route: 'ModifyBackupPolicy', drop_after_commit: true});
  const c = client();
  await assert.rejects(modifyPolicy(c, {instanceId: 'r-t3', preferredBackupTime: '09:00Z-10:00Z', preferredBackupPeriod: 'Monday'}));
  assert.equal((await describePolicy(c, 'r-t3')).body.preferredBackupTime, '09:00Z-10:00Z');
  assert.equal((await attribute(c, 'r-t3')).instanceStatus, 'Changing');
});

test('request time: stale or malformed Timestamp / x-acs-date is refused (wall clock, not /clock)', async () => {
  await op('seed_instance', {instance_id: 'r-ts'});
  await control('POST', '/clock', {offset_seconds: 86400}); // the emulator clock does not matter here
  const sign = (timestamp, nonce) => {
    const params = {Action: 'DescribeBackupPolicy', Version: '2015-01-01', Format: 'JSON', AccessKeyId: AK,
      SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: nonce, Timestamp: timestamp, InstanceId: 'r-ts'};
    params.Signature = OpenApiUtil.getRPCSignature(params, 'GET', SECRET);
    return `${em.urls.alicloud_kvstore}/?${new URLSearchParams(params)}`;
  };
  const stamp = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  let res = await fetch(sign(stamp(Date.now() - 20 * 60 * 1000), `old-${Date.now()}`));
  assert.equal((await res.json()).Code, 'InvalidTimeStamp.Expired');
  res = await fetch(sign('2026-11-23 10:00:00', `fmt-${Date.now()}`));
  assert.equal((await res.json()).Code, 'InvalidTimeStamp.Format');
  res = await fetch(sign(stamp(Date.now() - 60 * 1000), `ok-${Date.now()}`));
  assert.equal(res.status, 200);
  // The clients themselves pass with the emulator clock a day ahead.
  assert.equal((await describePolicy(client(), 'r-ts')).body.backupRetentionPeriod, '7');
});

test('an STS key needs its security token, with either signature', async () => {
  await op('seed_instance', {instance_id: 'r-sts'});
  await control('POST', '/credentials', {access_key_id: 'STS.NTestKey0000001', secret: 'sts-secret', security_token: 'tok-abc'});
  const sts = {accessKeyId: 'STS.NTestKey0000001', accessKeySecret: 'sts-secret'};
  for (const sig of [{}, {signatureAlgorithm: 'v2'}]) {
    assert.equal((await describePolicy(client({...sts, ...sig, securityToken: 'tok-abc'}), 'r-sts')).body.backupRetentionPeriod, '7');
    await rejects(describePolicy(client({...sts, ...sig}), 'r-sts'), 'InvalidSecurityToken.MismatchWithAccessKey', 400);
    await rejects(describePolicy(client({...sts, ...sig, securityToken: 'tok-other'}), 'r-sts'),
        'InvalidSecurityToken.MismatchWithAccessKey', 400);
  }
});

test('--state: instances, policies and a running transition survive a restart', async () => {
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pb-kv-'));
  const stateFile = path.join(dir, 'state.json');
  try {
    let other = await start({services: ['alicloud_kvstore'], stateFile});
    const host = (e) => new URL(e.urls.alicloud_kvstore).host;
    const mk = (e) => new Kvstore.default(new $OpenApiUtil.Config({accessKeyId: AK, accessKeySecret: SECRET,
      endpoint: host(e), protocol: 'http', regionId: 'cn-hangzhou'}));
    await fetch(`${other.urls.control}/services/alicloud_kvstore/settings`, {method: 'POST', body: '{"transition_seconds":600}'});
    await fetch(`${other.urls.control}/services/alicloud_kvstore/seed_instance`, {method: 'POST', body: '{"instance_id":"r-st"}'});
    await modifyPolicy(mk(other), {instanceId: 'r-st', preferredBackupTime: '11:00Z-12:00Z', preferredBackupPeriod: 'Friday'});
    await other.close();
    other = await start({services: ['alicloud_kvstore'], stateFile});
    try {
      const c = mk(other);
      assert.equal((await describePolicy(c, 'r-st')).body.preferredBackupTime, '11:00Z-12:00Z');
      assert.equal((await attribute(c, 'r-st')).instanceStatus, 'Changing');
    } finally {
      await other.close();
    }
  } finally {
    fs.rmSync(dir, {recursive: true, force: true});
  }
});

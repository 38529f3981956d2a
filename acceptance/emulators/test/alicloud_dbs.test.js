'use strict';
// Conformance of the DBS emulator (API 2019-03-06). There is no generated DBS client on npm here,
// so it is driven the way such clients work: @alicloud/openapi-client's generic callApi with
// ACS3-HMAC-SHA256 (default) and with the RPC V1 signature (signatureAlgorithm 'v2'), and
// @alicloud/pop-core's RPCClient (RPC V1, parameters in a form body for POST).

const test = require('node:test');
const assert = require('node:assert/strict');
const {FIXED_IDENTITY} = require('../lib/core');
const {useEmulators} = require('./harness');
const OpenApi = require('@alicloud/openapi-client');
const OpenApiUtil = require('@alicloud/openapi-util').default;
const TeaUtil = require('@alicloud/tea-util');
const PopCore = require('@alicloud/pop-core');
const dbs = require('../services/alicloud_dbs');

const AK = FIXED_IDENTITY.accessKeyId;
const SECRET = FIXED_IDENTITY.secret;

const em = useEmulators(['alicloud_dbs']);
const control = em.control;

const op = (name, body) => em.op('alicloud_dbs', name, body);
const advance = (seconds) => control('POST', '/clock', {advance_seconds: seconds});

// callApi of the generic OpenAPI client: returns {statusCode, body}.
function openapi(extra = {}) {
  const c = new OpenApi.default(new OpenApi.Config({accessKeyId: AK, accessKeySecret: SECRET,
    endpoint: new URL(em.urls.alicloud_dbs).host, protocol: 'http', regionId: 'cn-hangzhou', ...extra}));
  return async (action, query = {}) => {
    const params = new OpenApi.Params({action, version: '2019-03-06', protocol: 'HTTP', pathname: '/', method: 'POST',
      authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json'});
    const req = new OpenApi.OpenApiRequest({query: OpenApiUtil.query(query)});
    const res = await c.callApi(params, req, new TeaUtil.RuntimeOptions({}));
    return {statusCode: res.statusCode, body: res.body};
  };
}

function pop(extra = {}) {
  const c = new PopCore({accessKeyId: AK, accessKeySecret: SECRET, endpoint: em.urls.alicloud_dbs,
    apiVersion: '2019-03-06', ...extra});
  return (action, params = {}, method = 'POST') => c.request(action, params, {method});
}

const CREATE = {Region: 'cn-hangzhou', InstanceClass: 'micro', DatabaseType: 'MySQL', BackupMethod: 'logical',
  Period: 'Month', UsedTime: 1};
const CONFIGURE = {BackupPlanName: 'orders-db', SourceEndpointInstanceType: 'RDS', SourceEndpointRegion: 'cn-hangzhou',
  SourceEndpointInstanceID: 'rm-bp1orders0000', SourceEndpointUserName: 'dbs', SourceEndpointPassword: 'pw-1',
  BackupPeriod: 'Monday,Thursday', BackupStartTime: '14:22', BackupRetentionPeriod: 30, EnableBackupLog: true,
  BackupObjects: '[{"DBName":"orders"}]'};

async function rejects(promise, code, statusCode) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.code, code, e.message);
    if (statusCode !== undefined) assert.equal(e.statusCode ?? e.data?.statusCode, statusCode);
    return true;
  });
}

// Business failures come back with HTTP 200 and the envelope.
function assertFailed(res, errCode, httpStatusCode) {
  assert.equal(res.statusCode, 200);
  assert.equal(res.body.Success, false);
  assert.equal(res.body.ErrCode, errCode, JSON.stringify(res.body));
  assert.equal(res.body.HttpStatusCode, httpStatusCode);
  assert.equal(typeof res.body.ErrMessage, 'string');
  assert.match(res.body.RequestId, /^[0-9A-F-]{36}$/);
}

async function describeOne(call, id) {
  const res = await call('DescribeBackupPlanList', {BackupPlanId: id});
  assert.equal(res.body.Success, true);
  return res.body.Items.BackupPlanDetail[0];
}

async function createdAndConfigured(call, extra = {}) {
  const id = (await call('CreateBackupPlan', CREATE)).body.BackupPlanId;
  await advance(6);
  const res = await call('ConfigureBackupPlan', {...CONFIGURE, BackupPlanId: id, ...extra});
  assert.equal(res.body.Success, true, JSON.stringify(res.body));
  return id;
}

// ---- without HTTP -------------------------------------------------------------------------------

test('handlers run against a fake ctx; business errors use the envelope', async () => {
  const state = dbs.initialState();
  const ctx = {state, now: () => new Date(Date.UTC(2026, 0, 1)), requestId: () => 'r-1', changed: () => {}, log: () => {},
    credentials: {lookup: () => null}};
  const req = (action, rawQuery) => ({method: 'GET', path: '/', rawQuery, query: {},
    headers: {'x-acs-action': action, 'x-acs-version': '2019-03-06'}, rawBody: Buffer.alloc(0)});
  const res = await dbs.handle(ctx, req('StartBackupPlan', 'BackupPlanId=dbsnope'));
  assert.equal(res.status, 200);
  assert.deepEqual({...res.body, RequestId: undefined}, {RequestId: undefined, HttpStatusCode: 404, Success: false,
    ErrCode: 'Param.NotFound', ErrMessage: 'The specified parameter BackupPlanId value dbsnope is not valid.'});
  await assert.rejects(dbs.handle(ctx, req('StartBackupPlan', '')), (e) => e.code === 'MissingBackupPlanId' && e.status === 400);
});

// ---- lifecycle ----------------------------------------------------------------------------------

test('CreateBackupPlan answers BackupPlanId and OrderId; the plan waits in `wait`', async () => {
  const call = openapi();
  const res = await call('CreateBackupPlan', CREATE);
  assert.equal(res.statusCode, 200);
  assert.equal(res.body.Success, true);
  assert.equal(res.body.HttpStatusCode, 200);
  assert.match(res.body.BackupPlanId, /^dbs[a-z0-9]+$/);
  assert.match(res.body.OrderId, /^\d+$/);
  const plan = await describeOne(call, res.body.BackupPlanId);
  assert.equal(plan.BackupPlanStatus, 'wait');
  assert.equal(plan.DatabaseType, 'MySQL');
  assert.equal(plan.InstanceClass, 'micro');
  assert.equal(plan.BackupMethod, 'logical');
  assert.equal(typeof plan.BackupPlanCreateTime, 'number');
});

test('CreateBackupPlan validates enums and the subscription term', async () => {
  const call = openapi();
  assertFailed(await call('CreateBackupPlan', {...CREATE, InstanceClass: 'huge'}), 'InvalidParameter', 400);
  assertFailed(await call('CreateBackupPlan', {...CREATE, BackupMethod: 'snapshot'}), 'InvalidParameter', 400);
  assertFailed(await call('CreateBackupPlan', {...CREATE, UsedTime: 12}), 'InvalidParameter', 400);
  await rejects(call('CreateBackupPlan', {...CREATE, DatabaseType: undefined}), 'MissingDatabaseType', 400);
  await rejects(call('CreateBackupPlan', {...CREATE, Region: undefined}), 'MissingRegion', 400);
  const list = await call('DescribeBackupPlanList', {});
  assert.equal(list.body.TotalElements, 0);
});

test('pay-as-you-go for every backup method: needs the regions and InstanceType, refuses DRDS', async () => {
  const call = openapi();
  const POSTPAY = {Region: 'cn-hangzhou', InstanceClass: 'xlarge', DatabaseType: 'MySQL', BackupMethod: 'logical',
    PayType: 'postpay', DatabaseRegion: 'cn-hangzhou', StorageRegion: 'cn-hangzhou', InstanceType: 'RDS'};
  for (const BackupMethod of ['logical', 'physical', 'duplication']) {
    const res = await call('CreateBackupPlan', {...POSTPAY, BackupMethod});
    assert.equal(res.body.Success, true, JSON.stringify(res.body));
  }
  await rejects(call('CreateBackupPlan', {...POSTPAY, StorageRegion: undefined}), 'MissingStorageRegion', 400);
  await rejects(call('CreateBackupPlan', {...POSTPAY, InstanceType: undefined}), 'MissingInstanceType', 400);
  assertFailed(await call('CreateBackupPlan', {...POSTPAY, InstanceType: 'Mainframe'}), 'InvalidParameter', 400);
  assertFailed(await call('CreateBackupPlan', {...POSTPAY, DatabaseType: 'DRDS'}), 'InvalidParameter', 400);
  assert.equal((await call('DescribeBackupPlanList', {})).body.TotalElements, 3);
});

test('DescribeBackupPlanBilling: BuyChargeType PREPAY / POSTPAY; an unknown plan is InvalidJobId', async () => {
  const call = openapi();
  const prepaid = (await call('CreateBackupPlan', {...CREATE, Period: 'Year', UsedTime: 2})).body.BackupPlanId;
  const postpaid = (await call('CreateBackupPlan', {...CREATE, PayType: 'postpay', InstanceClass: 'xlarge',
    DatabaseRegion: 'cn-hangzhou', StorageRegion: 'cn-hangzhou', InstanceType: 'RDS'})).body.BackupPlanId;
  const pre = (await call('DescribeBackupPlanBilling', {BackupPlanId: prepaid})).body;
  assert.equal(pre.Success, true);
  assert.equal(pre.Item.BuyChargeType, 'PREPAY');
  assert.equal(pre.Item.BuySpec, 'micro');
  assert.equal(pre.Item.IsExpired, false);
  assert.equal(pre.Item.TotalFreeBytes, 40 * 1024 ** 3);
  assert.ok(pre.Item.BuyExpiredTimestamp > pre.Item.BuyCreateTimestamp);
  const post = (await call('DescribeBackupPlanBilling', {BackupPlanId: postpaid})).body;
  assert.equal(post.Item.BuyChargeType, 'POSTPAY');
  assert.equal(post.Item.IsFreeBytesUnlimited, true);
  assert.equal(post.Item.BuyExpiredTimestamp, undefined, 'expiry only for prepay');
  assertFailed(await call('DescribeBackupPlanBilling', {BackupPlanId: 'dbsgone'}), 'InvalidJobId', 404);
  await rejects(call('DescribeBackupPlanBilling', {}), 'MissingBackupPlanId', 400);
});

test('ClientToken: the same token answers the same plan, across signature styles, with no duplicate', async () => {
  const v3 = openapi();
  const v1 = openapi({signatureAlgorithm: 'v2'});
  const a = (await v3('CreateBackupPlan', {...CREATE, ClientToken: 'tok-123'})).body;
  const b = (await v1('CreateBackupPlan', {...CREATE, ClientToken: 'tok-123'})).body;
  const c = await pop()('CreateBackupPlan', {...CREATE, ClientToken: 'tok-123'});
  assert.equal(b.BackupPlanId, a.BackupPlanId);
  assert.equal(c.BackupPlanId, a.BackupPlanId);
  assert.equal(b.OrderId, a.OrderId);
  const other = (await v3('CreateBackupPlan', {...CREATE, ClientToken: 'tok-456'})).body;
  assert.notEqual(other.BackupPlanId, a.BackupPlanId);
  const list = (await v3('DescribeBackupPlanList', {})).body;
  assert.equal(list.TotalElements, 2);
});

test('ConfigureBackupPlan is refused sooner than configure_delay_seconds after create', async () => {
  const call = openapi();
  const id = (await call('CreateBackupPlan', CREATE)).body.BackupPlanId;
  assertFailed(await call('ConfigureBackupPlan', {...CONFIGURE, BackupPlanId: id}), 'BackupPlanNotCreate', 400);
  assert.equal((await describeOne(call, id)).BackupPlanStatus, 'wait');
  await advance(4);
  assertFailed(await call('ConfigureBackupPlan', {...CONFIGURE, BackupPlanId: id}), 'BackupPlanNotCreate', 400);
  await advance(2);
  const ok = await call('ConfigureBackupPlan', {...CONFIGURE, BackupPlanId: id});
  assert.equal(ok.body.Success, true);
  assert.equal(ok.body.BackupPlanId, id);

  await op('settings', {configure_delay_seconds: 0});
  const id2 = (await call('CreateBackupPlan', CREATE)).body.BackupPlanId;
  assert.equal((await call('ConfigureBackupPlan', {...CONFIGURE, BackupPlanId: id2})).body.Success, true);
});

test('configured plan: DescribeBackupPlanList fields and their wire types', async () => {
  const call = openapi();
  const id = await createdAndConfigured(call);
  const plan = await describeOne(call, id);
  assert.equal(plan.BackupPlanId, id);
  assert.equal(plan.BackupPlanName, 'orders-db');
  assert.equal(plan.BackupPlanStatus, 'check_pass');
  assert.equal(plan.SourceEndpointInstanceType, 'rds');
  assert.equal(plan.SourceEndpointRegion, 'cn-hangzhou');
  assert.equal(plan.SourceEndpointInstanceID, 'rm-bp1orders0000');
  assert.equal(plan.SourceEndpointUserName, 'dbs');
  assert.equal(plan.BackupPeriod, 'MONDAY,THURSDAY', 'answered in upper case, as DBS does');
  assert.equal(plan.BackupStartTime, '14:22');
  assert.equal(plan.BackupRetentionPeriod, 30);
  assert.equal(plan.EnableBackupLog, true);
  assert.equal(plan.BackupObjects, '[{"DBName":"orders"}]');
  assert.match(plan.OSSBucketName, /^dbs-backup-/);
  assert.equal(plan.SourceEndpointPassword, undefined, 'the password is never answered');
  assert.equal(plan.internal, undefined);
});

test('ConfigureBackupPlan checks the source endpoint parameters its location needs', async () => {
  const call = openapi();
  const id = (await call('CreateBackupPlan', CREATE)).body.BackupPlanId;
  await advance(6);
  await rejects(call('ConfigureBackupPlan', {...CONFIGURE, BackupPlanId: id, SourceEndpointInstanceID: undefined}),
      'MissingSourceEndpointInstanceID', 400);
  await rejects(call('ConfigureBackupPlan', {...CONFIGURE, BackupPlanId: id, SourceEndpointInstanceType: 'Other'}),
      'MissingSourceEndpointIP', 400);
  assertFailed(await call('ConfigureBackupPlan', {...CONFIGURE, BackupPlanId: id, BackupStartTime: '25:00'}),
      'InvalidParameter', 400);
  assertFailed(await call('ConfigureBackupPlan', {...CONFIGURE, BackupPlanId: id, BackupPeriod: 'Caturday'}),
      'InvalidParameter', 400);
  const ok = await call('ConfigureBackupPlan', {...CONFIGURE, BackupPlanId: id, SourceEndpointInstanceType: 'Other',
    SourceEndpointInstanceID: undefined, SourceEndpointRegion: undefined, SourceEndpointIP: '10.0.0.5',
    SourceEndpointPort: 3306});
  assert.equal(ok.body.Success, true);
  const plan = await describeOne(call, id);
  assert.equal(plan.SourceEndpointInstanceType, 'other');
  assert.equal(plan.SourceEndpointIpPort, '10.0.0.5:3306');
});

test('Start / Stop move the plan between running and pause', async () => {
  const call = openapi();
  const fresh = (await call('CreateBackupPlan', CREATE)).body.BackupPlanId;
  assertFailed(await call('StartBackupPlan', {BackupPlanId: fresh}), 'BackupPlanNotConfigured', 400);
  const id = await createdAndConfigured(call);
  const started = await call('StartBackupPlan', {BackupPlanId: id});
  assert.equal(started.body.Success, true);
  assert.equal(started.body.BackupPlanId, id);
  assert.equal((await describeOne(call, id)).BackupPlanStatus, 'running');
  await rejects(call('StopBackupPlan', {BackupPlanId: id}), 'MissingStopMethod', 400);
  assert.equal((await call('StopBackupPlan', {BackupPlanId: id, StopMethod: 'ALL'})).body.Success, true);
  assert.equal((await describeOne(call, id)).BackupPlanStatus, 'pause');
  await call('StartBackupPlan', {BackupPlanId: id});
  assert.equal((await describeOne(call, id)).BackupPlanStatus, 'running');
});

test('AutoStartBackup starts the plan from ConfigureBackupPlan', async () => {
  const call = openapi();
  const id = await createdAndConfigured(call, {AutoStartBackup: true});
  assert.equal((await describeOne(call, id)).BackupPlanStatus, 'running');
});

test('a seeded source database decides the precheck', async () => {
  const call = openapi();
  await op('seed_database', {instance_id: 'rm-bp1orders0000', password: 'pw-1'});
  const good = await createdAndConfigured(call);
  assert.equal((await call('StartBackupPlan', {BackupPlanId: good})).body.Success, true);

  const bad = await createdAndConfigured(call, {SourceEndpointPassword: 'wrong'});
  const plan = await describeOne(call, bad);
  assert.equal(plan.BackupPlanStatus, 'init');
  assert.match(plan.ErrMessage, /access denied/);
  assertFailed(await call('StartBackupPlan', {BackupPlanId: bad}), 'PrecheckFailed', 400);

  await op('seed_database', {instance_id: 'rm-bp1down', reachable: false});
  const down = await createdAndConfigured(call, {SourceEndpointInstanceID: 'rm-bp1down'});
  assert.equal((await describeOne(call, down)).BackupPlanStatus, 'init');
});

test('Modify* operations change what DescribeBackupPlanList answers', async () => {
  const call = openapi();
  const id = await createdAndConfigured(call, {AutoStartBackup: true});

  assert.equal((await call('ModifyBackupPlanName', {BackupPlanId: id, BackupPlanName: 'renamed'})).body.Success, true);
  assert.equal((await describeOne(call, id)).BackupPlanName, 'renamed');

  // BackupPeriod must name at least two days here (API reference).
  assertFailed(await call('ModifyBackupStrategy', {BackupPlanId: id, BackupPeriod: 'Monday', BackupStartTime: '01:00'}),
      'InvalidParameter', 400);
  const strat = await call('ModifyBackupStrategy', {BackupPlanId: id, BackupPeriod: 'Sunday,Tuesday', BackupStartTime: '01:30'});
  assert.equal(strat.body.Success, true);
  assert.equal(strat.body.NeedPrecheck, false);
  let plan = await describeOne(call, id);
  assert.equal(plan.BackupPeriod, 'TUESDAY,SUNDAY');
  assert.equal(plan.BackupStartTime, '01:30');
  assert.equal(plan.BackupPlanStatus, 'running');

  const src = await call('ModifyBackupSourceEndpoint', {BackupPlanId: id, SourceEndpointInstanceType: 'RDS',
    SourceEndpointRegion: 'cn-shanghai', SourceEndpointInstanceID: 'rm-uf6new0000', SourceEndpointUserName: 'dbs2',
    SourceEndpointPassword: 'pw-2'});
  assert.equal(src.body.NeedPrecheck, true);
  plan = await describeOne(call, id);
  assert.equal(plan.SourceEndpointInstanceID, 'rm-uf6new0000');
  assert.equal(plan.SourceEndpointRegion, 'cn-shanghai');
  assert.equal(plan.BackupPlanStatus, 'check_pass', 'a new source needs StartBackupPlan again');

  assertFailed(await call('ModifyBackupObjects', {BackupPlanId: id, BackupObjects: 'not json'}), 'InvalidParameter', 400);
  const objs = await call('ModifyBackupObjects', {BackupPlanId: id, BackupObjects: '[{"DBName":"billing"}]'});
  assert.equal(objs.body.NeedPrecheck, true);
  assert.equal((await describeOne(call, id)).BackupObjects, '[{"DBName":"billing"}]');
});

test('DescribeBackupPlanList pages from PageNum 0 and filters by name and region', async () => {
  const call = openapi();
  const ids = [];
  for (let i = 0; i < 5; i++) {
    ids.push((await call('CreateBackupPlan', {...CREATE, Region: i < 4 ? 'cn-hangzhou' : 'cn-beijing'})).body.BackupPlanId);
    await advance(1);
  }
  const seen = [];
  for (let page = 0; page < 3; page++) {
    const b = (await call('DescribeBackupPlanList', {PageNum: page, PageSize: 2})).body;
    assert.equal(b.PageNum, page);
    assert.equal(b.PageSize, 2);
    assert.equal(b.TotalElements, 5);
    assert.equal(b.TotalPages, 3);
    seen.push(...b.Items.BackupPlanDetail.map((p) => p.BackupPlanId));
  }
  assert.deepEqual([...seen].sort(), [...ids].sort());
  assert.equal((await call('DescribeBackupPlanList', {PageNum: 3, PageSize: 2})).body.Items.BackupPlanDetail.length, 0);
  assert.equal((await call('DescribeBackupPlanList', {Region: 'cn-beijing'})).body.TotalElements, 1);
  await call('ModifyBackupPlanName', {BackupPlanId: ids[2], BackupPlanName: 'findme'});
  const byName = (await call('DescribeBackupPlanList', {BackupPlanName: 'findme'})).body.Items.BackupPlanDetail;
  assert.deepEqual(byName.map((p) => p.BackupPlanId), [ids[2]]);
  const byIds = (await call('DescribeBackupPlanList', {BackupPlanId: `${ids[0]},${ids[4]}`})).body;
  assert.equal(byIds.TotalElements, 2);
  assert.equal((await call('DescribeBackupPlanList', {BackupPlanId: 'dbsgone'})).body.TotalElements, 0);
  assertFailed(await call('DescribeBackupPlanList', {PageSize: 500}), 'InvalidParameter', 400);
});

test('ReleaseBackupPlan removes the plan; a second release is Param.NotFound', async () => {
  const call = openapi();
  const id = await createdAndConfigured(call);
  assert.equal((await call('ReleaseBackupPlan', {BackupPlanId: id})).body.Success, true);
  assert.equal((await call('DescribeBackupPlanList', {BackupPlanId: id})).body.TotalElements, 0);
  assertFailed(await call('ReleaseBackupPlan', {BackupPlanId: id}), 'Param.NotFound', 404);
});

test('control ops: out-of-band changes and deletion show through the API', async () => {
  const call = openapi();
  const id = await createdAndConfigured(call);
  await op('mutate_plan', {plan_id: id, patch: {BackupPlanStatus: 'pause', BackupStartTime: '03:03'}});
  const plan = await describeOne(call, id);
  assert.equal(plan.BackupPlanStatus, 'pause');
  assert.equal(plan.BackupStartTime, '03:03');
  await op('delete_plan', {plan_id: id});
  assertFailed(await call('StartBackupPlan', {BackupPlanId: id}), 'Param.NotFound', 404);
});

// ---- signatures --------------------------------------------------------------------------------

test('pop-core (RPC V1, form body) drives the same plan', async () => {
  const call = pop();
  const created = await call('CreateBackupPlan', CREATE);
  assert.equal(created.Success, true);
  await advance(6);
  const configured = await call('ConfigureBackupPlan', {...CONFIGURE, BackupPlanId: created.BackupPlanId});
  assert.equal(configured.Success, true);
  const listed = await call('DescribeBackupPlanList', {BackupPlanId: created.BackupPlanId}, 'GET');
  assert.equal(listed.Items.BackupPlanDetail[0].BackupPlanName, 'orders-db');
  const log = await control('GET', '/requests');
  assert.deepEqual(log.map((e) => e.route), ['CreateBackupPlan', 'ConfigureBackupPlan', 'DescribeBackupPlanList']);
});

test('wrong secret is SignatureDoesNotMatch (400) and an unknown key InvalidAccessKeyId.NotFound (404), every signer', async () => {
  for (const sig of [{}, {signatureAlgorithm: 'v2'}]) {
    await rejects(openapi({...sig, accessKeySecret: 'nope'})('DescribeBackupPlanList'), 'SignatureDoesNotMatch', 400);
    await rejects(openapi({...sig, accessKeyId: 'LTAI0000000000000BAD'})('DescribeBackupPlanList'),
        'InvalidAccessKeyId.NotFound', 404);
  }
  await assert.rejects(pop({accessKeySecret: 'nope'})('DescribeBackupPlanList'), (e) => {
    assert.equal(e.code, 'SignatureDoesNotMatch');
    assert.equal(e.data.HostId, 'dbs-api.cn-hangzhou.aliyuncs.com');
    assert.match(e.data.Recommend, /SignatureDoesNotMatch/);
    return true;
  });
});

test('RPC V1 in a form body: a replayed nonce is SignatureNonceUsed', async () => {
  const params = {Action: 'DescribeBackupPlanList', Version: '2019-03-06', Format: 'JSON', AccessKeyId: AK,
    SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: `n-${Date.now()}`,
    Timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z')};
  params.Signature = OpenApiUtil.getRPCSignature(params, 'POST', SECRET);
  const init = {method: 'POST', headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams(params).toString()};
  let res = await fetch(`${em.urls.alicloud_dbs}/`, init);
  assert.equal(res.status, 200);
  assert.equal((await res.json()).Success, true);
  res = await fetch(`${em.urls.alicloud_dbs}/`, init);
  assert.equal(res.status, 400);
  assert.equal((await res.json()).Code, 'SignatureNonceUsed');
  // The same parameters signed for GET do not pass as POST.
  const get = {...params, SignatureNonce: `${params.SignatureNonce}-2`};
  delete get.Signature;
  get.Signature = OpenApiUtil.getRPCSignature(get, 'GET', SECRET);
  res = await fetch(`${em.urls.alicloud_dbs}/`, {...init, body: new URLSearchParams(get).toString()});
  assert.equal((await res.json()).Code, 'SignatureDoesNotMatch');
});

// ---- faults ------------------------------------------------------------------------------------

test('injected Throttling.User: POP error shape, HTTP 400; a retry after it succeeds', async () => {
  await control('POST', '/faults', {service: 'alicloud_dbs', route: 'CreateBackupPlan', throttle: true});
  const call = openapi();
  await rejects(call('CreateBackupPlan', {...CREATE, ClientToken: 'retry-me'}), 'Throttling.User', 400);
  const again = await call('CreateBackupPlan', {...CREATE, ClientToken: 'retry-me'});
  assert.equal(again.body.Success, true);
  assert.equal((await call('DescribeBackupPlanList')).body.TotalElements, 1);
  await control('POST', '/faults', {service: 'alicloud_dbs', route: '*', throttle: true});
  await assert.rejects(pop()('DescribeBackupPlanList'), (e) => e.code === 'Throttling.User');
});

test('drop_after_commit on create: retrying with the same ClientToken finds the committed plan', async () => {
  await control('POST', '/faults', {service: 'alicloud_dbs', route: 'CreateBackupPlan', drop_after_commit: true});
  const call = openapi();
  await assert.rejects(call('CreateBackupPlan', {...CREATE, ClientToken: 'lost-answer'}));
  const again = (await call('CreateBackupPlan', {...CREATE, ClientToken: 'lost-answer'})).body;
  const list = (await call('DescribeBackupPlanList')).body;
  assert.equal(list.TotalElements, 1);
  assert.equal(list.Items.BackupPlanDetail[0].BackupPlanId, again.BackupPlanId);
});

// ---- the rest of the plan API a provider may use ---------------------------------------------------

test('CreateAndStartBackupPlan creates, configures and starts in one call (idempotent by ClientToken)', async () => {
  const call = openapi();
  const args = {...CREATE, ...CONFIGURE, ClientToken: 'cas-1'};
  const res = (await call('CreateAndStartBackupPlan', args)).body;
  assert.equal(res.Success, true);
  assert.equal(res.CreateBackupSet, true);
  const plan = await describeOne(call, res.BackupPlanId);
  assert.equal(plan.BackupPlanStatus, 'running');
  assert.equal(plan.BackupPlanName, 'orders-db');
  assert.equal(plan.SourceEndpointInstanceID, 'rm-bp1orders0000');
  assert.equal((await call('CreateAndStartBackupPlan', args)).body.BackupPlanId, res.BackupPlanId);
  assert.equal((await call('DescribeBackupPlanList')).body.TotalElements, 1);
  await rejects(call('CreateAndStartBackupPlan', {...CREATE, ...CONFIGURE, SourceEndpointInstanceType: undefined}),
      'MissingSourceEndpointInstanceType', 400);
});

test('Enable/DisableBackupLog and ModifyStorageStrategy', async () => {
  const call = openapi();
  const id = await createdAndConfigured(call, {EnableBackupLog: false});
  assert.equal((await call('EnableBackupLog', {BackupPlanId: id})).body.Success, true);
  assert.equal((await describeOne(call, id)).EnableBackupLog, true);
  await call('DisableBackupLog', {BackupPlanId: id});
  assert.equal((await describeOne(call, id)).EnableBackupLog, false);

  await rejects(call('ModifyStorageStrategy', {BackupPlanId: id, BackupRetentionPeriod: 90}),
      'MissingDuplicationInfrequentAccessPeriod', 400);
  const storage = {BackupPlanId: id, BackupRetentionPeriod: 90, DuplicationInfrequentAccessPeriod: 30, DuplicationArchivePeriod: 60};
  assert.equal((await call('ModifyStorageStrategy', storage)).body.Success, true);
  const plan = await describeOne(call, id);
  assert.equal(plan.BackupRetentionPeriod, 90);
  assert.equal(plan.DuplicationInfrequentAccessPeriod, 30);
  assert.equal(plan.DuplicationArchivePeriod, 60);
  assertFailed(await call('ModifyStorageStrategy', {...storage, BackupRetentionPeriod: 2000}), 'InvalidParameter', 400);

  // Duplication backups need infrequent-access < archive < retention.
  const dup = (await call('CreateBackupPlan', {...CREATE, BackupMethod: 'duplication'})).body.BackupPlanId;
  assertFailed(await call('ModifyStorageStrategy', {...storage, BackupPlanId: dup, DuplicationArchivePeriod: 120}),
      'InvalidParameter', 400);
  assert.equal((await call('ModifyStorageStrategy', {...storage, BackupPlanId: dup})).body.Success, true);
});

test('mandatory parameters are refused by the gateway before any business rule', async () => {
  const call = openapi();
  await rejects(call('ModifyBackupPlanName', {BackupPlanId: 'dbsunknown'}), 'MissingBackupPlanName', 400);
  await rejects(call('ConfigureBackupPlan', {BackupPlanId: 'dbsunknown', BackupPlanName: 'x'}),
      'MissingSourceEndpointInstanceType', 400);
  await rejects(call('ModifyStorageStrategy', {BackupPlanId: 'dbsunknown', BackupRetentionPeriod: 10}),
      'MissingDuplicationInfrequentAccessPeriod', 400);
  assertFailed(await call('ModifyBackupPlanName', {BackupPlanId: 'dbsunknown', BackupPlanName: 'x'}), 'Param.NotFound', 404);
});

// Regenerates alicloud_vectors.json with the official Alibaba Cloud signer
// code (@alicloud/openapi-core OpenApiUtil, the helper every current Alibaba
// Cloud TypeScript SDK signs with): ACS3-HMAC-SHA256 via getAuthorization and
// the RPC V1 HMAC-SHA1 signature via getRPCSignature, for R-kvstore
// (2015-01-01) and DBS (2019-03-06) actions with their real parameters.
// Checked byte for byte by clients/signing/alicloud_signature_test.cc.
//
//   node clients/testdata/gen_alicloud_vectors.js   (from the repository root)
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { OpenApiUtil } = require('@alicloud/openapi-core');

const enc = (s) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const sha256hex = (s) => crypto.createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex');
const isoSeconds = (t) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

const longTerm = { access_key_id: 'LTAI5tExampleKeyId0001', access_key_secret: 'ExampleSecret0123456789abcdefXYZ', security_token: '' };
const sts = {
  access_key_id: 'STS.NTexampleTemporaryKey',
  access_key_secret: 'Temp/Secret+With=Chars0123456789',
  security_token: 'CAIS8gF1q6Ft5B2yfSjIr5fTexample+token/with==padding',
};

const kvstore = { host: 'r-kvstore.aliyuncs.com', version: '2015-01-01' };
const dbs = { host: 'dbs-api.cn-hangzhou.aliyuncs.com', version: '2019-03-06' };
const backupObjects = JSON.stringify([{ DBName: 'orders', Tables: ['t1', 't 2'] }]);

// ACS3: RPC-style APIs send their parameters in the query of "POST /".
const acs3Cases = [
  { name: 'kvstore-describe-backup-policy', api: kvstore, action: 'DescribeBackupPolicy',
    query: { InstanceId: 'r-bp1zxszhcgatnx****', RegionId: 'cn-hangzhou' }, creds: longTerm,
    time: '2024-03-15T08:30:00Z', nonce: '3156853299f313e23d1673dc12e1703d' },
  { name: 'kvstore-modify-backup-policy-sts', api: kvstore, action: 'ModifyBackupPolicy',
    query: { InstanceId: 'r-bp1zxszhcgatnx****', PreferredBackupPeriod: 'Monday,Wednesday,Friday',
      PreferredBackupTime: '02:00Z-03:00Z', BackupRetentionPeriod: '7', EnableBackupLog: '1' },
    creds: sts, time: '2024-02-29T23:59:59Z', nonce: 'a4b2c3d4e5f60718293a4b5c6d7e8f90' },
  { name: 'dbs-create-backup-plan', api: dbs, action: 'CreateBackupPlan',
    query: { Region: 'cn-hangzhou', DatabaseType: 'MySQL', InstanceClass: 'micro', BackupMethod: 'logical',
      Period: 'Month', UsedTime: '1', PayType: 'PostPaid',
      ClientToken: 'TF-CreateBackupPlan-1710491400-6f1c2a8e-0b3d-4c5e-9f70-123456789abc' },
    creds: longTerm, time: '2024-03-15T08:30:00Z', nonce: '0f9e8d7c6b5a49382716f5e4d3c2b1a0' },
  { name: 'dbs-configure-backup-plan-unicode-json', api: dbs, action: 'ConfigureBackupPlan',
    query: { BackupPlanId: 'dbs1hvb6j0d****', BackupPlanName: '计划 nightly (orders)', SourceEndpointInstanceType: 'RDS',
      SourceEndpointRegion: 'cn-hangzhou', SourceEndpointInstanceID: 'rm-bp1****', SourceEndpointDatabaseName: 'orders',
      BackupObjects: backupObjects, BackupPeriod: 'Monday,Friday', BackupStartTime: '14:22', BackupRetentionPeriod: '730',
      EnableBackupLog: 'true', BackupStorageType: 'system', OSSBucketName: 'my-bucket_1.x~y*z' },
    creds: sts, time: '2025-01-01T00:00:00Z', nonce: 'ffffffffffffffffffffffffffffffff' },
  { name: 'dbs-describe-backup-plan-list-form-body', api: dbs, action: 'DescribeBackupPlanList',
    query: { Region: 'cn-hangzhou' }, headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'polybackup/0.1.0', accept: 'application/json' },
    body: 'PageNum=0&PageSize=30&BackupPlanStatus=running', creds: longTerm,
    time: '2023-12-31T23:00:00Z', nonce: '11112222333344445555666677778888' },
];

// RPC V1: every parameter but Signature is signed; the C++ builder adds the
// common parameters listed here in `common`.
const v1Cases = [
  { name: 'v1-kvstore-describe-backup-policy', api: kvstore, action: 'DescribeBackupPolicy', method: 'POST',
    params: { InstanceId: 'r-bp1zxszhcgatnx****', RegionId: 'cn-hangzhou' }, creds: longTerm,
    time: '2024-03-15T08:30:00Z', nonce: '3156853299f313e23d1673dc12e1703d', form_body: false },
  { name: 'v1-kvstore-modify-backup-policy-sts-form', api: kvstore, action: 'ModifyBackupPolicy', method: 'POST',
    params: { InstanceId: 'r-bp1zxszhcgatnx****', PreferredBackupPeriod: 'Tuesday,Thursday',
      PreferredBackupTime: '22:00Z-23:00Z', BackupRetentionPeriod: '14' }, creds: sts,
    time: '2024-06-01T12:00:00Z', nonce: 'b1a2c3d4e5f60718293a4b5c6d7e8f91', form_body: true },
  { name: 'v1-dbs-configure-backup-plan-unicode', api: dbs, action: 'ConfigureBackupPlan', method: 'POST',
    params: { BackupPlanId: 'dbs1hvb6j0d****', BackupPlanName: '计划 nightly (orders)', BackupObjects: backupObjects,
      BackupStartTime: '14:22', ClientToken: 'TF-ConfigureBackupPlan-1717243200-abc' }, creds: longTerm,
    time: '2024-06-01T12:00:00Z', nonce: 'c0ffee00c0ffee00c0ffee00c0ffee00', form_body: false },
  { name: 'v1-dbs-describe-backup-plan-list-get', api: dbs, action: 'DescribeBackupPlanList', method: 'GET',
    params: { Region: 'cn-hangzhou', PageNum: '0', PageSize: '30' }, creds: sts,
    time: '2024-09-09T09:09:09Z', nonce: 'deadbeefdeadbeefdeadbeefdeadbeef', form_body: false },
];

function acs3(c) {
  const body = c.body || '';
  const payload = sha256hex(body);
  const headers = {
    host: c.api.host,
    'x-acs-action': c.action,
    'x-acs-version': c.api.version,
    'x-acs-date': isoSeconds(c.time),
    'x-acs-signature-nonce': c.nonce,
    'x-acs-content-sha256': payload,
    ...(c.headers || {}),
  };
  if (c.creds.security_token) {
    headers['x-acs-accesskey-id'] = c.creds.access_key_id;
    headers['x-acs-security-token'] = c.creds.security_token;
  }
  const request = { pathname: '/', method: 'POST', query: c.query, headers };
  const authorization = OpenApiUtil.getAuthorization(
    request, 'ACS3-HMAC-SHA256', payload, c.creds.access_key_id, c.creds.access_key_secret);
  const query = Object.entries(c.query).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  const expected = { ...headers, authorization };
  for (const h of Object.keys(c.headers || {})) delete expected[h];
  return {
    name: c.name, method: 'POST', url: `https://${c.api.host}/?${query}`,
    headers: Object.entries(c.headers || {}), body, credentials: c.creds,
    action: c.action, version: c.api.version, time: c.time, nonce: c.nonce,
    expected_headers: expected,
  };
}

function v1(c) {
  const common = {
    Action: c.action, Format: 'JSON', Version: c.api.version, AccessKeyId: c.creds.access_key_id,
    SignatureMethod: 'HMAC-SHA1', Timestamp: isoSeconds(c.time), SignatureVersion: '1.0',
    SignatureNonce: c.nonce,
  };
  if (c.creds.security_token) common.SecurityToken = c.creds.security_token;
  const signature = OpenApiUtil.getRPCSignature({ ...common, ...c.params }, c.method, c.creds.access_key_secret);
  return {
    name: c.name, method: c.method, endpoint: `https://${c.api.host}`, action: c.action,
    version: c.api.version, params: Object.entries(c.params), form_body: c.form_body,
    credentials: c.creds, time: c.time, nonce: c.nonce,
    expected_common_params: common, expected_signature: signature,
  };
}

const file = path.join(__dirname, 'alicloud_vectors.json');
fs.writeFileSync(file, JSON.stringify({
  generator: 'clients/testdata/gen_alicloud_vectors.js',
  signer: '@alicloud/openapi-core ' + require('@alicloud/openapi-core/package.json').version +
    ' OpenApiUtil.getAuthorization / getRPCSignature',
  acs3: acs3Cases.map(acs3),
  rpc_v1: v1Cases.map(v1),
}, null, 2) + '\n');
console.log(`wrote ${acs3Cases.length} ACS3 and ${v1Cases.length} RPC V1 cases to ${file}`);

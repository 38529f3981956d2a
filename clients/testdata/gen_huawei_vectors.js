// Regenerates huawei_vectors.json with the official Huawei Cloud signer,
// huaweicloud-sdk-core's AKSKSigner (not exported from the package root, so
// the file is required directly), for CSBS backup-policy requests: canonical
// URI ending in '/', query sorting, X-Sdk-Date, X-Project-Id and the
// X-Security-Token of temporary credentials. Checked byte for byte by
// clients/signing/huawei_aksk_test.cc.
//
//   node clients/testdata/gen_huawei_vectors.js   (from the repository root)
'use strict';
const fs = require('fs');
const path = require('path');
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');

const enc = (s) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

const permanent = { ak: 'QTWAOYTTINDUT2QVKYUC', sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc', security_token: '' };
const temporary = {
  ak: 'HST3UZ8EXAMPLETEMPAK',
  sk: 'tempSK/with+chars=0123456789abcdefghijKLMN',
  security_token: 'gQpjbi1ub3J0aC00jExampleSecurityToken+/=',
};
const project = '0970dd7a1300f5672ff2c003c60ae115';
const policyId = '4d2ce578-2ca3-4d4e-9c60-6f2d2c8a1c3e';
const huawei = 'csbs.cn-north-4.myhuaweicloud.com';
const otc = 'csbs.eu-de.otc.t-systems.com';
const json = 'application/json;charset=UTF-8';

const createPolicy = {
  policy: {
    name: 'daily-ecs',
    description: 'backup every night',
    provider_id: 'fc4d5750-22e7-4798-8a46-f48f62c4c1da',
    parameters: { common: {} },
    scheduled_operations: [{
      name: 'nightly', enabled: true, operation_type: 'backup',
      operation_definition: { max_backups: 7, retention_duration_days: -1, permanent: false },
      trigger: { properties: { pattern: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' } },
    }],
    resources: [{ id: 'cd5955b4-44c0-4f0a-ac57-2401b89cb347', type: 'OS::Nova::Server', name: 'ecs-1' }],
    tags: [{ key: 'team', value: 'ops' }],
  },
};

const cases = [
  { name: 'create-policy', method: 'POST', host: huawei, path: `/v1/${project}/policies`, query: {},
    headers: { 'Content-Type': json, 'X-Project-Id': project }, data: createPolicy, creds: permanent,
    time: '2024-03-15T08:30:00Z' },
  { name: 'list-policies-query-sorting-unsigned-payload', method: 'GET', host: huawei, path: `/v1/${project}/policies`,
    query: { sort: 'created_at:desc', marker: policyId, limit: '10', offset: '0' },
    headers: { 'X-Project-Id': project, 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }, creds: permanent,
    time: '2024-02-29T23:59:59Z' },
  { name: 'update-policy-security-token-unicode', method: 'PUT', host: huawei, path: `/v1/${project}/policies/${policyId}`,
    query: {}, headers: { 'Content-Type': json, 'X-Project-Id': project },
    data: { policy: { name: '备份策略 nightly', description: 'ünïcødé & <json>' } }, creds: temporary,
    time: '2025-01-01T00:00:00Z' },
  { name: 'delete-policy-otc', method: 'DELETE', host: otc, path: `/v1/${project}/policies/${policyId}`, query: {},
    headers: { 'Content-Type': json, 'X-Project-Id': project }, creds: temporary, time: '2023-12-31T23:00:00Z' },
  { name: 'show-policy-otc-query-encoding', method: 'GET', host: otc, path: `/v1/${project}/policies/${policyId}/`,
    query: { name: 'daily ecs/€', status: ['suspended', 'enabled'] },
    headers: { 'Content-Type': json, 'X-Project-Id': project }, creds: permanent, time: '2024-06-01T12:00:00Z' },
  { name: 'emulator-host-with-port', method: 'POST', host: 'localhost:8443', path: `/v1/${project}/policies`,
    query: {}, headers: { 'Content-Type': json, 'X-Project-Id': project, 'User-Agent': 'polybackup/0.1.0' },
    data: { policy: { name: 'p', parameters: { common: {} } } }, creds: temporary, time: '2024-09-09T09:09:09Z' },
];

const realNow = Date.now;
const out = cases.map((c) => {
  const headers = { ...c.headers };
  if (c.creds.security_token) headers['X-Security-Token'] = c.creds.security_token;
  const request = {
    method: c.method,
    endpoint: `https://${c.host}${c.path}`,
    headers,
    queryParams: c.query,
    data: c.data,
  };
  // The signer reads the clock through moment(), which uses Date.now().
  Date.now = () => new Date(c.time).getTime();
  const signed = AKSKSigner.sign(request, { getAk: () => c.creds.ak, getSk: () => c.creds.sk });
  Date.now = realNow;
  const query = Object.entries(c.query)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${enc(k)}=${enc(x)}`)).join('&');
  return {
    name: c.name,
    method: c.method,
    url: `https://${c.host}${c.path}${query ? '?' + query : ''}`,
    headers: Object.entries(c.headers),
    body: c.data === undefined ? '' : JSON.stringify(c.data),
    credentials: c.creds,
    time: c.time,
    expected_headers: Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v])),
  };
});

const file = path.join(__dirname, 'huawei_vectors.json');
fs.writeFileSync(file, JSON.stringify({
  generator: 'clients/testdata/gen_huawei_vectors.js',
  signer: '@huaweicloud/huaweicloud-sdk-core ' +
    require('@huaweicloud/huaweicloud-sdk-core/package.json').version + ' auth/AKSKSigner',
  cases: out,
}, null, 2) + '\n');
console.log(`wrote ${out.length} cases to ${file}`);

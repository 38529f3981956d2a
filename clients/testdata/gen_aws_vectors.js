// Regenerates aws_vectors.json: AWS Backup (REST-JSON) requests signed by the
// official @smithy/signature-v4 with @aws-crypto/sha256-js, the signer every
// AWS SDK for JavaScript v3 client uses. The C++ signer must produce the same
// headers byte for byte (clients/signing/aws_sigv4_test.cc).
//
//   node clients/testdata/gen_aws_vectors.js   (from the repository root)
'use strict';
const fs = require('fs');
const path = require('path');
const { SignatureV4 } = require('@smithy/signature-v4');
const { Sha256 } = require('@aws-crypto/sha256-js');

// RFC 3986 encoding, as the AWS SDK's REST serializers encode path labels and
// query values (encodeURIComponent plus !'()*).
const enc = (s) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

const longTermKeys = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const sessionKeys = {
  accessKeyId: 'ASIAQEXAMPLETEMPKEY1',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  sessionToken:
    'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexample+token/with=chars',
};

const planJson = JSON.stringify({
  BackupPlan: {
    BackupPlanName: 'daily-35d',
    Rules: [
      {
        RuleName: 'daily',
        TargetBackupVaultName: 'Default',
        ScheduleExpression: 'cron(0 5 ? * * *)',
        StartWindowMinutes: 60,
        Lifecycle: { DeleteAfterDays: 35 },
      },
    ],
  },
  BackupPlanTags: { team: 'données', env: 'prod' },
});
const planArn = 'arn:aws:backup:eu-central-1:123456789012:backup-plan:8a1b2c3d-1111-2222-3333-444455556666';

const cases = [
  {
    name: 'create-backup-plan-session-token',
    method: 'PUT', region: 'us-east-1', path: '/backup/plans/', query: {},
    headers: { 'content-type': 'application/json' }, body: planJson, creds: sessionKeys,
    time: '2024-03-15T08:30:00Z',
  },
  {
    name: 'get-backup-plan-version',
    method: 'GET', region: 'eu-central-1', path: '/backup/plans/8a1b2c3d-1111-2222-3333-444455556666/',
    query: { versionId: 'ZmYzYjQ2OTEtNzM1Ni00Y2EzLWE0ZGYtZTQ0ZmNiMWI0MmRk' },
    headers: {}, body: '', creds: longTermKeys, time: '2024-02-29T23:59:59Z',
  },
  {
    name: 'list-backup-plans-query-sorting',
    method: 'GET', region: 'eu-west-1', path: '/backup/plans/',
    query: { nextToken: 'a+b/c=d e', maxResults: '50', includeDeleted: 'false' },
    headers: {}, body: '', creds: sessionKeys, time: '2025-01-01T00:00:00Z',
  },
  {
    name: 'delete-backup-plan',
    method: 'DELETE', region: 'ap-southeast-1', path: '/backup/plans/8a1b2c3d-1111-2222-3333-444455556666',
    query: {}, headers: {}, body: '', creds: longTermKeys, time: '2023-12-31T23:00:00Z',
  },
  {
    name: 'tag-resource-arn-in-path',
    method: 'POST', region: 'eu-central-1', path: '/tags/' + enc(planArn),
    query: {}, headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Tags: { owner: 'ops', 'cost-center': '42' } }), creds: sessionKeys,
    time: '2024-06-01T12:00:00Z',
  },
  {
    name: 'untag-resource-arn-in-path',
    method: 'POST', region: 'eu-central-1', path: '/untag/' + enc(planArn),
    query: {}, headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ TagKeyList: ['owner'] }), creds: longTermKeys, time: '2024-06-01T12:00:01Z',
  },
  {
    name: 'vault-unicode-and-space-in-path',
    method: 'PUT', region: 'us-west-2', path: '/backup-vaults/' + enc('coffre fort-€/ü'),
    query: {}, headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ BackupVaultTags: { '名前': 'テスト' }, CreatorRequestId: 'tf-20240101' }),
    creds: sessionKeys, time: '2024-01-01T00:00:00Z',
  },
  {
    name: 'create-selection-custom-port-host',
    method: 'PUT', region: 'us-east-1', host: 'localhost:4566',
    path: '/backup/plans/8a1b2c3d-1111-2222-3333-444455556666/selections/',
    query: {}, headers: { 'content-type': 'application/json', 'x-amz-user-agent': 'polybackup/0.1.0' },
    body: JSON.stringify({ BackupSelection: { SelectionName: 'all-ec2', IamRoleArn: 'arn:aws:iam::123456789012:role/backup', Resources: ['arn:aws:ec2:*:*:volume/*'] } }),
    creds: longTermKeys, time: '2024-09-09T09:09:09Z',
  },
];

async function main() {
  const out = [];
  for (const c of cases) {
    const hostname = c.host || `backup.${c.region}.amazonaws.com`;
    const scheme = c.host ? 'http' : 'https';
    const headers = { host: hostname, ...c.headers };
    const signer = new SignatureV4({
      credentials: c.creds, region: c.region, service: 'backup', sha256: Sha256,
      uriEscapePath: true, applyChecksum: true,
    });
    const signed = await signer.sign(
      { method: c.method, protocol: scheme + ':', hostname, path: c.path, query: c.query, headers, body: c.body },
      { signingDate: new Date(c.time) },
    );
    const queryString = Object.entries(c.query).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
    out.push({
      name: c.name,
      method: c.method,
      url: `${scheme}://${hostname}${c.path}${queryString ? '?' + queryString : ''}`,
      headers: Object.entries(c.headers),
      body: c.body,
      credentials: {
        access_key_id: c.creds.accessKeyId,
        secret_access_key: c.creds.secretAccessKey,
        session_token: c.creds.sessionToken || '',
      },
      region: c.region,
      service: 'backup',
      time: c.time,
      expected_headers: Object.fromEntries(
        Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v])),
    });
  }
  const file = path.join(__dirname, 'aws_vectors.json');
  fs.writeFileSync(file, JSON.stringify({
    generator: 'clients/testdata/gen_aws_vectors.js',
    signer: '@smithy/signature-v4 ' + require('@smithy/signature-v4/package.json').version +
      ' with @aws-crypto/sha256-js ' + require('@aws-crypto/sha256-js/package.json').version,
    cases: out,
  }, null, 2) + '\n');
  console.log(`wrote ${out.length} cases to ${file}`);
}

main().catch((e) => { console.error(e); process.exit(1); });

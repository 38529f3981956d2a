'use strict';
// Conformance of the AWS Backup emulator, driven by the official @aws-sdk/client-backup.

const test = require('node:test');
const assert = require('node:assert/strict');
const B = require('@aws-sdk/client-backup');
const {start, FIXED_IDENTITY} = require('../lib/core');

const REGION = 'us-east-1';

let emu;
let client;

function makeClient(overrides = {}) {
  return new B.BackupClient({
    endpoint: emu.urls.aws_backup,
    region: REGION,
    credentials: {accessKeyId: FIXED_IDENTITY.accessKeyId, secretAccessKey: FIXED_IDENTITY.secret},
    maxAttempts: 4,
    ...overrides,
  });
}

async function control(path, body) {
  const res = await fetch(emu.urls.control + path, {
    method: body === undefined && path !== '/reset' ? 'GET' : 'POST',
    headers: {'content-type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`control ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

// Runs fn, expects it to reject with the given SDK exception class; returns the error.
async function expectError(fn, cls, status) {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${e.name}: ${e.message}`);
    if (status) assert.equal(e.$metadata.httpStatusCode, status);
    assert.ok(e.$metadata.requestId, 'error carries x-amzn-RequestId');
    return e;
  }
  assert.fail(`expected ${cls.name}`);
}

// For errors outside the Backup model (the SDK makes a BackupServiceException named after the type).
async function expectNamed(fn, name, status) {
  const e = await expectError(fn, B.BackupServiceException, status);
  assert.equal(e.name, name);
  return e;
}

function rule(vault, extra = {}) {
  return {RuleName: 'daily', TargetBackupVaultName: vault, ScheduleExpression: 'cron(0 5 ? * * *)', ...extra};
}

async function vault(name, extra = {}) {
  return client.send(new B.CreateBackupVaultCommand({BackupVaultName: name, ...extra}));
}

async function plan(name, vaultName, extra = {}) {
  return client.send(new B.CreateBackupPlanCommand({
    BackupPlan: {BackupPlanName: name, Rules: [rule(vaultName)]}, ...extra}));
}

test.before(async () => {
  emu = await start({services: ['aws_backup']});
  client = makeClient();
});
test.after(async () => {
  client.destroy();
  await emu.close();
});
test.beforeEach(async () => {
  await control('/reset');
});

test('vaults: create, describe, list with pagination, delete, errors', async () => {
  const created = await vault('main-vault', {BackupVaultTags: {env: 'test'}, CreatorRequestId: 'v-1'});
  assert.equal(created.BackupVaultArn, 'arn:aws:backup:us-east-1:123456789012:backup-vault:main-vault');
  assert.ok(created.CreationDate instanceof Date);
  const d = await client.send(new B.DescribeBackupVaultCommand({BackupVaultName: 'main-vault'}));
  assert.equal(d.BackupVaultName, 'main-vault');
  assert.equal(d.CreatorRequestId, 'v-1');
  assert.match(d.EncryptionKeyArn, /^arn:aws:kms:us-east-1:123456789012:key\//);
  assert.equal(d.NumberOfRecoveryPoints, 0);

  const cmk = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
  await vault('cmk-vault', {EncryptionKeyArn: cmk});
  assert.equal((await client.send(new B.DescribeBackupVaultCommand({BackupVaultName: 'cmk-vault'}))).EncryptionKeyArn, cmk);
  await vault('third_vault');

  const names = [];
  for await (const p of B.paginateListBackupVaults({client, pageSize: 2}, {})) {
    assert.ok(p.BackupVaultList.length <= 2);
    names.push(...p.BackupVaultList.map((v) => v.BackupVaultName));
  }
  assert.deepEqual(names, ['cmk-vault', 'main-vault', 'third_vault']);

  await expectError(() => vault('x'), B.InvalidParameterValueException, 400);
  await expectError(() => vault('bad name!'), B.InvalidParameterValueException, 400);
  const dup = await expectError(() => vault('main-vault'), B.AlreadyExistsException, 400);
  assert.equal(dup.Arn, created.BackupVaultArn);
  await expectError(() => vault('kms-bad', {EncryptionKeyArn: 'not-an-arn'}), B.InvalidParameterValueException, 400);

  await client.send(new B.DeleteBackupVaultCommand({BackupVaultName: 'third_vault'}));
  // Describing a missing vault is AccessDeniedException on AWS, not ResourceNotFoundException.
  await expectNamed(() => client.send(new B.DescribeBackupVaultCommand({BackupVaultName: 'third_vault'})),
      'AccessDeniedException', 403);
  await expectError(() => client.send(new B.DeleteBackupVaultCommand({BackupVaultName: 'third_vault'})),
      B.ResourceNotFoundException, 404);

  await control('/services/aws_backup/set_recovery_points', {name: 'cmk-vault', count: 3});
  await expectError(() => client.send(new B.DeleteBackupVaultCommand({BackupVaultName: 'cmk-vault'})),
      B.InvalidRequestException, 400);

  // A vault in another region is another vault (the region comes from the signature scope).
  const west = makeClient({region: 'us-west-2'});
  await expectNamed(() => west.send(new B.DescribeBackupVaultCommand({BackupVaultName: 'main-vault'})),
      'AccessDeniedException', 403);
  west.destroy();
});

test('plans: create, get, update into versions, list, delete', async () => {
  await vault('v1');
  const lifecycle = {MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120};
  const created = await client.send(new B.CreateBackupPlanCommand({
    BackupPlan: {
      BackupPlanName: 'plan-a',
      Rules: [rule('v1', {
        StartWindowMinutes: 60, CompletionWindowMinutes: 180, Lifecycle: lifecycle,
        RecoveryPointTags: {k: 'v'}, ScheduleExpressionTimezone: 'Europe/Berlin', EnableContinuousBackup: false,
        CopyActions: [{DestinationBackupVaultArn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:dr', Lifecycle: {DeleteAfterDays: 30}}],
      })],
      AdvancedBackupSettings: [{ResourceType: 'EC2', BackupOptions: {WindowsVSS: 'enabled'}}],
    },
    BackupPlanTags: {team: 'a'},
  }));
  const id = created.BackupPlanId;
  assert.equal(created.BackupPlanArn, `arn:aws:backup:us-east-1:123456789012:backup-plan:${id}`);
  assert.ok(created.VersionId);
  assert.deepEqual(created.AdvancedBackupSettings, [{ResourceType: 'EC2', BackupOptions: {WindowsVSS: 'enabled'}}]);

  const got = await client.send(new B.GetBackupPlanCommand({BackupPlanId: id}));
  assert.equal(got.VersionId, created.VersionId);
  // Advanced settings come back at the top level only, as on AWS.
  assert.deepEqual(got.AdvancedBackupSettings, [{ResourceType: 'EC2', BackupOptions: {WindowsVSS: 'enabled'}}]);
  assert.equal(got.BackupPlan.AdvancedBackupSettings, undefined);
  assert.ok(got.CreationDate instanceof Date);
  assert.equal(got.DeletionDate, undefined);
  const r = got.BackupPlan.Rules[0];
  assert.equal(r.RuleName, 'daily');
  assert.ok(r.RuleId);
  assert.equal(r.StartWindowMinutes, 60);
  assert.equal(r.CompletionWindowMinutes, 180);
  assert.deepEqual(r.Lifecycle, lifecycle);
  assert.deepEqual(r.RecoveryPointTags, {k: 'v'});
  assert.equal(r.ScheduleExpressionTimezone, 'Europe/Berlin');
  assert.equal(r.CopyActions[0].Lifecycle.DeleteAfterDays, 30);

  // Update: a new version; the old one stays readable by versionId; RuleId kept for the same rule.
  const updated = await client.send(new B.UpdateBackupPlanCommand({BackupPlanId: id,
    BackupPlan: {BackupPlanName: 'plan-a', Rules: [rule('v1', {ScheduleExpression: 'cron(0 1 * * ? *)'})]}}));
  assert.notEqual(updated.VersionId, created.VersionId);
  const now = await client.send(new B.GetBackupPlanCommand({BackupPlanId: id}));
  assert.equal(now.VersionId, updated.VersionId);
  assert.equal(now.BackupPlan.Rules[0].ScheduleExpression, 'cron(0 1 * * ? *)');
  assert.equal(now.BackupPlan.Rules[0].RuleId, r.RuleId);
  // Documented defaults for what the update left out.
  assert.equal(now.BackupPlan.Rules[0].StartWindowMinutes, 480);
  assert.equal(now.BackupPlan.Rules[0].CompletionWindowMinutes, 10080);
  assert.equal(now.BackupPlan.Rules[0].ScheduleExpressionTimezone, 'Etc/UTC');
  const old = await client.send(new B.GetBackupPlanCommand({BackupPlanId: id, VersionId: created.VersionId}));
  assert.equal(old.BackupPlan.Rules[0].ScheduleExpression, 'cron(0 5 ? * * *)');
  await expectError(() => client.send(new B.GetBackupPlanCommand({BackupPlanId: id, VersionId: 'nope'})),
      B.ResourceNotFoundException, 404);

  const versions = await client.send(new B.ListBackupPlanVersionsCommand({BackupPlanId: id}));
  assert.deepEqual(versions.BackupPlanVersionsList.map((v) => v.VersionId), [updated.VersionId, created.VersionId]);

  // List with pagination across several plans.
  for (let i = 0; i < 4; i++) await plan(`plan-p${i}`, 'v1');
  const seen = [];
  let token;
  let pages = 0;
  do {
    const p = await client.send(new B.ListBackupPlansCommand({MaxResults: 2, NextToken: token}));
    pages++;
    seen.push(...p.BackupPlansList.map((x) => x.BackupPlanName));
    token = p.NextToken;
  } while (token);
  assert.equal(pages, 3);
  assert.deepEqual(seen.sort(), ['plan-a', 'plan-p0', 'plan-p1', 'plan-p2', 'plan-p3']);
  await expectError(() => client.send(new B.ListBackupPlansCommand({MaxResults: 2, NextToken: 'forged'})),
      B.InvalidParameterValueException, 400);

  // Delete: GetBackupPlan is ResourceNotFoundException; only includeDeleted lists it, with DeletionDate.
  const del = await client.send(new B.DeleteBackupPlanCommand({BackupPlanId: id}));
  assert.ok(del.DeletionDate instanceof Date);
  assert.equal(del.VersionId, updated.VersionId);
  await expectError(() => client.send(new B.GetBackupPlanCommand({BackupPlanId: id})), B.ResourceNotFoundException, 404);
  await expectError(() => client.send(new B.GetBackupPlanCommand({BackupPlanId: id, VersionId: created.VersionId})),
      B.ResourceNotFoundException, 404);
  const listed = await client.send(new B.ListBackupPlansCommand({}));
  assert.ok(!listed.BackupPlansList.some((p) => p.BackupPlanId === id));
  const withDeleted = await client.send(new B.ListBackupPlansCommand({IncludeDeleted: true}));
  assert.ok(withDeleted.BackupPlansList.some((p) => p.BackupPlanId === id && p.DeletionDate));
  await expectError(() => client.send(new B.DeleteBackupPlanCommand({BackupPlanId: id})), B.ResourceNotFoundException, 404);
  await expectError(() => client.send(new B.UpdateBackupPlanCommand({BackupPlanId: id,
    BackupPlan: {BackupPlanName: 'plan-a', Rules: [rule('v1')]}})), B.ResourceNotFoundException, 404);
  await expectError(() => client.send(new B.GetBackupPlanCommand({BackupPlanId: 'no-such-plan'})),
      B.ResourceNotFoundException, 404);
});

test('plans: validation errors reach the SDK as the modelled exceptions', async () => {
  await vault('v1');
  const create = (bp) => client.send(new B.CreateBackupPlanCommand({BackupPlan: bp}));
  await expectError(() => create({Rules: [rule('v1')]}), B.MissingParameterValueException, 400);
  await expectError(() => create({BackupPlanName: 'p'}), B.MissingParameterValueException, 400);
  await expectError(() => create({BackupPlanName: 'p', Rules: [{RuleName: 'r'}]}), B.MissingParameterValueException, 400);
  await expectError(() => create({BackupPlanName: 'p', Rules: [rule('missing-vault')]}), B.InvalidParameterValueException, 400);
  // DeleteAfterDays must be at least 90 days after MoveToColdStorageAfterDays.
  const e = await expectError(() => create({BackupPlanName: 'p',
    Rules: [rule('v1', {Lifecycle: {MoveToColdStorageAfterDays: 30, DeleteAfterDays: 119}})]}), B.InvalidParameterValueException, 400);
  assert.match(e.message, /90 days/);
  await create({BackupPlanName: 'p', Rules: [rule('v1', {Lifecycle: {MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120}})]});
  await expectError(() => create({BackupPlanName: 'q', Rules: [rule('v1', {StartWindowMinutes: 10})]}), B.InvalidParameterValueException, 400);
  await expectError(() => create({BackupPlanName: 'q', Rules: [rule('v1', {ScheduleExpression: 'every day'})]}), B.InvalidParameterValueException, 400);
  await expectError(() => create({BackupPlanName: 'q', Rules: [rule('v1'), rule('v1')]}), B.InvalidParameterValueException, 400);
  await expectError(() => create({BackupPlanName: 'bad name', Rules: [rule('v1')]}), B.InvalidParameterValueException, 400);
  await expectError(() => create({BackupPlanName: 'q', Rules: [rule('v1', {Lifecycle: {DeleteAfterDays: 36501}})]}),
      B.InvalidParameterValueException, 400);
  await expectError(() => create({BackupPlanName: 'q', Rules: [rule('v1', {EnableContinuousBackup: true,
    Lifecycle: {MoveToColdStorageAfterDays: 30, DeleteAfterDays: 365}})]}), B.InvalidParameterValueException, 400);
  await expectError(() => create({BackupPlanName: 'q', Rules: [rule('v1')],
    AdvancedBackupSettings: [{ResourceType: 'RDS', BackupOptions: {WindowsVSS: 'enabled'}}]}), B.InvalidParameterValueException, 400);
  await expectError(() => create({BackupPlanName: 'q', Rules: [rule('v1')],
    AdvancedBackupSettings: [{ResourceType: 'S3', BackupOptions: {WindowsVSS: 'enabled'}}]}), B.InvalidParameterValueException, 400);
  await create({BackupPlanName: 's3', Rules: [rule('v1')],
    AdvancedBackupSettings: [{ResourceType: 'S3', BackupOptions: {BackupACLs: 'disabled', BackupObjectTags: 'enabled'}}]});
  // A copy action without a lifecycle comes back without one (the member left out, as on AWS).
  const copy = await create({BackupPlanName: 'copy', Rules: [rule('v1', {CopyActions: [
    {DestinationBackupVaultArn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:dr'}]})]});
  const copyRead = await client.send(new B.GetBackupPlanCommand({BackupPlanId: copy.BackupPlanId}));
  assert.equal(copyRead.BackupPlan.Rules[0].CopyActions[0].Lifecycle, undefined);
  assert.deepEqual(Object.keys(copyRead.BackupPlan.Rules[0].CopyActions[0]), ['DestinationBackupVaultArn']);
  // A rule without a schedule gets AWS's documented default one.
  const unscheduled = await create({BackupPlanName: 'unscheduled', Rules: [{RuleName: 'r',
    TargetBackupVaultName: 'v1', EnableContinuousBackup: true, Lifecycle: {DeleteAfterDays: 35}}]});
  const unscheduledRead = await client.send(new B.GetBackupPlanCommand({BackupPlanId: unscheduled.BackupPlanId}));
  assert.equal(unscheduledRead.BackupPlan.Rules[0].ScheduleExpression, 'cron(0 5 ? * * *)');
  // Names may repeat (AWS does not key plans by name); the very same document may not.
  await create({BackupPlanName: 'p', Rules: [rule('v1')]});
  const same = await expectError(() => create({BackupPlanName: 'p', Rules: [rule('v1')]}), B.AlreadyExistsException, 400);
  assert.match(same.message, /same plan document/);
  assert.match(same.Arn, /:backup-plan:/);
  assert.equal(same.Code, 'ERROR_2603'); // the modelled Code member is opaque; the type is in the header

  await control('/services/aws_backup/set_limits', {plans: 1});
  await expectError(() => create({BackupPlanName: 'r', Rules: [rule('v1')]}), B.LimitExceededException, 400);
});

test('selections: create, get, list, delete; a plan with selections cannot be deleted', async () => {
  await vault('v1');
  const {BackupPlanId: planId} = await plan('plan-s', 'v1');
  const {arn: role} = await control('/services/aws_backup/seed_iam_role', {name: 'backup-role'});
  assert.equal(role, 'arn:aws:iam::123456789012:role/backup-role');

  const sel = {
    SelectionName: 'sel-1', IamRoleArn: role,
    Resources: ['arn:aws:ec2:us-east-1:123456789012:volume/vol-1'],
    NotResources: ['arn:aws:ec2:us-east-1:123456789012:volume/vol-2'],
    ListOfTags: [{ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'yes'}],
    Conditions: {StringLike: [{ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod*'}]},
  };
  const created = await client.send(new B.CreateBackupSelectionCommand({BackupPlanId: planId, BackupSelection: sel}));
  assert.ok(created.SelectionId);
  assert.equal(created.BackupPlanId, planId);
  const got = await client.send(new B.GetBackupSelectionCommand({BackupPlanId: planId, SelectionId: created.SelectionId}));
  assert.deepEqual(got.BackupSelection.Resources, sel.Resources);
  assert.deepEqual(got.BackupSelection.NotResources, sel.NotResources);
  assert.deepEqual(got.BackupSelection.ListOfTags, sel.ListOfTags);
  assert.deepEqual(got.BackupSelection.Conditions.StringLike, sel.Conditions.StringLike);
  assert.deepEqual(got.BackupSelection.Conditions.StringEquals, []);
  assert.equal(got.BackupSelection.IamRoleArn, role);

  await client.send(new B.CreateBackupSelectionCommand({BackupPlanId: planId,
    BackupSelection: {SelectionName: 'sel-2', IamRoleArn: role, Resources: ['*']}}));
  const list = await client.send(new B.ListBackupSelectionsCommand({BackupPlanId: planId, MaxResults: 1}));
  assert.equal(list.BackupSelectionsList.length, 1);
  assert.ok(list.NextToken);
  const rest = await client.send(new B.ListBackupSelectionsCommand({BackupPlanId: planId, NextToken: list.NextToken}));
  assert.equal(rest.BackupSelectionsList.length, 1);
  assert.equal(rest.NextToken, undefined);

  await expectError(() => client.send(new B.CreateBackupSelectionCommand({BackupPlanId: planId,
    BackupSelection: {SelectionName: 'no-role', Resources: ['*']}})), B.MissingParameterValueException, 400);
  await expectError(() => client.send(new B.CreateBackupSelectionCommand({BackupPlanId: planId,
    BackupSelection: {SelectionName: 'unknown-role', IamRoleArn: 'arn:aws:iam::123456789012:role/ghost', Resources: ['*']}})),
  B.InvalidParameterValueException, 400);
  await expectError(() => client.send(new B.CreateBackupSelectionCommand({BackupPlanId: 'nope',
    BackupSelection: {SelectionName: 's', IamRoleArn: role, Resources: ['*']}})), B.ResourceNotFoundException, 404);

  await expectError(() => client.send(new B.CreateBackupSelectionCommand({BackupPlanId: planId,
    BackupSelection: {SelectionName: 'empty', IamRoleArn: role}})), B.InvalidParameterValueException, 400);
  // Selection calls under a plan that does not exist: InvalidParameterValueException "Cannot find Backup plan".
  const gone = await expectError(() => client.send(new B.GetBackupSelectionCommand({BackupPlanId: 'no-plan', SelectionId: created.SelectionId})),
      B.InvalidParameterValueException, 400);
  assert.match(gone.message, /Cannot find Backup plan/);

  // A role still propagating is refused until its time has passed (the control clock moves it).
  const {arn: young} = await control('/services/aws_backup/seed_iam_role', {name: 'young', propagation_seconds: 30});
  const youngSel = {BackupPlanId: planId, BackupSelection: {SelectionName: 'young', IamRoleArn: young, Resources: ['*']}};
  const notYet = await expectError(() => client.send(new B.CreateBackupSelectionCommand(youngSel)), B.InvalidParameterValueException, 400);
  assert.match(notYet.message, /cannot be assumed/);
  await control('/clock', {offset_seconds: 31});
  const youngCreated = await client.send(new B.CreateBackupSelectionCommand(youngSel));
  await client.send(new B.DeleteBackupSelectionCommand({BackupPlanId: planId, SelectionId: youngCreated.SelectionId}));
  await control('/clock', {offset_seconds: 0});

  const refused = await expectError(() => client.send(new B.DeleteBackupPlanCommand({BackupPlanId: planId})),
      B.InvalidRequestException, 400);
  assert.match(refused.message, /selections/);

  for (const s of [...list.BackupSelectionsList, ...rest.BackupSelectionsList]) {
    await client.send(new B.DeleteBackupSelectionCommand({BackupPlanId: planId, SelectionId: s.SelectionId}));
  }
  await expectError(() => client.send(new B.GetBackupSelectionCommand({BackupPlanId: planId, SelectionId: created.SelectionId})),
      B.ResourceNotFoundException, 404);
  await client.send(new B.DeleteBackupPlanCommand({BackupPlanId: planId}));
});

test('tags: on create, TagResource, UntagResource, ListTags', async () => {
  const v = await vault('tagged', {BackupVaultTags: {a: '1'}});
  const p = await plan('tagged-plan', 'tagged', {BackupPlanTags: {x: 'y'}});
  assert.deepEqual((await client.send(new B.ListTagsCommand({ResourceArn: p.BackupPlanArn}))).Tags, {x: 'y'});
  await client.send(new B.TagResourceCommand({ResourceArn: v.BackupVaultArn, Tags: {b: '2', c: '3'}}));
  await client.send(new B.UntagResourceCommand({ResourceArn: v.BackupVaultArn, TagKeyList: ['a']}));
  assert.deepEqual((await client.send(new B.ListTagsCommand({ResourceArn: v.BackupVaultArn}))).Tags, {b: '2', c: '3'});
  const page1 = await client.send(new B.ListTagsCommand({ResourceArn: v.BackupVaultArn, MaxResults: 1}));
  assert.deepEqual(page1.Tags, {b: '2'});
  assert.ok(page1.NextToken);
  await expectError(() => client.send(new B.TagResourceCommand({ResourceArn: v.BackupVaultArn, Tags: {'aws:x': '1'}})),
      B.InvalidParameterValueException, 400);
  await expectError(() => client.send(new B.ListTagsCommand({ResourceArn: 'arn:aws:backup:us-east-1:123456789012:backup-plan:nope'})),
      B.ResourceNotFoundException, 404);
});

test('CreatorRequestId: same body returns the same object, a different body is refused', async () => {
  await vault('v1', {CreatorRequestId: 'vault-token'});
  const again = await vault('v1', {CreatorRequestId: 'vault-token'});
  assert.equal(again.BackupVaultName, 'v1');
  await expectError(() => vault('v1', {CreatorRequestId: 'vault-token', BackupVaultTags: {d: 'x'}}), B.AlreadyExistsException, 400);

  const first = await plan('idem', 'v1', {CreatorRequestId: 'plan-token'});
  const second = await plan('idem', 'v1', {CreatorRequestId: 'plan-token'});
  assert.equal(second.BackupPlanId, first.BackupPlanId);
  assert.equal(second.VersionId, first.VersionId);
  const e = await expectError(() => plan('idem-other', 'v1', {CreatorRequestId: 'plan-token'}), B.AlreadyExistsException, 400);
  assert.equal(e.CreatorRequestId, 'plan-token');
  assert.equal((await client.send(new B.ListBackupPlansCommand({}))).BackupPlansList.length, 1);

  const {arn: role} = await control('/services/aws_backup/seed_iam_role', {name: 'r'});
  const selBody = {BackupPlanId: first.BackupPlanId, CreatorRequestId: 'sel-token',
    BackupSelection: {SelectionName: 's', IamRoleArn: role, Resources: ['*']}};
  const s1 = await client.send(new B.CreateBackupSelectionCommand(selBody));
  const s2 = await client.send(new B.CreateBackupSelectionCommand(selBody));
  assert.equal(s1.SelectionId, s2.SelectionId);
  await expectError(() => client.send(new B.CreateBackupSelectionCommand({...selBody,
    BackupSelection: {...selBody.BackupSelection, Resources: ['arn:aws:ec2:us-east-1:123456789012:volume/v']}})),
  B.AlreadyExistsException, 400);
});

test('auth: wrong secret, unknown key, session tokens', async () => {
  const wrong = makeClient({credentials: {accessKeyId: FIXED_IDENTITY.accessKeyId, secretAccessKey: 'wrong'}});
  const e = await expectError(() => wrong.send(new B.ListBackupVaultsCommand({})), B.BackupServiceException, 403);
  assert.equal(e.name, 'InvalidSignatureException');
  wrong.destroy();

  const unknown = makeClient({credentials: {accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x'}});
  const u = await expectError(() => unknown.send(new B.ListBackupVaultsCommand({})), B.BackupServiceException, 403);
  assert.equal(u.name, 'UnrecognizedClientException');
  unknown.destroy();

  await control('/credentials', {access_key_id: 'ASIATEMP', secret: 'tempsecret', security_token: 'tok-1'});
  const temp = makeClient({credentials: {accessKeyId: 'ASIATEMP', secretAccessKey: 'tempsecret', sessionToken: 'tok-1'}});
  assert.ok(Array.isArray((await temp.send(new B.ListBackupVaultsCommand({}))).BackupVaultList));
  temp.destroy();
  const badToken = makeClient({credentials: {accessKeyId: 'ASIATEMP', secretAccessKey: 'tempsecret', sessionToken: 'tok-2'}});
  const t = await expectError(() => badToken.send(new B.ListBackupVaultsCommand({})), B.BackupServiceException, 403);
  assert.equal(t.name, 'UnrecognizedClientException');
  badToken.destroy();

  // A tampered body no longer matches x-amz-content-sha256 / the signature.
  const tamper = makeClient();
  tamper.middlewareStack.add((next) => async (args) => {
    // Same length as the signed body (Content-Length must still match): flip one character.
    args.request.body = args.request.body.replace(/"CreatorRequestId":"(.)/, (m, ch) => m.slice(0, -1) + (ch === 'a' ? 'b' : 'a'));
    return next(args);
  }, {step: 'finalizeRequest', priority: 'low', name: 'tamper'});
  const tb = await expectError(() => tamper.send(new B.CreateBackupVaultCommand({BackupVaultName: 'tamper'})), B.BackupServiceException, 403);
  assert.equal(tb.name, 'InvalidSignatureException');
  tamper.destroy();

  // Every authenticated request is logged with its key id and route.
  const log = await control('/requests');
  assert.ok(log.some((r) => r.route === 'ListBackupVaults' && r.access_key_id === 'ASIATEMP' && r.status === 200));
});

test('injected throttling is retried by the SDK and succeeds', async () => {
  await control('/faults', {service: 'aws_backup', route: 'ListBackupVaults', throttle: true, count: 2});
  const out = await client.send(new B.ListBackupVaultsCommand({}));
  assert.equal(out.$metadata.attempts, 3);
  const log = (await control('/requests')).filter((r) => r.route === 'ListBackupVaults');
  assert.deepEqual(log.map((r) => r.status), [429, 429, 200]);
  assert.ok(log[0].fault && log[1].fault && !log[2].fault);

  // Without retries left the SDK surfaces ThrottlingException itself.
  await control('/faults', {service: 'aws_backup', route: '*', throttle: true, count: 5});
  const once = makeClient({maxAttempts: 1});
  const e = await expectError(() => once.send(new B.ListBackupVaultsCommand({})), B.BackupServiceException, 429);
  assert.equal(e.name, 'ThrottlingException');
  once.destroy();
  await fetch(`${emu.urls.control}/faults`, {method: 'DELETE'});

  // An injected modelled error reaches the SDK as that class.
  await control('/faults', {service: 'aws_backup', route: 'DescribeBackupVault', status: 400, code: 'InvalidRequestException', message: 'injected'});
  await vault('vv');
  const inj = await expectError(() => client.send(new B.DescribeBackupVaultCommand({BackupVaultName: 'vv'})), B.InvalidRequestException, 400);
  assert.equal(inj.message, 'injected');
});

test('drop_after_commit: the SDK retries CreateBackupPlan and gets the plan committed first', async () => {
  await vault('v1');
  await control('/faults', {service: 'aws_backup', route: 'CreateBackupPlan', drop_after_commit: true});
  // No explicit CreatorRequestId: the SDK fills the idempotency token and reuses it on retry.
  const out = await plan('dropped', 'v1');
  assert.equal(out.$metadata.attempts, 2);
  const plans = (await client.send(new B.ListBackupPlansCommand({}))).BackupPlansList;
  assert.equal(plans.length, 1);
  assert.equal(plans[0].BackupPlanId, out.BackupPlanId);
  const log = (await control('/requests')).filter((r) => r.route === 'CreateBackupPlan');
  assert.deepEqual(log.map((r) => r.status), ['dropped', 200]);
});

test('control ops: seed role, mutate, delete plan and vault out of band', async () => {
  await vault('v1');
  const p = await plan('drift', 'v1');
  const {arn: role} = await control('/services/aws_backup/seed_iam_role', {name: 'r'});
  await client.send(new B.CreateBackupSelectionCommand({BackupPlanId: p.BackupPlanId,
    BackupSelection: {SelectionName: 's', IamRoleArn: role, Resources: ['*']}}));

  const m = await control('/services/aws_backup/mutate_plan', {plan_id: p.BackupPlanId,
    patch: {BackupPlanName: 'drifted', RulePatch: {ScheduleExpression: 'cron(0 9 * * ? *)'}}});
  const got = await client.send(new B.GetBackupPlanCommand({BackupPlanId: p.BackupPlanId}));
  assert.equal(got.VersionId, m.version_id);
  assert.equal(got.BackupPlan.BackupPlanName, 'drifted');
  assert.equal(got.BackupPlan.Rules[0].ScheduleExpression, 'cron(0 9 * * ? *)');

  await control('/services/aws_backup/delete_plan', {plan_id: p.BackupPlanId});
  await expectError(() => client.send(new B.GetBackupPlanCommand({BackupPlanId: p.BackupPlanId})), B.ResourceNotFoundException, 404);
  await expectError(() => client.send(new B.ListBackupSelectionsCommand({BackupPlanId: p.BackupPlanId})),
      B.ResourceNotFoundException, 404);

  await control('/services/aws_backup/delete_vault', {name: 'v1'});
  await expectNamed(() => client.send(new B.DescribeBackupVaultCommand({BackupVaultName: 'v1'})), 'AccessDeniedException', 403);
  const state = await control('/state');
  assert.deepEqual(Object.keys(state.aws_backup.vaults), []);
});

test('wire details: request id header, epoch-second dates, trailing-slash paths, unknown routes', async () => {
  await vault('wire');
  const res = await fetch(`${emu.urls.aws_backup}/backup-vaults/`, {method: 'GET'});
  assert.equal(res.status, 403);
  assert.ok(res.headers.get('x-amzn-requestid'));
  assert.match(res.headers.get('x-amzn-errortype'), /^MissingAuthenticationTokenException/);
  const body = await res.json();
  assert.equal(body.__type, 'MissingAuthenticationTokenException');
  assert.ok(body.Message);
  // The raw JSON of a signed call carries epoch seconds (checked through the SDK's raw response).
  let raw;
  const spy = makeClient();
  spy.middlewareStack.add((next) => async (args) => {
    const r = await next(args);
    const chunks = [];
    for await (const ch of r.response.body) chunks.push(ch);
    raw = Buffer.concat(chunks).toString();
    const {Readable} = require('node:stream');
    r.response.body = Readable.from([Buffer.from(raw)]);
    return r;
  }, {step: 'deserialize', priority: 'low', name: 'spy'});
  await spy.send(new B.DescribeBackupVaultCommand({BackupVaultName: 'wire'}));
  assert.equal(typeof JSON.parse(raw).CreationDate, 'number');
  spy.destroy();
});

// An independent SigV4 signer written from the AWS documentation (not the SDK), the way the C++
// client signs: canonical URI = each segment of the path as sent, URI-encoded once more.
function rfc3986(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}
function signByHand({method, url, body = '', key, secret, region = REGION, date = new Date()}) {
  const crypto = require('node:crypto');
  const u = new URL(url);
  const amzDate = date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const hash = crypto.createHash('sha256').update(body).digest('hex');
  const headers = {'host': u.host, 'x-amz-content-sha256': hash, 'x-amz-date': amzDate};
  const names = Object.keys(headers).sort();
  const canonicalUri = u.pathname.split('/').map(rfc3986).join('/');
  const query = [...u.searchParams].map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).sort().join('&');
  const canonical = [method, canonicalUri, query, ...names.map((n) => `${n}:${headers[n]}`), '',
    names.join(';'), hash].join('\n');
  const scope = `${day}/${region}/backup/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, crypto.createHash('sha256').update(canonical).digest('hex')].join('\n');
  let k = `AWS4${secret}`;
  for (const part of [day, region, 'backup', 'aws4_request']) k = crypto.createHmac('sha256', k).update(part).digest();
  const sig = crypto.createHmac('sha256', k).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${key}/${scope}, SignedHeaders=${names.join(';')}, Signature=${sig}`;
  return fetch(url, {method, headers, body: body || undefined});
}

test('a request signed from the SigV4 documentation (raw ":" in the ARN path, trailing slash) is accepted', async () => {
  const v = await vault('hand-signed', {BackupVaultTags: {a: 'b'}});
  const ak = FIXED_IDENTITY.accessKeyId;
  for (const arnInPath of [v.BackupVaultArn, encodeURIComponent(v.BackupVaultArn)]) {
    const res = await signByHand({method: 'GET', url: `${emu.urls.aws_backup}/tags/${arnInPath}/?maxResults=10`,
      key: ak, secret: FIXED_IDENTITY.secret});
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual((await res.json()).Tags, {a: 'b'});
  }
  const body = JSON.stringify({BackupPlan: {BackupPlanName: 'by-hand', Rules: [rule('hand-signed')]}});
  const created = await signByHand({method: 'PUT', url: `${emu.urls.aws_backup}/backup/plans/`, body, key: ak, secret: FIXED_IDENTITY.secret});
  assert.equal(created.status, 200);
  assert.ok((await created.json()).BackupPlanId);
  const wrong = await signByHand({method: 'GET', url: `${emu.urls.aws_backup}/backup-vaults/`, key: ak, secret: 'nope'});
  assert.equal(wrong.status, 403);
  assert.match(wrong.headers.get('x-amzn-errortype'), /^InvalidSignatureException:/);
  const stale = await signByHand({method: 'GET', url: `${emu.urls.aws_backup}/backup-vaults/`, key: ak,
    secret: FIXED_IDENTITY.secret, date: new Date(Date.now() - 20 * 60 * 1000)});
  assert.equal(stale.status, 403);
  assert.match((await stale.json()).Message, /Signature expired/);
});

test('--state: plans, versions, selections and roles survive a restart', async () => {
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pb-aws-'));
  const file = path.join(dir, 'state.json');
  const first = await start({services: ['aws_backup'], stateFile: file});
  const c1 = new B.BackupClient({endpoint: first.urls.aws_backup, region: REGION,
    credentials: {accessKeyId: FIXED_IDENTITY.accessKeyId, secretAccessKey: FIXED_IDENTITY.secret}});
  await c1.send(new B.CreateBackupVaultCommand({BackupVaultName: 'kept'}));
  const p = await c1.send(new B.CreateBackupPlanCommand({BackupPlan: {BackupPlanName: 'kept', Rules: [rule('kept')]}}));
  const u = await c1.send(new B.UpdateBackupPlanCommand({BackupPlanId: p.BackupPlanId,
    BackupPlan: {BackupPlanName: 'kept', Rules: [rule('kept', {StartWindowMinutes: 120})]}}));
  c1.destroy();
  await first.close();

  const second = await start({services: ['aws_backup'], stateFile: file});
  const c2 = new B.BackupClient({endpoint: second.urls.aws_backup, region: REGION,
    credentials: {accessKeyId: FIXED_IDENTITY.accessKeyId, secretAccessKey: FIXED_IDENTITY.secret}});
  try {
    const got = await c2.send(new B.GetBackupPlanCommand({BackupPlanId: p.BackupPlanId}));
    assert.equal(got.VersionId, u.VersionId);
    assert.equal(got.BackupPlan.Rules[0].StartWindowMinutes, 120);
    const old = await c2.send(new B.GetBackupPlanCommand({BackupPlanId: p.BackupPlanId, VersionId: p.VersionId}));
    assert.equal(old.BackupPlan.Rules[0].StartWindowMinutes, 480);
  } finally {
    c2.destroy();
    await second.close();
    fs.rmSync(dir, {recursive: true, force: true});
  }
});

test('recovery points: seeded, listed with pagination, described, deleted (DELETING first), then the vault goes', async () => {
  await vault('rp-vault');
  await vault('other-vault');
  const seeded = await control('/services/aws_backup/seed_recovery_points', {name: 'rp-vault', count: 3});
  assert.equal(seeded.arns.length, 3);
  await control('/services/aws_backup/seed_recovery_points', {name: 'other-vault', count: 1});
  const described = await client.send(new B.DescribeBackupVaultCommand({BackupVaultName: 'rp-vault'}));
  assert.equal(described.NumberOfRecoveryPoints, 3);

  // The paginator of the official client walks every page.
  const listed = [];
  for await (const page of B.paginateListRecoveryPointsByBackupVault({client, pageSize: 2},
      {BackupVaultName: 'rp-vault'})) {
    assert.ok(page.RecoveryPoints.length <= 2);
    listed.push(...page.RecoveryPoints);
  }
  assert.deepEqual(listed.map((p) => p.RecoveryPointArn), seeded.arns);
  assert.match(listed[0].RecoveryPointArn, /^arn:aws:backup:us-east-1:123456789012:recovery-point:[0-9A-F-]{36}$/);
  assert.equal(listed[0].Status, 'COMPLETED');
  assert.equal(listed[0].BackupVaultName, 'rp-vault');
  assert.ok(listed[0].CreationDate instanceof Date);

  const one = await client.send(new B.DescribeRecoveryPointCommand({BackupVaultName: 'rp-vault',
    RecoveryPointArn: seeded.arns[0]}));
  assert.equal(one.RecoveryPointArn, seeded.arns[0]);
  assert.equal(one.ResourceType, 'DynamoDB');
  // A recovery point of another vault is not found through this one.
  await expectError(() => client.send(new B.DescribeRecoveryPointCommand({BackupVaultName: 'other-vault',
    RecoveryPointArn: seeded.arns[0]})), B.ResourceNotFoundException, 404);
  await expectError(() => client.send(new B.ListRecoveryPointsByBackupVaultCommand({BackupVaultName: 'nope'})),
      B.ResourceNotFoundException, 404);

  // Deletion takes a while on AWS: the point stays DELETING and keeps the vault from being deleted.
  await control('/services/aws_backup/settings', {recovery_point_deletion_seconds: 30});
  for (const arn of seeded.arns) {
    await client.send(new B.DeleteRecoveryPointCommand({BackupVaultName: 'rp-vault', RecoveryPointArn: arn}));
  }
  const deleting = await client.send(new B.DescribeRecoveryPointCommand({BackupVaultName: 'rp-vault',
    RecoveryPointArn: seeded.arns[1]}));
  assert.equal(deleting.Status, 'DELETING');
  await expectError(() => client.send(new B.DeleteBackupVaultCommand({BackupVaultName: 'rp-vault'})),
      B.InvalidRequestException, 400);
  await control('/clock', {advance_seconds: 31});
  await expectError(() => client.send(new B.DescribeRecoveryPointCommand({BackupVaultName: 'rp-vault',
    RecoveryPointArn: seeded.arns[1]})), B.ResourceNotFoundException, 404);
  const empty = await client.send(new B.ListRecoveryPointsByBackupVaultCommand({BackupVaultName: 'rp-vault'}));
  assert.deepEqual(empty.RecoveryPoints, []);
  await client.send(new B.DeleteBackupVaultCommand({BackupVaultName: 'rp-vault'}));
  // The other vault's point is untouched.
  const other = await client.send(new B.DescribeBackupVaultCommand({BackupVaultName: 'other-vault'}));
  assert.equal(other.NumberOfRecoveryPoints, 1);
});

'use strict';
// AWS Backup recovery points: listed, described and deleted per vault. No backup job ever runs here,
// so recovery points only exist when the control API seeds them (seed_recovery_points).
// Each operation: (ctx, req, params, body) -> JSON-able output object (HTTP 200).

const util = require('../lib/util');
const c = require('./aws_backup_common');

const recoveryPointArn = (region) => `arn:aws:backup:${region}:${c.ACCOUNT_ID}:recovery-point:${util.uuid().toUpperCase()}`;

// Deletion is asynchronous on AWS: DeleteRecoveryPoint answers at once, the point stays listed with
// Status DELETING for a while, and the vault cannot be deleted until it is gone (terraform-provider-aws
// waits on DescribeRecoveryPoint; its #37774 is a force_destroy that raced this). The delay is
// `settings.recovery_point_deletion_seconds` (0 by default: gone at once).
function purge(ctx) {
  const points = ctx.state.recoveryPoints || {};
  const now = ctx.now().getTime();
  for (const [arn, p] of Object.entries(points)) {
    if (p.status === 'DELETING' && p.deleteAt <= now) delete points[arn];
  }
  return points;
}

function pointsOf(ctx, vault) {
  return Object.values(purge(ctx)).filter((p) => p.region === vault.region && p.vaultName === vault.name)
      .sort((a, b) => a.createdAt - b.createdAt || a.arn.localeCompare(b.arn));
}

function member(p, vault) {
  const out = {
    RecoveryPointArn: p.arn,
    BackupVaultName: p.vaultName,
    BackupVaultArn: vault.arn,
    ResourceArn: p.resourceArn,
    ResourceType: p.resourceType,
    IamRoleArn: c.roleArn('AWSBackupDefaultServiceRole', '/service-role/'),
    Status: p.status,
    CreationDate: c.epoch(p.createdAt),
    CompletionDate: c.epoch(p.createdAt),
    BackupSizeInBytes: p.sizeBytes,
    EncryptionKeyArn: vault.encryptionKeyArn,
    IsEncrypted: true,
    StorageClass: 'WARM',
  };
  if (p.lifecycle) out.Lifecycle = p.lifecycle;
  if (p.createdBy) out.CreatedBy = p.createdBy;
  return out;
}

function findPoint(ctx, vault, arn) {
  const p = purge(ctx)[arn];
  if (!p || p.vaultName !== vault.name || p.region !== vault.region) {
    throw c.notFound(`Recovery point ${arn} not found in backup vault ${vault.name}.`);
  }
  return p;
}

function makeOps(findVault) {
  return {
    ListRecoveryPointsByBackupVault(ctx, req, params) {
      const vault = findVault(ctx, req.aws.region, params.vaultName);
      const q = req.query;
      const list = pointsOf(ctx, vault).filter((p) =>
        (!q.resourceArn || p.resourceArn === q.resourceArn) &&
        (!q.resourceType || p.resourceType === q.resourceType) &&
        (!q.backupPlanId || (p.createdBy && p.createdBy.BackupPlanId === q.backupPlanId)));
      const {items, nextToken} = c.page(list, q);
      const out = {RecoveryPoints: items.map((p) => member(p, vault))};
      if (nextToken) out.NextToken = nextToken;
      return out;
    },

    DescribeRecoveryPoint(ctx, req, params) {
      const vault = findVault(ctx, req.aws.region, params.vaultName);
      return member(findPoint(ctx, vault, params.recoveryPointArn), vault);
    },

    DeleteRecoveryPoint(ctx, req, params) {
      const vault = findVault(ctx, req.aws.region, params.vaultName);
      const p = findPoint(ctx, vault, params.recoveryPointArn);
      if (p.status !== 'DELETING') {
        const delay = Number((ctx.state.settings || {}).recovery_point_deletion_seconds) || 0;
        p.status = 'DELETING';
        p.deleteAt = ctx.now().getTime() + delay * 1000;
        purge(ctx);
        ctx.changed();
      }
      return undefined;
    },
  };
}

// Control: {name, count?, region?, resource_arn?, resource_type?} adds `count` (default 1) completed
// recovery points to the vault; returns their ARNs.
function seed(ctx, vault, body) {
  ctx.state.recoveryPoints = ctx.state.recoveryPoints || {};
  const count = body.count === undefined ? 1 : Number(body.count);
  const arns = [];
  for (let i = 0; i < count; i++) {
    const arn = recoveryPointArn(vault.region);
    ctx.state.recoveryPoints[arn] = {
      arn, region: vault.region, vaultName: vault.name, status: 'COMPLETED',
      createdAt: ctx.now().getTime() + i,
      resourceArn: body.resource_arn || `arn:aws:dynamodb:${vault.region}:${c.ACCOUNT_ID}:table/pbtest-${i + 1}`,
      resourceType: body.resource_type || 'DynamoDB',
      sizeBytes: 1024,
    };
    arns.push(arn);
  }
  ctx.changed();
  return arns;
}

// Drops every recovery point of a vault (it was deleted out of band).
function forget(ctx, vault) {
  for (const p of pointsOf(ctx, vault)) delete ctx.state.recoveryPoints[p.arn];
}

const count = (ctx, vault) => pointsOf(ctx, vault).length;

module.exports = {makeOps, seed, forget, count};

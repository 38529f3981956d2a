'use strict';
// AWS Backup vaults and resource tags.
// Each operation: (ctx, req, params, body) -> JSON-able output object (HTTP 200).

const c = require('./aws_backup_common');
const recoveryPoints = require('./aws_backup_recovery_points');

// BackupVaultName pattern from the API reference (CreateBackupVault).
const VAULT_NAME_RE = /^[a-zA-Z0-9\-_]{2,50}$/;
const KMS_ARN_RE = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/;

// accessDeniedWhenMissing: DescribeBackupVault of a vault that does not exist answers
// AccessDeniedException (403), not ResourceNotFoundException, even to a caller with every
// permission (terraform-provider-aws and ansible amazon.aws both special-case it).
function findVault(ctx, region, name, {accessDeniedWhenMissing = false} = {}) {
  const vault = ctx.state.vaults[`${region}/${name}`];
  if (!vault && accessDeniedWhenMissing) {
    throw c.awsError(403, 'AccessDeniedException', 'Insufficient privileges to perform this action.');
  }
  if (!vault) throw c.notFound(`Backup vault ${name} does not exist.`);
  return vault;
}

function vaultMember(ctx, v) {
  const out = {
    BackupVaultName: v.name,
    BackupVaultArn: v.arn,
    VaultType: 'BACKUP_VAULT',
    VaultState: 'AVAILABLE',
    CreationDate: c.epoch(v.createdAt),
    EncryptionKeyArn: v.encryptionKeyArn,
    NumberOfRecoveryPoints: recoveryPoints.count(ctx, v),
    Locked: false,
    EncryptionKeyType: v.customerKey ? 'CUSTOMER_MANAGED_KMS_KEY' : 'AWS_OWNED_KMS_KEY',
  };
  if (v.creatorRequestId) out.CreatorRequestId = v.creatorRequestId;
  return out;
}

// Resolves an ARN the tagging calls accept (a live plan or an existing vault) or throws 404.
function taggable(ctx, region, arn) {
  const plan = Object.values(ctx.state.plans).find((p) => p.arn === arn && !p.deletedAt);
  if (plan && plan.region === region) return arn;
  const vault = Object.values(ctx.state.vaults).find((v) => v.arn === arn);
  if (vault && vault.region === region) return arn;
  if (!/^arn:aws[a-z-]*:backup:/.test(arn)) throw c.invalidValue(`Invalid ARN ${arn}.`);
  throw c.notFound(`Resource ${arn} not found.`);
}

const ops = {
  CreateBackupVault(ctx, req, params, body) {
    const region = req.aws.region;
    const name = params.vaultName;
    if (!VAULT_NAME_RE.test(name)) {
      throw c.invalidValue(`Invalid backup vault name ${JSON.stringify(name)}: 2-50 letters, numbers, '-' or '_'.`);
    }
    c.checkCreatorRequestId(body.CreatorRequestId);
    const idemBody = {...body, BackupVaultName: name};
    const earlier = c.idempotentLookup(ctx.state, 'backup vault', region, body.CreatorRequestId, idemBody);
    const existing = ctx.state.vaults[`${region}/${name}`];
    if (earlier && existing && earlier === existing.arn) {
      return {BackupVaultName: existing.name, BackupVaultArn: existing.arn, CreationDate: c.epoch(existing.createdAt)};
    }
    if (existing) {
      throw c.alreadyExists(`Backup vault with the same name already exists`,
          {Arn: existing.arn, CreatorRequestId: existing.creatorRequestId});
    }
    const tags = c.checkTags(body.BackupVaultTags, 'BackupVaultTags');
    if (body.EncryptionKeyArn !== undefined && body.EncryptionKeyArn !== null &&
        (typeof body.EncryptionKeyArn !== 'string' || !KMS_ARN_RE.test(body.EncryptionKeyArn))) {
      throw c.invalidValue(`Invalid EncryptionKeyArn ${JSON.stringify(body.EncryptionKeyArn)}.`);
    }
    const count = Object.values(ctx.state.vaults).filter((v) => v.region === region).length;
    if (count >= ctx.state.limits.vaults) throw c.limitExceeded(`Maximum number of backup vaults (${ctx.state.limits.vaults}) reached.`);
    const vault = {
      name, region, arn: c.vaultArn(region, name), createdAt: c.ms(ctx.now()),
      encryptionKeyArn: body.EncryptionKeyArn || c.defaultKeyArn(region), customerKey: !!body.EncryptionKeyArn,
      creatorRequestId: body.CreatorRequestId,
    };
    ctx.state.vaults[`${region}/${name}`] = vault;
    if (Object.keys(tags).length) ctx.state.tags[vault.arn] = tags;
    c.idempotentRemember(ctx.state, 'backup vault', region, body.CreatorRequestId, idemBody, vault.arn, vault.arn);
    ctx.changed();
    return {BackupVaultName: name, BackupVaultArn: vault.arn, CreationDate: c.epoch(vault.createdAt)};
  },

  DescribeBackupVault(ctx, req, params) {
    return vaultMember(ctx, findVault(ctx, req.aws.region, params.vaultName, {accessDeniedWhenMissing: true}));
  },

  DeleteBackupVault(ctx, req, params) {
    const vault = findVault(ctx, req.aws.region, params.vaultName);
    if (recoveryPoints.count(ctx, vault) > 0) {
      throw c.invalidRequest('Backup vault cannot be deleted because it contains recovery points.');
    }
    delete ctx.state.vaults[`${vault.region}/${vault.name}`];
    delete ctx.state.tags[vault.arn];
    ctx.changed();
    return undefined;
  },

  ListBackupVaults(ctx, req) {
    const list = Object.values(ctx.state.vaults).filter((v) => v.region === req.aws.region)
        .sort((a, b) => a.name.localeCompare(b.name));
    const {items, nextToken} = c.page(list, req.query);
    const out = {BackupVaultList: items.map((v) => vaultMember(ctx, v))};
    if (nextToken) out.NextToken = nextToken;
    return out;
  },

  TagResource(ctx, req, params, body) {
    const arn = taggable(ctx, req.aws.region, params.arn);
    if (body.Tags === undefined || body.Tags === null) throw c.missingValue('Tags is required.');
    const tags = c.checkTags(body.Tags, 'Tags');
    const merged = {...(ctx.state.tags[arn] || {}), ...tags};
    if (Object.keys(merged).length > 50) throw c.limitExceeded('A resource can have at most 50 tags.');
    ctx.state.tags[arn] = merged;
    ctx.changed();
    return undefined;
  },

  UntagResource(ctx, req, params, body) {
    const arn = taggable(ctx, req.aws.region, params.arn);
    if (!Array.isArray(body.TagKeyList)) throw c.missingValue('TagKeyList is required.');
    const tags = {...(ctx.state.tags[arn] || {})};
    for (const k of body.TagKeyList) delete tags[k];
    ctx.state.tags[arn] = tags;
    ctx.changed();
    return undefined;
  },

  ...recoveryPoints.makeOps(findVault),

  ListTags(ctx, req, params) {
    const arn = taggable(ctx, req.aws.region, params.arn);
    const entries = Object.entries(ctx.state.tags[arn] || {}).sort(([a], [b]) => a.localeCompare(b));
    const {items, nextToken} = c.page(entries, req.query);
    const out = {Tags: Object.fromEntries(items)};
    if (nextToken) out.NextToken = nextToken;
    return out;
  },
};

module.exports = {ops, findVault};

'use strict';
// AWS Backup emulator (restJson1, API version 2018-11-15, signing name "backup").
// Paths, members and error codes follow the service model the official SDKs are generated from.
// Operations live in aws_backup_plans.js (plans, versions, selections) and aws_backup_vaults.js
// (vaults, tags); this file routes, authenticates (SigV4) and writes the AWS error shape.

const util = require('../lib/util');
const {verifySigV4} = require('../lib/auth/aws_sigv4');
const c = require('./aws_backup_common');
const plans = require('./aws_backup_plans');
const vaults = require('./aws_backup_vaults');
const recoveryPoints = require('./aws_backup_recovery_points');

const ops = {...plans.ops, ...vaults.ops};

// [method, path pattern (without trailing slash), operation, names of the captured labels].
// The model writes some paths with a trailing slash (PUT /backup/plans/); clients send either form.
const ROUTES = [
  ['PUT', /^\/backup\/plans$/, 'CreateBackupPlan', []],
  ['GET', /^\/backup\/plans$/, 'ListBackupPlans', []],
  ['GET', /^\/backup\/plans\/([^/]+)$/, 'GetBackupPlan', ['planId']],
  ['POST', /^\/backup\/plans\/([^/]+)$/, 'UpdateBackupPlan', ['planId']],
  ['DELETE', /^\/backup\/plans\/([^/]+)$/, 'DeleteBackupPlan', ['planId']],
  ['GET', /^\/backup\/plans\/([^/]+)\/versions$/, 'ListBackupPlanVersions', ['planId']],
  ['PUT', /^\/backup\/plans\/([^/]+)\/selections$/, 'CreateBackupSelection', ['planId']],
  ['GET', /^\/backup\/plans\/([^/]+)\/selections$/, 'ListBackupSelections', ['planId']],
  ['GET', /^\/backup\/plans\/([^/]+)\/selections\/([^/]+)$/, 'GetBackupSelection', ['planId', 'selectionId']],
  ['DELETE', /^\/backup\/plans\/([^/]+)\/selections\/([^/]+)$/, 'DeleteBackupSelection', ['planId', 'selectionId']],
  ['GET', /^\/backup-vaults$/, 'ListBackupVaults', []],
  ['PUT', /^\/backup-vaults\/([^/]+)$/, 'CreateBackupVault', ['vaultName']],
  ['GET', /^\/backup-vaults\/([^/]+)$/, 'DescribeBackupVault', ['vaultName']],
  ['DELETE', /^\/backup-vaults\/([^/]+)$/, 'DeleteBackupVault', ['vaultName']],
  ['GET', /^\/backup-vaults\/([^/]+)\/recovery-points$/, 'ListRecoveryPointsByBackupVault', ['vaultName']],
  ['GET', /^\/backup-vaults\/([^/]+)\/recovery-points\/([^/]+)$/, 'DescribeRecoveryPoint', ['vaultName', 'recoveryPointArn']],
  ['DELETE', /^\/backup-vaults\/([^/]+)\/recovery-points\/([^/]+)$/, 'DeleteRecoveryPoint', ['vaultName', 'recoveryPointArn']],
  ['POST', /^\/tags\/([^/]+)$/, 'TagResource', ['arn']],
  ['GET', /^\/tags\/([^/]+)$/, 'ListTags', ['arn']],
  ['POST', /^\/untag\/([^/]+)$/, 'UntagResource', ['arn']],
];

function match(req) {
  let path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
  if (path === '') path = '/';
  for (const [method, re, op, labels] of ROUTES) {
    if (method !== req.method) continue;
    const m = re.exec(path);
    if (!m) continue;
    const params = {};
    labels.forEach((name, i) => { params[name] = decodeURIComponent(m[i + 1]); });
    return {op, params};
  }
  return null;
}

function baseHeaders(ctx) {
  return {'x-amzn-RequestId': ctx.requestId(), 'Content-Type': 'application/json'};
}

// AWS Backup's modelled `Code` member is an opaque internal number (e.g. "ERROR_9101" for a vault
// that still holds recovery points), not the error type: clients must take the type from
// x-amzn-ErrorType (or __type). These numbers are stand-ins except ERROR_9101.
const ERROR_NUMBERS = {
  ResourceNotFoundException: 'ERROR_3937',
  AlreadyExistsException: 'ERROR_2603',
  InvalidParameterValueException: 'ERROR_2421',
  MissingParameterValueException: 'ERROR_2422',
  InvalidRequestException: 'ERROR_9101',
  LimitExceededException: 'ERROR_2711',
  AccessDeniedException: 'ERROR_1001',
};

// The restJson1 error as AWS Backup writes it: the type in x-amzn-ErrorType (with the Coral namespace
// suffix the SDKs strip at ':'), and a body with __type, the modelled Code/Message/Type members and
// any extra members of the exception (CreatorRequestId, Arn, Context).
function errorResponse(ctx, req, err) {
  let code = err.code || 'InternalFailure';
  if (err.internal) code = 'InternalFailure';
  const status = err.status || 500;
  const body = {__type: code, Code: ERROR_NUMBERS[code] || 'ERROR_1000', Message: err.message || code,
    Type: status >= 500 ? 'Server' : 'User'};
  for (const k of ['CreatorRequestId', 'Arn', 'Context']) {
    if (err[k] !== undefined) body[k] = err[k];
  }
  return {
    status,
    headers: {...baseHeaders(ctx), 'x-amzn-ErrorType': `${code}:http://internal.amazon.com/coral/com.amazonaws.backup/`},
    body,
  };
}

const DEFAULT_LIMITS = {plans: 100, vaults: 100, selections_per_plan: 50};
const DEFAULT_SETTINGS = {recovery_point_deletion_seconds: 0};

function findVaultByName(ctx, body) {
  const vault = Object.values(ctx.state.vaults).find((v) => v.name === body.name && (!body.region || v.region === body.region));
  if (!vault) throw new util.ServiceError(404, 'NotFound', `no vault ${body.name}`);
  return vault;
}

module.exports = {
  name: 'aws_backup',
  throttle: {status: 429, code: 'ThrottlingException', message: 'Rate exceeded'},

  initialState() {
    return {plans: {}, vaults: {}, selections: {}, tags: {}, idempotency: {}, roles: {}, roleReadyAt: {},
      recoveryPoints: {}, settings: {...DEFAULT_SETTINGS}, limits: {...DEFAULT_LIMITS}};
  },

  routeKey(req) {
    const m = match(req);
    return m ? m.op : null;
  },

  async authenticate(ctx, req) {
    const result = await verifySigV4(req, ctx.credentials, {service: 'backup'});
    if (!result.ok) return errorResponse(ctx, req, {status: result.status, code: result.code, message: result.message});
    req.aws = {region: result.region, accessKeyId: result.accessKeyId};
    return null;
  },

  async handle(ctx, req) {
    const m = match(req);
    if (!m) {
      return errorResponse(ctx, req, {status: 404, code: 'UnknownOperationException',
        message: `No operation for ${req.method} ${req.path}`});
    }
    if (!req.aws) req.aws = {region: ctx.identity ? ctx.identity.regions.aws : 'us-east-1'};
    const body = ['PUT', 'POST'].includes(req.method) ? util.parseJsonBody(req.rawBody) : {};
    if (typeof body !== 'object' || Array.isArray(body)) throw c.awsError(400, 'SerializationException', 'Body must be a JSON object.');
    const out = ops[m.op](ctx, req, m.params, body);
    return {status: 200, headers: baseHeaders(ctx), body: out === undefined ? {} : util.clone(out)};
  },

  errorResponse,

  control: {
    // Registers an IAM role AWS Backup may assume; returns its ARN. With propagation_seconds the
    // role is refused ("cannot be assumed") for that long, like a freshly created IAM role.
    seed_iam_role(ctx, body) {
      const name = c.requireString(body.name, 'name');
      const arn = c.roleArn(name, body.path || '/');
      ctx.state.roles[name] = arn;
      ctx.state.roleReadyAt = ctx.state.roleReadyAt || {};
      if (body.propagation_seconds) {
        ctx.state.roleReadyAt[name] = ctx.now().getTime() + Number(body.propagation_seconds) * 1000;
      } else {
        delete ctx.state.roleReadyAt[name];
      }
      ctx.changed();
      return {arn};
    },

    // Out-of-band change of a plan (drift): merges `patch` into the current BackupPlan document
    // (BackupPlanName, Rules, AdvancedBackupSettings) and stores it as a new version.
    mutate_plan(ctx, body) {
      const plan = ctx.state.plans[body.plan_id];
      if (!plan || plan.deletedAt) throw new util.ServiceError(404, 'NotFound', `no plan ${body.plan_id}`);
      const doc = util.clone(plans.current(plan).document);
      const patch = body.patch || {};
      if (patch.BackupPlanName !== undefined) doc.BackupPlanName = patch.BackupPlanName;
      if (patch.AdvancedBackupSettings !== undefined) doc.AdvancedBackupSettings = patch.AdvancedBackupSettings;
      if (patch.Rules !== undefined) {
        const byName = new Map(doc.Rules.map((r) => [r.RuleName, r]));
        doc.Rules = patch.Rules.map((r) => ({RuleId: (byName.get(r.RuleName) || {}).RuleId || ctx.newId(), ...r}));
      }
      if (patch.RulePatch !== undefined) doc.Rules = doc.Rules.map((r) => ({...r, ...patch.RulePatch}));
      const v = plans.addVersion(ctx, plan, doc);
      ctx.changed();
      return {plan_id: plan.id, version_id: v.versionId};
    },

    // Out-of-band delete (drift), allowed even while selections exist; the selections go too.
    delete_plan(ctx, body) {
      const plan = ctx.state.plans[body.plan_id];
      if (!plan || plan.deletedAt) throw new util.ServiceError(404, 'NotFound', `no plan ${body.plan_id}`);
      plan.deletedAt = ctx.now().getTime();
      for (const s of Object.values(ctx.state.selections)) if (s.planId === plan.id) delete ctx.state.selections[s.id];
      delete ctx.state.tags[plan.arn];
      ctx.changed();
      return {plan_id: plan.id};
    },

    delete_vault(ctx, body) {
      const key = Object.keys(ctx.state.vaults).find((k) => {
        const v = ctx.state.vaults[k];
        return v.name === body.name && (!body.region || v.region === body.region);
      });
      if (!key) throw new util.ServiceError(404, 'NotFound', `no vault ${body.name}`);
      const vault = ctx.state.vaults[key];
      recoveryPoints.forget(ctx, vault);
      delete ctx.state.vaults[key];
      delete ctx.state.tags[vault.arn];
      ctx.changed();
      return {name: vault.name, region: vault.region};
    },

    // Test knobs: {plans?, vaults?, selections_per_plan?} quotas (LimitExceededException).
    set_limits(ctx, body) {
      for (const k of Object.keys(DEFAULT_LIMITS)) if (body[k] !== undefined) ctx.state.limits[k] = Number(body[k]);
      ctx.changed();
      return ctx.state.limits;
    },

    // Puts `count` recovery points in a vault (replacing those it had), so DeleteBackupVault is refused
    // (InvalidRequestException) until they are deleted. Kept for older tests: seed_recovery_points adds.
    set_recovery_points(ctx, body) {
      const vault = findVaultByName(ctx, body);
      recoveryPoints.forget(ctx, vault);
      const arns = recoveryPoints.seed(ctx, vault, {...body, count: Number(body.count) || 0});
      return {name: vault.name, count: arns.length, arns};
    },

    // {name, count?, region?, resource_arn?, resource_type?}: adds completed recovery points.
    seed_recovery_points(ctx, body) {
      const vault = findVaultByName(ctx, body);
      return {name: vault.name, arns: recoveryPoints.seed(ctx, vault, body)};
    },

    // {recovery_point_deletion_seconds?}: how long a deleted recovery point stays DELETING.
    settings(ctx, body) {
      ctx.state.settings = {...DEFAULT_SETTINGS, ...(ctx.state.settings || {})};
      for (const k of Object.keys(DEFAULT_SETTINGS)) if (body[k] !== undefined) ctx.state.settings[k] = Number(body[k]);
      ctx.changed();
      return ctx.state.settings;
    },
  },
};

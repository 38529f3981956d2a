'use strict';
// AWS Backup plans (with versions) and backup selections.
// Each operation: (ctx, req, params, body) -> JSON-able output object (HTTP 200).

const c = require('./aws_backup_common');

const NAME_RE = /^[a-zA-Z0-9\-_.]{1,50}$/;
const VAULT_ARN_RE = /^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[a-zA-Z0-9\-_]{2,50}$/;
const ROLE_ARN_RE = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

// Defaults AWS documents for a rule that omits them (BackupRule, API reference): the start window is
// 8 hours, the completion window 7 days, the schedule time zone UTC, and the schedule daily at 05:00.
const DEFAULT_START_WINDOW = 480;
const DEFAULT_COMPLETION_WINDOW = 10080;
const DEFAULT_TIMEZONE = 'Etc/UTC';
// "When no CRON expression is provided, AWS Backup will use the default expression cron(0 5 ? * * *)"
// (BackupRuleInput.ScheduleExpression, API reference); the AWS provider's #23976 is that answer.
const DEFAULT_SCHEDULE = 'cron(0 5 ? * * *)';
const ADVANCED_OPTIONS = {EC2: ['WindowsVSS'], S3: ['BackupACLs', 'BackupObjectTags']};

function checkLifecycle(lc, where) {
  if (lc === undefined || lc === null) return undefined;
  if (typeof lc !== 'object') throw c.invalidValue(`${where}.Lifecycle must be an object.`);
  const move = c.optionalInt(lc.MoveToColdStorageAfterDays, `${where}.Lifecycle.MoveToColdStorageAfterDays`, 1);
  const del = c.optionalInt(lc.DeleteAfterDays, `${where}.Lifecycle.DeleteAfterDays`, 1, 36500);
  // "Backups transitioned to cold storage must be stored in cold storage for a minimum of 90 days":
  // DeleteAfterDays must be at least MoveToColdStorageAfterDays + 90 (Lifecycle, API reference).
  if (move !== undefined && del !== undefined && del < move + 90) {
    throw c.invalidValue(`Invalid lifecycle in ${where}: DeleteAfterDays (${del}) must be at least 90 days greater than MoveToColdStorageAfterDays (${move}).`);
  }
  const out = {};
  if (move !== undefined) out.MoveToColdStorageAfterDays = move;
  if (del !== undefined) out.DeleteAfterDays = del;
  if (lc.OptInToArchiveForSupportedResources !== undefined) {
    out.OptInToArchiveForSupportedResources = !!lc.OptInToArchiveForSupportedResources;
  }
  if (lc.DeleteAfterEvent !== undefined) out.DeleteAfterEvent = String(lc.DeleteAfterEvent);
  return out;
}

function checkSchedule(expr, where) {
  if (expr === undefined || expr === null) return undefined;
  if (typeof expr !== 'string' || !/^(cron|rate|at)\(.+\)$/.test(expr.trim())) {
    throw c.invalidValue(`${where}.ScheduleExpression is not a valid cron, rate or at expression: ${JSON.stringify(expr)}.`);
  }
  if (expr.startsWith('cron(') && expr.slice(5, -1).trim().split(/\s+/).length !== 6) {
    throw c.invalidValue(`${where}.ScheduleExpression cron expression must have 6 fields: ${expr}.`);
  }
  return expr;
}

function checkAdvanced(list) {
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw c.invalidValue('AdvancedBackupSettings must be a list.');
  return list.map((s, i) => {
    // Documented options (AdvancedBackupSetting, API reference): EC2 WindowsVSS; S3 BackupACLs and
    // BackupObjectTags; each "enabled" or "disabled".
    const allowed = ADVANCED_OPTIONS[s && s.ResourceType];
    if (!allowed) {
      throw c.invalidValue(`AdvancedBackupSettings[${i}].ResourceType must be EC2 or S3, got ${JSON.stringify(s && s.ResourceType)}.`);
    }
    const opts = c.optionalStringMap(s.BackupOptions, `AdvancedBackupSettings[${i}].BackupOptions`) || {};
    for (const [k, v] of Object.entries(opts)) {
      if (!allowed.includes(k) || !['enabled', 'disabled'].includes(v)) {
        throw c.invalidValue(`AdvancedBackupSettings[${i}].BackupOptions for ${s.ResourceType} supports ${allowed.join(', ')} = enabled|disabled.`);
      }
    }
    return {ResourceType: s.ResourceType, BackupOptions: opts};
  });
}

// Validates a BackupPlanInput and returns the stored document (rules with defaults and RuleIds).
// previous: the prior document, so a rule keeps its RuleId across versions when its name is kept.
function buildDocument(ctx, region, input, previous) {
  if (!input || typeof input !== 'object') throw c.missingValue('BackupPlan is required.');
  const name = c.requireString(input.BackupPlanName, 'BackupPlan.BackupPlanName');
  if (!NAME_RE.test(name)) throw c.invalidValue(`Invalid BackupPlanName ${JSON.stringify(name)}: 1-50 letters, numbers, '-', '_', '.'.`);
  if (input.Rules === undefined || input.Rules === null) throw c.missingValue('BackupPlan.Rules is required.');
  if (!Array.isArray(input.Rules) || input.Rules.length === 0) throw c.invalidValue('BackupPlan.Rules must contain at least one rule.');
  const oldIds = new Map(((previous && previous.Rules) || []).map((r) => [r.RuleName, r.RuleId]));
  const seen = new Set();
  const rules = input.Rules.map((r, i) => {
    const where = `Rules[${i}]`;
    if (!r || typeof r !== 'object') throw c.invalidValue(`${where} must be an object.`);
    const ruleName = c.requireString(r.RuleName, `${where}.RuleName`);
    if (!NAME_RE.test(ruleName)) throw c.invalidValue(`Invalid RuleName ${JSON.stringify(ruleName)}.`);
    if (seen.has(ruleName)) throw c.invalidValue(`Duplicate RuleName ${ruleName} in the backup plan.`);
    seen.add(ruleName);
    const vault = c.requireString(r.TargetBackupVaultName, `${where}.TargetBackupVaultName`);
    if (!ctx.state.vaults[`${region}/${vault}`]) {
      throw c.invalidValue(`Backup vault ${vault} does not exist in ${region} (${where}.TargetBackupVaultName).`);
    }
    const start = c.optionalInt(r.StartWindowMinutes, `${where}.StartWindowMinutes`, 60);
    const completion = c.optionalInt(r.CompletionWindowMinutes, `${where}.CompletionWindowMinutes`, 60);
    const out = {
      RuleName: ruleName,
      TargetBackupVaultName: vault,
      StartWindowMinutes: start === undefined ? DEFAULT_START_WINDOW : start,
      CompletionWindowMinutes: completion === undefined ? DEFAULT_COMPLETION_WINDOW : completion,
      RuleId: oldIds.get(ruleName) || ctx.newId(),
      ScheduleExpressionTimezone: DEFAULT_TIMEZONE,
    };
    const schedule = checkSchedule(r.ScheduleExpression, where);
    out.ScheduleExpression = schedule === undefined || schedule === '' ? DEFAULT_SCHEDULE : schedule;
    if (r.ScheduleExpressionTimezone !== undefined && r.ScheduleExpressionTimezone !== null) {
      if (typeof r.ScheduleExpressionTimezone !== 'string' || !r.ScheduleExpressionTimezone) {
        throw c.invalidValue(`${where}.ScheduleExpressionTimezone must be an IANA time zone name.`);
      }
      out.ScheduleExpressionTimezone = r.ScheduleExpressionTimezone;
    }
    const lc = checkLifecycle(r.Lifecycle, where);
    if (lc !== undefined) out.Lifecycle = lc;
    const rpt = c.checkTags(r.RecoveryPointTags, `${where}.RecoveryPointTags`);
    if (r.RecoveryPointTags !== undefined && r.RecoveryPointTags !== null) out.RecoveryPointTags = rpt;
    if (r.CopyActions !== undefined && r.CopyActions !== null) {
      if (!Array.isArray(r.CopyActions)) throw c.invalidValue(`${where}.CopyActions must be a list.`);
      out.CopyActions = r.CopyActions.map((a, j) => {
        const arn = c.requireString(a && a.DestinationBackupVaultArn, `${where}.CopyActions[${j}].DestinationBackupVaultArn`);
        if (!VAULT_ARN_RE.test(arn)) throw c.invalidValue(`Invalid DestinationBackupVaultArn ${arn}.`);
        // A copy action sent without a lifecycle is answered without one (the member is left out, as
        // real AWS answers it; terraform-provider-aws's TestAccBackupPlan_RuleCopyAction_noLifecycle
        // expects an empty plan on real AWS after such a create).
        const clc = checkLifecycle(a.Lifecycle, `${where}.CopyActions[${j}]`);
        const copy = {DestinationBackupVaultArn: arn};
        if (clc !== undefined) copy.Lifecycle = clc;
        return copy;
      });
    }
    if (r.EnableContinuousBackup !== undefined && r.EnableContinuousBackup !== null) {
      if (typeof r.EnableContinuousBackup !== 'boolean') throw c.invalidValue(`${where}.EnableContinuousBackup must be a boolean.`);
      out.EnableContinuousBackup = r.EnableContinuousBackup;
      // Continuous backups cannot move to cold storage (AWS Backup developer guide, "Continuous backups").
      if (r.EnableContinuousBackup && lc && lc.MoveToColdStorageAfterDays !== undefined) {
        throw c.invalidValue(`${where}: continuous backup does not support MoveToColdStorageAfterDays.`);
      }
    }
    return out;
  });
  const doc = {BackupPlanName: name, Rules: rules};
  const adv = checkAdvanced(input.AdvancedBackupSettings);
  if (adv !== undefined) doc.AdvancedBackupSettings = adv;
  return doc;
}

// Two plan documents are the same when they differ at most in the generated RuleIds.
function sameDocument(a, b) {
  const strip = (d) => ({...d, Rules: d.Rules.map(({RuleId, ...rest}) => rest)});
  return c.canonical(strip(a)) === c.canonical(strip(b));
}

function findPlan(ctx, region, id, {allowDeleted = false} = {}) {
  const plan = ctx.state.plans[id];
  if (!plan || plan.region !== region || (plan.deletedAt && !allowDeleted)) {
    throw c.notFound(`Failed reading Backup plan with provided version. Backup plan with ID ${id} not found.`);
  }
  return plan;
}

const current = (plan) => plan.versions[plan.versions.length - 1];

function listMember(plan, version) {
  const out = {
    BackupPlanArn: plan.arn,
    BackupPlanId: plan.id,
    CreationDate: c.epoch(version.createdAt),
    VersionId: version.versionId,
    BackupPlanName: version.document.BackupPlanName,
  };
  if (plan.deletedAt) out.DeletionDate = c.epoch(plan.deletedAt);
  if (plan.creatorRequestId) out.CreatorRequestId = plan.creatorRequestId;
  if (plan.lastExecutionAt) out.LastExecutionDate = c.epoch(plan.lastExecutionAt);
  if (version.document.AdvancedBackupSettings) out.AdvancedBackupSettings = version.document.AdvancedBackupSettings;
  return out;
}

function addVersion(ctx, plan, document) {
  const version = {versionId: c.newVersionId(), createdAt: c.ms(ctx.now()), document};
  plan.versions.push(version);
  return version;
}

const ops = {
  CreateBackupPlan(ctx, req, params, body) {
    const region = req.aws.region;
    c.checkCreatorRequestId(body.CreatorRequestId);
    const earlier = c.idempotentLookup(ctx.state, 'backup plan', region, body.CreatorRequestId, body);
    if (earlier && ctx.state.plans[earlier]) {
      const plan = ctx.state.plans[earlier];
      const v = plan.versions[0];
      return {BackupPlanId: plan.id, BackupPlanArn: plan.arn, CreationDate: c.epoch(v.createdAt), VersionId: v.versionId,
        AdvancedBackupSettings: v.document.AdvancedBackupSettings};
    }
    const document = buildDocument(ctx, region, body.BackupPlan);
    const tags = c.checkTags(body.BackupPlanTags, 'BackupPlanTags');
    // Plan names are not unique on AWS; what is refused is a second plan with the very same plan
    // document (name, rules, settings) as a live one, without a matching CreatorRequestId.
    const live = Object.values(ctx.state.plans).filter((p) => p.region === region && !p.deletedAt);
    const same = live.find((p) => sameDocument(current(p).document, document));
    if (same) {
      throw c.alreadyExists('Backup plan with the same plan document already exists', {Arn: same.arn,
        CreatorRequestId: same.creatorRequestId});
    }
    if (live.length >= ctx.state.limits.plans) throw c.limitExceeded(`Maximum number of backup plans (${ctx.state.limits.plans}) reached.`);
    const id = ctx.newId();
    const plan = {id, arn: c.planArn(region, id), region, creatorRequestId: body.CreatorRequestId, versions: []};
    const v = addVersion(ctx, plan, document);
    ctx.state.plans[id] = plan;
    if (Object.keys(tags).length) ctx.state.tags[plan.arn] = tags;
    c.idempotentRemember(ctx.state, 'backup plan', region, body.CreatorRequestId, body, id, plan.arn);
    ctx.changed();
    return {BackupPlanId: id, BackupPlanArn: plan.arn, CreationDate: c.epoch(v.createdAt), VersionId: v.versionId,
      AdvancedBackupSettings: document.AdvancedBackupSettings};
  },

  GetBackupPlan(ctx, req, params) {
    // A deleted plan is ResourceNotFoundException here (terraform-provider-aws's "disappears" tests
    // rely on it); only ListBackupPlans?includeDeleted=true still shows it, with DeletionDate.
    const plan = findPlan(ctx, req.aws.region, params.planId);
    let version = current(plan);
    if (req.query.versionId) {
      version = plan.versions.find((v) => v.versionId === req.query.versionId);
      if (!version) throw c.notFound(`Backup plan ${plan.id} has no version ${req.query.versionId}.`);
    }
    // AWS answers AdvancedBackupSettings only at the top level; the nested copy inside BackupPlan is
    // always absent (terraform-provider-aws reads the top-level one for that reason).
    const {AdvancedBackupSettings: nestedAdvanced, ...nested} = version.document;
    const out = {
      BackupPlan: nested,
      BackupPlanId: plan.id,
      BackupPlanArn: plan.arn,
      VersionId: version.versionId,
      CreationDate: c.epoch(version.createdAt),
    };
    if (plan.creatorRequestId) out.CreatorRequestId = plan.creatorRequestId;
    if (plan.lastExecutionAt) out.LastExecutionDate = c.epoch(plan.lastExecutionAt);
    if (version.document.AdvancedBackupSettings) out.AdvancedBackupSettings = version.document.AdvancedBackupSettings;
    return out;
  },

  UpdateBackupPlan(ctx, req, params, body) {
    const plan = findPlan(ctx, req.aws.region, params.planId);
    const document = buildDocument(ctx, plan.region, body.BackupPlan, current(plan).document);
    const v = addVersion(ctx, plan, document);
    ctx.changed();
    return {BackupPlanId: plan.id, BackupPlanArn: plan.arn, CreationDate: c.epoch(v.createdAt), VersionId: v.versionId,
      AdvancedBackupSettings: document.AdvancedBackupSettings};
  },

  DeleteBackupPlan(ctx, req, params) {
    const plan = findPlan(ctx, req.aws.region, params.planId);
    if (Object.values(ctx.state.selections).some((s) => s.planId === plan.id)) {
      throw c.invalidRequest('Related backup plan selections must be deleted prior to backup plan deletion.');
    }
    plan.deletedAt = c.ms(ctx.now());
    delete ctx.state.tags[plan.arn];
    ctx.changed();
    return {BackupPlanId: plan.id, BackupPlanArn: plan.arn, DeletionDate: c.epoch(plan.deletedAt), VersionId: current(plan).versionId};
  },

  ListBackupPlans(ctx, req) {
    const includeDeleted = req.query.includeDeleted === 'true';
    const plans = Object.values(ctx.state.plans)
        .filter((p) => p.region === req.aws.region && (includeDeleted || !p.deletedAt))
        .sort((a, b) => a.versions[0].createdAt - b.versions[0].createdAt || a.id.localeCompare(b.id));
    const {items, nextToken} = c.page(plans, req.query);
    const out = {BackupPlansList: items.map((p) => listMember(p, current(p)))};
    if (nextToken) out.NextToken = nextToken;
    return out;
  },

  ListBackupPlanVersions(ctx, req, params) {
    const plan = findPlan(ctx, req.aws.region, params.planId);
    const {items, nextToken} = c.page([...plan.versions].reverse(), req.query);
    const out = {BackupPlanVersionsList: items.map((v) => listMember(plan, v))};
    if (nextToken) out.NextToken = nextToken;
    return out;
  },

  CreateBackupSelection(ctx, req, params, body) {
    const plan = findPlan(ctx, req.aws.region, params.planId);
    c.checkCreatorRequestId(body.CreatorRequestId);
    const earlier = c.idempotentLookup(ctx.state, `backup selection of ${plan.id}`, plan.region, body.CreatorRequestId, body);
    if (earlier && ctx.state.selections[earlier]) {
      const s = ctx.state.selections[earlier];
      return {SelectionId: s.id, BackupPlanId: s.planId, CreationDate: c.epoch(s.createdAt)};
    }
    const selection = checkSelection(ctx, body.BackupSelection);
    const siblings = Object.values(ctx.state.selections).filter((s) => s.planId === plan.id);
    if (siblings.some((s) => s.selection.SelectionName === selection.SelectionName)) {
      throw c.alreadyExists(`Backup selection ${selection.SelectionName} already exists in plan ${plan.id}.`);
    }
    if (siblings.length >= ctx.state.limits.selections_per_plan) {
      throw c.limitExceeded(`Maximum number of selections per backup plan (${ctx.state.limits.selections_per_plan}) reached.`);
    }
    const id = ctx.newId();
    const record = {id, planId: plan.id, region: plan.region, createdAt: c.ms(ctx.now()),
      creatorRequestId: body.CreatorRequestId, selection};
    ctx.state.selections[id] = record;
    c.idempotentRemember(ctx.state, `backup selection of ${plan.id}`, plan.region, body.CreatorRequestId, body, id);
    ctx.changed();
    return {SelectionId: id, BackupPlanId: plan.id, CreationDate: c.epoch(record.createdAt)};
  },

  GetBackupSelection(ctx, req, params) {
    const s = findSelection(ctx, req.aws.region, params.planId, params.selectionId);
    const out = {BackupSelection: s.selection, SelectionId: s.id, BackupPlanId: s.planId, CreationDate: c.epoch(s.createdAt)};
    if (s.creatorRequestId) out.CreatorRequestId = s.creatorRequestId;
    return out;
  },

  DeleteBackupSelection(ctx, req, params) {
    const s = findSelection(ctx, req.aws.region, params.planId, params.selectionId);
    delete ctx.state.selections[s.id];
    ctx.changed();
    return undefined;
  },

  ListBackupSelections(ctx, req, params) {
    const plan = findPlan(ctx, req.aws.region, params.planId);
    const list = Object.values(ctx.state.selections).filter((s) => s.planId === plan.id)
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    const {items, nextToken} = c.page(list, req.query);
    const out = {BackupSelectionsList: items.map((s) => {
      const m = {SelectionId: s.id, SelectionName: s.selection.SelectionName, BackupPlanId: s.planId,
        CreationDate: c.epoch(s.createdAt), IamRoleArn: s.selection.IamRoleArn};
      if (s.creatorRequestId) m.CreatorRequestId = s.creatorRequestId;
      return m;
    })};
    if (nextToken) out.NextToken = nextToken;
    return out;
  },
};

// Selection calls under a plan that is gone answer InvalidParameterValueException "Cannot find
// Backup plan" rather than ResourceNotFoundException (terraform-provider-aws treats both as gone).
function findSelection(ctx, region, planId, selectionId) {
  const plan = ctx.state.plans[planId];
  if (!plan || plan.region !== region || plan.deletedAt) {
    throw c.invalidValue(`Cannot find Backup plan with ID ${planId}`);
  }
  const s = ctx.state.selections[selectionId];
  if (!s || s.planId !== planId) throw c.notFound(`Backup selection ${selectionId} not found in plan ${planId}.`);
  return s;
}

function checkConditionList(list, where) {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw c.invalidValue(`${where} must be a list.`);
  return list.map((p, i) => ({
    ConditionKey: c.requireString(p && p.ConditionKey, `${where}[${i}].ConditionKey`),
    ConditionValue: c.requireString(p && p.ConditionValue, `${where}[${i}].ConditionValue`),
  }));
}

function checkArnList(list, where) {
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list) || list.some((a) => typeof a !== 'string' || !(a === '*' || a.startsWith('arn:')))) {
    throw c.invalidValue(`${where} must be a list of ARNs (or "*").`);
  }
  return [...list];
}

// Validates a BackupSelection. The IAM role must exist (seeded through the control API): AWS
// Backup checks that it can assume the role when the selection is created.
function checkSelection(ctx, input) {
  if (!input || typeof input !== 'object') throw c.missingValue('BackupSelection is required.');
  const name = c.requireString(input.SelectionName, 'BackupSelection.SelectionName');
  if (!NAME_RE.test(name)) throw c.invalidValue(`Invalid SelectionName ${JSON.stringify(name)}.`);
  const role = c.requireString(input.IamRoleArn, 'BackupSelection.IamRoleArn');
  const m = ROLE_ARN_RE.exec(role);
  if (!m) throw c.invalidValue(`Invalid IamRoleArn ${role}.`);
  const roleName = Object.keys(ctx.state.roles).find((n) => ctx.state.roles[n] === role);
  // An unseeded role, or one still "propagating" (seed_iam_role propagation_seconds), is refused the
  // way AWS refuses a role IAM has not replicated yet; clients retry on "cannot be assumed".
  const readyAt = roleName && (ctx.state.roleReadyAt || {})[roleName];
  if (!roleName || (readyAt && ctx.now().getTime() < readyAt)) {
    throw c.invalidValue(`IAM Role ${role} cannot be assumed by AWS Backup.`);
  }
  const out = {SelectionName: name, IamRoleArn: role};
  const resources = checkArnList(input.Resources, 'Resources');
  if (resources) out.Resources = resources;
  const notResources = checkArnList(input.NotResources, 'NotResources');
  if (notResources) out.NotResources = notResources;
  if (input.ListOfTags !== undefined && input.ListOfTags !== null) {
    if (!Array.isArray(input.ListOfTags)) throw c.invalidValue('ListOfTags must be a list.');
    out.ListOfTags = input.ListOfTags.map((t, i) => {
      if (!t || t.ConditionType !== 'STRINGEQUALS') throw c.invalidValue(`ListOfTags[${i}].ConditionType must be STRINGEQUALS.`);
      return {ConditionType: 'STRINGEQUALS',
        ConditionKey: c.requireString(t.ConditionKey, `ListOfTags[${i}].ConditionKey`),
        ConditionValue: c.requireString(t.ConditionValue, `ListOfTags[${i}].ConditionValue`)};
    });
  }
  // AWS answers Conditions with all four lists, empty when not given.
  const cond = input.Conditions || {};
  out.Conditions = {};
  for (const k of ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike']) {
    out.Conditions[k] = checkConditionList(cond[k], `Conditions.${k}`);
  }
  // The API refuses a selection that names no resource at all (terraform-provider-aws #24235).
  if (!(out.Resources && out.Resources.length) && !(out.ListOfTags && out.ListOfTags.length)) {
    throw c.invalidValue('Either ListOfTags or Resources must be specified and not empty.');
  }
  return out;
}

module.exports = {ops, buildDocument, findPlan, current, addVersion};

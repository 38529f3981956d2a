'use strict';
// Alibaba Cloud Database Backup (DBS, API version 2019-03-06): the backup-plan lifecycle.
//
// Wire facts (DBS API reference, the dbs20190306 SDK models, the CreateBackupPlan seed):
//   * Business answers carry a body-level envelope: {"Success", "ErrCode", "ErrMessage",
//     "HttpStatusCode", "RequestId", ...}. Business errors come back with HTTP 200 and
//     Success=false (HttpStatusCode in the body says what went wrong); only gateway errors
//     (signature, throttling, missing mandatory parameter, unknown action) use a 4xx status and
//     the POP error shape {"Code", "Message", "RequestId", "HostId", "Recommend"}.
//   * A plan starts in `wait`; ConfigureBackupPlan is refused for about five seconds after
//     CreateBackupPlan ("you have to wait 5 seconds in most cases") — ErrCode BackupPlanNotCreate;
//     `configure_delay_seconds` sets the delay.
//   * Statuses: wait (not configured), init (precheck failed / not started), check_pass,
//     running, pause, stop, locked.
//   * ClientToken makes CreateBackupPlan idempotent: the same token answers the same plan.
//   * DescribeBackupPlanList pages with PageNum (0-based, default 0) and PageSize (1..100,
//     default 30); BackupPlanCreateTime is epoch milliseconds, EnableBackupLog a boolean,
//     BackupRetentionPeriod an integer, SourceEndpointInstanceType lower-case, BackupPeriod in
//     upper case ("MONDAY,THURSDAY": the Alibaba provider maps MONDAY back to Monday on read).
//   * PayType postpay (pay-as-you-go) is accepted for every backup method: the API reference's
//     note says duplication supports it, not that only duplication does, and the Alibaba
//     provider's own acceptance tests create pay-as-you-go logical plans. It needs
//     DatabaseRegion, StorageRegion and InstanceType and refuses DatabaseType DRDS (the same note).
//   * DescribeBackupPlanBilling answers Item.BuyChargeType PREPAY / POSTPAY; an unknown plan is
//     ErrCode InvalidJobId (the code the Alibaba provider reads as "gone" for this call).

const crypto = require('node:crypto');
const util = require('../lib/util');
const ali = require('../lib/auth/alicloud');

const VERSION = '2019-03-06';
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const INSTANCE_CLASSES = ['micro', 'small', 'medium', 'large', 'xlarge'];
const DATABASE_TYPES = ['MySQL', 'MSSQL', 'Oracle', 'MariaDB', 'PostgreSQL', 'DRDS', 'MongoDB', 'Redis'];
const BACKUP_METHODS = ['logical', 'physical', 'duplication'];
const ENDPOINT_TYPES = ['rds', 'ecs', 'express', 'agent', 'dds', 'other', 'dg'];
const INSTANCE_TYPES = ['RDS', 'PolarDB', 'DDS', 'Kvstore', 'Other'];
// Free backup quota per month by instance class (DBS billing: backup fees); xlarge is unlimited.
const FREE_GB = {micro: 40, small: 400, medium: 800, large: 1600};

function initialState() {
  return {settings: {configure_delay_seconds: 5}, plans: {}, client_tokens: {}, databases: {}};
}

// ---- answers -------------------------------------------------------------------------------------

function ok(ctx, body) {
  return ali.jsonOk(ctx, {HttpStatusCode: 200, Success: true, ...body});
}

// A business error: HTTP 200, Success=false. Thrown as a marker the action wrapper turns into a body.
class DbsError extends Error {
  constructor(errCode, errMessage, httpStatusCode = 400) {
    super(errMessage);
    this.errCode = errCode;
    this.httpStatusCode = httpStatusCode;
  }
}

function invalid(name, value) {
  return new DbsError('InvalidParameter', `The specified parameter ${name} value ${JSON.stringify(value)} is not valid.`);
}

function missing(name) {
  // Mandatory parameters are checked by the gateway before DBS sees the call.
  return new util.ServiceError(400, `Missing${name}`, `${name} is mandatory for this action.`);
}

function required(params, name) {
  const v = params[name];
  if (v === undefined || v === '') throw missing(name);
  return v;
}

function present(params, name) {
  return params[name] !== undefined && params[name] !== '';
}

function getPlan(ctx, id) {
  const plan = ctx.state.plans[id];
  if (!plan) throw new DbsError('Param.NotFound', `The specified parameter BackupPlanId value ${id} is not valid.`, 404);
  return plan;
}

function randomId(prefix, n) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = prefix;
  for (const b of crypto.randomBytes(n)) s += alphabet[b % alphabet.length];
  return s;
}

function oneOf(name, value, allowed) {
  if (!allowed.includes(value)) throw invalid(name, value);
  return value;
}

function intIn(name, value, lo, hi) {
  const n = Number(value);
  if (!/^-?\d+$/.test(String(value)) || n < lo || n > hi) throw invalid(name, value);
  return n;
}

function bool(name, value) {
  const v = String(value).toLowerCase();
  if (v !== 'true' && v !== 'false') throw invalid(name, value);
  return v === 'true';
}

// Weekdays as sent ("Monday,Thursday"), stored and answered the way DBS answers them: upper case,
// in week order ("MONDAY,THURSDAY").
function weekdays(name, value, minDays) {
  const days = String(value).split(',').map((d) => d.trim()).filter(Boolean);
  if (days.length < minDays || days.some((d) => !WEEKDAYS.includes(d))) throw invalid(name, value);
  return WEEKDAYS.filter((d) => days.includes(d)).map((d) => d.toUpperCase()).join(',');
}

// HH:mm, UTC; ConfigureBackupPlan documents HH:mmZ, so a trailing Z is accepted and dropped.
function startTime(name, value) {
  const m = /^([01]\d|2[0-3]):([0-5]\d)Z?$/.exec(String(value));
  if (!m) throw invalid(name, value);
  return `${m[1]}:${m[2]}`;
}

function backupObjects(name, value) {
  try {
    const v = JSON.parse(value);
    if (!Array.isArray(v)) throw new Error('not an array');
  } catch (e) {
    throw invalid(name, value);
  }
  return value;
}

// ---- source endpoints -----------------------------------------------------------------------------

// Reads and checks the SourceEndpoint* parameters shared by ConfigureBackupPlan,
// ModifyBackupSourceEndpoint (and CreateAndStart…): which are mandatory depends on where the
// database lives, as the API reference lists.
function readSourceEndpoint(params, databaseType) {
  const type = String(required(params, 'SourceEndpointInstanceType')).toLowerCase();
  oneOf('SourceEndpointInstanceType', type, ENDPOINT_TYPES);
  const need = (name, when) => {
    if (when && !present(params, name)) throw missing(name);
  };
  need('SourceEndpointRegion', ['rds', 'ecs', 'dds', 'express', 'agent'].includes(type));
  need('SourceEndpointInstanceID', ['rds', 'ecs', 'dds', 'express'].includes(type));
  need('SourceEndpointIP', ['express', 'agent', 'other'].includes(type));
  need('SourceEndpointPort', ['express', 'agent', 'other', 'ecs'].includes(type));
  need('BackupGatewayId', type === 'agent');
  const credentialsOptional = databaseType === 'Redis' || (type === 'agent' && databaseType === 'MSSQL');
  need('SourceEndpointUserName', !credentialsOptional);
  need('SourceEndpointPassword', !credentialsOptional);
  need('SourceEndpointDatabaseName', ['PostgreSQL', 'MongoDB'].includes(databaseType));
  need('SourceEndpointOracleSID', databaseType === 'Oracle');
  const port = present(params, 'SourceEndpointPort') ? intIn('SourceEndpointPort', params.SourceEndpointPort, 1, 65535) : null;
  return {
    fields: {
      SourceEndpointInstanceType: type,
      SourceEndpointRegion: params.SourceEndpointRegion || '',
      SourceEndpointInstanceID: params.SourceEndpointInstanceID || '',
      SourceEndpointIpPort: params.SourceEndpointIP ? `${params.SourceEndpointIP}:${port || ''}` : '',
      SourceEndpointDatabaseName: params.SourceEndpointDatabaseName || '',
      SourceEndpointUserName: params.SourceEndpointUserName || '',
      SourceEndpointOracleSID: params.SourceEndpointOracleSID || '',
      BackupGatewayId: present(params, 'BackupGatewayId') ? Number(params.BackupGatewayId) : undefined,
      CrossAliyunId: params.CrossAliyunId || undefined,
      CrossRoleName: params.CrossRoleName || undefined,
    },
    password: params.SourceEndpointPassword || '',
  };
}

// The precheck DBS runs before a plan may start. A database seeded with seed_database decides
// the outcome (unreachable, or a different password, fails it); an unknown one passes.
function precheck(ctx, plan) {
  const key = plan.SourceEndpointInstanceID || plan.SourceEndpointIpPort;
  const db = ctx.state.databases[key];
  if (!db) return null;
  if (db.reachable === false) return `can not connect to ${key}`;
  if (db.password && db.password !== plan.internal.password) {
    return `access denied for user ${plan.SourceEndpointUserName} on ${key}`;
  }
  return null;
}

function runPrecheck(ctx, plan, thenStatus) {
  const failure = precheck(ctx, plan);
  plan.ErrMessage = failure || '';
  plan.BackupPlanStatus = failure ? 'init' : thenStatus;
  return !failure;
}

// ---- the plan as DescribeBackupPlanList lists it -------------------------------------------------------

function planView(plan) {
  const out = {};
  for (const [k, v] of Object.entries(plan)) {
    if (k !== 'internal' && v !== undefined) out[k] = v;
  }
  return out;
}

// DescribeBackupPlanBilling's Item (dbs20190306 model `Item`): the expiry fields only for prepay.
function billingView(plan, now) {
  const created = plan.BackupPlanCreateTime;
  const month = 30 * 24 * 3600 * 1000;
  const free = FREE_GB[plan.InstanceClass];
  const item = {
    BuyChargeType: plan.internal.payType === 'postpay' ? 'POSTPAY' : 'PREPAY',
    BuySpec: plan.InstanceClass,
    BuyCreateTimestamp: created,
    QuotaStartTimestamp: created,
    QuotaEndTimestamp: created + month,
    TotalFreeBytes: free === undefined ? 0 : free * 1024 ** 3,
    IsFreeBytesUnlimited: free === undefined,
    PaiedBytes: 0,
    UsedFullBytes: 0,
    UsedIncrementBytes: 0,
    FullStorageSize: 0,
    ContStorageSize: 0,
    ResourceGroupId: plan.ResourceGroupId,
  };
  if (plan.internal.payType !== 'postpay') {
    const months = plan.internal.period === 'Year' ? 12 * plan.internal.usedTime : plan.internal.usedTime;
    item.BuyExpiredTimestamp = created + months * month;
    item.IsExpired = now >= item.BuyExpiredTimestamp;
  }
  return item;
}

function requireConfigured(plan) {
  if (plan.BackupPlanStatus === 'wait') {
    throw new DbsError('BackupPlanNotConfigured', 'The backup plan has not been configured yet.');
  }
}

// ---- create / configure, shared by the single and the combined operations ----------------------------

function priorByToken(ctx, params) {
  return params.ClientToken ? ctx.state.client_tokens[params.ClientToken] || null : null;
}

function newPlan(ctx, params) {
  const region = required(params, 'Region');
  const instanceClass = oneOf('InstanceClass', required(params, 'InstanceClass'), INSTANCE_CLASSES);
  const databaseType = oneOf('DatabaseType', required(params, 'DatabaseType'), DATABASE_TYPES);
  const backupMethod = oneOf('BackupMethod', required(params, 'BackupMethod'), BACKUP_METHODS);
  const payType = oneOf('PayType', params.PayType || 'prepay', ['prepay', 'postpay']);
  let period = null;
  let usedTime = null;
  if (payType === 'prepay') {
    period = oneOf('Period', required(params, 'Period'), ['Year', 'Month']);
    usedTime = intIn('UsedTime', required(params, 'UsedTime'), 1, period === 'Year' ? 9 : 11);
  } else {
    // Pay-as-you-go: any backup method, not DRDS; the regions and instance type are mandatory.
    if (databaseType === 'DRDS') throw invalid('DatabaseType', databaseType);
    required(params, 'DatabaseRegion');
    required(params, 'StorageRegion');
    oneOf('InstanceType', required(params, 'InstanceType'), INSTANCE_TYPES);
  }
  const id = randomId('dbs', 10);
  const orderId = payType === 'prepay' ? String(20000000000000 + crypto.randomInt(1e9)) : '';
  return {
    BackupPlanId: id,
    BackupPlanName: id,
    BackupPlanStatus: 'wait',
    BackupPlanCreateTime: ctx.now().getTime(),
    DatabaseType: databaseType,
    InstanceClass: instanceClass,
    BackupMethod: backupMethod,
    BackupRetentionPeriod: 730,
    DuplicationInfrequentAccessPeriod: 180,
    DuplicationArchivePeriod: 365,
    EnableBackupLog: false,
    OSSBucketRegion: params.StorageRegion || region,
    ResourceGroupId: params.ResourceGroupId || 'rg-acfmz7u4zzr****',
    ErrMessage: '',
    internal: {region, payType, period, usedTime, orderId, password: '', client_token: params.ClientToken || null,
      databaseRegion: params.DatabaseRegion || null, instanceType: params.InstanceType || null},
  };
}

function commitNewPlan(ctx, plan, params) {
  ctx.state.plans[plan.BackupPlanId] = plan;
  if (params.ClientToken) {
    ctx.state.client_tokens[params.ClientToken] = {plan_id: plan.BackupPlanId, order_id: plan.internal.orderId};
  }
  ctx.changed();
}

// A copy of `plan` with the ConfigureBackupPlan parameters applied (validated); state untouched.
function configuredPlan(ctx, plan, params, name) {
  const source = readSourceEndpoint(params, plan.DatabaseType);
  const next = {...plan, ...source.fields, BackupPlanName: name};
  if (present(params, 'OSSBucketName')) next.OSSBucketName = params.OSSBucketName;
  else if (!next.OSSBucketName) next.OSSBucketName = `dbs-backup-${randomId('', 10)}`;
  if (present(params, 'BackupObjects')) next.BackupObjects = backupObjects('BackupObjects', params.BackupObjects);
  if (present(params, 'BackupPeriod')) next.BackupPeriod = weekdays('BackupPeriod', params.BackupPeriod, 1);
  if (present(params, 'BackupStartTime')) next.BackupStartTime = startTime('BackupStartTime', params.BackupStartTime);
  if (present(params, 'EnableBackupLog')) next.EnableBackupLog = bool('EnableBackupLog', params.EnableBackupLog);
  if (present(params, 'BackupLogIntervalSeconds')) {
    next.BackupLogIntervalSeconds = intIn('BackupLogIntervalSeconds', params.BackupLogIntervalSeconds, 1, 86400);
  }
  applyStorage(next, params, false);
  if (present(params, 'BackupStorageType')) next.BackupStorageType = params.BackupStorageType;
  if (present(params, 'BackupStrategyType')) {
    next.BackupStrategyType = oneOf('BackupStrategyType', params.BackupStrategyType, ['simple', 'manual']);
  }
  next.internal = {...plan.internal, password: source.password};
  return next;
}

// Retention and the duplication lifecycle (days). For duplication backups the API reference
// requires infrequent-access < archive < retention.
function applyStorage(plan, params, allRequired) {
  const fields = ['BackupRetentionPeriod', 'DuplicationInfrequentAccessPeriod', 'DuplicationArchivePeriod'];
  for (const f of fields) {
    if (allRequired) required(params, f);
    if (present(params, f)) plan[f] = intIn(f, params[f], 0, 1825);
  }
  if (plan.BackupMethod === 'duplication' && !(plan.DuplicationInfrequentAccessPeriod < plan.DuplicationArchivePeriod &&
      plan.DuplicationArchivePeriod < plan.BackupRetentionPeriod)) {
    throw new DbsError('InvalidParameter',
        'DuplicationInfrequentAccessPeriod must be less than DuplicationArchivePeriod, and that less than BackupRetentionPeriod.');
  }
}

// Parameters the API reference marks mandatory: the gateway refuses the call (400 Missing<Name>)
// before DBS runs it, so these are checked ahead of any business rule.
const MANDATORY = {
  CreateBackupPlan: ['InstanceClass', 'DatabaseType', 'BackupMethod'],
  CreateAndStartBackupPlan: ['InstanceClass', 'DatabaseType', 'BackupMethod', 'SourceEndpointInstanceType', 'BackupPlanName'],
  ConfigureBackupPlan: ['BackupPlanId', 'SourceEndpointInstanceType', 'BackupPlanName'],
  StartBackupPlan: ['BackupPlanId'],
  StopBackupPlan: ['BackupPlanId', 'StopMethod'],
  ModifyBackupPlanName: ['BackupPlanId', 'BackupPlanName'],
  ModifyBackupStrategy: ['BackupPlanId', 'BackupPeriod'],
  ModifyBackupSourceEndpoint: ['BackupPlanId', 'SourceEndpointInstanceType'],
  ModifyBackupObjects: ['BackupPlanId', 'BackupObjects'],
  ModifyStorageStrategy: ['BackupPlanId', 'BackupRetentionPeriod', 'DuplicationInfrequentAccessPeriod', 'DuplicationArchivePeriod'],
  DescribeBackupPlanBilling: ['BackupPlanId'],
  EnableBackupLog: ['BackupPlanId'],
  DisableBackupLog: ['BackupPlanId'],
  ReleaseBackupPlan: ['BackupPlanId'],
};

// ---- actions ---------------------------------------------------------------------------------------

const actions = {
  async CreateBackupPlan(ctx, req, params) {
    const prior = priorByToken(ctx, params);
    if (prior) return ok(ctx, {BackupPlanId: prior.plan_id, OrderId: prior.order_id});
    const plan = newPlan(ctx, params);
    commitNewPlan(ctx, plan, params);
    return ok(ctx, {BackupPlanId: plan.BackupPlanId, OrderId: plan.internal.orderId});
  },

  // Create + configure + start in one call (no configure delay applies).
  async CreateAndStartBackupPlan(ctx, req, params) {
    const prior = priorByToken(ctx, params);
    if (prior) return ok(ctx, {BackupPlanId: prior.plan_id, OrderId: prior.order_id, CreateBackupSet: true});
    const plan = newPlan(ctx, params);
    const configured = configuredPlan(ctx, plan, params, required(params, 'BackupPlanName'));
    runPrecheck(ctx, configured, 'running');
    commitNewPlan(ctx, configured, params);
    return ok(ctx, {BackupPlanId: plan.BackupPlanId, OrderId: plan.internal.orderId, CreateBackupSet: true});
  },

  async ConfigureBackupPlan(ctx, req, params) {
    const plan = getPlan(ctx, required(params, 'BackupPlanId'));
    const name = required(params, 'BackupPlanName');
    const delayMs = (Number(ctx.state.settings.configure_delay_seconds) || 0) * 1000;
    if (ctx.now().getTime() - plan.BackupPlanCreateTime < delayMs) {
      // The seed: "you have to wait 5 seconds in most cases before calling ConfigureBackupPlan".
      throw new DbsError('BackupPlanNotCreate', 'Backup Plan not create.');
    }
    if (plan.BackupPlanStatus === 'running' || plan.BackupPlanStatus === 'locked') {
      throw new DbsError('BackupPlanStatusNotSupport', `The backup plan is ${plan.BackupPlanStatus}; configure is not allowed.`, 403);
    }
    const next = configuredPlan(ctx, plan, params, name);
    const autoStart = present(params, 'AutoStartBackup') && bool('AutoStartBackup', params.AutoStartBackup);
    runPrecheck(ctx, next, autoStart ? 'running' : 'check_pass');
    ctx.state.plans[plan.BackupPlanId] = next;
    ctx.changed();
    return ok(ctx, {BackupPlanId: plan.BackupPlanId});
  },

  async StartBackupPlan(ctx, req, params) {
    const plan = getPlan(ctx, required(params, 'BackupPlanId'));
    requireConfigured(plan);
    if (plan.BackupPlanStatus !== 'running') {
      if (!runPrecheck(ctx, plan, 'running')) {
        ctx.changed();
        return ok(ctx, {Success: false, ErrCode: 'PrecheckFailed', ErrMessage: plan.ErrMessage,
          HttpStatusCode: 400, BackupPlanId: plan.BackupPlanId});
      }
      ctx.changed();
    }
    return ok(ctx, {BackupPlanId: plan.BackupPlanId, CreatedFullBackupsetId: randomId('', 12)});
  },

  async StopBackupPlan(ctx, req, params) {
    const plan = getPlan(ctx, required(params, 'BackupPlanId'));
    oneOf('StopMethod', required(params, 'StopMethod'), ['ALL', 'PLAN']);
    requireConfigured(plan);
    plan.BackupPlanStatus = 'pause';
    ctx.changed();
    return ok(ctx, {BackupPlanId: plan.BackupPlanId});
  },

  async DescribeBackupPlanList(ctx, req, params) {
    let list = Object.values(ctx.state.plans);
    if (present(params, 'BackupPlanId')) {
      const ids = params.BackupPlanId.split(',').map((s) => s.trim());
      list = list.filter((p) => ids.includes(p.BackupPlanId));
    }
    if (present(params, 'BackupPlanName')) list = list.filter((p) => p.BackupPlanName === params.BackupPlanName);
    if (present(params, 'BackupPlanStatus')) list = list.filter((p) => p.BackupPlanStatus === params.BackupPlanStatus);
    if (present(params, 'Region')) list = list.filter((p) => p.internal.region === params.Region);
    if (present(params, 'ResourceGroupId')) list = list.filter((p) => p.ResourceGroupId === params.ResourceGroupId);
    list.sort((a, b) => b.BackupPlanCreateTime - a.BackupPlanCreateTime || a.BackupPlanId.localeCompare(b.BackupPlanId));
    const pageNum = present(params, 'PageNum') ? intIn('PageNum', params.PageNum, 0, 2147483647) : 0;
    const pageSize = present(params, 'PageSize') ? intIn('PageSize', params.PageSize, 1, 100) : 30;
    const page = list.slice(pageNum * pageSize, (pageNum + 1) * pageSize);
    return ok(ctx, {
      PageNum: pageNum,
      PageSize: pageSize,
      TotalElements: list.length,
      TotalPages: Math.ceil(list.length / pageSize),
      Items: {BackupPlanDetail: page.map(planView)},
    });
  },

  async ModifyBackupPlanName(ctx, req, params) {
    const plan = getPlan(ctx, required(params, 'BackupPlanId'));
    plan.BackupPlanName = required(params, 'BackupPlanName');
    ctx.changed();
    return ok(ctx, {BackupPlanId: plan.BackupPlanId});
  },

  async ModifyBackupStrategy(ctx, req, params) {
    const plan = getPlan(ctx, required(params, 'BackupPlanId'));
    requireConfigured(plan);
    // The API reference: BackupPeriod must name at least two days of the week here.
    const period = weekdays('BackupPeriod', required(params, 'BackupPeriod'), 2);
    const start = startTime('BackupStartTime', required(params, 'BackupStartTime'));
    if (present(params, 'BackupStrategyType')) {
      plan.BackupStrategyType = oneOf('BackupStrategyType', params.BackupStrategyType, ['simple', 'manual']);
    }
    if (present(params, 'BackupLogIntervalSeconds')) {
      plan.BackupLogIntervalSeconds = intIn('BackupLogIntervalSeconds', params.BackupLogIntervalSeconds, 1, 86400);
    }
    plan.BackupPeriod = period;
    plan.BackupStartTime = start;
    ctx.changed();
    return ok(ctx, {BackupPlanId: plan.BackupPlanId, NeedPrecheck: false});
  },

  async ModifyBackupSourceEndpoint(ctx, req, params) {
    const plan = getPlan(ctx, required(params, 'BackupPlanId'));
    requireConfigured(plan);
    const source = readSourceEndpoint(params, plan.DatabaseType);
    Object.assign(plan, source.fields);
    plan.internal.password = source.password;
    if (present(params, 'BackupObjects')) plan.BackupObjects = backupObjects('BackupObjects', params.BackupObjects);
    // A new source is prechecked again; the plan waits for StartBackupPlan afterwards.
    runPrecheck(ctx, plan, 'check_pass');
    ctx.changed();
    return ok(ctx, {BackupPlanId: plan.BackupPlanId, NeedPrecheck: true});
  },

  async ModifyBackupObjects(ctx, req, params) {
    const plan = getPlan(ctx, required(params, 'BackupPlanId'));
    requireConfigured(plan);
    plan.BackupObjects = backupObjects('BackupObjects', required(params, 'BackupObjects'));
    runPrecheck(ctx, plan, 'check_pass');
    ctx.changed();
    return ok(ctx, {BackupPlanId: plan.BackupPlanId, NeedPrecheck: true});
  },

  async EnableBackupLog(ctx, req, params) {
    const plan = getPlan(ctx, required(params, 'BackupPlanId'));
    requireConfigured(plan);
    plan.EnableBackupLog = true;
    ctx.changed();
    return ok(ctx, {BackupPlanId: plan.BackupPlanId, NeedPrecheck: false});
  },

  async DisableBackupLog(ctx, req, params) {
    const plan = getPlan(ctx, required(params, 'BackupPlanId'));
    requireConfigured(plan);
    plan.EnableBackupLog = false;
    ctx.changed();
    return ok(ctx, {BackupPlanId: plan.BackupPlanId, NeedPrecheck: false});
  },

  async ModifyStorageStrategy(ctx, req, params) {
    const plan = getPlan(ctx, required(params, 'BackupPlanId'));
    const next = {...plan};
    applyStorage(next, params, true);
    Object.assign(plan, next);
    ctx.changed();
    return ok(ctx, {BackupPlanId: plan.BackupPlanId, NeedPrecheck: false});
  },

  async DescribeBackupPlanBilling(ctx, req, params) {
    const plan = ctx.state.plans[params.BackupPlanId];
    if (!plan) {
      throw new DbsError('InvalidJobId', `The specified parameter BackupPlanId value ${params.BackupPlanId} is not valid.`, 404);
    }
    return ok(ctx, {Item: billingView(plan, ctx.now().getTime())});
  },

  async ReleaseBackupPlan(ctx, req, params) {
    const plan = getPlan(ctx, required(params, 'BackupPlanId'));
    delete ctx.state.plans[plan.BackupPlanId];
    ctx.changed();
    return ok(ctx, {BackupPlanId: plan.BackupPlanId});
  },
};

// Business errors become the HTTP-200 envelope; everything else (ServiceError) goes to the gateway shape.
const wrapped = {};
for (const [name, fn] of Object.entries(actions)) {
  wrapped[name] = async (ctx, req, params) => {
    for (const p of MANDATORY[name] || []) required(params, p);
    try {
      return await fn(ctx, req, params);
    } catch (e) {
      if (!(e instanceof DbsError)) throw e;
      return ali.jsonOk(ctx, {HttpStatusCode: e.httpStatusCode, Success: false, ErrCode: e.errCode, ErrMessage: e.message});
    }
  };
}

// ---- control ---------------------------------------------------------------------------------------

const control = {
  // Registers a source database the precheck knows: {instance_id | ip_port, region?, database_type?,
  // password?, reachable? (default true)}. A plan whose source is this database passes the precheck
  // only when it is reachable and (when a password is given) configured with that password.
  async seed_database(ctx, body) {
    const key = body.instance_id || body.ip_port;
    if (!key) throw new util.ServiceError(400, 'BadRequest', 'seed_database needs instance_id or ip_port');
    ctx.state.databases[key] = {
      key,
      region: body.region || 'cn-hangzhou',
      database_type: body.database_type || 'MySQL',
      password: body.password || null,
      reachable: body.reachable !== false,
    };
    ctx.changed();
    return ctx.state.databases[key];
  },

  // Out-of-band change: {plan_id, patch: {BackupPlanStatus: 'pause', BackupPeriod: ..., ...}}.
  async mutate_plan(ctx, body) {
    const plan = ctx.state.plans[body.plan_id];
    if (!plan) throw new util.ServiceError(404, 'NotFound', `no plan ${body.plan_id}`);
    for (const [k, v] of Object.entries(body.patch || {})) {
      if (k === 'internal') continue;
      if (k === 'BackupPlanCreateTime' && typeof v === 'string') plan[k] = Date.parse(v);
      else plan[k] = v;
    }
    ctx.changed();
    return planView(plan);
  },

  async delete_plan(ctx, body) {
    const existed = Boolean(ctx.state.plans[body.plan_id]);
    delete ctx.state.plans[body.plan_id];
    ctx.changed();
    return {deleted: existed};
  },

  async settings(ctx, body) {
    if (body.configure_delay_seconds !== undefined) {
      ctx.state.settings.configure_delay_seconds = Number(body.configure_delay_seconds);
    }
    ctx.changed();
    return {...ctx.state.settings};
  },
};

const front = ali.rpcFrontDoor({hostId: 'dbs-api.cn-hangzhou.aliyuncs.com', product: 'Dbs', version: VERSION,
  actions: wrapped});

module.exports = {
  name: 'alicloud_dbs',
  initialState,
  routeKey: front.routeKey,
  authenticate: front.authenticate,
  handle: front.dispatch,
  errorResponse: front.errorResponse,
  control,
};

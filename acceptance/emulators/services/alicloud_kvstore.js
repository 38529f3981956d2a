'use strict';
// ApsaraDB for Redis / Tair (R-kvstore, API version 2015-01-01): the backup-policy slice of the
// API plus enough of the instance API for a data source.
//
// Wire facts (from the R-kvstore API reference and the @alicloud/r-kvstore20150101 models):
//   * PreferredBackupTime is `HH:mmZ-HH:mmZ` in UTC, on the hour, exactly one hour long. The last
//     window of the day is `23:00Z-24:00Z`, answered as sent; `23:00Z-00:00Z` is refused (the API
//     reference is silent on the last window; README "R-kvstore" says what we found and why).
//   * PreferredBackupPeriod is a comma-separated list of Monday..Sunday; required on modify.
//   * BackupRetentionPeriod is sent as a number but answered as a *string* ("7").
//   * EnableBackupLog is an integer 0/1 both ways.
//   * PreferredNextBackupTime is `yyyy-MM-ddTHH:mmZ` (UTC).
//   * After ModifyBackupPolicy the instance reports `Changing` for a while and a second modify in
//     that window fails with IncorrectDBInstanceState; `transition_seconds` sets the window.

const util = require('../lib/util');
const ali = require('../lib/auth/alicloud');

const VERSION = '2015-01-01';
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DEFAULT_POLICY = {
  PreferredBackupTime: '18:00Z-19:00Z',
  PreferredBackupPeriod: WEEKDAYS.join(','),
  BackupRetentionPeriod: 7,
  EnableBackupLog: 0,
  DbsInstance: '0',
};

function initialState() {
  return {settings: {transition_seconds: 2}, instances: {}};
}

function missing(name) {
  return new util.ServiceError(400, `Missing${name}`, `${name} is mandatory for this action.`);
}

function notFound() {
  return new util.ServiceError(404, 'InvalidInstanceId.NotFound', 'The specified instance is not found.');
}

function required(params, name) {
  const v = params[name];
  if (v === undefined || v === '') throw missing(name);
  return v;
}

// The status the instance reports now: a finished transition settles back to its resting status.
function statusOf(ctx, inst) {
  if (inst.changing_until && ctx.now().getTime() < inst.changing_until) return 'Changing';
  return inst.status;
}

function settle(ctx, inst) {
  if (inst.changing_until && ctx.now().getTime() >= inst.changing_until) {
    inst.changing_until = null;
    ctx.changed();
  }
}

function getInstance(ctx, id) {
  const inst = id && ctx.state.instances[id];
  if (!inst) throw notFound();
  settle(ctx, inst);
  return inst;
}

// `HH:00Z-HH+1:00Z`, the last window `23:00Z-24:00Z` (the end hour counts on past midnight, never
// wraps to 00); returns the start hour or throws InvalidPreferredBackupTime.Format.
function parseBackupTime(value) {
  const m = /^([01]\d|2[0-3]):([0-5]\d)Z-([01]\d|2[0-4]):([0-5]\d)Z$/.exec(String(value));
  const bad = () => new util.ServiceError(400, 'InvalidPreferredBackupTime.Format',
      'Specified preferred backup time is not valid. Use HH:mmZ-HH:mmZ, on the hour, one hour long.');
  if (!m) throw bad();
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number);
  if (m1 !== 0 || m2 !== 0 || h1 + 1 !== h2) throw bad();
  return h1;
}

// Comma-separated weekdays; answered in week order without duplicates.
function parseBackupPeriod(value) {
  const bad = () => new util.ServiceError(400, 'InvalidPreferredBackupPeriod.Format',
      'Specified preferred backup period is not valid. Use comma-separated weekdays, Monday to Sunday.');
  const days = String(value).split(',').map((d) => d.trim());
  if (days.length === 0 || days.some((d) => !WEEKDAYS.includes(d))) throw bad();
  return WEEKDAYS.filter((d) => days.includes(d)).join(',');
}

function parseRetention(value) {
  const n = Number(value);
  if (!/^\d+$/.test(String(value)) || n < 7 || n > 730) {
    throw new util.ServiceError(400, 'InvalidBackupRetentionPeriod',
        'Specified backup retention period is not valid. Valid values: 7 to 730.');
  }
  return n;
}

function parseBackupLog(value) {
  if (String(value) !== '0' && String(value) !== '1') {
    throw new util.ServiceError(400, 'InvalidEnableBackupLog', 'Specified EnableBackupLog is not valid. Valid values: 0, 1.');
  }
  return Number(value);
}

function pad2(n) {
  return String(n).padStart(2, '0');
}

// The start of the next backup window after now: `yyyy-MM-ddTHH:mmZ`.
function nextBackupTime(now, policy) {
  const hour = parseBackupTime(policy.PreferredBackupTime);
  const days = policy.PreferredBackupPeriod.split(',');
  for (let i = 0; i <= 7; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + i, hour, 0));
    const name = WEEKDAYS[(d.getUTCDay() + 6) % 7];
    if (days.includes(name) && d.getTime() > now.getTime()) {
      return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(hour)}:00Z`;
    }
  }
  return '';
}

function isoSeconds(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function attributeView(ctx, inst) {
  return {
    InstanceId: inst.InstanceId,
    InstanceName: inst.InstanceName,
    RegionId: inst.RegionId,
    ZoneId: inst.ZoneId,
    Engine: inst.Engine,
    EngineVersion: inst.EngineVersion,
    InstanceType: inst.Engine,
    InstanceClass: inst.InstanceClass,
    ArchitectureType: 'standard',
    Capacity: inst.Capacity,
    Bandwidth: 96,
    Connections: 10000,
    QPS: 100000,
    InstanceStatus: statusOf(ctx, inst),
    ChargeType: 'PostPaid',
    NetworkType: 'VPC',
    VpcId: inst.VpcId,
    VSwitchId: inst.VSwitchId,
    PrivateIp: inst.PrivateIp,
    Port: 6379,
    ConnectionDomain: `${inst.InstanceId}.redis.rds.aliyuncs.com`,
    CreateTime: isoSeconds(inst.created),
    EndTime: '2999-09-08T16:00:00Z',
    NodeType: 'double',
    PackageType: 'standard',
    ResourceGroupId: 'rg-acfmyiu4ekp****',
    IsRds: true,
    HasRenewChangeOrder: 'false',
    SecurityIPList: '127.0.0.1',
    MaintainStartTime: '18:00Z',
    MaintainEndTime: '22:00Z',
    Tags: {Tag: []},
  };
}

function listView(ctx, inst) {
  const a = attributeView(ctx, inst);
  delete a.Engine;
  delete a.SecurityIPList;
  delete a.MaintainStartTime;
  delete a.MaintainEndTime;
  a.HasRenewChangeOrder = false;
  a.EditionType = 'Community';
  a.UserName = inst.InstanceId;
  return a;
}

const actions = {
  async DescribeBackupPolicy(ctx, req, params) {
    const inst = getInstance(ctx, required(params, 'InstanceId'));
    const p = inst.policy;
    return ali.jsonOk(ctx, {
      PreferredBackupTime: p.PreferredBackupTime,
      PreferredBackupPeriod: p.PreferredBackupPeriod,
      PreferredNextBackupTime: nextBackupTime(ctx.now(), p),
      BackupRetentionPeriod: String(p.BackupRetentionPeriod),
      EnableBackupLog: p.EnableBackupLog,
      DbsInstance: p.DbsInstance,
      BackupLogStartTime: p.EnableBackupLog ? isoSeconds(p.backup_log_since || inst.created) : '',
    });
  },

  async ModifyBackupPolicy(ctx, req, params) {
    // Mandatory parameters are the gateway's check, ahead of the instance lookup.
    const id = required(params, 'InstanceId');
    const time = required(params, 'PreferredBackupTime');
    const period = required(params, 'PreferredBackupPeriod');
    const inst = getInstance(ctx, id);
    parseBackupTime(time);
    const next = {...inst.policy, PreferredBackupTime: time, PreferredBackupPeriod: parseBackupPeriod(period)};
    if (params.BackupRetentionPeriod !== undefined && params.BackupRetentionPeriod !== '') {
      next.BackupRetentionPeriod = parseRetention(params.BackupRetentionPeriod);
    }
    if (params.EnableBackupLog !== undefined && params.EnableBackupLog !== '') {
      next.EnableBackupLog = parseBackupLog(params.EnableBackupLog);
      if (next.EnableBackupLog && !inst.policy.EnableBackupLog) next.backup_log_since = ctx.now().getTime();
    }
    if (statusOf(ctx, inst) !== 'Normal') {
      throw new util.ServiceError(400, 'IncorrectDBInstanceState',
          'Current DB instance state does not support this operation.');
    }
    inst.policy = next;
    const seconds = Number(ctx.state.settings.transition_seconds) || 0;
    inst.changing_until = seconds > 0 ? ctx.now().getTime() + seconds * 1000 : null;
    ctx.changed();
    return ali.jsonOk(ctx, {});
  },

  async DescribeInstanceAttribute(ctx, req, params) {
    const inst = getInstance(ctx, required(params, 'InstanceId'));
    return ali.jsonOk(ctx, {Instances: {DBInstanceAttribute: [attributeView(ctx, inst)]}});
  },

  async DescribeInstances(ctx, req, params) {
    let list = Object.values(ctx.state.instances);
    list.forEach((inst) => settle(ctx, inst));
    if (params.RegionId) list = list.filter((i) => i.RegionId === params.RegionId);
    if (params.InstanceIds) {
      const ids = params.InstanceIds.split(',').map((s) => s.trim()).filter(Boolean);
      list = list.filter((i) => ids.includes(i.InstanceId));
    }
    if (params.InstanceStatus) list = list.filter((i) => statusOf(ctx, i) === params.InstanceStatus);
    if (params.InstanceType) list = list.filter((i) => i.Engine === params.InstanceType);
    if (params.EngineVersion) list = list.filter((i) => i.EngineVersion === params.EngineVersion);
    if (params.SearchKey) {
      list = list.filter((i) => i.InstanceId.includes(params.SearchKey) || i.InstanceName.includes(params.SearchKey));
    }
    list.sort((a, b) => b.created - a.created || a.InstanceId.localeCompare(b.InstanceId));
    const pageNumber = Math.max(1, parseInt(params.PageNumber || '1', 10) || 1);
    let pageSize = parseInt(params.PageSize || '30', 10) || 30;
    if (pageSize < 1 || pageSize > 100) {
      throw new util.ServiceError(400, 'InvalidPageSize', 'Specified PageSize is not valid. Valid values: 1 to 100.');
    }
    const page = list.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return ali.jsonOk(ctx, {
      Instances: {KVStoreInstance: page.map((i) => listView(ctx, i))},
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: list.length,
    });
  },
};

// Policy fields accepted by the control ops, in the API's names or snake_case.
const POLICY_KEYS = {
  PreferredBackupTime: ['preferred_backup_time', 'backup_time'],
  PreferredBackupPeriod: ['preferred_backup_period', 'backup_periods', 'backup_period'],
  BackupRetentionPeriod: ['backup_retention_period'],
  EnableBackupLog: ['enable_backup_log'],
  DbsInstance: ['dbs_instance'],
};

function applyPolicyPatch(ctx, inst, patch) {
  if (!patch) return;
  for (const [api, aliases] of Object.entries(POLICY_KEYS)) {
    const key = [api, ...aliases].find((k) => patch[k] !== undefined);
    if (key === undefined) continue;
    let v = patch[key];
    if (api === 'PreferredBackupPeriod') v = parseBackupPeriod(Array.isArray(v) ? v.join(',') : v);
    if (api === 'PreferredBackupTime') parseBackupTime(v);
    if (api === 'BackupRetentionPeriod') v = Number(v);
    if (api === 'EnableBackupLog') {
      v = typeof v === 'boolean' ? Number(v) : Number(v);
      if (v && !inst.policy.EnableBackupLog) inst.policy.backup_log_since = ctx.now().getTime();
    }
    if (api === 'DbsInstance') v = String(v);
    inst.policy[api] = v;
  }
}

function randomSuffix(n) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (const b of require('node:crypto').randomBytes(n)) s += alphabet[b % alphabet.length];
  return s;
}

function controlView(ctx, inst) {
  return {...util.clone(inst), effective_status: statusOf(ctx, inst)};
}

const control = {
  // {instance_id?, region?, engine?, engine_version?, name?, status?, policy?} -> the instance
  async seed_instance(ctx, body) {
    const id = body.instance_id || `r-bp${randomSuffix(16)}`;
    const region = body.region || 'cn-hangzhou';
    const inst = {
      InstanceId: id,
      InstanceName: body.name || id,
      RegionId: region,
      ZoneId: body.zone || `${region}-h`,
      Engine: body.engine || 'Redis',
      EngineVersion: body.engine_version || '5.0',
      InstanceClass: body.instance_class || 'redis.master.small.default',
      Capacity: body.capacity || 1024,
      VpcId: 'vpc-bp1nme44gek34slfc****',
      VSwitchId: 'vsw-bp1e7clcw529l773d****',
      PrivateIp: '172.16.0.10',
      status: body.status || 'Normal',
      changing_until: null,
      created: ctx.now().getTime(),
      policy: {...DEFAULT_POLICY},
    };
    applyPolicyPatch(ctx, inst, body.policy);
    ctx.state.instances[id] = inst;
    ctx.changed();
    return controlView(ctx, inst);
  },

  // Out-of-band change (drift): {instance_id, <policy fields>..., status?}.
  async set_policy(ctx, body) {
    const inst = ctx.state.instances[body.instance_id];
    if (!inst) throw new util.ServiceError(404, 'NotFound', `no instance ${body.instance_id}`);
    applyPolicyPatch(ctx, inst, body.policy || body);
    if (body.status) {
      inst.status = body.status;
      inst.changing_until = null;
    }
    ctx.changed();
    return controlView(ctx, inst);
  },

  async delete_instance(ctx, body) {
    const existed = Boolean(ctx.state.instances[body.instance_id]);
    delete ctx.state.instances[body.instance_id];
    ctx.changed();
    return {deleted: existed};
  },

  async settings(ctx, body) {
    if (body.transition_seconds !== undefined) ctx.state.settings.transition_seconds = Number(body.transition_seconds);
    ctx.changed();
    return {...ctx.state.settings};
  },
};

const front = ali.rpcFrontDoor({hostId: 'r-kvstore.aliyuncs.com', product: 'R-kvstore', version: VERSION, actions});

module.exports = {
  name: 'alicloud_kvstore',
  initialState,
  routeKey: front.routeKey,
  authenticate: front.authenticate,
  handle: front.dispatch,
  errorResponse: front.errorResponse,
  control,
  // For unit tests.
  internals: {parseBackupTime, parseBackupPeriod, nextBackupTime, WEEKDAYS},
};

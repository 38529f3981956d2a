'use strict';
// Huawei Cloud / Open Telekom Cloud Cloud Server Backup Service (CSBS v1) backup policies.
// Sources: the seed `csbs-create-backup-policy.rst` and the OTC api-ref
// (opentelekomcloud-docs/cloud-server-backup-service, backup_policy_management/*, appendixes/error_codes).
//
//   POST   /v1/{project_id}/policies              CreatePolicy   → 200 {"policy":{…,"status":"creating"}}
//   GET    /v1/{project_id}/policies              ListPolicies   (limit, marker, offset, sort, name)
//   GET    /v1/{project_id}/policies/{policy_id}  ShowPolicy
//   PUT    /v1/{project_id}/policies/{policy_id}  UpdatePolicy   → 409 while `creating`
//   DELETE /v1/{project_id}/policies/{policy_id}  DeletePolicy   → 200, empty body; 409 while `creating`
//
// Wire quirks kept on purpose (see /work/shared/docs/reference-providers.md §4):
// - operation_definition numbers come back as strings ("20"), `permanent` as "true"/"false";
// - day/week/month/year_backups and timezone are accepted and stored but never returned;
// - created_at has microseconds and no zone (`2017-04-18T01:21:52.701973`);
// - a list page that is exactly `limit` long carries a `next` link even when nothing follows
//   (OpenStack collection links), so clients must stop on an empty page too.
// Service errors: {"error":{"code":"CSBS.3000","message":"plan not found"}}; gateway errors (auth,
// throttling, unknown API) use APIG's flat body, see lib/auth/huawei.js.

const {parseJsonBody, ServiceError, clone} = require('../lib/util');
const huaweiAuth = require('../lib/auth/huawei');
const rules = require('./huaweicloud_csbs_rules');

const kProviderId = 'fc4d5750-22e7-4798-8a46-f48f62c4c1da';
const kDefaultLimit = 1000;
const kDemoServer = {id: '3c2f0a4e-0b4d-4f5e-9a7b-1c2d3e4f5a6b', name: 'pbtest-ecs-1', status: 'ACTIVE'};
// Fields stored but not returned by GET on the real service.
const kHiddenDefinitionKeys = ['day_backups', 'week_backups', 'month_backups', 'year_backups', 'timezone'];

function initialState() {
  return {
    servers: {[kDemoServer.id]: {...kDemoServer}},
    policies: {},
    next_seq: 1,
    settings: {creating_seconds: 2, page_limit: null},
    // Armed by the expire_tokens_on control op: {route, remaining}.
    expire_tokens_on: null,
  };
}

function parsePath(req) {
  const m = /^\/v1\/([^/]+)\/policies(?:\/([^/]+))?\/?$/.exec(req.path);
  if (!m) return null;
  return {projectId: decodeURIComponent(m[1]), policyId: m[2] === undefined ? null : decodeURIComponent(m[2])};
}

function routeKey(req) {
  const p = parsePath(req);
  if (!p) return null;
  if (p.policyId === null) {
    if (req.method === 'POST') return 'CreatePolicy';
    if (req.method === 'GET') return 'ListPolicies';
    return null;
  }
  return {GET: 'ShowPolicy', PUT: 'UpdatePolicy', DELETE: 'DeletePolicy'}[req.method] || null;
}

// A token-authenticated request of the armed route finds every token expired, as if it had run
// out just as the request arrived: the gateway answers it 401 APIGW.0307 (see expire_tokens_on).
function maybeExpireTokens(ctx, req) {
  const armed = ctx.state.expire_tokens_on;
  if (!armed || !req.headers['x-auth-token'] || routeKey(req) !== armed.route) return;
  const iam = ctx.allState.huaweicloud_iam;
  if (iam) {
    const past = new Date(ctx.now().getTime() - 1000).toISOString();
    for (const t of Object.values(iam.tokens)) t.expires_at = past;
  }
  armed.remaining -= 1;
  if (armed.remaining <= 0) ctx.state.expire_tokens_on = null;
  ctx.changed();
}

async function authenticate(ctx, req) {
  const p = parsePath(req);
  if (!p) return null; // handle answers APIGW.0101
  maybeExpireTokens(ctx, req);
  const err = huaweiAuth.authenticateProjectRequest(ctx, req, p.projectId);
  return err ? huaweiAuth.gatewayResponse(ctx.requestId(), err) : null;
}

function errorResponse(ctx, req, {status, code, message}) {
  if (status === 429 || (code && String(code).startsWith('APIGW.'))) {
    return huaweiAuth.gatewayResponse(ctx.requestId(), {status, code: code || 'APIGW.0308',
      message: message || 'The throttling threshold has been reached.'});
  }
  if (!code || !/^CSBS\.|^BackupService\./.test(code)) {
    // Core's own codes (InternalError for a handler bug, an injected fault without a code).
    code = status >= 500 ? 'CSBS.9999' : code || 'CSBS.9001';
  }
  return {
    status: status || 500,
    headers: {'content-type': 'application/json', 'x-request-id': ctx.requestId()},
    body: {error: {code, message: message || code}},
  };
}

function ok(ctx, status, body) {
  return {status, headers: {'content-type': 'application/json', 'x-request-id': ctx.requestId()}, body};
}

// `2017-04-18T01:21:52.701973` (created_at) and `2017-04-18 01:21:52` (trigger start_time).
function csbsTime(date) {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000');
}
function triggerTime(date) {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

function effectiveStatus(ctx, policy) {
  if (policy.status === 'creating' && Date.parse(policy.ready_at) <= ctx.now().getTime()) return 'suspended';
  return policy.status;
}

function render(ctx, policy) {
  const out = {
    created_at: policy.created_at,
    description: policy.description,
    id: policy.id,
    name: policy.name,
    parameters: clone(policy.parameters),
    project_id: policy.project_id,
    provider_id: policy.provider_id,
    resources: policy.resources.map((r) => ({id: r.id, name: r.name, type: r.type, extra_info: clone(r.extra_info || {})})),
    scheduled_operations: policy.scheduled_operations.map((op) => {
      const def = {};
      for (const [k, v] of Object.entries(op.operation_definition)) {
        if (kHiddenDefinitionKeys.includes(k) || v === undefined || v === null) continue;
        def[k] = typeof v === 'string' ? v : String(v);
      }
      return {
        description: op.description,
        enabled: op.enabled,
        id: op.id,
        name: op.name,
        operation_definition: def,
        operation_type: op.operation_type,
        trigger: clone(op.trigger),
        trigger_id: op.trigger.id,
      };
    }),
    status: effectiveStatus(ctx, policy),
  };
  if (policy.tags && policy.tags.length) out.tags = clone(policy.tags);
  return out;
}

function notFound(policyId) {
  return new ServiceError(404, 'CSBS.3000', `plan not found: ${policyId}`);
}

function findPolicy(ctx, projectId, policyId) {
  const policy = ctx.state.policies[policyId];
  if (!policy || policy.project_id !== projectId) throw notFound(policyId);
  return policy;
}

function ensureNotBusy(ctx, policy) {
  if (effectiveStatus(ctx, policy) === 'creating') {
    throw new ServiceError(409, 'CSBS.2001',
        `The backup policy ${policy.id} is being created; try again after the operation completes.`);
  }
}

// Checks resources against the seeded servers and the one-policy-per-server rule (CSBS.6004).
function checkResources(ctx, projectId, resources, selfId) {
  for (const r of resources) {
    if (!ctx.state.servers[r.id]) throw new ServiceError(400, 'CSBS.6000', `server do not exist: ${r.id}`);
    for (const other of Object.values(ctx.state.policies)) {
      if (other.id === selfId || other.project_id !== projectId) continue;
      if (other.resources.some((x) => x.id === r.id)) {
        throw new ServiceError(400, 'CSBS.6004', `Server (${r.id}) is already in service.`);
      }
    }
  }
}

function checkUniqueName(ctx, projectId, name, selfId) {
  const clash = Object.values(ctx.state.policies).find((p) => p.project_id === projectId && p.name === name && p.id !== selfId);
  if (clash) throw new ServiceError(400, 'CSBS.9007', `duplicate service name: ${name}`);
}

function createPolicy(ctx, req, projectId) {
  const body = parseJsonBody(req.rawBody, 'CSBS.9001');
  const input = rules.validateCreate(body);
  checkUniqueName(ctx, projectId, input.name, null);
  checkResources(ctx, projectId, input.resources, null);
  const now = ctx.now();
  const id = ctx.newId();
  const policy = {
    id,
    project_id: projectId,
    name: input.name,
    description: input.description,
    provider_id: input.provider_id,
    parameters: input.parameters,
    resources: input.resources,
    scheduled_operations: input.scheduled_operations.map((op) => {
      const triggerId = ctx.newId();
      return {
        id: ctx.newId(),
        name: op.name,
        description: op.description,
        enabled: op.enabled,
        operation_type: op.operation_type,
        operation_definition: {...op.operation_definition, plan_id: id, provider_id: input.provider_id},
        trigger: {id: triggerId, name: 'default', type: 'time',
          properties: {pattern: op.pattern, start_time: triggerTime(now), format: 'ical'}},
      };
    }),
    tags: input.tags,
    created_at: csbsTime(now),
    status: 'creating',
    ready_at: new Date(now.getTime() + Number(ctx.state.settings.creating_seconds) * 1000).toISOString(),
    seq: ctx.state.next_seq++,
  };
  ctx.state.policies[id] = policy;
  ctx.changed();
  return ok(ctx, 200, {policy: render(ctx, policy)});
}

function updatePolicy(ctx, req, projectId, policyId) {
  const policy = findPolicy(ctx, projectId, policyId);
  ensureNotBusy(ctx, policy);
  const body = parseJsonBody(req.rawBody, 'CSBS.9001');
  const input = rules.validateUpdate(body, policy.scheduled_operations.map((op) => op.id));
  if (input.name !== undefined) checkUniqueName(ctx, projectId, input.name, policy.id);
  if (input.resources !== undefined) checkResources(ctx, projectId, input.resources, policy.id);
  if (input.name !== undefined) policy.name = input.name;
  if (input.description !== undefined) policy.description = input.description;
  if (input.parameters !== undefined) policy.parameters = input.parameters;
  if (input.resources !== undefined) policy.resources = input.resources;
  for (const change of input.scheduled_operations || []) {
    const op = policy.scheduled_operations.find((o) => o.id === change.id);
    if (change.name !== undefined) op.name = change.name;
    if (change.description !== undefined) op.description = change.description;
    if (change.enabled !== undefined) op.enabled = change.enabled;
    if (change.operation_definition !== undefined) {
      op.operation_definition = {...change.operation_definition, plan_id: policy.id, provider_id: policy.provider_id};
    }
    if (change.pattern !== undefined) op.trigger.properties.pattern = change.pattern;
  }
  ctx.changed();
  return ok(ctx, 200, {policy: render(ctx, policy)});
}

function deletePolicy(ctx, projectId, policyId) {
  const policy = findPolicy(ctx, projectId, policyId);
  ensureNotBusy(ctx, policy);
  delete ctx.state.policies[policy.id];
  ctx.changed();
  return {status: 200, headers: {'x-request-id': ctx.requestId()}, body: ''};
}

const kSortKeys = ['created_at', 'name', 'id', 'status', 'updated_at'];

function parseSort(sort) {
  if (sort === undefined || sort === '') return [{key: 'created_at', dir: 'desc'}];
  if (sort.length > 255) throw new ServiceError(400, 'CSBS.9001', 'sort is longer than 255 characters');
  return sort.split(',').map((part) => {
    const [key, dir = 'desc', extra] = part.trim().split(':');
    if (!kSortKeys.includes(key) || !['asc', 'desc'].includes(dir) || extra !== undefined) {
      throw new ServiceError(400, 'CSBS.9001', `Invalid sort key or direction: ${part}`);
    }
    return {key: key === 'updated_at' ? 'created_at' : key, dir};
  });
}

function parseNonNegativeInt(value, name, min) {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new ServiceError(400, 'CSBS.9001', `Invalid ${name}: ${value}`);
  }
  return Number(value);
}

function listPolicies(ctx, req, projectId) {
  const q = req.query;
  let limit = parseNonNegativeInt(q.limit, 'limit', 1) || kDefaultLimit;
  // Test setting: a smaller largest page, so paging can be exercised with a few policies.
  const cap = ctx.state.settings.page_limit;
  if (cap && limit > cap) limit = cap;
  const offset = parseNonNegativeInt(q.offset, 'offset', 0) || 0;
  const sort = parseSort(q.sort);
  let items = Object.values(ctx.state.policies).filter((p) => p.project_id === projectId);
  if (q.name !== undefined) items = items.filter((p) => p.name === q.name);
  const withStatus = items.map((p) => ({p, status: effectiveStatus(ctx, p)}));
  withStatus.sort((a, b) => {
    for (const {key, dir} of sort) {
      const va = key === 'created_at' ? a.p.seq : key === 'status' ? a.status : a.p[key];
      const vb = key === 'created_at' ? b.p.seq : key === 'status' ? b.status : b.p[key];
      if (va < vb) return dir === 'asc' ? -1 : 1;
      if (va > vb) return dir === 'asc' ? 1 : -1;
    }
    return a.p.seq - b.p.seq;
  });
  let start = 0;
  if (q.marker !== undefined && q.marker !== '') {
    const i = withStatus.findIndex((x) => x.p.id === q.marker);
    if (i < 0) throw new ServiceError(400, 'CSBS.9001', `Marker ${q.marker} could not be found.`);
    start = i + 1;
  }
  start += offset;
  const page = withStatus.slice(start, start + limit).map((x) => x.p);
  const body = {policies: page.map((p) => render(ctx, p))};
  if (page.length === limit) {
    const params = new URLSearchParams();
    params.set('limit', String(limit));
    params.set('marker', page[page.length - 1].id);
    if (q.name !== undefined) params.set('name', q.name);
    if (q.sort !== undefined) params.set('sort', q.sort);
    body.policies_links = [{href: `http://${req.headers.host}/v1/${projectId}/policies?${params}`, rel: 'next'}];
  }
  return ok(ctx, 200, body);
}

async function handle(ctx, req) {
  const p = parsePath(req);
  switch (routeKey(req)) {
    case 'CreatePolicy': return createPolicy(ctx, req, p.projectId);
    case 'ListPolicies': return listPolicies(ctx, req, p.projectId);
    case 'ShowPolicy': return ok(ctx, 200, {policy: render(ctx, findPolicy(ctx, p.projectId, p.policyId))});
    case 'UpdatePolicy': return updatePolicy(ctx, req, p.projectId, p.policyId);
    case 'DeletePolicy': return deletePolicy(ctx, p.projectId, p.policyId);
    default:
      return huaweiAuth.gatewayResponse(ctx.requestId(), {status: 404, code: 'APIGW.0101',
        message: 'The API does not exist or has not been published in the environment.'});
  }
}

// ---- control operations ---------------------------------------------------------------------------

function controlPolicy(ctx, policyId) {
  const policy = ctx.state.policies[policyId];
  if (!policy) throw new ServiceError(404, 'NotFound', `no policy ${policyId}`);
  return policy;
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Recursive merge: objects merge, null deletes a key, scalars and arrays replace — except
// `scheduled_operations`, whose entries merge by position (a policy has exactly one), so a patch like
// {"scheduled_operations":[{"operation_definition":{"max_backups":5}}]} changes just that value.
function merge(target, patch) {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else if (k === 'scheduled_operations' && Array.isArray(v) && Array.isArray(target[k])) {
      v.forEach((item, i) => {
        if (isPlainObject(item) && isPlainObject(target[k][i])) merge(target[k][i], item);
        else target[k][i] = clone(item);
      });
    } else if (isPlainObject(v) && isPlainObject(target[k])) merge(target[k], v);
    else target[k] = clone(v);
  }
}

const control = {
  // seed_server {id?, name, status?} → the server (resources must name an existing server).
  seed_server(ctx, body) {
    if (!body.name) throw new ServiceError(400, 'BadRequest', 'name is required');
    const server = {id: body.id || ctx.newId(), name: String(body.name), status: body.status || 'ACTIVE'};
    ctx.state.servers[server.id] = server;
    ctx.changed();
    return server;
  },
  // mutate_policy {policy_id, patch}: out-of-band change (drift). The patch is merged into the stored
  // policy (native types: max_backups is a number here); `status: "creating"` makes it busy again
  // for settings.creating_seconds (or patch.creating_seconds).
  mutate_policy(ctx, body) {
    const policy = controlPolicy(ctx, body.policy_id);
    const patch = clone(body.patch || {});
    const busy = patch.creating_seconds;
    delete patch.creating_seconds;
    for (const k of ['id', 'project_id', 'seq']) delete patch[k];
    merge(policy, patch);
    if (patch.status === 'creating') {
      const secs = busy !== undefined ? Number(busy) : Number(ctx.state.settings.creating_seconds);
      policy.ready_at = new Date(ctx.now().getTime() + secs * 1000).toISOString();
    }
    ctx.changed();
    return {policy: render(ctx, policy)};
  },
  // delete_policy {policy_id}: out-of-band delete, even while creating.
  delete_policy(ctx, body) {
    controlPolicy(ctx, body.policy_id);
    delete ctx.state.policies[body.policy_id];
    ctx.changed();
    return {deleted: body.policy_id};
  },
  // expire_tokens_on {route, count?}: the next `count` (default 1) requests of `route` made with a
  // Keystone token find every issued token expired (a token running out in the middle of an apply).
  expire_tokens_on(ctx, body) {
    const routes = ['CreatePolicy', 'ListPolicies', 'ShowPolicy', 'UpdatePolicy', 'DeletePolicy'];
    if (!routes.includes(body.route)) throw new ServiceError(400, 'BadRequest', `route must be one of ${routes.join(', ')}`);
    const count = body.count === undefined ? 1 : Number(body.count);
    if (!Number.isInteger(count) || count < 1) throw new ServiceError(400, 'BadRequest', 'count must be >= 1');
    ctx.state.expire_tokens_on = {route: body.route, remaining: count};
    ctx.changed();
    return {...ctx.state.expire_tokens_on};
  },
  // settings {creating_seconds?, page_limit?, token_ttl_seconds?}; the token lifetime belongs to the
  // IAM emulator; page_limit caps every list page (null: the API's 1000 default and any limit).
  settings(ctx, body) {
    if (body.creating_seconds !== undefined) {
      const secs = Number(body.creating_seconds);
      if (!Number.isFinite(secs) || secs < 0) throw new ServiceError(400, 'BadRequest', 'creating_seconds must be >= 0');
      ctx.state.settings.creating_seconds = secs;
    }
    if (body.page_limit !== undefined) {
      const cap = body.page_limit === null ? null : Number(body.page_limit);
      if (cap !== null && (!Number.isInteger(cap) || cap < 1)) throw new ServiceError(400, 'BadRequest', 'page_limit must be >= 1 or null');
      ctx.state.settings.page_limit = cap;
    }
    const iam = ctx.allState.huaweicloud_iam;
    if (body.token_ttl_seconds !== undefined) {
      const ttl = Number(body.token_ttl_seconds);
      if (!iam) throw new ServiceError(400, 'BadRequest', 'the huaweicloud_iam emulator is not loaded');
      if (!Number.isFinite(ttl) || ttl <= 0) throw new ServiceError(400, 'BadRequest', 'token_ttl_seconds must be > 0');
      iam.settings.token_ttl_seconds = ttl;
    }
    ctx.changed();
    return {creating_seconds: ctx.state.settings.creating_seconds, page_limit: ctx.state.settings.page_limit,
      token_ttl_seconds: iam ? iam.settings.token_ttl_seconds : undefined};
  },
};

module.exports = {
  name: 'huaweicloud_csbs',
  initialState,
  routeKey,
  authenticate,
  handle,
  errorResponse,
  control,
  kProviderId,
};

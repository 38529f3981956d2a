'use strict';
// Huawei Cloud / Open Telekom Cloud IAM (Keystone v3 subset) emulator.
//
//   POST /v3/auth/tokens   password auth → 201, token in the X-Subject-Token header, token body with
//                          the service catalog (CSBS under types `data-protect` (OTC) and `csbs`).
//   GET  /v3/auth/tokens   validate X-Subject-Token (caller authenticated by X-Auth-Token).
//   GET  /v3/projects      list projects (?name=), the call the Huawei SDKs make to find a project id.
//
// Tokens live in state.tokens so the CSBS emulator (and a --state file) can see them; their lifetime
// is state.settings.token_ttl_seconds (24 h like the real IAM) and follows ctx.now(), so moving the
// control clock expires them. Errors use Keystone's body {"error":{"code":401,"message","title"}}.

const crypto = require('node:crypto');
const {parseJsonBody, ServiceError} = require('../lib/util');
const huaweiAuth = require('../lib/auth/huawei');

const kDefaultTtlSeconds = 24 * 3600;
const kDomainId = '7a1f0d6e2b3c4d5e8f9a0b1c2d3e4f50';
const kUserId = '5e6f7a8b9c0d4e1f8a2b3c4d5e6f7a8b';
// Tokens are not pruned on issue: a test may still want to present an expired one.
const kMaxTokens = 5000;

const kTitles = {400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable'};

function initialState() {
  return {
    domains: {[kDomainId]: {id: kDomainId, name: 'pbtest-domain'}},
    users: {[kUserId]: {id: kUserId, name: 'pbtest-user', password: 'pbtest-Passw0rd!', domain_id: kDomainId}},
    projects: {
      '0a1b2c3d4e5f40718293a4b5c6d7e8f9': {id: '0a1b2c3d4e5f40718293a4b5c6d7e8f9', name: 'eu-de', domain_id: kDomainId},
    },
    tokens: {},
    settings: {token_ttl_seconds: kDefaultTtlSeconds, csbs_url: null},
  };
}

// Keystone writes microseconds and a Z: 2026-11-24T19:28:30.123000Z.
function keystoneTime(date) {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function routeKey(req) {
  const path = req.path.replace(/\/+$/, '');
  if (path === '/v3/auth/tokens') {
    if (req.method === 'POST') return 'KeystoneCreateUserTokenByPassword';
    if (req.method === 'GET' || req.method === 'HEAD') return 'KeystoneValidateToken';
  }
  if (path === '/v3/projects' && req.method === 'GET') return 'KeystoneListProjects';
  return null;
}

function keystoneError(ctx, status, message) {
  return {
    status,
    headers: {'content-type': 'application/json', 'x-request-id': ctx.requestId()},
    body: {error: {code: status, message, title: kTitles[status] || 'Error'}},
  };
}

function errorResponse(ctx, req, {status, code, message}) {
  if (status === 429 || (code && String(code).startsWith('APIGW.'))) {
    return huaweiAuth.gatewayResponse(ctx.requestId(), {status, code: code || 'APIGW.0308', message});
  }
  return keystoneError(ctx, status || 500, message || code || 'Error');
}

// Valid caller token (X-Auth-Token) or AK/SK signature; null when fine, else the error response.
function authenticateCaller(ctx, req) {
  if (req.headers['x-auth-token']) {
    const r = huaweiAuth.verifyToken(ctx, req.headers['x-auth-token']);
    return r.status ? keystoneError(ctx, 401, 'The request you have made requires authentication.') : null;
  }
  if (req.headers.authorization) {
    const r = huaweiAuth.verifyAkSk(ctx, req);
    return r.status ? huaweiAuth.gatewayResponse(ctx.requestId(), r) : null;
  }
  return keystoneError(ctx, 401, 'The request you have made requires authentication.');
}

async function authenticate(ctx, req) {
  const route = routeKey(req);
  if (route === 'KeystoneValidateToken' || route === 'KeystoneListProjects') return authenticateCaller(ctx, req);
  return null; // issuing a token authenticates by the body
}

function findDomain(state, ref) {
  if (!ref || typeof ref !== 'object') return null;
  return Object.values(state.domains).find((d) => (ref.id ? d.id === ref.id : d.name === ref.name)) || null;
}

function csbsUrl(ctx) {
  if (ctx.urls && ctx.urls.huaweicloud_csbs) return ctx.urls.huaweicloud_csbs;
  return ctx.state.settings.csbs_url || null;
}

function buildCatalog(ctx, req, project, region) {
  const catalog = [];
  // Our own URL is the one the client just called.
  const iamUrl = (ctx.urls && ctx.urls.huaweicloud_iam) || (req.headers.host ? `http://${req.headers.host}` : null);
  if (iamUrl) {
    catalog.push({id: 'b1e7c6a0f2d34c5e9a8b7c6d5e4f3a21', name: 'iam', type: 'identity',
      endpoints: [{id: 'e1d2c3b4a5964f7e8d9c0b1a2f3e4d51', interface: 'public', region, region_id: region,
        url: `${iamUrl}/v3`}]});
  }
  const base = csbsUrl(ctx);
  if (base && project) {
    const url = `${base}/v1/${project.id}`;
    // OTC's SDK finds CSBS under type `data-protect`; Huawei names the same endpoint `csbs`.
    catalog.push({id: 'c2f8d7b1a3e44d6f0b9c8d7e6f5a4b32', name: 'csbs', type: 'data-protect',
      endpoints: [{id: 'f2e3d4c5b6a74809a1b2c3d4e5f6a7b8', interface: 'public', region, region_id: region, url}]});
    catalog.push({id: 'd3a9e8c2b4f55e7a1c0d9e8f7a6b5c43', name: 'csbs', type: 'csbs',
      endpoints: [{id: 'a3f4e5d6c7b8490ab2c3d4e5f6a7b8c9', interface: 'public', region, region_id: region, url}]});
  } else if (project) {
    ctx.log('no CSBS URL known (ctx.urls missing and settings.csbs_url unset): catalog without csbs');
  }
  return catalog;
}

function tokenBody(ctx, req, record, withCatalog) {
  const state = ctx.state;
  const user = state.users[record.user_id];
  const domain = state.domains[user.domain_id];
  const token = {
    expires_at: record.expires_at,
    issued_at: record.issued_at,
    methods: record.methods,
    user: {domain: {id: domain.id, name: domain.name}, id: user.id, name: user.name, password_expires_at: ''},
    roles: [{id: '0f1e2d3c4b5a46978877665544332211', name: 'te_admin'}],
  };
  let project = null;
  if (record.project_id) {
    project = state.projects[record.project_id];
    const pd = state.domains[project.domain_id];
    token.project = {domain: {id: pd.id, name: pd.name}, id: project.id, name: project.name};
  } else if (record.domain_id) {
    const d = state.domains[record.domain_id];
    token.domain = {id: d.id, name: d.name};
  }
  if (withCatalog) token.catalog = buildCatalog(ctx, req, project, project ? project.name : 'eu-de');
  return {token};
}

function issueToken(ctx, req) {
  const state = ctx.state;
  const body = parseJsonBody(req.rawBody, 'BadRequest');
  const auth = body && body.auth;
  const identity = auth && auth.identity;
  if (!identity || !Array.isArray(identity.methods) || identity.methods.length === 0) {
    return keystoneError(ctx, 400, 'The request body is invalid: auth.identity.methods is required.');
  }
  if (!identity.methods.includes('password') || !identity.password || !identity.password.user) {
    return keystoneError(ctx, 400, 'Only the password authentication method is supported here.');
  }
  const u = identity.password.user;
  let user = null;
  if (u.id) {
    user = state.users[u.id] || null;
  } else {
    if (!u.name || !u.domain) {
      return keystoneError(ctx, 400, 'The request body is invalid: user.name and user.domain are required.');
    }
    const domain = findDomain(state, u.domain);
    user = domain ? Object.values(state.users).find((x) => x.name === u.name && x.domain_id === domain.id) : null;
  }
  if (!user || typeof u.password !== 'string' || u.password !== user.password) {
    return keystoneError(ctx, 401, 'The username or password is wrong.');
  }

  const record = {user_id: user.id, methods: ['password'], project_id: null, domain_id: null};
  const scope = auth.scope;
  if (scope && scope.project) {
    const p = scope.project;
    let project = null;
    if (p.id) {
      project = state.projects[p.id] || null;
    } else if (p.name) {
      // Huawei accepts a project name alone (names are region names, unique per account).
      const domain = p.domain ? findDomain(state, p.domain) : state.domains[user.domain_id];
      project = Object.values(state.projects).find((x) => x.name === p.name && domain && x.domain_id === domain.id) || null;
    }
    if (!project || project.domain_id !== user.domain_id) {
      return keystoneError(ctx, 401, 'The project does not exist or the user has no access to it.');
    }
    record.project_id = project.id;
  } else if (scope && scope.domain) {
    const d = findDomain(state, scope.domain);
    if (!d || d.id !== user.domain_id) return keystoneError(ctx, 401, 'The user has no access to the domain.');
    record.domain_id = d.id;
  } else {
    record.domain_id = user.domain_id; // Huawei IAM issues a domain-scoped token without a scope
  }

  const now = ctx.now();
  const ttl = Number(state.settings.token_ttl_seconds) || kDefaultTtlSeconds;
  record.issued_at = keystoneTime(now);
  record.expires_at = keystoneTime(new Date(now.getTime() + ttl * 1000));
  const token = 'MIIpbtest' + crypto.randomBytes(48).toString('base64url');
  const keys = Object.keys(state.tokens);
  if (keys.length >= kMaxTokens) delete state.tokens[keys[0]];
  state.tokens[token] = record;
  ctx.changed();
  const withCatalog = req.query.nocatalog !== 'true';
  return {
    status: 201,
    headers: {'content-type': 'application/json', 'x-subject-token': token, 'x-request-id': ctx.requestId()},
    body: tokenBody(ctx, req, record, withCatalog),
  };
}

function validateToken(ctx, req) {
  const subject = req.headers['x-subject-token'];
  const record = subject && ctx.state.tokens[subject];
  if (!record || Date.parse(record.expires_at) <= ctx.now().getTime()) {
    return keystoneError(ctx, 404, 'The token could not be found or has expired.');
  }
  return {
    status: 200,
    headers: {'content-type': 'application/json', 'x-subject-token': subject, 'x-request-id': ctx.requestId()},
    body: tokenBody(ctx, req, record, req.query.nocatalog !== 'true'),
  };
}

function listProjects(ctx, req) {
  let projects = Object.values(ctx.state.projects);
  if (req.query.name) projects = projects.filter((p) => p.name === req.query.name);
  if (req.query.domain_id) projects = projects.filter((p) => p.domain_id === req.query.domain_id);
  return {
    status: 200,
    headers: {'content-type': 'application/json', 'x-request-id': ctx.requestId()},
    body: {
      projects: projects.map((p) => ({id: p.id, name: p.name, domain_id: p.domain_id, enabled: true,
        is_domain: false, parent_id: p.domain_id, description: '', links: {self: null}})),
      links: {self: null, next: null, previous: null},
    },
  };
}

async function handle(ctx, req) {
  switch (routeKey(req)) {
    case 'KeystoneCreateUserTokenByPassword': return issueToken(ctx, req);
    case 'KeystoneValidateToken': return validateToken(ctx, req);
    case 'KeystoneListProjects': return listProjects(ctx, req);
    default:
      return huaweiAuth.gatewayResponse(ctx.requestId(), {status: 404, code: 'APIGW.0101',
        message: 'The API does not exist or has not been published in the environment.'});
  }
}

// ---- control operations ---------------------------------------------------------------------------

// settings {token_ttl_seconds?, csbs_url?}: token lifetime for tokens issued from now on.
function settings(ctx, body) {
  const s = ctx.state.settings;
  if (body.token_ttl_seconds !== undefined) {
    const ttl = Number(body.token_ttl_seconds);
    if (!Number.isFinite(ttl) || ttl <= 0) throw new ServiceError(400, 'BadRequest', 'token_ttl_seconds must be > 0');
    s.token_ttl_seconds = ttl;
  }
  if (body.csbs_url !== undefined) s.csbs_url = body.csbs_url || null;
  ctx.changed();
  return {...s};
}

// seed_project {id?, name}: another project of the fixed domain (a second region).
function seedProject(ctx, body) {
  if (!body.name) throw new ServiceError(400, 'BadRequest', 'name is required');
  const id = body.id || crypto.randomBytes(16).toString('hex');
  ctx.state.projects[id] = {id, name: String(body.name), domain_id: kDomainId};
  ctx.changed();
  return {...ctx.state.projects[id]};
}

// expire_tokens {}: every issued token expires now (what a password change does on the real IAM).
function expireTokens(ctx) {
  const past = keystoneTime(new Date(ctx.now().getTime() - 1000));
  for (const t of Object.values(ctx.state.tokens)) t.expires_at = past;
  ctx.changed();
  return {expired: Object.keys(ctx.state.tokens).length};
}

module.exports = {
  name: 'huaweicloud_iam',
  initialState,
  routeKey,
  authenticate,
  handle,
  errorResponse,
  control: {settings, seed_project: seedProject, expire_tokens: expireTokens},
  // for the CSBS module and tests
  keystoneTime,
  kDefaultTtlSeconds,
};

'use strict';
// Emulator core: one HTTP server per cloud service plus a control server.
//
// start(options) -> Promise<{urls, close(), emulator}>
//   options.host       listen address (default 127.0.0.1); every server uses port 0 (the OS picks).
//   options.stateFile  JSON file: loaded at start when it exists, rewritten after every change.
//   options.services   names (default SERVICE_NAMES) or service module objects (tests use fakes).
//   options.verbose    ctx.log() and request lines go to stderr.
// urls = {<service name>: 'http://127.0.0.1:P', ..., control: 'http://127.0.0.1:C'}.
// A service module that is missing is skipped with a warning on stderr (never on stdout: `run`
// prints its JSON line first and callers read exactly that line).

const http = require('node:http');
const util = require('./util');
const {createControlHandler} = require('./control');

const SERVICE_NAMES = ['aws_backup', 'alicloud_kvstore', 'alicloud_dbs', 'huaweicloud_csbs', 'huaweicloud_iam'];

// The fixed identity every service accepts from the start (documented in README.md).
const FIXED_IDENTITY = Object.freeze({
  accessKeyId: 'PBTESTAKID00000000001',
  secret: 'pbtest/Secret/Key/For/Local/Emulators/Only',
  awsAccountId: '123456789012',
  regions: {aws: 'us-east-1', alicloud: 'cn-hangzhou', huaweicloud: 'eu-de'},
  huawei: {
    domain: 'pbtest-domain',
    user: 'pbtest-user',
    password: 'pbtest-Passw0rd!',
    project: 'eu-de',
    projectId: '0a1b2c3d4e5f40718293a4b5c6d7e8f9',
  },
});

// Throttling answer per cloud when a fault asks for `throttle` and the service module does not
// declare its own `throttle: {status, code}`. AWS: ThrottlingException (the SDKs retry it);
// Alibaba POP: HTTP 400 Throttling.User; Huawei API Gateway: HTTP 429 APIGW.0308.
const THROTTLE_DEFAULTS = {
  aws: {status: 429, code: 'ThrottlingException', message: 'Rate exceeded'},
  alicloud: {status: 400, code: 'Throttling.User', message: 'Request was denied due to user flow control.'},
  huaweicloud: {status: 429, code: 'APIGW.0308', message: 'The throttling threshold has been reached'},
};

const MAX_REQUEST_LOG = 20000;

function loadServices(list) {
  const services = [];
  for (const item of list) {
    if (typeof item === 'object' && item) {
      services.push(item);
      continue;
    }
    try {
      services.push(require(`../services/${item}`));
    } catch (e) {
      const missing = e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(`services/${item}`);
      process.stderr.write(`emulators: service ${item} skipped: ${missing ? 'module not present' : e.stack}\n`);
    }
  }
  return services;
}

class Emulator {
  constructor(options) {
    this.options = options;
    this.services = loadServices(options.services || SERVICE_NAMES);
    this.byName = new Map(this.services.map((s) => [s.name, s]));
    this.state = {};
    this.faults = [];
    this.requests = [];
    this.clockOffsetMs = 0;
    this.registered = new Map(); // access key id -> {accessKeyId, secret, securityToken?}
    this.nextFaultId = 1;
    this.dirty = false;
    this.resetAll();
    if (options.stateFile) this.loadStateFile(options.stateFile);
  }

  // ---- state -------------------------------------------------------------------------------------
  resetAll() {
    for (const s of this.services) this.state[s.name] = s.initialState ? s.initialState() : {};
    this.faults = [];
    this.requests = [];
    this.clockOffsetMs = 0;
    this.registered.clear();
    this.registerCredential({accessKeyId: FIXED_IDENTITY.accessKeyId, secret: FIXED_IDENTITY.secret});
    this.dirty = true;
  }

  registerCredential({accessKeyId, secret, securityToken}) {
    const entry = {accessKeyId, secret};
    if (securityToken) entry.securityToken = securityToken;
    this.registered.set(accessKeyId, entry);
  }

  loadStateFile(file) {
    const saved = util.readJsonIfExists(file);
    if (!saved) return;
    for (const s of this.services) {
      if (saved.services && saved.services[s.name] !== undefined) this.state[s.name] = saved.services[s.name];
    }
    for (const c of saved.credentials || []) this.registerCredential(c);
    this.clockOffsetMs = (saved.clock_offset_seconds || 0) * 1000;
  }

  persistIfDirty() {
    if (!this.dirty || !this.options.stateFile) return;
    this.dirty = false;
    util.writeJsonAtomic(this.options.stateFile, {
      version: 1,
      services: this.state,
      credentials: [...this.registered.values()],
      clock_offset_seconds: this.clockOffsetMs / 1000,
    });
  }

  now() {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  log(msg) {
    if (this.options.verbose) process.stderr.write(`emulators: ${msg}\n`);
  }

  // The ctx handed to service handlers and control operations (see the contract in README.md).
  makeCtx(service) {
    const requestId = util.uuid();
    return {
      state: this.state[service.name],
      allState: this.state,
      credentials: {lookup: (ak) => (this.registered.has(ak) ? {...this.registered.get(ak)} : null)},
      identity: FIXED_IDENTITY,
      // Every service's base URL (e.g. IAM's token catalog points at CSBS).
      urls: this.urls || {},
      now: () => this.now(),
      newId: (prefix = '') => `${prefix}${util.uuid()}`,
      requestId: () => requestId,
      changed: () => { this.dirty = true; },
      log: (msg) => this.log(`[${service.name}] ${msg}`),
    };
  }

  // ---- faults ------------------------------------------------------------------------------------
  addFault(spec) {
    if (!spec || typeof spec.service !== 'string') throw new util.ServiceError(400, 'BadRequest', 'fault needs "service"');
    const number = (name, ok, what) => {
      if (spec[name] === undefined) return undefined;
      if (typeof spec[name] !== 'number' || !ok(spec[name])) {
        throw new util.ServiceError(400, 'BadRequest', `fault "${name}" must be ${what}`);
      }
      return spec[name];
    };
    const fraction = number('fraction', (v) => v > 0 && v <= 1, 'a number in (0, 1]');
    const durationMs = number('duration_ms', (v) => v > 0, 'a positive number of milliseconds');
    const count = number('count', (v) => Number.isInteger(v) && v > 0, 'a positive integer');
    const fault = {
      id: String(this.nextFaultId++),
      service: spec.service,
      route: spec.route === undefined ? '*' : spec.route,
      status: spec.status,
      code: spec.code,
      message: spec.message,
      // A burst (duration_ms) lasts its window unless a count is given too.
      count: count !== undefined ? count : (durationMs ? null : 1),
      latency_ms: spec.latency_ms || 0,
      throttle: !!spec.throttle,
      drop_after_commit: !!spec.drop_after_commit,
      fraction: fraction === undefined ? 1 : fraction,
      duration_ms: durationMs || null,
      ends_at: null, // wall-clock ms; set by the first matching request of a burst
      matched: 0, // matching requests seen
      hits: 0, // requests the fault was applied to
    };
    this.faults.push(fault);
    return fault;
  }

  // The faults still to come (bursts whose window has passed are dropped).
  pendingFaults(now = Date.now()) {
    this.faults = this.faults.filter((f) => f.ends_at === null || now < f.ends_at);
    return this.faults;
  }

  // Takes one use of the first fault that matches (service, route) and picks this request;
  // exhausted faults and bursts whose window has passed disappear.
  takeFault(serviceName, route) {
    const now = Date.now();
    this.pendingFaults(now);
    for (let i = 0; i < this.faults.length; i++) {
      const f = this.faults[i];
      if ((f.service !== serviceName && f.service !== '*') || (f.route !== '*' && f.route !== route)) continue;
      if (f.duration_ms && f.ends_at === null) f.ends_at = now + f.duration_ms;
      f.matched += 1;
      if (!pickedByFraction(f.fraction, f.matched)) continue;
      f.hits += 1;
      if (f.count !== null) {
        f.count -= 1;
        if (f.count <= 0) this.faults.splice(i, 1);
      }
      return f;
    }
    return null;
  }

  throttleFor(service) {
    if (service.throttle) return service.throttle;
    const cloud = service.name.split('_')[0];
    return THROTTLE_DEFAULTS[cloud] || THROTTLE_DEFAULTS.aws;
  }

  // ---- requests ----------------------------------------------------------------------------------
  async errorFrom(service, ctx, req, err) {
    try {
      return await service.errorResponse(ctx, req, err);
    } catch (e) {
      process.stderr.write(`emulators: ${service.name}.errorResponse failed: ${e.stack}\n`);
      return {status: err.status || 500, body: {code: err.code, message: err.message}};
    }
  }

  async dispatch(service, httpReq, httpRes) {
    const rawBody = await util.readBody(httpReq);
    const q = httpReq.url.indexOf('?');
    const rawQuery = q < 0 ? '' : httpReq.url.slice(q + 1);
    const req = {
      method: httpReq.method,
      path: q < 0 ? httpReq.url : httpReq.url.slice(0, q), // still percent-encoded, as signed
      query: util.parseQuery(rawQuery),
      rawQuery,
      headers: httpReq.headers,
      rawBody,
      url: httpReq.url,
    };
    const ctx = this.makeCtx(service);
    let route = null;
    try {
      route = service.routeKey ? service.routeKey(req) : null;
    } catch (e) {
      route = null;
    }
    const entry = {
      time: this.now().toISOString(), service: service.name, method: req.method, path: req.path, route,
      status: null, access_key_id: util.extractAccessKeyId(req.headers, req.query), fault: null,
      request_id: ctx.requestId(),
    };
    this.requests.push(entry);
    if (this.requests.length > MAX_REQUEST_LOG) this.requests.shift();

    let resp;
    let fault = null;
    try {
      resp = service.authenticate ? await service.authenticate(ctx, req) : null;
      if (!resp) {
        fault = this.takeFault(service.name, route);
        if (fault) entry.fault = fault.id;
        if (fault && fault.latency_ms) await util.sleep(fault.latency_ms);
        if (fault && fault.throttle) {
          const t = this.throttleFor(service);
          resp = await this.errorFrom(service, ctx, req, {
            status: fault.status || t.status, code: fault.code || t.code, message: fault.message || t.message,
            throttle: true, injected: true});
        } else if (fault && (fault.status || fault.code) && !fault.drop_after_commit) {
          resp = await this.errorFrom(service, ctx, req, {
            status: fault.status || 500, code: fault.code || 'InternalError',
            message: fault.message || 'Injected fault', injected: true});
        } else {
          resp = await service.handle(ctx, req);
        }
      }
    } catch (e) {
      if (e instanceof util.ServiceError) {
        resp = await this.errorFrom(service, ctx, req, {status: e.status, code: e.code, message: e.message, ...e.extra});
      } else {
        process.stderr.write(`emulators: ${service.name} ${route} threw: ${e && e.stack}\n`);
        resp = await this.errorFrom(service, ctx, req, {
          status: 500, code: 'InternalError', message: String(e && e.message), internal: true});
      }
    }
    this.persistIfDirty();
    if (fault && fault.drop_after_commit) {
      entry.status = 'dropped';
      this.log(`${service.name} ${route}: dropped after commit`);
      httpReq.socket.destroy();
      return;
    }
    resp = resp || {status: 500, body: {message: 'handler returned nothing'}};
    entry.status = resp.status || 200;
    this.log(`${service.name} ${req.method} ${req.path} ${route} -> ${entry.status}`);
    writeResponse(httpRes, resp, req.method);
  }
}

// Whether the k-th matching request (1-based) is one of a fault's `fraction` of them: spread
// evenly and deterministically, the first one included (0.5 takes the 1st, 3rd, ...; 1/3 the 1st,
// 4th, ...), so exactly ceil(n * fraction) of the first n are taken and runs are reproducible.
function pickedByFraction(fraction, k) {
  if (fraction >= 1) return true;
  const upTo = (n) => Math.ceil(n * fraction - 1e-9);
  return upTo(k) > upTo(k - 1);
}

function writeResponse(res, resp, method) {
  const headers = {...(resp.headers || {})};
  let body = resp.body;
  if (body === undefined || body === null) {
    body = Buffer.alloc(0);
  } else if (Buffer.isBuffer(body)) {
    // as is
  } else if (typeof body === 'string') {
    body = Buffer.from(body, 'utf8');
  } else {
    body = Buffer.from(JSON.stringify(body), 'utf8');
    const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
    if (!hasType) headers['Content-Type'] = 'application/json';
  }
  headers['Content-Length'] = String(body.length);
  res.writeHead(resp.status || 200, headers);
  res.end(method === 'HEAD' ? undefined : body);
}

function listen(server, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.removeListener('error', reject);
      resolve(`http://${host}:${server.address().port}`);
    });
  });
}

async function start(options = {}) {
  const host = options.host || '127.0.0.1';
  const emulator = new Emulator(options);
  emulator.persistIfDirty();
  const servers = [];
  const urls = {};
  for (const service of emulator.services) {
    const server = http.createServer((req, res) => {
      emulator.dispatch(service, req, res).catch((e) => {
        process.stderr.write(`emulators: ${service.name} dispatch failed: ${e.stack}\n`);
        if (!res.headersSent) writeResponse(res, {status: 500, body: {message: String(e.message)}}, req.method);
      });
    });
    servers.push(server);
    urls[service.name] = await listen(server, host);
  }
  const control = http.createServer(createControlHandler(emulator));
  servers.push(control);
  urls.control = await listen(control, host);
  emulator.urls = urls;

  async function close() {
    await Promise.all(servers.map((s) => new Promise((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    })));
    emulator.persistIfDirty();
  }
  return {urls, close, emulator};
}

module.exports = {start, SERVICE_NAMES, FIXED_IDENTITY, THROTTLE_DEFAULTS, Emulator, writeResponse, pickedByFraction};

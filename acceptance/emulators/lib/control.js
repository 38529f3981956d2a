'use strict';
// Control API of the emulators (JSON in, JSON out). Tests use it to reset state, seed fixtures,
// inject faults, read the request log and move the clock. See README.md for every route.

const util = require('./util');

function send(res, status, body) {
  const data = Buffer.from(JSON.stringify(body === undefined ? {} : body));
  res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': String(data.length)});
  res.end(data);
}

function parseBody(raw) {
  if (!raw || raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8')) || {};
  } catch (e) {
    throw new util.ServiceError(400, 'BadRequest', `control body is not JSON: ${e.message}`);
  }
}

function createControlHandler(emulator) {
  async function route(method, path, body) {
    if (method === 'GET' && (path === '/' || path === '/health')) {
      return {ok: true, services: emulator.services.map((s) => s.name)};
    }
    if (method === 'POST' && path === '/reset') {
      emulator.resetAll();
      return {ok: true};
    }
    if (method === 'GET' && path === '/state') return emulator.state;
    if (path === '/requests') {
      if (method === 'GET') return emulator.requests;
      if (method === 'DELETE') {
        emulator.requests = [];
        return {ok: true};
      }
    }
    if (method === 'POST' && path === '/credentials') {
      if (!body.access_key_id || !body.secret) {
        throw new util.ServiceError(400, 'BadRequest', 'access_key_id and secret are required');
      }
      emulator.registerCredential({
        accessKeyId: String(body.access_key_id), secret: String(body.secret),
        securityToken: body.security_token ? String(body.security_token) : undefined});
      emulator.dirty = true;
      return {ok: true};
    }
    if (path === '/faults') {
      if (method === 'GET') return emulator.pendingFaults();
      if (method === 'POST') return {id: emulator.addFault(body).id};
      if (method === 'DELETE') {
        emulator.faults = [];
        return {ok: true};
      }
    }
    if (method === 'POST' && path === '/clock') {
      if (body.offset_seconds !== undefined) emulator.clockOffsetMs = Number(body.offset_seconds) * 1000;
      if (body.advance_seconds !== undefined) emulator.clockOffsetMs += Number(body.advance_seconds) * 1000;
      if (!Number.isFinite(emulator.clockOffsetMs)) emulator.clockOffsetMs = 0;
      emulator.dirty = true;
      return {offset_seconds: emulator.clockOffsetMs / 1000, now: emulator.now().toISOString()};
    }
    const m = /^\/services\/([^/]+)\/([^/]+)$/.exec(path);
    if (m && method === 'POST') {
      const service = emulator.byName.get(decodeURIComponent(m[1]));
      const op = decodeURIComponent(m[2]);
      if (!service) throw new util.ServiceError(404, 'NotFound', `unknown service ${m[1]}`);
      const fn = service.control && Object.prototype.hasOwnProperty.call(service.control, op) && service.control[op];
      if (typeof fn !== 'function') throw new util.ServiceError(404, 'NotFound', `unknown control op ${service.name}/${op}`);
      const result = await fn(emulator.makeCtx(service), body);
      emulator.dirty = true; // control ops exist to change state; persist even if they forget changed()
      return result === undefined ? {ok: true} : result;
    }
    throw new util.ServiceError(404, 'NotFound', `no control route ${method} ${path}`);
  }

  return (req, res) => {
    util.readBody(req).then(async (raw) => {
      const path = req.url.split('?')[0];
      try {
        const result = await route(req.method, path, parseBody(raw));
        emulator.persistIfDirty();
        send(res, 200, result);
      } catch (e) {
        emulator.persistIfDirty();
        if (e instanceof util.ServiceError) {
          send(res, e.status, {error: e.code, message: e.message});
        } else {
          process.stderr.write(`emulators: control ${req.method} ${path} failed: ${e && e.stack}\n`);
          send(res, 500, {error: 'InternalError', message: String(e && e.message)});
        }
      }
    }, (e) => send(res, 400, {error: 'BadRequest', message: String(e.message)}));
  };
}

module.exports = {createControlHandler};

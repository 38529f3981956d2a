'use strict';
// Alibaba Cloud POP (RPC-style OpenAPI) front door shared by the R-kvstore and DBS emulators:
// request parameters, signature checks, the gateway's error shape.
//
// The official clients sign a request in one of two ways and both must pass here:
//   * ACS3-HMAC-SHA256 ("V3", @alicloud/openapi-core and openapi-client by default):
//     x-acs-action / x-acs-version / x-acs-date / x-acs-signature-nonce / x-acs-content-sha256
//     headers and `Authorization: ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`.
//     The business parameters travel in the query string (or a form body).
//   * RPC signature V1 (pop-core, openapi-client with signatureAlgorithm 'v2', aliyun CLI):
//     HMAC-SHA1 over every parameter but `Signature`, with AccessKeyId, SignatureMethod=HMAC-SHA1,
//     SignatureVersion=1.0, SignatureNonce, Timestamp, Action and Version as parameters, in the
//     query string for GET (and openapi-client's POST) or in a form body (pop-core's POST).
// We do not re-implement either algorithm: the request is rebuilt and signed again with the
// official @alicloud/openapi-util (`getAuthorization`, `getRPCSignature`), then compared.
//
// The request time (x-acs-date / Timestamp, `yyyy-MM-ddTHH:mm:ssZ`) must be within 15 minutes of
// the *wall clock*, not of ctx.now(): tests move the emulator clock (POST /clock) to finish
// transitions at once while the clients keep stamping real time.

const crypto = require('node:crypto');
const OpenApiUtil = require('@alicloud/openapi-util').default;
const util = require('../util');

const FORM_TYPE = 'application/x-www-form-urlencoded';
// The real gateway remembers a nonce for 15 minutes (the same window as the timestamp check).
const NONCE_TTL_MS = 15 * 60 * 1000;
const CLOCK_SKEW_MS = 15 * 60 * 1000;

// Used nonces per service state object: a reset replaces the state object, so the memory goes too.
const nonceStores = new WeakMap();

function nonceSeen(state, accessKeyId, nonce) {
  let store = nonceStores.get(state);
  if (!store) {
    store = new Map();
    nonceStores.set(state, store);
  }
  const now = Date.now();
  if (store.size > 5000) {
    for (const [k, expiry] of store) if (expiry <= now) store.delete(k);
  }
  const key = `${accessKeyId}\n${nonce}`;
  const expiry = store.get(key);
  if (expiry !== undefined && expiry > now) return true;
  store.set(key, now + NONCE_TTL_MS);
  return false;
}

function isForm(req) {
  return String(req.headers['content-type'] || '').toLowerCase().startsWith(FORM_TYPE);
}

// The request's parameters: query string, then a form body (a body value wins on a clash).
// Returns {all, query, body} as plain objects of strings.
function readParams(req) {
  const query = util.parseQuery(req.rawQuery);
  const body = isForm(req) && req.rawBody && req.rawBody.length
    ? util.parseQuery(req.rawBody.toString('utf8')) : {};
  return {all: {...query, ...body}, query, body};
}

function actionOf(req) {
  return req.headers['x-acs-action'] || readParams(req).all.Action || null;
}

function versionOf(req) {
  return req.headers['x-acs-version'] || readParams(req).all.Version || null;
}

// Alibaba request ids are upper-case UUIDs.
function requestIdOf(ctx) {
  return String(ctx.requestId()).toUpperCase();
}

function safeEqual(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

// Authorization: ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=h1;h2,Signature=hex
function parseAcs3Authorization(value) {
  const m = /^(ACS3-[A-Z0-9-]+)\s+(.*)$/.exec(String(value).trim());
  if (!m) return null;
  const fields = {};
  for (const part of m[2].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  if (!fields.Credential || !fields.SignedHeaders || !fields.Signature) return null;
  return {algorithm: m[1], credential: fields.Credential, signedHeaders: fields.SignedHeaders.split(';'),
    signature: fields.Signature};
}

const ERR = {
  incomplete: {status: 400, code: 'IncompleteSignature',
    message: 'The request signature does not conform to Aliyun standards.'},
  keyNotFound: {status: 404, code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.'},
  mismatch: {status: 400, code: 'SignatureDoesNotMatch',
    message: 'Specified signature is not matched with our calculation.'},
  nonceUsed: {status: 400, code: 'SignatureNonceUsed', message: 'Specified signature nonce was used already.'},
  badMethod: {status: 400, code: 'InvalidSignatureMethod', message: 'Specified signature method is not valid.'},
  badToken: {status: 400, code: 'InvalidSecurityToken.MismatchWithAccessKey',
    message: 'Specified SecurityToken mismatch with the AccessKey.'},
  timeFormat: {status: 400, code: 'InvalidTimeStamp.Format',
    message: 'Specified time stamp or date value is not well formatted.'},
  timeExpired: {status: 400, code: 'InvalidTimeStamp.Expired',
    message: 'Specified time stamp or date value is expired.'},
};

function checkTime(value) {
  if (!value) return ERR.incomplete;
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$/.exec(String(value));
  if (!m) return ERR.timeFormat;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  if (!Number.isFinite(t)) return ERR.timeFormat;
  return Math.abs(Date.now() - t) > CLOCK_SKEW_MS ? ERR.timeExpired : null;
}

function withStringToSign(err, stringToSign) {
  // The real gateway quotes its string-to-sign in the message; it is what a client author needs.
  return {...err, message: `${err.message} server string to sign is:${stringToSign}`};
}

function checkToken(cred, given) {
  if (!cred.securityToken) return true;
  return given === cred.securityToken;
}

function verifyAcs3(ctx, req, auth) {
  if (auth.algorithm !== 'ACS3-HMAC-SHA256') return ERR.badMethod;
  const cred = ctx.credentials.lookup(auth.credential);
  if (!cred) return ERR.keyNotFound;
  const payloadHash = util.sha256Hex(req.rawBody || Buffer.alloc(0));
  const declared = String(req.headers['x-acs-content-sha256'] || '').toLowerCase();
  if (declared !== payloadHash) {
    // openapi-util trusts the header; the body it covers must be checked here.
    return {...ERR.mismatch, message: 'The x-acs-content-sha256 header does not match the request body.'};
  }
  const headers = {};
  for (const name of auth.signedHeaders) {
    const v = req.headers[name.toLowerCase()];
    if (v === undefined) return ERR.mismatch;
    headers[name.toLowerCase()] = Array.isArray(v) ? v.join(',') : String(v);
  }
  const query = util.parseQuery(req.rawQuery);
  const expected = OpenApiUtil.getAuthorization(
      {pathname: decodeURIComponent(req.path || '/'), method: req.method, query, headers},
      auth.algorithm, payloadHash, auth.credential, cred.secret);
  const given = String(req.headers.authorization).trim();
  if (!safeEqual(expected.replace(/^.*Signature=/, ''), auth.signature) ||
      !safeEqual(expected.replace(/Signature=.*$/, ''), given.replace(/Signature=.*$/, ''))) {
    return ERR.mismatch;
  }
  if (!checkToken(cred, req.headers['x-acs-security-token'])) return ERR.badToken;
  const timeErr = checkTime(req.headers['x-acs-date']);
  if (timeErr) return timeErr;
  const nonce = req.headers['x-acs-signature-nonce'];
  if (!nonce) return ERR.incomplete;
  if (nonceSeen(ctx.state, auth.credential, nonce)) return ERR.nonceUsed;
  return null;
}

function verifyRpcV1(ctx, req, params) {
  if (!params.AccessKeyId) return ERR.incomplete;
  const cred = ctx.credentials.lookup(params.AccessKeyId);
  if (!cred) return ERR.keyNotFound;
  if (params.SignatureMethod && params.SignatureMethod !== 'HMAC-SHA1') return ERR.badMethod;
  if (params.SignatureVersion && params.SignatureVersion !== '1.0') {
    return {status: 400, code: 'InvalidSignatureVersion', message: 'Specified signature version is not valid.'};
  }
  const signed = {...params};
  delete signed.Signature;
  const expected = OpenApiUtil.getRPCSignature(signed, req.method, cred.secret);
  if (!safeEqual(expected, params.Signature)) return ERR.mismatch;
  if (!checkToken(cred, params.SecurityToken)) return ERR.badToken;
  const timeErr = checkTime(params.Timestamp);
  if (timeErr) return timeErr;
  if (!params.SignatureNonce) return ERR.incomplete;
  if (nonceSeen(ctx.state, params.AccessKeyId, params.SignatureNonce)) return ERR.nonceUsed;
  return null;
}

// Checks the request's signature. Returns null when it is valid, else {status, code, message} with
// the gateway's code: InvalidAccessKeyId.NotFound (404), SignatureDoesNotMatch (400),
// SignatureNonceUsed (400), IncompleteSignature (400) when there is no signature at all,
// InvalidTimeStamp.Format / InvalidTimeStamp.Expired (400), InvalidSecurityToken.MismatchWithAccessKey
// (400) when the key was registered with a security token and the request lacks it.
function verify(ctx, req) {
  const authorization = req.headers.authorization;
  if (authorization && /^ACS3-/.test(String(authorization).trim())) {
    const auth = parseAcs3Authorization(authorization);
    return auth ? verifyAcs3(ctx, req, auth) : ERR.incomplete;
  }
  const {all} = readParams(req);
  if (all.Signature) return verifyRpcV1(ctx, req, all);
  return ERR.incomplete;
}

// The POP gateway's error body, HTTP status as given.
function popError(ctx, {status, code, message}, {hostId, product}) {
  const requestId = requestIdOf(ctx);
  return {
    status: status || 400,
    headers: {'Content-Type': 'application/json;charset=utf-8', 'x-acs-request-id': requestId},
    body: {
      RequestId: requestId,
      HostId: hostId,
      Code: code,
      Message: message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=${product}` +
          `&requestId=${requestId}`,
    },
  };
}

function jsonOk(ctx, body) {
  const requestId = requestIdOf(ctx);
  return {
    status: 200,
    headers: {'Content-Type': 'application/json;charset=utf-8', 'x-acs-request-id': requestId},
    body: {RequestId: requestId, ...body},
  };
}

// The part of a service module every Alibaba RPC service shares: routeKey, authenticate, and the
// Action / Version dispatch. `spec` = {hostId, product, version, actions: {Name: async (ctx, req,
// params) => response}}. Unknown actions and versions answer as the gateway does.
function rpcFrontDoor(spec) {
  const fail = (ctx, err) => popError(ctx, err, spec);
  return {
    routeKey(req) {
      return actionOf(req);
    },
    async authenticate(ctx, req) {
      const err = verify(ctx, req);
      return err ? fail(ctx, err) : null;
    },
    async dispatch(ctx, req) {
      const action = actionOf(req);
      if (!action) {
        return fail(ctx, {status: 400, code: 'MissingAction', message: 'Action is mandatory for this request.'});
      }
      const handler = Object.prototype.hasOwnProperty.call(spec.actions, action) && spec.actions[action];
      if (!handler) {
        return fail(ctx, {status: 404, code: 'InvalidAction.NotFound',
          message: 'Specified api is not found, please check your url and method.'});
      }
      const version = versionOf(req);
      if (version !== spec.version) {
        return fail(ctx, {status: 400, code: 'InvalidVersion', message: 'Specified parameter Version is not valid.'});
      }
      return handler(ctx, req, readParams(req).all);
    },
    errorResponse(ctx, req, err) {
      return fail(ctx, {status: err.status, code: err.code, message: err.message});
    },
  };
}

module.exports = {
  readParams,
  actionOf,
  versionOf,
  requestIdOf,
  verify,
  popError,
  jsonOk,
  rpcFrontDoor,
  parseAcs3Authorization,
};

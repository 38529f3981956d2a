'use strict';
// Huawei Cloud / Open Telekom Cloud request authentication as the API gateway (APIG) in front of
// every Huawei service does it: AK/SK `SDK-HMAC-SHA256` signatures or a Keystone token in
// `X-Auth-Token`. Failures use the gateway's own flat error body
// `{"error_code":"APIGW.0301","error_msg":"…","request_id":"…"}` (APIG error-code table: 0301
// wrong IAM credentials, 0306 access denied, 0307 token must be renewed, 0308 throttled), not the
// `{"error":{…}}` body the services behind it use.
//
// The AK/SK check re-signs the request with the official signer
// (`@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner`) over exactly the headers the client says it
// signed, with the payload hash taken from the raw body we received, and compares signatures.

const crypto = require('node:crypto');
const querystring = require('node:querystring');
const {AKSKSigner} = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');

const kAlgorithm = 'SDK-HMAC-SHA256';
// APIG accepts an X-Sdk-Date up to 15 minutes away from its own clock.
const kMaxSkewMs = 15 * 60 * 1000;
const kUnsignedPayload = 'UNSIGNED-PAYLOAD';

// The official signer hashes JSON.stringify(request.data); a server must hash the bytes it actually
// received instead. `sign` calls `this.buildPayloadHash`, so overriding it in a subclass is enough.
class ReceivedRequestSigner extends AKSKSigner {
  static buildPayloadHash(request) {
    const declared = request.headers['X-Sdk-Content-Sha256'];
    if (declared) return declared;
    return crypto.createHash('sha256').update(request.rawBody || Buffer.alloc(0)).digest('hex');
  }
}

// The official signers disagree on a path segment that is already percent-encoded: the Node SDK
// encodes the segment as sent (`p%20q` → `p%2520q`), the Go SDK signer and our C++ signer decode it
// first (`p%20q`). CSBS paths carry hex ids and UUIDs where both agree; for anything else we accept
// either form rather than pick a side.
class DecodedPathSigner extends ReceivedRequestSigner {
  static CanonicalURI(inputUri) {
    const decoded = (inputUri || '').split('/').map((seg) => {
      try {
        return decodeURIComponent(seg);
      } catch (e) {
        return seg;
      }
    });
    return super.CanonicalURI(decoded.join('/'));
  }
}

// A gateway-level error as {status, code, message}; `gatewayResponse` renders it.
function apigwError(status, code, message) {
  return {status, code, message};
}

function incorrectIam(detail) {
  return apigwError(401, 'APIGW.0301', `Incorrect IAM authentication information: ${detail}`);
}

// Renders {status, code, message} in APIG's flat error body with the request id header.
function gatewayResponse(requestId, {status, code, message}) {
  return {
    status,
    headers: {'content-type': 'application/json', 'x-request-id': requestId},
    body: {error_code: code, error_msg: message, request_id: requestId},
  };
}

// `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex` → {accessKey, signedHeaders[], signature}
// or null when the header is not in that scheme.
function parseAuthorization(value) {
  if (!value || !value.startsWith(kAlgorithm + ' ')) return null;
  const fields = {};
  for (const part of value.slice(kAlgorithm.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  if (!fields.Access || !fields.SignedHeaders || !fields.Signature) return null;
  return {
    accessKey: fields.Access,
    signedHeaders: fields.SignedHeaders.split(';').map((h) => h.trim().toLowerCase()).filter(Boolean),
    signature: fields.Signature.toLowerCase(),
  };
}

// `20261123T192830Z` → Date, or null.
function parseSdkDate(value) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value || '');
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isNaN(t) ? null : new Date(t);
}

// Header names the official signer looks up with a fixed spelling.
const kSignerHeaderNames = {'x-sdk-date': 'X-Sdk-Date', 'x-sdk-content-sha256': 'X-Sdk-Content-Sha256'};

function rawPathOf(req) {
  const url = req.url || req.path || '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function timingSafeEqualHex(a, b) {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}

// Verifies an AK/SK-signed request. Returns {accessKeyId, credential} on success or an apigwError.
// `ctx.credentials.lookup(ak)` gives the secret (and the security token of temporary keys).
function verifyAkSk(ctx, req) {
  const auth = parseAuthorization(req.headers.authorization);
  if (!auth) return incorrectIam('verify aksk signature fail, the Authorization header is malformed');
  const cred = ctx.credentials.lookup(auth.accessKey);
  if (!cred) return incorrectIam(`ak ${auth.accessKey} not exist`);

  const dateHeader = req.headers['x-sdk-date'];
  const date = parseSdkDate(dateHeader);
  if (!date || !auth.signedHeaders.includes('x-sdk-date')) {
    return incorrectIam('verify aksk signature fail, X-Sdk-Date is missing, unsigned or malformed');
  }
  // Against the real clock, not ctx.now(): the client signs with its own wall clock, and tests move
  // the emulator clock by hours to expire tokens without wanting every signature to go stale.
  if (Math.abs(date.getTime() - Date.now()) > kMaxSkewMs) {
    return incorrectIam('verify aksk signature fail, the request time is skewed by more than 15 minutes');
  }
  if (!auth.signedHeaders.includes('host')) {
    return incorrectIam('verify aksk signature fail, the host header is not signed');
  }

  // Temporary credentials: the token must come with the request, and be covered by the signature.
  const sentToken = req.headers['x-security-token'];
  if (cred.securityToken || sentToken) {
    if (!cred.securityToken || sentToken !== cred.securityToken) {
      return incorrectIam('verify aksk signature fail, the security token is invalid');
    }
    if (!auth.signedHeaders.includes('x-security-token')) {
      return incorrectIam('verify aksk signature fail, X-Security-Token is not signed');
    }
  }

  const headers = {};
  for (const name of auth.signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) return incorrectIam(`verify aksk signature fail, signed header ${name} is missing`);
    headers[kSignerHeaderNames[name] || name] = value;
  }
  const declaredHash = headers['X-Sdk-Content-Sha256'];
  if (declaredHash && declaredHash !== kUnsignedPayload) {
    const actual = crypto.createHash('sha256').update(req.rawBody || Buffer.alloc(0)).digest('hex');
    if (declaredHash.toLowerCase() !== actual) {
      return incorrectIam('verify aksk signature fail, X-Sdk-Content-Sha256 does not match the body');
    }
  }

  const request = {
    method: req.method,
    endpoint: `http://${req.headers.host}${rawPathOf(req)}`,
    headers,
    queryParams: querystring.parse(req.rawQuery || ''),
    rawBody: req.rawBody,
  };
  const key = {getAk: () => auth.accessKey, getSk: () => cred.secret};
  const signers = request.endpoint.includes('%') ? [ReceivedRequestSigner, DecodedPathSigner] : [ReceivedRequestSigner];
  for (const signer of signers) {
    // sign() adds entries to the headers object it is given: hand each attempt its own copy.
    const signed = signer.sign({...request, headers: {...headers}}, key);
    const m = /Signature=([0-9a-f]+)/.exec(signed.Authorization || '');
    if (m && timingSafeEqualHex(m[1], auth.signature)) return {accessKeyId: auth.accessKey, credential: cred};
  }
  return incorrectIam('verify aksk signature fail');
}

// Looks up a Keystone token issued by the IAM emulator (state `huaweicloud_iam.tokens`).
// Returns the token record or an apigwError: unknown → 0301, expired → 0307.
function verifyToken(ctx, token) {
  const iam = ctx.allState && ctx.allState.huaweicloud_iam;
  const record = iam && iam.tokens && iam.tokens[token];
  if (!record) return incorrectIam('decrypt token fail, the token is not valid');
  if (Date.parse(record.expires_at) <= ctx.now().getTime()) {
    return apigwError(401, 'APIGW.0307', 'The token must be updated.');
  }
  return {token: record};
}

// Authenticates a project-scoped service call (path `/v1/{project_id}/…`): a Keystone token scoped
// to that project, or an AK/SK signature (`X-Project-Id`, when sent, must name the same project).
// Returns null when the caller may proceed, else an apigwError.
function authenticateProjectRequest(ctx, req, projectId) {
  const token = req.headers['x-auth-token'];
  if (token) {
    const r = verifyToken(ctx, token);
    if (r.status) return r;
    if (r.token.project_id !== projectId) {
      // APIG answers a token of another project (or region) with "the token must be updated".
      return apigwError(401, 'APIGW.0307', 'The token must be updated.');
    }
    return null;
  }
  if (req.headers.authorization) {
    const r = verifyAkSk(ctx, req);
    if (r.status) return r;
    const headerProject = req.headers['x-project-id'];
    if (headerProject && projectId && headerProject !== projectId) {
      return apigwError(403, 'APIGW.0306', 'API access denied.');
    }
    return null;
  }
  return incorrectIam('no X-Auth-Token header and no AK/SK signature');
}

module.exports = {
  ReceivedRequestSigner,
  DecodedPathSigner,
  parseAuthorization,
  parseSdkDate,
  verifyAkSk,
  verifyToken,
  authenticateProjectRequest,
  apigwError,
  gatewayResponse,
};

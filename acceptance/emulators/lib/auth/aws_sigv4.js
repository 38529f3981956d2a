'use strict';
// Server-side check of an AWS Signature Version 4 (header form) by re-signing the received request
// with the official signer (@smithy/signature-v4) and comparing the Authorization header.
//
// verifySigV4(req, credentials, {service, now?, maxSkewMs?}) ->
//   {ok: true, accessKeyId, region, service, date}
//   {ok: false, status, code, message}   with the code AWS answers:
//     MissingAuthenticationTokenException 403  no Authorization header
//     IncompleteSignatureException        400  Authorization header not parseable, x-amz-date missing
//     UnrecognizedClientException         403  unknown access key, or security token that does not match
//     InvalidSignatureException           403  signature, body hash, scope or clock skew wrong
//
// Traps this reproduces (SigV4 docs, "Create a canonical request"):
//   - the canonical URI is the received (already percent-encoded) path encoded once more, which is
//     what the signer does with uriEscapePath=true for every service but S3;
//   - the signer trusts x-amz-content-sha256, so sha256(body) is compared with it here;
//   - the security token (x-amz-security-token) must be signed when the credential has one.

const {SignatureV4} = require('@smithy/signature-v4');
const {Sha256} = require('@aws-crypto/sha256-js');
const util = require('../util');

const AUTH_RE = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$/;

function fail(status, code, message) {
  return {ok: false, status, code, message};
}

// x-amz-date (YYYYMMDDTHHMMSSZ) to a Date, or null.
function parseAmzDate(s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s || '');
  if (!m) return null;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

// Query string to the signer's shape: {key: value} or {key: [values]} for repeated keys, decoded.
function signerQuery(rawQuery) {
  const out = {};
  for (const [k, v] of util.queryPairs(rawQuery)) {
    if (out[k] === undefined) out[k] = v;
    else if (Array.isArray(out[k])) out[k].push(v);
    else out[k] = [out[k], v];
  }
  return out;
}

async function verifySigV4(req, credentials, {service, now = () => new Date(), maxSkewMs = 15 * 60 * 1000} = {}) {
  const auth = req.headers.authorization;
  if (!auth) return fail(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  const m = AUTH_RE.exec(auth);
  if (!m) {
    return fail(400, 'IncompleteSignatureException',
        `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${auth}`);
  }
  const [, credential, signedHeaderList, signature] = m;
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') {
    return fail(400, 'IncompleteSignatureException', `Credential is malformed: ${credential}`);
  }
  const [accessKeyId, scopeDate, region, scopeService] = scope;
  const amzDate = req.headers['x-amz-date'];
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) {
    return fail(400, 'IncompleteSignatureException', 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.');
  }

  const cred = credentials.lookup(accessKeyId);
  if (!cred) return fail(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  const token = req.headers['x-amz-security-token'];
  if ((cred.securityToken || token) && cred.securityToken !== token) {
    return fail(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (scopeService !== service) {
    return fail(403, 'InvalidSignatureException', `Credential should be scoped to correct service: '${service}'.`);
  }
  if (scopeDate !== amzDate.slice(0, 8)) {
    return fail(403, 'InvalidSignatureException',
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  }
  const skew = signingDate.getTime() - now().getTime();
  if (Math.abs(skew) > maxSkewMs) {
    return fail(403, 'InvalidSignatureException',
        `Signature expired: ${amzDate} is now earlier than ${new Date(now().getTime() - maxSkewMs).toISOString()} (the request time differs from the server time by more than 15 min.)`);
  }
  const bodyHash = util.sha256Hex(req.rawBody);
  const claimed = req.headers['x-amz-content-sha256'];
  if (claimed !== undefined && claimed !== 'UNSIGNED-PAYLOAD' && claimed !== bodyHash) {
    return fail(403, 'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided. The x-amz-content-sha256 header does not match the body.');
  }

  const signed = signedHeaderList.split(';');
  if (!signed.includes('host')) {
    return fail(403, 'InvalidSignatureException', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const headers = {};
  for (const name of signed) {
    if (req.headers[name] === undefined) {
      return fail(403, 'InvalidSignatureException', `Signed header ${name} is not present in the request.`);
    }
    headers[name] = String(req.headers[name]);
  }
  const signer = new SignatureV4({
    credentials: {accessKeyId, secretAccessKey: cred.secret, sessionToken: cred.securityToken},
    region,
    service,
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: false, // never add x-amz-content-sha256 the client did not sign
  });
  const host = String(req.headers.host || '');
  const resigned = await signer.sign({
    method: req.method,
    protocol: 'http:',
    hostname: host.split(':')[0],
    path: req.path,
    query: signerQuery(req.rawQuery),
    headers,
    body: req.rawBody && req.rawBody.length ? req.rawBody : undefined,
  }, {signingDate, signingRegion: region, signingService: service});
  const expected = /Signature=([0-9a-f]+)/.exec(resigned.headers.authorization || '');
  const expectedList = /SignedHeaders=([^,\s]+)/.exec(resigned.headers.authorization || '');
  if (!expected || expected[1] !== signature || !expectedList || expectedList[1] !== signedHeaderList) {
    return fail(403, 'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
  }
  return {ok: true, accessKeyId, region, service, date: signingDate};
}

module.exports = {verifySigV4, parseAmzDate};

'use strict';
// Small helpers shared by the emulator core and every service module.
// Nothing here knows about a particular cloud.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

// An error a service handler throws to answer with the cloud's error shape.
// Core catches it and calls service.errorResponse(ctx, req, {status, code, message, ...extra}).
class ServiceError extends Error {
  constructor(status, code, message, extra) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.extra = extra || {};
  }
}

function sha256Hex(data) {
  return crypto.createHash('sha256').update(data || '').digest('hex');
}

function hmac(key, data, algo = 'sha256', encoding = 'hex') {
  return crypto.createHmac(algo, key).update(data).digest(encoding);
}

function uuid() {
  return crypto.randomUUID();
}

function randomHex(bytes) {
  return crypto.randomBytes(bytes).toString('hex');
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Deep copy of a JSON-serialisable value (state snapshots, responses that must not alias state).
function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// Query string to a plain object; a repeated key keeps its last value (the contract of req.query).
function parseQuery(rawQuery) {
  const out = {};
  if (!rawQuery) return out;
  for (const [k, v] of new URLSearchParams(rawQuery)) out[k] = v;
  return out;
}

// Every (key, value) pair of a query string in order, repeated keys kept (signature checks need them).
function queryPairs(rawQuery) {
  if (!rawQuery) return [];
  return [...new URLSearchParams(rawQuery)];
}

function readBody(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

// Parses a JSON request body; an empty body is {}. Throws ServiceError(400, code) when malformed.
function parseJsonBody(rawBody, code = 'SerializationException') {
  if (!rawBody || rawBody.length === 0) return {};
  try {
    const v = JSON.parse(rawBody.toString('utf8'));
    return v === null ? {} : v;
  } catch (e) {
    throw new ServiceError(400, code, `Malformed JSON body: ${e.message}`);
  }
}

// Best-effort access key id of a request, whatever the cloud's signing scheme, for the request log.
//   AWS SigV4 / Alibaba ACS3:  Authorization: ... Credential=AK/... or Credential=AK,...
//   Huawei AK/SK:              Authorization: SDK-HMAC-SHA256 Access=AK, ...
//   Alibaba RPC / presigned:   ?AccessKeyId=AK or ?X-Amz-Credential=AK/...
function extractAccessKeyId(headers, query) {
  const auth = (headers && headers.authorization) || '';
  let m = /Credential=([^/,\s]+)/.exec(auth) || /Access=([^,\s]+)/.exec(auth);
  if (m) return m[1];
  if (query) {
    if (query.AccessKeyId) return query.AccessKeyId;
    if (query['X-Amz-Credential']) return query['X-Amz-Credential'].split('/')[0];
  }
  return null;
}

// Generic list pagination with opaque tokens: returns {items, nextToken} where nextToken is null at
// the end. A token that does not decode to an offset throws ServiceError(400, badTokenCode).
function paginate(items, maxResults, nextToken, {defaultMax = 1000, badTokenCode = 'InvalidParameterValueException'} = {}) {
  let start = 0;
  if (nextToken !== undefined && nextToken !== null && nextToken !== '') {
    const decoded = Buffer.from(String(nextToken), 'base64url').toString('utf8');
    const m = /^offset:(\d+)$/.exec(decoded);
    if (!m) throw new ServiceError(400, badTokenCode, 'The next token is not valid.');
    start = Number(m[1]);
  }
  let max = maxResults === undefined || maxResults === null || maxResults === '' ? defaultMax : Number(maxResults);
  if (!Number.isInteger(max) || max < 1) max = defaultMax;
  const page = items.slice(start, start + max);
  const end = start + page.length;
  const token = end < items.length ? Buffer.from(`offset:${end}`).toString('base64url') : null;
  return {items: page, nextToken: token};
}

// Writes JSON atomically (temp file + rename) so a crash never leaves a half-written --state file.
function writeJsonAtomic(file, value) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(value, null, 1));
  fs.renameSync(tmp, file);
}

function readJsonIfExists(file) {
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, 'utf8');
  if (!text.trim()) return null;
  return JSON.parse(text);
}

// Epoch seconds of a Date, with milliseconds as the fraction (how AWS restJson1 writes timestamps).
function epochSeconds(date) {
  return date.getTime() / 1000;
}

module.exports = {
  ServiceError,
  sha256Hex,
  hmac,
  uuid,
  randomHex,
  sleep,
  clone,
  parseQuery,
  queryPairs,
  readBody,
  parseJsonBody,
  extractAccessKeyId,
  paginate,
  writeJsonAtomic,
  readJsonIfExists,
  epochSeconds,
};

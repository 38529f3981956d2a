'use strict';
// Shared pieces of the AWS Backup emulator: errors, ARNs, idempotency and small validators.

const util = require('../lib/util');

const ACCOUNT_ID = '123456789012';

// AWS error: core turns it into errorResponse(), which writes the restJson1 error shape.
function awsError(status, code, message, extra) {
  return new util.ServiceError(status, code, message, extra);
}
const notFound = (msg, extra) => awsError(404, 'ResourceNotFoundException', msg, extra);
const invalidValue = (msg) => awsError(400, 'InvalidParameterValueException', msg);
const missingValue = (msg) => awsError(400, 'MissingParameterValueException', msg);
const invalidRequest = (msg) => awsError(400, 'InvalidRequestException', msg);
const alreadyExists = (msg, extra) => awsError(400, 'AlreadyExistsException', msg, extra);
const limitExceeded = (msg) => awsError(400, 'LimitExceededException', msg);

const planArn = (region, id) => `arn:aws:backup:${region}:${ACCOUNT_ID}:backup-plan:${id}`;
const vaultArn = (region, name) => `arn:aws:backup:${region}:${ACCOUNT_ID}:backup-vault:${name}`;
const roleArn = (name, path = '/') => `arn:aws:iam::${ACCOUNT_ID}:role${path}${name}`;
// The AWS managed key AWS Backup uses when CreateBackupVault has no EncryptionKeyArn.
const defaultKeyArn = (region) => `arn:aws:kms:${region}:${ACCOUNT_ID}:key/0b4c4b00-aaaa-4bbb-8ccc-000000000001`;

const ms = (date) => date.getTime();
const epoch = (msValue) => (msValue === undefined || msValue === null ? undefined : msValue / 1000);

// Version ids look like AWS's: base64 of a random UUID (opaque to callers).
const newVersionId = () => Buffer.from(util.uuid()).toString('base64');

// Canonical JSON (sorted keys) so "same body" does not depend on member order.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value === undefined ? null : value);
}
const bodyHash = (value) => util.sha256Hex(canonical(value));

// CreatorRequestId idempotency (the three Create* calls). Returns the id of the object created by an
// earlier request with the same token and body, null when the token is new (or absent), and throws
// AlreadyExistsException when the token was used with a different body.
function idempotentLookup(state, kind, region, creatorRequestId, body) {
  if (!creatorRequestId) return null;
  const key = `${kind}|${region}|${creatorRequestId}`;
  const seen = state.idempotency[key];
  if (!seen) return null;
  if (seen.hash !== bodyHash(body)) {
    throw alreadyExists(`A ${kind} was already created with CreatorRequestId ${creatorRequestId} and different parameters.`,
        {CreatorRequestId: creatorRequestId, Arn: seen.arn});
  }
  return seen.id;
}

function idempotentRemember(state, kind, region, creatorRequestId, body, id, arn) {
  if (!creatorRequestId) return;
  state.idempotency[`${kind}|${region}|${creatorRequestId}`] = {hash: bodyHash(body), id, arn};
}

function checkCreatorRequestId(value) {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || !/^[a-zA-Z0-9\-_.]{1,50}$/.test(value)) {
    throw invalidValue('CreatorRequestId must contain 1 to 50 alphanumeric or \'-_.\' characters.');
  }
}

// Validators: each throws the AWS error for a bad value and returns the value otherwise.
function requireString(value, name) {
  if (value === undefined || value === null || value === '') throw missingValue(`${name} is required.`);
  if (typeof value !== 'string') throw invalidValue(`${name} must be a string.`);
  return value;
}

function optionalInt(value, name, min, max) {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
    throw invalidValue(`${name} must be an integer between ${min} and ${max === undefined ? 'unbounded' : max}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function optionalStringMap(value, name) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidValue(`${name} must be a map of strings.`);
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw invalidValue(`${name}.${k} must be a string.`);
  }
  return {...value};
}

function checkTags(tags, name) {
  const out = optionalStringMap(tags, name) || {};
  for (const k of Object.keys(out)) {
    if (k.length < 1 || k.length > 128) throw invalidValue(`Tag key ${JSON.stringify(k)} must be 1 to 128 characters.`);
    if (k.toLowerCase().startsWith('aws:')) throw invalidValue(`Tag keys starting with 'aws:' are reserved: ${k}.`);
    if (out[k].length > 256) throw invalidValue(`Tag value of ${k} is longer than 256 characters.`);
  }
  return out;
}

function maxResultsOf(query) {
  if (query.maxResults === undefined) return undefined;
  const n = Number(query.maxResults);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw invalidValue(`maxResults must be between 1 and 1000, got ${query.maxResults}.`);
  }
  return n;
}

function page(items, query) {
  return util.paginate(items, maxResultsOf(query), query.nextToken,
      {defaultMax: 1000, badTokenCode: 'InvalidParameterValueException'});
}

module.exports = {
  ACCOUNT_ID, awsError, notFound, invalidValue, missingValue, invalidRequest, alreadyExists, limitExceeded,
  planArn, vaultArn, roleArn, defaultKeyArn, ms, epoch, newVersionId, canonical, bodyHash,
  idempotentLookup, idempotentRemember, checkCreatorRequestId, requireString, optionalInt,
  optionalStringMap, checkTags, page,
};

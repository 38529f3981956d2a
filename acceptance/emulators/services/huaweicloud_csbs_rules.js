'use strict';
// Request validation of the CSBS policy emulator (huaweicloud_csbs.js), from the OTC api-ref tables of
// "Creating a Backup Policy" / "Updating a Backup Policy". Every failure is a 400 with a documented
// code: CSBS.9001 (parameter verification failed), CSBS.6003 (resource type), CSBS.7000 (tag count).
// Not a service module: core loads only the names in its fixed list.

const {ServiceError} = require('../lib/util');

const kProviderId = 'fc4d5750-22e7-4798-8a46-f48f62c4c1da';
const kNamePattern = /^[A-Za-z0-9_-]{1,255}$/;
const kTagKeyPattern = /^[A-Za-z0-9_-]{1,36}$/;
const kTagValuePattern = /^[A-Za-z0-9_-]{0,43}$/;
const kDays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const kRetentionKeys = ['day_backups', 'week_backups', 'month_backups', 'year_backups'];

function bad(message, code = 'CSBS.9001') {
  return new ServiceError(400, code, message);
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkName(value, what, optional) {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || !kNamePattern.test(value)) {
    throw bad(`Invalid ${what}: 1 to 255 letters, digits, underscores and hyphens are allowed`);
  }
  return value;
}

function checkDescription(value, what) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > 255 || /[<>]/.test(value)) {
    throw bad(`Invalid ${what}: at most 255 characters, no < or >`);
  }
  return value;
}

function checkInt(value, what, min, max, allowMinusOne) {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || !((value >= min && value <= max) || (allowMinusOne && value === -1))) {
    throw bad(`Invalid ${what}: ${JSON.stringify(value)} (${allowMinusOne ? '-1 or ' : ''}${min} to ${max})`);
  }
  return value;
}

// FREQ=WEEKLY|DAILY, BYDAY, BYHOUR, BYMINUTE only; at most 24 time points a day, at least one hour
// apart (wrapping round midnight). Returns the pattern unchanged or throws CSBS.9001.
function checkPattern(pattern) {
  if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > 10240) {
    throw bad('Invalid trigger pattern: a string of 1 to 10240 characters is required');
  }
  const lines = pattern.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const expect = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT'];
  const tail = ['END:VEVENT', 'END:VCALENDAR'];
  if (lines.length !== 5 || lines[0] !== expect[0] || lines[1] !== expect[1] ||
      lines[3] !== tail[0] || lines[4] !== tail[1] || !lines[2].startsWith('RRULE:')) {
    throw bad('Invalid trigger pattern: expected BEGIN:VCALENDAR, BEGIN:VEVENT, one RRULE line, END:VEVENT, END:VCALENDAR');
  }
  const parts = {};
  for (const item of lines[2].slice('RRULE:'.length).split(';')) {
    const [k, v, extra] = item.split('=');
    if (!k || v === undefined || extra !== undefined || parts[k] !== undefined) {
      throw bad(`Invalid trigger pattern: malformed RRULE part "${item}"`);
    }
    if (!['FREQ', 'BYDAY', 'BYHOUR', 'BYMINUTE'].includes(k)) {
      throw bad(`Invalid trigger pattern: only FREQ, BYDAY, BYHOUR and BYMINUTE are supported, not ${k}`);
    }
    parts[k] = v;
  }
  if (parts.FREQ !== 'WEEKLY' && parts.FREQ !== 'DAILY') {
    throw bad('Invalid trigger pattern: FREQ must be WEEKLY or DAILY');
  }
  const list = (v) => (v === undefined ? [] : v.split(','));
  const days = list(parts.BYDAY);
  if (parts.FREQ === 'WEEKLY' && days.length === 0) throw bad('Invalid trigger pattern: FREQ=WEEKLY needs BYDAY');
  for (const d of days) if (!kDays.includes(d)) throw bad(`Invalid trigger pattern: BYDAY value ${d}`);
  if (new Set(days).size !== days.length) throw bad('Invalid trigger pattern: repeated BYDAY value');
  const ints = (name, max) => list(parts[name]).map((v) => {
    if (!/^\d{1,2}$/.test(v) || Number(v) > max) throw bad(`Invalid trigger pattern: ${name} value ${v}`);
    return Number(v);
  });
  const hours = ints('BYHOUR', 23);
  const minutes = ints('BYMINUTE', 59);
  if (hours.length === 0 || minutes.length === 0) {
    throw bad('Invalid trigger pattern: BYHOUR and BYMINUTE are required');
  }
  const points = [...new Set(hours.flatMap((h) => minutes.map((m) => h * 60 + m)))].sort((a, b) => a - b);
  if (points.length > 24) throw bad('Invalid trigger pattern: at most 24 time points a day');
  for (let i = 0; i < points.length && points.length > 1; i++) {
    const next = i + 1 < points.length ? points[i + 1] : points[0] + 1440;
    if (next - points[i] < 60) throw bad('Invalid trigger pattern: the scheduling interval must be at least one hour');
  }
  return pattern;
}

// operation_definition → native values; retention counts need a timezone and vice versa.
function checkDefinition(def) {
  if (def === undefined || def === null) return {};
  if (!isObject(def)) throw bad('Invalid operation_definition: an object is required');
  const out = {};
  out.max_backups = checkInt(def.max_backups, 'max_backups', 0, 99999, true);
  out.retention_duration_days = checkInt(def.retention_duration_days, 'retention_duration_days', 0, 99999, true);
  if (def.permanent !== undefined && def.permanent !== null) {
    if (typeof def.permanent !== 'boolean') throw bad('Invalid permanent: a boolean is required');
    out.permanent = def.permanent;
  }
  for (const k of kRetentionKeys) out[k] = checkInt(def[k], k, 0, 99999, false);
  const anyRetention = kRetentionKeys.some((k) => out[k] !== undefined);
  if (def.timezone !== undefined && def.timezone !== null) {
    if (typeof def.timezone !== 'string' || !/^UTC[+-](0\d|1[0-4]):[0-5]\d$/.test(def.timezone)) {
      throw bad(`Invalid timezone: ${JSON.stringify(def.timezone)} (for example UTC+08:00)`);
    }
    if (!anyRetention) throw bad('timezone is only allowed with day_backups, week_backups, month_backups or year_backups');
    out.timezone = def.timezone;
  } else if (anyRetention) {
    throw bad('timezone is mandatory when day_backups, week_backups, month_backups or year_backups is set');
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

function checkResources(list) {
  if (!Array.isArray(list)) throw bad('Invalid resources: a list is required');
  const seen = new Set();
  return list.map((r) => {
    if (!isObject(r) || typeof r.id !== 'string' || !r.id || typeof r.name !== 'string' || !r.name ||
        typeof r.type !== 'string') {
      throw bad('Invalid resource: id, type and name are required strings');
    }
    if (r.type !== 'OS::Nova::Server') {
      throw bad(`Resource (${r.id}) type (${r.type}) is not support protection.`, 'CSBS.6003');
    }
    if (seen.has(r.id)) throw bad(`Invalid resources: ${r.id} is listed twice`);
    seen.add(r.id);
    const out = {id: r.id, type: r.type, name: r.name};
    if (r.extra_info !== undefined) {
      if (!isObject(r.extra_info)) throw bad('Invalid extra_info: an object is required');
      out.extra_info = r.extra_info;
    }
    return out;
  });
}

function checkTags(tags) {
  if (tags === undefined) return [];
  if (!Array.isArray(tags) || tags.length === 0) throw bad('Invalid tags: a non-empty list is required when present');
  if (tags.length > 10) throw bad(`request tags exceed the max allowed count: 10.`, 'CSBS.7000');
  const keys = new Set();
  return tags.map((t) => {
    const key = isObject(t) && typeof t.key === 'string' ? t.key.trim() : null;
    const value = isObject(t) && typeof t.value === 'string' ? t.value.trim() : null;
    if (key === null || !kTagKeyPattern.test(key)) throw bad(`Invalid tag key: ${JSON.stringify(t && t.key)}`);
    if (value === null || !kTagValuePattern.test(value)) throw bad(`Invalid tag value: ${JSON.stringify(t && t.value)}`);
    if (keys.has(key)) throw bad(`Invalid tags: duplicate key ${key}`);
    keys.add(key);
    return {key, value};
  });
}

function checkParameters(p) {
  if (p === undefined || p === null) return {common: {}};
  if (!isObject(p) || (p.common !== undefined && !isObject(p.common))) throw bad('Invalid parameters');
  return {common: {...(p.common || {})}};
}

function checkTrigger(trigger) {
  if (!isObject(trigger) || !isObject(trigger.properties)) throw bad('trigger.properties.pattern is required');
  return checkPattern(trigger.properties.pattern);
}

// Body of POST /policies → normalised input. Throws ServiceError(400, …).
function validateCreate(body) {
  const p = body && body.policy;
  if (!isObject(p)) throw bad('The request body must be {"policy": {...}}');
  if (p.provider_id !== kProviderId) throw bad('provider invalid');
  if (!Array.isArray(p.scheduled_operations) || p.scheduled_operations.length !== 1) {
    throw bad('scheduled_operations must hold exactly one scheduling period');
  }
  if (p.resources === undefined) throw bad('resources is required (the list can be empty)');
  const ops = p.scheduled_operations.map((op) => {
    if (!isObject(op)) throw bad('Invalid scheduled_operation');
    if (op.operation_type !== 'backup') throw bad('operation_type must be backup');
    if (typeof op.enabled !== 'boolean') throw bad('scheduled_operation.enabled is required (boolean)');
    if (!isObject(op.operation_definition)) throw bad('scheduled_operation.operation_definition is required');
    return {
      name: op.name === undefined ? 'default' : checkName(op.name, 'scheduled_operation name'),
      description: checkDescription(op.description, 'scheduled_operation description') || '',
      enabled: op.enabled,
      operation_type: 'backup',
      operation_definition: checkDefinition(op.operation_definition),
      pattern: checkTrigger(op.trigger),
    };
  });
  return {
    name: checkName(p.name, 'policy name'),
    description: checkDescription(p.description, 'policy description') || '',
    provider_id: kProviderId,
    parameters: checkParameters(p.parameters),
    resources: checkResources(p.resources),
    scheduled_operations: ops,
    tags: checkTags(p.tags),
  };
}

// Body of PUT /policies/{id} → only the fields present. Scheduled operations are matched by `id`,
// which must be one of `opIds` (the policy's existing operations).
function validateUpdate(body, opIds) {
  const p = body && body.policy;
  if (!isObject(p)) throw bad('The request body must be {"policy": {...}}');
  const out = {};
  if (p.name !== undefined) out.name = checkName(p.name, 'policy name');
  if (p.description !== undefined) out.description = checkDescription(p.description, 'policy description') || '';
  if (p.parameters !== undefined) out.parameters = checkParameters(p.parameters);
  if (p.resources !== undefined) out.resources = checkResources(p.resources);
  if (p.scheduled_operations !== undefined) {
    if (!Array.isArray(p.scheduled_operations) || p.scheduled_operations.length > 1) {
      throw bad('scheduled_operations: a backup policy has only one scheduling period');
    }
    out.scheduled_operations = p.scheduled_operations.map((op) => {
      if (!isObject(op) || typeof op.id !== 'string' || !opIds.includes(op.id)) {
        throw bad(`scheduled_operation id ${JSON.stringify(op && op.id)} is not an operation of this policy`);
      }
      const change = {id: op.id};
      if (op.name !== undefined) change.name = checkName(op.name, 'scheduled_operation name');
      if (op.description !== undefined) change.description = checkDescription(op.description, 'scheduled_operation description') || '';
      if (op.enabled !== undefined) {
        if (typeof op.enabled !== 'boolean') throw bad('scheduled_operation.enabled must be a boolean');
        change.enabled = op.enabled;
      }
      if (op.operation_definition !== undefined) change.operation_definition = checkDefinition(op.operation_definition);
      if (op.trigger !== undefined) change.pattern = checkTrigger(op.trigger);
      return change;
    });
  }
  return out;
}

module.exports = {validateCreate, validateUpdate, checkPattern, checkDefinition, kProviderId};

'use strict';
// Conformance of the Huawei/OTC CSBS and IAM emulators: driven by the official
// @huaweicloud/huaweicloud-sdk-core (HcClient + AK/SK signer, endpoint override) and by plain fetch
// with a Keystone token, the two ways real clients call CSBS.
// Run: node --test acceptance/emulators/test/

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const core = require(path.join(__dirname, '..', 'lib', 'core.js'));
const rules = require(path.join(__dirname, '..', 'services', 'huaweicloud_csbs_rules.js'));
const huaweiAuth = require(path.join(__dirname, '..', 'lib', 'auth', 'huawei.js'));
const {AKSKSigner} = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
const {BasicCredentials, Region} = require('@huaweicloud/huaweicloud-sdk-core');
const {HcClient} = require('@huaweicloud/huaweicloud-sdk-core/HcClient');
const {DefaultHttpClient} = require('@huaweicloud/huaweicloud-sdk-core/http/DefaultHttpClient');
// The SDK configures log4js to print every request and error on stdout; keep the test output clean.
require('log4js').configure({appenders: {err: {type: 'stderr'}}, categories: {default: {appenders: ['err'], level: 'off'}}});

const AK = 'PBTESTAKID00000000001';
const SK = 'pbtest/Secret/Key/For/Local/Emulators/Only';
const PID = '0a1b2c3d4e5f40718293a4b5c6d7e8f9';
const PROVIDER = 'fc4d5750-22e7-4798-8a46-f48f62c4c1da';
const PATTERN = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
const pattern = (rrule) => `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:${rrule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;

let emu;
let urls;

test.before(async () => {
  emu = await core.start({services: ['huaweicloud_csbs', 'huaweicloud_iam']});
  urls = emu.urls;
});
test.after(async () => { await emu.close(); });
test.beforeEach(async () => {
  await control('/reset');
  await control('/services/huaweicloud_iam/settings', {csbs_url: urls.huaweicloud_csbs});
});

async function control(p, body) {
  const r = await fetch(urls.control + p, {method: 'POST', body: JSON.stringify(body || {})});
  const json = await r.json();
  assert.equal(r.status, 200, `control ${p}: ${JSON.stringify(json)}`);
  return json;
}

async function seedServer(name) {
  return (await control('/services/huaweicloud_csbs/seed_server', {name})).id;
}

function sdkClient({ak = AK, sk = SK, projectId = PID, securityToken} = {}) {
  const creds = new BasicCredentials().withAk(ak).withSk(sk).withProjectId(projectId);
  if (securityToken) creds.withSecurityToken(securityToken);
  // What ClientBuilder.build() does, minus its User-Agent helper: that file requires `uuid`, which
  // huaweicloud-sdk-core 3.1.211 uses without declaring it as a dependency.
  const endpoints = [urls.huaweicloud_csbs];
  return new HcClient(new DefaultHttpClient({headers: {'User-Agent': 'polybackup-emulator-test'}}, endpoints))
      .withCredential(creds).withEndpoints(endpoints);
}

// One generic HcClient call, the way the generated service clients issue theirs.
function call(client, method, url, {query = {}, data} = {}) {
  const options = {method, url, pathParams: {}, queryParams: query, headers: {}};
  if (data !== undefined) {
    options.contentType = 'application/json';
    options.data = data;
  }
  return client.sendRequest(options);
}

async function rejects(promise, status, code) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.httpStatusCode, status, `status of ${JSON.stringify(e)}`);
    assert.equal(e.errorCode, code, `code of ${JSON.stringify(e)}`);
    return e;
  }
  assert.fail(`expected ${status} ${code}`);
}

// What a client with a retry policy does: retry 429 and 5xx with a short backoff.
async function withRetry(fn, attempts = 4) {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const retryable = e.httpStatusCode === 429 || e.httpStatusCode >= 500;
      if (!retryable || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 10 * i));
    }
  }
}

function policyBody(name, serverIds, {definition = {max_backups: 20}, trigger = PATTERN, tags} = {}) {
  const policy = {
    name, description: 'emulator test', provider_id: PROVIDER, parameters: {common: {}},
    scheduled_operations: [{name: 'daily', description: 'op', enabled: true, operation_type: 'backup',
      operation_definition: definition, trigger: {properties: {pattern: trigger}}}],
    resources: serverIds.map((id, i) => ({id, type: 'OS::Nova::Server', name: `srv-${i}`})),
  };
  if (tags) policy.tags = tags;
  return {policy};
}

async function keystoneToken({password = 'pbtest-Passw0rd!', scope = {project: {id: PID}}} = {}) {
  const r = await fetch(`${urls.huaweicloud_iam}/v3/auth/tokens`, {
    method: 'POST', headers: {'content-type': 'application/json'},
    body: JSON.stringify({auth: {identity: {methods: ['password'], password: {user: {
      name: 'pbtest-user', password, domain: {name: 'pbtest-domain'}}}}, scope}}),
  });
  return {status: r.status, token: r.headers.get('x-subject-token'), body: await r.json()};
}

async function withToken(token, method, p, body) {
  const r = await fetch(`${urls.huaweicloud_csbs}/v1/${PID}${p}`, {
    method, headers: {'x-auth-token': token, 'content-type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return {status: r.status, body: text ? JSON.parse(text) : null};
}

test('AK/SK: create → creating → suspended, get, update, delete', async () => {
  const server = await seedServer('web-1');
  const client = sdkClient();
  const def = {max_backups: 20, retention_duration_days: 7, permanent: false, day_backups: 3, timezone: 'UTC+08:00'};
  const created = await call(client, 'POST', '/v1/{project_id}/policies', {data: policyBody('pol-a', [server], {definition: def})});
  assert.equal(created.httpStatusCode, 200);
  const p = created.policy;
  assert.equal(p.status, 'creating');
  assert.equal(p.project_id, PID);
  assert.match(p.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
  const od = p.scheduled_operations[0].operation_definition;
  // Numbers come back as strings; the long-term retention fields are not returned at all.
  assert.deepEqual(od, {max_backups: '20', retention_duration_days: '7', permanent: 'false', plan_id: p.id, provider_id: PROVIDER});
  assert.equal(p.scheduled_operations[0].trigger.properties.pattern, PATTERN);
  assert.equal(p.scheduled_operations[0].trigger_id, p.scheduled_operations[0].trigger.id);

  const busy = await call(client, 'GET', `/v1/{project_id}/policies/${p.id}`);
  assert.equal(busy.policy.status, 'creating');
  await control('/clock', {offset_seconds: 3}); // past the default 2 s creating window
  const ready = await call(client, 'GET', `/v1/{project_id}/policies/${p.id}`);
  assert.equal(ready.policy.status, 'suspended');

  const opId = p.scheduled_operations[0].id;
  const updated = await call(client, 'PUT', `/v1/{project_id}/policies/${p.id}`, {data: {policy: {
    name: 'pol-a2', scheduled_operations: [{id: opId, enabled: false, operation_definition: {max_backups: 30},
      trigger: {properties: {pattern: pattern('FREQ=DAILY;BYHOUR=1,13;BYMINUTE=5')}}}]}}});
  assert.equal(updated.policy.name, 'pol-a2');
  assert.equal(updated.policy.scheduled_operations[0].enabled, false);
  assert.equal(updated.policy.scheduled_operations[0].operation_definition.max_backups, '30');
  assert.equal(updated.policy.scheduled_operations[0].operation_definition.retention_duration_days, undefined);

  const gone = await call(client, 'DELETE', `/v1/{project_id}/policies/${p.id}`);
  assert.equal(gone.httpStatusCode, 200);
  await rejects(call(client, 'GET', `/v1/{project_id}/policies/${p.id}`), 404, 'CSBS.3000');
  await rejects(call(client, 'DELETE', `/v1/{project_id}/policies/${p.id}`), 404, 'CSBS.3000');
});

test('PUT and DELETE while creating answer 409 until the policy settles', async () => {
  const client = sdkClient();
  const {policy} = await call(client, 'POST', '/v1/{project_id}/policies', {data: policyBody('busy', [await seedServer('s')])});
  await rejects(call(client, 'PUT', `/v1/{project_id}/policies/${policy.id}`, {data: {policy: {name: 'x'}}}), 409, 'CSBS.2001');
  await rejects(call(client, 'DELETE', `/v1/{project_id}/policies/${policy.id}`), 409, 'CSBS.2001');
  await control('/clock', {offset_seconds: 5});
  assert.equal((await call(client, 'DELETE', `/v1/{project_id}/policies/${policy.id}`)).httpStatusCode, 200);
  // Out-of-band "busy again" through the control API.
  await control('/services/huaweicloud_csbs/settings', {creating_seconds: 0});
  const again = await call(client, 'POST', '/v1/{project_id}/policies', {data: policyBody('busy2', [])});
  assert.equal((await call(client, 'GET', `/v1/{project_id}/policies/${again.policy.id}`)).policy.status, 'suspended');
  await control('/services/huaweicloud_csbs/mutate_policy', {policy_id: again.policy.id, patch: {status: 'creating', creating_seconds: 60}});
  await rejects(call(client, 'DELETE', `/v1/{project_id}/policies/${again.policy.id}`), 409, 'CSBS.2001');
});

test('list: pagination through policies_links, name filter, sort, offset, bad marker', async () => {
  const client = sdkClient();
  const ids = [];
  for (let i = 0; i < 5; i++) {
    ids.push((await call(client, 'POST', '/v1/{project_id}/policies', {data: policyBody(`list-${i}`, [await seedServer(`s${i}`)])})).policy.id);
  }
  // Follow the next links the way OpenStack-style clients do: take the marker from the href.
  const seen = [];
  let query = {limit: 2};
  let pages = 0;
  for (;;) {
    const page = await call(client, 'GET', '/v1/{project_id}/policies', {query});
    pages++;
    seen.push(...page.policies.map((p) => p.id));
    const next = (page.policies_links || []).find((l) => l.rel === 'next');
    if (!next) break;
    const u = new URL(next.href);
    assert.equal(u.pathname, `/v1/${PID}/policies`);
    query = Object.fromEntries(u.searchParams);
  }
  assert.deepEqual(seen, [...ids].reverse(), 'default order is newest first');
  assert.equal(pages, 3);

  // A page exactly `limit` long still carries a next link; the page after it is empty.
  const full = await call(client, 'GET', '/v1/{project_id}/policies', {query: {limit: 5}});
  assert.equal(full.policies.length, 5);
  const tail = await call(client, 'GET', '/v1/{project_id}/policies', {query: Object.fromEntries(new URL(full.policies_links[0].href).searchParams)});
  assert.deepEqual(tail.policies, []);
  assert.equal(tail.policies_links, undefined);

  const byName = await call(client, 'GET', '/v1/{project_id}/policies', {query: {name: 'list-3'}});
  assert.deepEqual(byName.policies.map((p) => p.id), [ids[3]]);
  const asc = await call(client, 'GET', '/v1/{project_id}/policies', {query: {sort: 'created_at:asc', limit: 3, offset: 1}});
  assert.deepEqual(asc.policies.map((p) => p.id), ids.slice(1, 4));
  const byNameDesc = await call(client, 'GET', '/v1/{project_id}/policies', {query: {sort: 'name:desc'}});
  assert.deepEqual(byNameDesc.policies.map((p) => p.name), ['list-4', 'list-3', 'list-2', 'list-1', 'list-0']);
  await rejects(call(client, 'GET', '/v1/{project_id}/policies', {query: {marker: 'no-such-id'}}), 400, 'CSBS.9001');
  await rejects(call(client, 'GET', '/v1/{project_id}/policies', {query: {limit: 0}}), 400, 'CSBS.9001');
});

test('validation errors carry the documented CSBS codes', async () => {
  const client = sdkClient();
  const s1 = await seedServer('a');
  const post = (body) => call(client, 'POST', '/v1/{project_id}/policies', {data: body});
  await rejects(post(policyBody('bad-rrule', [], {trigger: pattern('FREQ=MONTHLY;BYHOUR=1;BYMINUTE=0')})), 400, 'CSBS.9001');
  await rejects(post(policyBody('too-often', [], {trigger: pattern('FREQ=DAILY;BYHOUR=1;BYMINUTE=0,30')})), 400, 'CSBS.9001');
  await rejects(post(policyBody('no-tz', [], {definition: {week_backups: 2}})), 400, 'CSBS.9001');
  await rejects(post(policyBody('bad-max', [], {definition: {max_backups: 100000}})), 400, 'CSBS.9001');
  await rejects(post(policyBody('bad name!', [])), 400, 'CSBS.9001');
  await rejects(post(policyBody('ghost', ['9f9f9f9f-0000-4000-8000-000000000000'])), 400, 'CSBS.6000');
  const tags = Array.from({length: 11}, (_, i) => ({key: `k${i}`, value: 'v'}));
  await rejects(post(policyBody('many-tags', [], {tags})), 400, 'CSBS.7000');
  const wrongType = policyBody('vol', []);
  wrongType.policy.resources = [{id: s1, type: 'OS::Cinder::Volume', name: 'v'}];
  await rejects(post(wrongType), 400, 'CSBS.6003');
  const wrongProvider = policyBody('prov', []);
  wrongProvider.policy.provider_id = 'c714180d-ea34-4b13-9a5e-577c7c416eec';
  await rejects(post(wrongProvider), 400, 'CSBS.9001');

  const ok = await post(policyBody('first', [s1], {tags: [{key: 'env', value: 'test'}]}));
  assert.deepEqual(ok.policy.tags, [{key: 'env', value: 'test'}]);
  await rejects(post(policyBody('second', [s1])), 400, 'CSBS.6004'); // a server belongs to one policy
  await rejects(post(policyBody('first', [])), 400, 'CSBS.9007'); // names are unique per project
});

test('Keystone token path: issue, catalog, use with plain fetch, validate', async () => {
  const {status, token, body} = await keystoneToken({scope: {project: {name: 'eu-de'}}});
  assert.equal(status, 201);
  assert.ok(token && token.length > 20);
  assert.deepEqual(body.token.methods, ['password']);
  assert.equal(body.token.project.id, PID);
  assert.equal(body.token.user.name, 'pbtest-user');
  const ttl = Date.parse(body.token.expires_at) - Date.parse(body.token.issued_at);
  assert.equal(ttl, 24 * 3600 * 1000);
  const identity = body.token.catalog.find((c) => c.type === 'identity');
  assert.equal(identity.endpoints[0].url, `${urls.huaweicloud_iam}/v3`);
  for (const type of ['data-protect', 'csbs']) {
    const entry = body.token.catalog.find((c) => c.type === type);
    assert.ok(entry, `catalog has ${type}`);
    assert.equal(entry.endpoints[0].url, `${urls.huaweicloud_csbs}/v1/${PID}`);
  }

  const server = await seedServer('tok');
  const created = await withToken(token, 'POST', '/policies', policyBody('via-token', [server]));
  assert.equal(created.status, 200);
  const got = await withToken(token, 'GET', `/policies/${created.body.policy.id}`);
  assert.equal(got.body.policy.name, 'via-token');

  const v = await fetch(`${urls.huaweicloud_iam}/v3/auth/tokens`, {headers: {'x-auth-token': token, 'x-subject-token': token}});
  assert.equal(v.status, 200);
  assert.equal(v.headers.get('x-subject-token'), token);

  const projects = await fetch(`${urls.huaweicloud_iam}/v3/projects?name=eu-de`, {headers: {'x-auth-token': token}});
  assert.deepEqual((await projects.json()).projects.map((p) => p.id), [PID]);
});

test('Keystone: wrong password is 401 with the Keystone error body', async () => {
  const r = await keystoneToken({password: 'wrong'});
  assert.equal(r.status, 401);
  assert.equal(r.token, null);
  assert.equal(r.body.error.code, 401);
  assert.equal(r.body.error.title, 'Unauthorized');
  const unknownProject = await keystoneToken({scope: {project: {id: 'ffffffffffffffffffffffffffffffff'}}});
  assert.equal(unknownProject.status, 401);
});

test('Keystone: domain scope, no scope, nocatalog, malformed body', async () => {
  const domain = await keystoneToken({scope: {domain: {name: 'pbtest-domain'}}});
  assert.equal(domain.status, 201);
  assert.equal(domain.body.token.domain.name, 'pbtest-domain');
  assert.equal(domain.body.token.project, undefined);
  // A domain-scoped token is no good for a project API.
  assert.equal((await withToken(domain.token, 'GET', '/policies')).status, 401);
  const unscoped = await keystoneToken({scope: null});
  assert.equal(unscoped.body.token.domain.name, 'pbtest-domain');
  const r = await fetch(`${urls.huaweicloud_iam}/v3/auth/tokens?nocatalog=true`, {method: 'POST',
    body: JSON.stringify({auth: {identity: {methods: ['password'], password: {user: {name: 'pbtest-user',
      password: 'pbtest-Passw0rd!', domain: {name: 'pbtest-domain'}}}}, scope: {project: {id: PID}}}})});
  assert.equal(r.status, 201);
  assert.equal((await r.json()).token.catalog, undefined);
  const bad = await fetch(`${urls.huaweicloud_iam}/v3/auth/tokens`, {method: 'POST', body: '{"auth":'});
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.code, 400);
});

test('expired token is rejected with APIGW.0307; a renewed one works', async () => {
  await control('/services/huaweicloud_csbs/settings', {token_ttl_seconds: 60});
  const {token, body} = await keystoneToken();
  assert.equal(Date.parse(body.token.expires_at) - Date.parse(body.token.issued_at), 60 * 1000);
  assert.equal((await withToken(token, 'GET', '/policies')).status, 200);
  await control('/clock', {offset_seconds: 61});
  const expired = await withToken(token, 'GET', '/policies');
  assert.equal(expired.status, 401);
  assert.equal(expired.body.error_code, 'APIGW.0307');
  const v = await fetch(`${urls.huaweicloud_iam}/v3/auth/tokens`, {headers: {'x-auth-token': 'x', 'x-subject-token': token}});
  assert.equal(v.status, 401); // the caller's own token is not valid either
  const renewed = await keystoneToken();
  assert.equal((await withToken(renewed.token, 'GET', '/policies')).status, 200);
  const unknown = await withToken('MIIforged', 'GET', '/policies');
  assert.equal(unknown.status, 401);
  assert.equal(unknown.body.error_code, 'APIGW.0301');
  // A token only works for the project it is scoped to.
  const other = await fetch(`${urls.huaweicloud_csbs}/v1/ffffffffffffffffffffffffffffffff/policies`, {headers: {'x-auth-token': renewed.token}});
  assert.equal(other.status, 401);
});

test('expire_tokens_on: the armed route finds its token expired once; a new token works', async () => {
  const {token} = await keystoneToken();
  assert.equal((await withToken(token, 'GET', '/policies')).status, 200);
  await control('/services/huaweicloud_csbs/expire_tokens_on', {route: 'ListPolicies'});
  // Another route is not armed: still fine.
  assert.equal((await withToken(token, 'GET', '/policies/none')).status, 404);
  const expired = await withToken(token, 'GET', '/policies');
  assert.equal(expired.status, 401);
  assert.equal(expired.body.error_code, 'APIGW.0307');
  // The token really is expired now, for every route; a new one works, and the trigger is spent.
  assert.equal((await withToken(token, 'GET', '/policies/none')).status, 401);
  const renewed = await keystoneToken();
  assert.equal((await withToken(renewed.token, 'GET', '/policies')).status, 200);
  // AK/SK requests never trip it.
  await control('/services/huaweicloud_csbs/expire_tokens_on', {route: 'ListPolicies'});
  assert.equal((await call(sdkClient(), 'GET', '/v1/{project_id}/policies')).httpStatusCode, 200);
  assert.equal((await withToken(renewed.token, 'GET', '/policies')).status, 401);
  const bad = await fetch(urls.control + '/services/huaweicloud_csbs/expire_tokens_on', {method: 'POST', body: JSON.stringify({route: 'Nope'})});
  assert.equal(bad.status, 400);
});

test('settings.page_limit caps list pages, so a few policies span several pages', async () => {
  const client = sdkClient();
  for (let i = 0; i < 3; i++) {
    await call(client, 'POST', '/v1/{project_id}/policies', {data: policyBody(`cap-${i}`, [await seedServer(`c${i}`)])});
  }
  await control('/services/huaweicloud_csbs/settings', {page_limit: 2});
  const first = await call(client, 'GET', '/v1/{project_id}/policies');
  assert.equal(first.policies.length, 2);
  const next = new URL(first.policies_links[0].href);
  assert.equal(next.searchParams.get('limit'), '2');
  const second = await call(client, 'GET', '/v1/{project_id}/policies', {query: Object.fromEntries(next.searchParams)});
  assert.equal(second.policies.length, 1);
  assert.equal(second.policies_links, undefined);
  await control('/services/huaweicloud_csbs/settings', {page_limit: null});
  assert.equal((await call(client, 'GET', '/v1/{project_id}/policies')).policies.length, 3);
});

test('AK/SK: wrong secret, unknown key, tampered body, project mismatch, temporary credentials', async () => {
  await rejects(call(sdkClient({sk: 'not-the-secret'}), 'GET', '/v1/{project_id}/policies'), 401, 'APIGW.0301');
  await rejects(call(sdkClient({ak: 'PBUNKNOWNAK000000000'}), 'GET', '/v1/{project_id}/policies'), 401, 'APIGW.0301');
  const e = await rejects(call(sdkClient(), 'GET', '/v1/ffffffffffffffffffffffffffffffff/policies'), 403, 'APIGW.0306');
  assert.ok(e.requestId, 'x-request-id reaches the SDK');

  // Replay a correctly signed request with a different body: the signature covers the body hash.
  const host = new URL(urls.huaweicloud_csbs).host;
  const url = `${urls.huaweicloud_csbs}/v1/${PID}/policies`;
  const signedBody = policyBody('signed', []);
  const headers = AKSKSigner.sign({method: 'POST', endpoint: url, headers: {'content-type': 'application/json'},
    queryParams: {}, data: signedBody}, {getAk: () => AK, getSk: () => SK});
  assert.equal(headers.host, host);
  delete headers.host; // fetch sets it
  const tampered = await fetch(url, {method: 'POST', headers, body: JSON.stringify(policyBody('tampered', []))});
  assert.equal(tampered.status, 401);
  assert.equal((await tampered.json()).error_code, 'APIGW.0301');
  const genuine = await fetch(url, {method: 'POST', headers, body: JSON.stringify(signedBody)});
  assert.equal(genuine.status, 200);

  // A signature dated more than 15 minutes away from the gateway's clock is refused.
  const stale = sdkClient();
  await rejects(stale.sendRequest({method: 'GET', url: '/v1/{project_id}/policies', pathParams: {}, queryParams: {},
    headers: {'X-Sdk-Date': '20200101T000000Z'}}), 401, 'APIGW.0301');

  await control('/credentials', {access_key_id: 'PBTEMPAK000000000002', secret: 'temp-secret', security_token: 'sts-token-1'});
  const temp = sdkClient({ak: 'PBTEMPAK000000000002', sk: 'temp-secret', securityToken: 'sts-token-1'});
  assert.equal((await call(temp, 'GET', '/v1/{project_id}/policies', {query: {name: 'a b+c', limit: 3}})).httpStatusCode, 200);
  await rejects(call(sdkClient({ak: 'PBTEMPAK000000000002', sk: 'temp-secret'}), 'GET', '/v1/{project_id}/policies'), 401, 'APIGW.0301');
});

test('SDK without a project id finds it through IAM GET /v3/projects (AK/SK signed)', async () => {
  const creds = new BasicCredentials().withAk(AK).withSk(SK).withIamEndpoint(urls.huaweicloud_iam);
  const endpoints = [urls.huaweicloud_csbs];
  const client = new HcClient(new DefaultHttpClient({}, endpoints)).withCredential(creds).withEndpoints(endpoints)
      .withRegion(new Region('eu-de', endpoints));
  const res = await call(client, 'GET', '/v1/{project_id}/policies');
  assert.deepEqual(res.policies, []);
  assert.equal(creds.projectId, PID);
  const log = await (await fetch(`${urls.control}/requests`)).json();
  assert.deepEqual(log.map((r) => [r.route, r.status]), [['KeystoneListProjects', 200], ['ListPolicies', 200]]);
});

test('injected 429 reaches the client as APIGW.0308 and a retry succeeds', async () => {
  const client = sdkClient();
  const {policy} = await call(client, 'POST', '/v1/{project_id}/policies', {data: policyBody('throttled', [])});
  await fetch(`${urls.control}/faults`, {method: 'POST', body: JSON.stringify({service: 'huaweicloud_csbs', route: 'ShowPolicy', throttle: true, count: 2})});
  await rejects(call(client, 'GET', `/v1/{project_id}/policies/${policy.id}`), 429, 'APIGW.0308');
  const got = await withRetry(() => call(client, 'GET', `/v1/{project_id}/policies/${policy.id}`));
  assert.equal(got.policy.id, policy.id);
  const log = await (await fetch(`${urls.control}/requests`)).json();
  const shows = log.filter((r) => r.route === 'ShowPolicy');
  assert.deepEqual(shows.map((r) => r.status), [429, 429, 200]);
  assert.ok(shows.every((r) => r.access_key_id === AK));
});

test('a create whose answer is lost has still happened: a blind retry hits the unique name', async () => {
  const client = sdkClient();
  await fetch(`${urls.control}/faults`, {method: 'POST', body: JSON.stringify({service: 'huaweicloud_csbs', route: 'CreatePolicy', drop_after_commit: true})});
  await assert.rejects(call(client, 'POST', '/v1/{project_id}/policies', {data: policyBody('lost', [])}));
  await rejects(call(client, 'POST', '/v1/{project_id}/policies', {data: policyBody('lost', [])}), 400, 'CSBS.9007');
  const found = await call(client, 'GET', '/v1/{project_id}/policies', {query: {name: 'lost'}});
  assert.equal(found.policies.length, 1); // CSBS has no idempotency token: find it by name instead
});

test('out-of-band drift and deletion through the control API', async () => {
  const client = sdkClient();
  const {policy} = await call(client, 'POST', '/v1/{project_id}/policies', {data: policyBody('drift', [])});
  await control('/services/huaweicloud_csbs/mutate_policy', {policy_id: policy.id, patch: {description: 'changed elsewhere'}});
  assert.equal((await call(client, 'GET', `/v1/{project_id}/policies/${policy.id}`)).policy.description, 'changed elsewhere');
  await control('/services/huaweicloud_csbs/mutate_policy', {policy_id: policy.id,
    patch: {scheduled_operations: [{enabled: false, operation_definition: {max_backups: 5}}]}});
  const drifted = (await call(client, 'GET', `/v1/{project_id}/policies/${policy.id}`)).policy.scheduled_operations[0];
  assert.equal(drifted.enabled, false);
  assert.equal(drifted.operation_definition.max_backups, '5');
  assert.equal(drifted.trigger.properties.pattern, PATTERN);
  await control('/services/huaweicloud_csbs/delete_policy', {policy_id: policy.id});
  await rejects(call(client, 'GET', `/v1/{project_id}/policies/${policy.id}`), 404, 'CSBS.3000');
});

test('RRULE subset: accepted and rejected patterns', () => {
  const okRules = ['FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=2;BYMINUTE=0', 'FREQ=DAILY;BYHOUR=0,12;BYMINUTE=59',
    'FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0'];
  for (const r of okRules) assert.doesNotThrow(() => rules.checkPattern(pattern(r)), r);
  const badRules = ['FREQ=HOURLY;BYHOUR=1;BYMINUTE=0', 'FREQ=WEEKLY;BYHOUR=1;BYMINUTE=0', 'FREQ=DAILY;BYHOUR=24;BYMINUTE=0',
    'FREQ=DAILY;BYHOUR=1;BYMINUTE=60', 'FREQ=WEEKLY;BYDAY=XX;BYHOUR=1;BYMINUTE=0', 'FREQ=DAILY;BYHOUR=1;BYMINUTE=0;INTERVAL=2',
    'FREQ=DAILY;BYHOUR=23,0;BYMINUTE=30,50', 'FREQ=DAILY;BYHOUR=1'];
  for (const r of badRules) assert.throws(() => rules.checkPattern(pattern(r)), {code: 'CSBS.9001'}, r);
  assert.throws(() => rules.checkPattern('RRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0'), {code: 'CSBS.9001'});
});

test('verifyAkSk on a fake ctx: repeated query keys, body hash, unsigned host', () => {
  const ctx = {now: () => new Date(), credentials: {lookup: (ak) => (ak === AK ? {accessKeyId: AK, secret: SK} : null)}};
  const body = JSON.stringify({policy: {name: 'x'}});
  const signed = AKSKSigner.sign({method: 'PUT', endpoint: 'http://csbs.local:8443/v1/p/policies/a%20b',
    headers: {'content-type': 'application/json'}, queryParams: {tag: ['b', 'a'], q: 'x y'}, data: JSON.parse(body)},
  {getAk: () => AK, getSk: () => SK});
  const lower = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v]));
  const req = {method: 'PUT', url: '/v1/p/policies/a%20b?tag=b&tag=a&q=x%20y', rawQuery: 'tag=b&tag=a&q=x%20y',
    headers: lower, rawBody: Buffer.from(body)};
  assert.equal(huaweiAuth.verifyAkSk(ctx, req).accessKeyId, AK);
  assert.equal(huaweiAuth.verifyAkSk(ctx, {...req, rawBody: Buffer.from(body + ' ')}).code, 'APIGW.0301');
  assert.equal(huaweiAuth.verifyAkSk(ctx, {...req, rawQuery: 'tag=b&q=x%20y'}).code, 'APIGW.0301');
  // A signer that decodes path segments before encoding them (Go SDK, our C++ signer) is accepted too.
  const goStyle = huaweiAuth.DecodedPathSigner.sign({method: 'PUT', endpoint: 'http://csbs.local:8443/v1/p/policies/a%20b',
    headers: {'content-type': 'application/json', 'host': 'csbs.local:8443', 'X-Sdk-Date': lower['x-sdk-date']},
    queryParams: {tag: ['b', 'a'], q: 'x y'}, rawBody: Buffer.from(body)}, {getAk: () => AK, getSk: () => SK});
  assert.notEqual(goStyle.Authorization, signed.Authorization);
  assert.equal(huaweiAuth.verifyAkSk(ctx, {...req, headers: {...lower, authorization: goStyle.Authorization}}).accessKeyId, AK);
  const noHost = {...req, headers: {...lower, authorization: lower.authorization.replace('host;', '')}};
  assert.match(huaweiAuth.verifyAkSk(ctx, noHost).message, /host header is not signed/);
});

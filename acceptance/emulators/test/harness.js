'use strict';
// Shared set-up of the conformance suites: start the named emulators in-process for the test file,
// reset them before every test, and talk to the control API.
//
//   const emu = useEmulators(['alicloud_dbs']);
//   ... emu.urls.alicloud_dbs, await emu.control('POST', '/faults', {...}), await emu.op('alicloud_dbs', 'seed_database', {...})

const test = require('node:test');
const {start} = require('../lib/core');

function useEmulators(services) {
  const emu = {urls: null};
  let running = null;
  test.before(async () => {
    running = await start({services});
    emu.urls = running.urls;
  });
  test.after(async () => {
    await running.close();
  });
  test.beforeEach(async () => {
    await emu.control('POST', '/reset');
  });
  // A control call; a non-2xx answer throws with what the emulator said.
  emu.control = async (method, path, body) => {
    const res = await fetch(emu.urls.control + path, {method, body: body === undefined ? undefined : JSON.stringify(body)});
    const json = await res.json();
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  emu.op = (service, name, body) => emu.control('POST', `/services/${service}/${name}`, body);
  return emu;
}

module.exports = {useEmulators};

#!/usr/bin/env node
// Checks that docs/ covers the provider's schema, so the docs cannot rot:
// every resource and data source has a page in the registry layout
// (docs/resources/<name>.md, docs/data-sources/<name>.md, without the
// "polybackup_" prefix), and every argument, attribute and nested block the
// schema declares (at any depth) is named on its page as `name`. The provider
// block's arguments must appear in docs/index.md.
//
// Usage: check-docs.js SCHEMA_JSON DOCS_DIR
// where SCHEMA_JSON is the output of `terraform providers schema -json`.
'use strict';
const fs = require('fs');
const path = require('path');

const [schemaFile, docsDir] = process.argv.slice(2);
const all = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const key = Object.keys(all.provider_schemas || {}).find((k) => k.endsWith('/polybackup'));
if (!key) {
  console.error('no polybackup provider in the schema JSON');
  process.exit(1);
}
const schemas = all.provider_schemas[key];

function names(block, prefix, out) {
  for (const [name, attr] of Object.entries(block.attributes || {})) {
    out.push(prefix + name);
    if (attr.nested_type) names(attr.nested_type, prefix + name + '.', out);
  }
  for (const [name, nested] of Object.entries(block.block_types || {})) {
    out.push(prefix + name);
    names(nested.block, prefix + name + '.', out);
  }
  return out;
}

let problems = 0;
let checked = 0;
function checkPage(file, block, what) {
  if (!fs.existsSync(file)) {
    console.log(`MISSING ${path.relative(process.cwd(), file)} (${what})`);
    problems++;
    return;
  }
  const text = fs.readFileSync(file, 'utf8');
  for (const full of names(block, '', [])) {
    const leaf = full.split('.').pop();
    checked++;
    if (!text.includes('`' + leaf + '`')) {
      console.log(`UNDOCUMENTED ${what}: ${full} (expected \`${leaf}\` in ${path.basename(file)})`);
      problems++;
    }
  }
}

const strip = (n) => n.replace(/^polybackup_/, '');
for (const [name, s] of Object.entries(schemas.resource_schemas || {})) {
  if (name.startsWith('polybackup_test_')) continue;  // test-build-only resources
  checkPage(path.join(docsDir, 'resources', strip(name) + '.md'), s.block, name);
}
for (const [name, s] of Object.entries(schemas.data_source_schemas || {})) {
  if (name.startsWith('polybackup_test_')) continue;
  checkPage(path.join(docsDir, 'data-sources', strip(name) + '.md'), s.block, 'data ' + name);
}
checkPage(path.join(docsDir, 'index.md'), schemas.provider.block, 'provider');
console.log(`docs: ${checked - problems} passed, ${problems} failed`);
process.exit(problems === 0 && checked > 0 ? 0 : 1);

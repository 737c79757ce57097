'use strict';
// Tests for guard.js: run with `node --test tools/nag/` (after `npm ci --prefix tools/nag`).
// Each test writes a small hand-made cloud assembly and runs the gate on it as a child process.

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const GUARD = path.join(__dirname, 'guard.js');
const tmpDirs = [];
const tmpDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-test-'));
  tmpDirs.push(dir);
  return dir;
};
after(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function assembly(template) {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    version: '38.0.1',
    artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } },
  }));
  fs.writeFileSync(path.join(dir, 'S.template.json'), JSON.stringify(template));
  return dir;
}

function exceptionsFile(list) {
  const file = path.join(tmpDir(), 'exceptions.json');
  fs.writeFileSync(file, JSON.stringify(list));
  return file;
}

function guard(...args) {
  const r = spawnSync(process.execPath, [GUARD, ...args], { encoding: 'utf8' });
  let report;
  try { report = JSON.parse(r.stdout); } catch { /* usage errors print nothing on stdout */ }
  return { code: r.status, stderr: r.stderr, report };
}

// A launch template with IMDSv2 and hop limit 2, and detailed monitoring on: only CT.EC2.PR.2 applies.
const hopLimit2 = {
  Resources: {
    Lt: {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: { LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 2 }, Monitoring: { Enabled: true } } },
    },
  },
};
const REASON = 'A test template that is never deployed anywhere';

test('a launch template with hop limit 2 violates CT.EC2.PR.2 and nothing else; exit 1', () => {
  const dir = assembly(hopLimit2);
  const { code, report, stderr } = guard(dir);
  assert.equal(code, 1, stderr);
  assert.deepEqual(report.violations.map((v) => [v.control, v.resource]), [['CT.EC2.PR.2', 'Lt']]);
  assert.match(report.violations[0].message, /hop limit/);
  assert.deepEqual(report.staleExceptions, []);
});

test('hop limit 1 passes: exit 0, no violations', () => {
  const template = structuredClone(hopLimit2);
  template.Resources.Lt.Properties.LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit = 1;
  const { code, report, stderr } = guard(assembly(template));
  assert.equal(code, 0, stderr);
  assert.deepEqual(report.violations, []);
});

test('an exception naming the control and resource excepts the violation and is reported with its reason', () => {
  const file = exceptionsFile([{ control: 'CT.EC2.PR.2', resource: 'Lt', reason: REASON }]);
  const { code, report, stderr } = guard('--exceptions', file, assembly(hopLimit2));
  assert.equal(code, 0, stderr);
  assert.deepEqual(report.violations, []);
  assert.deepEqual(report.excepted.map((v) => [v.control, v.resource, v.reason]), [['CT.EC2.PR.2', 'Lt', REASON]]);
});

test('an exception that matches no violation is stale and fails the run', () => {
  const file = exceptionsFile([
    { control: 'CT.EC2.PR.2', resource: 'Lt', reason: REASON },
    { control: 'CT.EC2.PR.10', resource: 'Lt', reason: REASON },
  ]);
  const { code, report } = guard('--exceptions', file, assembly(hopLimit2));
  assert.equal(code, 1);
  assert.deepEqual(report.staleExceptions.map((e) => e.control), ['CT.EC2.PR.10']);
});

test('a malformed exceptions file, a bad directory or no argument: exit 2 with a message', () => {
  const dir = assembly(hopLimit2);
  let r = guard('--exceptions', exceptionsFile([{ control: 'CT.EC2.PR.2', resource: 'Lt' }]), dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /reason missing or empty/);

  r = guard('--exceptions', exceptionsFile([{ control: 'EC2 hop limit', resource: 'Lt', reason: REASON }]), dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a control id/);

  r = guard(path.join(os.tmpdir(), 'guard-test-does-not-exist'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a directory/);

  r = guard();
  assert.equal(r.code, 2);
  assert.match(r.stderr, /usage/);
});

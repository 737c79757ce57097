#!/usr/bin/env node
'use strict';
// AWS Control Tower proactive controls (cfn-guard) over already synthesized cloud assemblies.
//
//   node tools/nag/guard.js [--exceptions <file.json>] <cloud-assembly-dir>...
//
// The npm package @cdklabs/cdk-validator-cfnguard ships the cfn-guard binary and the Control Tower rule set, so
// nothing is downloaded here; its CfnGuardValidator runs the binary and turns cfn-guard's output into violations.
// Every aws:cloudformation:stack template of every assembly is checked in one run.
//
// The exceptions file is a JSON list of {"control": "CT.EC2.PR.10", "resource": "<logical id>", "reason": "..."}.
// A violation is excepted when an entry names its control and resource. An entry that matches no violation in any
// of the assemblies is stale and fails the run, so the file cannot rot.
//
// Prints one JSON document on stdout. Exit: 0 clean, 1 violations not excepted or stale exceptions,
// 2 usage / IO errors (message on stderr). Nothing is written into the assemblies.

const fs = require('fs');
const path = require('path');
const { CfnGuardValidator } = require('@cdklabs/cdk-validator-cfnguard');
const VALIDATOR_VERSION = require('@cdklabs/cdk-validator-cfnguard/package.json').version;
const GUARD_VERSION = require('@cdklabs/cdk-validator-cfnguard/guard-version.json').version;

const { UsageError, readJson, run } = require('./cli');

const USAGE = 'usage: node tools/nag/guard.js [--exceptions <file.json>] <cloud-assembly-dir>...';

// The templates of the stack artifacts of an assembly, following nested assemblies (CDK Stages).
function templates(dir) {
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`not a directory: ${dir}`);
  const manifest = readJson(path.join(dir, 'manifest.json'));
  return Object.entries(manifest.artifacts ?? {}).flatMap(([id, art]) => {
    if (art.type === 'aws:cloudformation:stack') {
      const file = path.join(dir, art.properties?.templateFile ?? '');
      if (!art.properties?.templateFile || !fs.existsSync(file)) throw new UsageError(`artifact ${id}: template ${file} not found`);
      return [file];
    }
    return art.type === 'cdk:cloud-assembly' && art.properties?.directoryName
      ? templates(path.join(dir, art.properties.directoryName))
      : [];
  });
}

// Each entry must say which control, which resource, and why; anything else is a usage error, not a silent skip.
function readExceptions(file) {
  const list = readJson(file);
  if (!Array.isArray(list)) throw new UsageError(`${file}: expected a JSON list of {control, resource, reason}`);
  list.forEach((e, i) => {
    const bad = ['control', 'resource', 'reason'].filter((k) => typeof e?.[k] !== 'string' || e[k].trim() === '');
    if (bad.length > 0) throw new UsageError(`${file}[${i}]: ${bad.join(', ')} missing or empty`);
    if (!/^CT\.[A-Z0-9]+\.PR\.\d+$/.test(e.control)) throw new UsageError(`${file}[${i}].control: '${e.control}' is not a control id such as CT.EC2.PR.10`);
    if (e.reason.trim().length < 20) throw new UsageError(`${file}[${i}].reason: say why in at least 20 characters`);
  });
  return list;
}

function parseArgs(argv) {
  const rest = [...argv];
  let exceptionsFile;
  if (rest[0] === '--exceptions') {
    if (rest.length < 2) throw new UsageError(USAGE);
    exceptionsFile = rest[1];
    rest.splice(0, 2);
  }
  if (rest.length === 0) throw new UsageError(USAGE);
  return { exceptionsFile, dirs: rest };
}

function main(argv) {
  const { exceptionsFile, dirs } = parseArgs(argv);
  const exceptions = exceptionsFile ? readExceptions(exceptionsFile) : [];
  const templatePaths = dirs.flatMap(templates);

  const result = new CfnGuardValidator({}).validate({ templatePaths });
  const found = result.violations.flatMap((v) => {
    // The rule's description starts with its control id: "[CT.EC2.PR.10]: Require ...".
    const control = /^\[(CT\.[^\]]+)\]/.exec(v.description ?? '')?.[1] ?? v.ruleName;
    const message = (v.description ?? '').replace(/^\[[^\]]+\]:\s*/, '');
    return v.violatingResources.map((r) => ({
      control, rule: v.ruleName, resource: r.resourceLogicalId ?? '', template: r.templatePath, message, fix: v.fix,
    }));
  });

  const matches = (e, v) => e.control === v.control && e.resource === v.resource;
  const report = {
    assemblies: dirs,
    validatorVersion: VALIDATOR_VERSION,
    guardVersion: GUARD_VERSION,
    templates: templatePaths,
    violations: found.filter((v) => !exceptions.some((e) => matches(e, v))),
    excepted: found.filter((v) => exceptions.some((e) => matches(e, v)))
      .map((v) => ({ ...v, reason: exceptions.find((e) => matches(e, v)).reason })),
    staleExceptions: exceptions.filter((e) => !found.some((v) => matches(e, v))),
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return report.violations.length > 0 || report.staleExceptions.length > 0 ? 1 : 0;
}

if (require.main === module) run('guard', main);

module.exports = { main };

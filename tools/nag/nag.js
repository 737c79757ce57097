#!/usr/bin/env node
'use strict';
// cdk-nag compliance gate over an already synthesized cloud assembly.
//
//   node tools/nag/nag.js [--packs AwsSolutions,NIST80053R5,HIPAASecurity,PCIDSS321] <cloud-assembly-dir>
//
// Every aws:cloudformation:stack template in the assembly is loaded into an
// in-memory aws-cdk-lib Stack with CfnInclude, and cdk-nag's packs (all four
// unless --packs names some) are run over its resources. Suppressions come only from each resource's
// `Metadata.cdk_nag.rules_to_suppress` (cdk-nag's own format) in the template.
// Prints one JSON document on stdout. Exit: 0 clean, 1 unsuppressed findings,
// 2 usage / IO / template-loading errors (message on stderr).
// Nothing is written into the assembly directory.

const fs = require('fs');
const os = require('os');
const path = require('path');

const cdk = require('aws-cdk-lib');
const { CfnInclude } = require('aws-cdk-lib/cloudformation-include');
const { AwsSolutionsChecks, NIST80053R5Checks, HIPAASecurityChecks, PCIDSS321Checks } = require('cdk-nag');
const CDK_NAG_VERSION = require('cdk-nag/package.json').version;

// The packs of the gate, by the name --packs takes: AWS's own best practices and the three regulatory frameworks
// cdk-nag ships rules for. All four run unless --packs names some.
const PACKS = {
  AwsSolutions: AwsSolutionsChecks,
  NIST80053R5: NIST80053R5Checks,
  HIPAASecurity: HIPAASecurityChecks,
  PCIDSS321: PCIDSS321Checks,
};

const { UsageError, readJson, run } = require('./cli');

// All stack artifacts of an assembly, in manifest order. Nested assemblies
// (CDK Stages, artifact type cdk:cloud-assembly) are followed so that their
// stacks are not silently skipped.
function stackArtifacts(dir) {
  const manifest = readJson(path.join(dir, 'manifest.json'));
  const out = [];
  // Nested stack templates (e.g. the EKS kubectl/cluster-resource providers) are
  // file assets, not stack artifacts: map each template asset's S3 object key to
  // its file so a nested stack's TemplateURL can be resolved to it.
  const templateAssets = new Map();
  for (const art of Object.values(manifest.artifacts ?? {})) {
    if (art.type !== 'cdk:asset-manifest' || !art.properties?.file) continue;
    for (const asset of Object.values(readJson(path.join(dir, art.properties.file)).files ?? {})) {
      if (!asset.source?.path?.endsWith('.template.json')) continue;
      for (const dest of Object.values(asset.destinations ?? {})) {
        if (dest.objectKey) templateAssets.set(dest.objectKey, path.join(dir, asset.source.path));
      }
    }
  }
  for (const [id, art] of Object.entries(manifest.artifacts ?? {})) {
    if (art.type === 'aws:cloudformation:stack') {
      const templateFile = art.properties?.templateFile;
      if (!templateFile) throw new UsageError(`artifact ${id} has no properties.templateFile`);
      out.push({ id, dir, templateFile: path.join(dir, templateFile), templateAssets });
    } else if (art.type === 'cdk:cloud-assembly' && art.properties?.directoryName) {
      out.push(...stackArtifacts(path.join(dir, art.properties.directoryName)));
    }
  }
  return out;
}

// CfnInclude's loadNestedStacks spec for every AWS::CloudFormation::Stack in a
// template whose template is in the assembly (found via the aws:asset:path
// metadata the CDK CLI adds, or via the asset object key in TemplateURL).
// Nested stacks whose template is not in the assembly are listed in `unscanned`.
function nestedStacks(templateFile, art, unscanned, label) {
  const spec = {};
  for (const [logicalId, res] of Object.entries(readJson(templateFile).Resources ?? {})) {
    if (res?.Type !== 'AWS::CloudFormation::Stack') continue;
    const assetPath = res.Metadata?.['aws:asset:path'];
    const url = JSON.stringify(res.Properties?.TemplateURL ?? '');
    const file = assetPath
      ? path.join(art.dir, assetPath)
      : [...art.templateAssets].find(([key]) => url.includes(key))?.[1];
    if (!file || !fs.existsSync(file)) {
      unscanned.push({ stack: label, resource: logicalId, templateURL: res.Properties?.TemplateURL });
      continue;
    }
    spec[logicalId] = { templateFile: file, loadNestedStacks: nestedStacks(file, art, unscanned, `${label}/${logicalId}`) };
  }
  return spec;
}

// Why a suppression entry (raw template form) must not count, or '' if it is fine.
// cdk-nag would *throw* (aborting the whole run) on a reason shorter than 10
// characters or a malformed applies_to, so such entries are taken out before the
// pack runs and reported instead. We are stricter than cdk-nag in one way: a
// reason of blanks does not count either.
function suppressionProblem(s) {
  if (!s || typeof s !== 'object') return 'not an object';
  if (typeof s.id !== 'string' || !s.id) return 'missing id';
  if (/\[.*\]/.test(s.id)) return 'id contains a finding; use applies_to';
  let reason = s.reason;
  if (typeof reason === 'string' && s.is_reason_encoded) reason = Buffer.from(reason, 'base64').toString();
  if (typeof reason !== 'string' || reason.trim().length < 10) return 'reason missing or shorter than 10 characters';
  if (s.applies_to !== undefined) {
    if (!Array.isArray(s.applies_to)) return 'applies_to is not a list';
    for (const a of s.applies_to) {
      if (typeof a === 'string') continue;
      const m = typeof a?.regex === 'string' && a.regex.match(/\/(.*)\/(.*)?/);
      try {
        if (!m) throw new Error();
        new RegExp(m[1], m[2] || '');
      } catch {
        return `applies_to entry ${JSON.stringify(a)} is neither a string nor {"regex": "/.../flags"}`;
      }
    }
  }
  return '';
}

const USAGE = `usage: node tools/nag/nag.js [--packs ${Object.keys(PACKS).join(',')}] <cloud-assembly-dir>`;

// [--packs a,b] <dir> → { packNames, dir }
function parseArgs(argv) {
  let packNames = Object.keys(PACKS);
  const rest = [...argv];
  if (rest[0] === '--packs') {
    if (rest.length < 2) throw new UsageError(USAGE);
    packNames = rest[1].split(',').filter(Boolean);
    const unknown = packNames.filter((name) => !Object.hasOwn(PACKS, name));
    if (packNames.length === 0 || unknown.length > 0) throw new UsageError(`unknown pack(s) ${unknown.join(', ')}; ${USAGE}`);
    rest.splice(0, 2);
  }
  if (rest.length !== 1) throw new UsageError(USAGE);
  return { packNames, dir: rest[0] };
}

function main(argv) {
  const { packNames, dir } = parseArgs(argv);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`not a directory: ${dir}`);
  }
  const artifacts = stackArtifacts(dir);

  const report = {
    assembly: dir, cdkNagVersion: CDK_NAG_VERSION, packs: packNames, stacks: [], findings: [], suppressed: [],
    invalidSuppressions: [], // suppressions that do not count (see suppressionProblem)
    unscannedNestedStacks: [], // nested stacks whose template is not in the assembly
  };

  // Stack label: the artifact id, and "<parent>/<logical id>" for nested stacks
  // (CfnInclude gives a nested stack the logical id of its AWS::CloudFormation::Stack).
  const label = (s) => (s.nested ? `${label(s.nestedStackParent)}/${s.node.id}` : s.node.id);

  // The stack/logical id of the resource a cdk-nag logger callback is about.
  const where = (d) => ({ stack: label(cdk.Stack.of(d.resource)), resource: cdk.Stack.of(d.resource).resolve(d.resource.logicalId) });
  // cdk-nag prefixes the reason of a granular suppression with "[finding] "; we report the finding separately.
  const plainReason = (reason, finding) => (finding && reason.startsWith(`[${finding}] `) ? reason.slice(finding.length + 3) : reason);

  // A plain object is enough for cdk-nag's INagLogger (jsii interfaces are duck-typed in JS).
  const collector = {
    onCompliance() {},
    onNotApplicable() {},
    onNonCompliance: (d) => report.findings.push({ ...where(d), rule: d.ruleId, level: d.ruleLevel, message: d.ruleInfo, finding: d.findingId }),
    onSuppressed: (d) => report.suppressed.push({ ...where(d), rule: d.ruleId, finding: d.findingId, reason: plainReason(d.suppressionReason, d.findingId) }),
    // A rule that cannot evaluate the resource (typically a value behind a Ref to a
    // parameter or another intrinsic). cdk-nag reports this as a Warning with id
    // CdkNagValidationFailure and the rule id as the finding; suppress it with
    // {"id": "CdkNagValidationFailure", "applies_to": ["AwsSolutions-XXX"], ...}.
    onError: (d) => report.findings.push({ ...where(d), rule: 'CdkNagValidationFailure', level: 'Warning', message: d.errorMessage, finding: d.ruleId }),
    onSuppressedError: (d) => report.suppressed.push({ ...where(d), rule: 'CdkNagValidationFailure', finding: d.ruleId, reason: d.errorSuppressionReason }),
  };
  // reports:false keeps cdk-nag from writing CSV reports (into the app's outdir).
  const packs = packNames.map((name) => new PACKS[name]({ reports: false, additionalLoggers: [collector] }));

  // App always creates an output directory; give it a private temp one (never the
  // assembly dir, which CDK_OUTDIR may point at when run from a cdk pipeline),
  // and never synthesize: the aspect is applied by hand below.
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
  try {
    const app = new cdk.App({ outdir, autoSynth: false });
    for (const art of artifacts) {
      const stack = new cdk.Stack(app, art.id);
      try {
        // No `parameters`: template Parameters (including SSM-typed ones) stay
        // CfnParameters, so nothing has to be known to load the template.
        const loadNestedStacks = nestedStacks(art.templateFile, art, report.unscannedNestedStacks, art.id);
        new CfnInclude(stack, 'Template', { templateFile: art.templateFile, loadNestedStacks });
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`cannot load template of ${art.id} (${art.templateFile}): ${e.message}`);
      }

      // Take suppressions that must not count out of each resource's metadata
      // before cdk-nag sees them: cdk-nag itself would throw on them and abort.
      for (const node of stack.node.findAll()) {
        if (cdk.Stack.isStack(node)) report.stacks.push(label(node));
        if (!(node instanceof cdk.CfnResource)) continue;
        const rules = node.cfnOptions.metadata?.cdk_nag?.rules_to_suppress;
        if (rules === undefined) continue;
        const resource = cdk.Stack.of(node).resolve(node.logicalId);
        const list = Array.isArray(rules) ? rules : [rules];
        const valid = list.filter((s) => {
          const problem = suppressionProblem(s);
          if (problem) report.invalidSuppressions.push({ stack: label(cdk.Stack.of(node)), resource, rule: s?.id, problem });
          return !problem;
        });
        node.cfnOptions.metadata = { ...node.cfnOptions.metadata, cdk_nag: { ...node.cfnOptions.metadata.cdk_nag, rules_to_suppress: valid } };
      }

      // What Aspects.of(app).add(checks) + app.synth() would do, minus the synth:
      // AwsSolutionsChecks only looks at CfnResources, and visiting them directly
      // needs no output directory and is much faster.
      for (const node of stack.node.findAll()) for (const pack of packs) pack.visit(node);
    }
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }

  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return report.findings.some((f) => f.level === 'Error' || f.level === 'Warning') ? 1 : 0;
}

if (require.main === module) run('nag', main);

module.exports = { main, suppressionProblem };

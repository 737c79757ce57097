'use strict';
// Tests for nag.js: run with `node --test tools/nag/` (after `npm ci --prefix tools/nag`).
// Each test writes a small hand-made cloud assembly into a temp dir and runs the
// gate on it as a child process, exactly as CI would.

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const NAG = path.join(__dirname, 'nag.js');

const tmpDirs = [];
const tmpDir = (prefix) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
};
after(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

// A cloud assembly with one stack artifact "S"; `files` are extra files (e.g. nested templates).
function assembly(template, files = {}) {
  const dir = tmpDir('nag-test-');
  const manifest = {
    version: '38.0.1',
    artifacts: {
      S: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'S.template.json' } },
    },
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(dir, 'S.template.json'), JSON.stringify(template));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), JSON.stringify(content));
  return dir;
}

// The tests below pin rule-level behaviour on the AwsSolutions pack; `allPacks` runs the default (all four).
function nag(...args) {
  return run(...(args.length === 1 ? ['--packs', 'AwsSolutions', ...args] : args));
}
function allPacks(...args) {
  return run(...args);
}
function run(...args) {
  const r = spawnSync(process.execPath, [NAG, ...args], { encoding: 'utf8' });
  let report;
  try { report = JSON.parse(r.stdout); } catch { /* usage errors print nothing on stdout */ }
  return { code: r.status, stderr: r.stderr, report };
}

const rules = (list) => [...new Set(list.map((f) => f.rule))].sort();
const nagMeta = (...rulesToSuppress) => ({ cdk_nag: { rules_to_suppress: rulesToSuppress } });
const REASON = 'Demo bucket in a test assembly, not deployed';
// A bare bucket is what cdk-nag 2.36.50 flags with exactly these two rules.
const BUCKET_RULES = ['AwsSolutions-S1', 'AwsSolutions-S10'];

test('(a) an unencrypted bucket without logging is reported, exit 1, assembly untouched', () => {
  const dir = assembly({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } });
  const before = fs.readdirSync(dir).sort();
  const { code, report, stderr } = nag(dir);
  assert.equal(code, 1, stderr);
  assert.equal(report.assembly, dir);
  assert.equal(report.cdkNagVersion, require('cdk-nag/package.json').version);
  assert.deepEqual(report.stacks, ['S']);
  assert.deepEqual(rules(report.findings), BUCKET_RULES);
  for (const f of report.findings) {
    assert.equal(f.stack, 'S');
    assert.equal(f.resource, 'Bucket');
    assert.equal(f.level, 'Error');
    assert.ok(f.message.length > 0);
  }
  assert.deepEqual(report.suppressed, []);
  assert.deepEqual(fs.readdirSync(dir).sort(), before, 'nothing may be written into the assembly');
});

test('(b) metadata suppressions with reasons for every rule: exit 0, listed as suppressed', () => {
  const dir = assembly({
    Resources: {
      Bucket: { Type: 'AWS::S3::Bucket', Metadata: nagMeta(...BUCKET_RULES.map((id) => ({ id, reason: REASON }))) },
    },
  });
  const { code, report, stderr } = nag(dir);
  assert.equal(code, 0, stderr + JSON.stringify(report?.findings));
  assert.deepEqual(report.findings, []);
  assert.deepEqual(rules(report.suppressed), BUCKET_RULES);
  for (const s of report.suppressed) assert.deepEqual([s.stack, s.resource, s.reason], ['S', 'Bucket', REASON]);
});

test('(c) a suppression with an empty, blank or too short reason is not honoured', () => {
  for (const reason of ['', '          ', 'too short', undefined]) {
    const dir = assembly({
      Resources: {
        Bucket: {
          Type: 'AWS::S3::Bucket',
          Metadata: nagMeta({ id: 'AwsSolutions-S1', reason }, { id: 'AwsSolutions-S10', reason: REASON }),
        },
      },
    });
    const { code, report, stderr } = nag(dir);
    assert.equal(code, 1, `reason ${JSON.stringify(reason)}: ${stderr}`);
    assert.deepEqual(rules(report.findings), ['AwsSolutions-S1']);
    assert.deepEqual(rules(report.suppressed), ['AwsSolutions-S10']);
    assert.deepEqual(report.invalidSuppressions.map((s) => [s.resource, s.rule]), [['Bucket', 'AwsSolutions-S1']]);
  }
});

test('template-level (stack-wide) cdk_nag Metadata does not suppress anything', () => {
  const dir = assembly({
    Metadata: nagMeta(...BUCKET_RULES.map((id) => ({ id, reason: REASON }))),
    Resources: { Bucket: { Type: 'AWS::S3::Bucket' } },
  });
  const { code, report, stderr } = nag(dir);
  assert.equal(code, 1, stderr);
  assert.deepEqual(rules(report.findings), BUCKET_RULES);
});

// A role with an AWS managed policy (IAM4) and a policy with a wildcard resource (IAM5),
// written the way CDK synthesizes them.
function iamTemplate(policyMetadata, roleMetadata) {
  return {
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'eks.amazonaws.com' } }],
          },
          ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonEKSClusterPolicy']] }],
        },
        ...(roleMetadata && { Metadata: roleMetadata }),
      },
      Policy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'ec2-describe',
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' }] },
        },
        ...(policyMetadata && { Metadata: policyMetadata }),
      },
    },
  };
}

test('(d) granular IAM5 / IAM4 applies_to suppressions match only their findings', () => {
  let r = nag(assembly(iamTemplate()));
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(
    r.report.findings.map((f) => [f.resource, f.rule, f.finding]),
    [
      ['Role', 'AwsSolutions-IAM4', 'Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy'],
      ['Policy', 'AwsSolutions-IAM5', 'Resource::*'],
    ],
  );

  // Exact strings, as in cdk-nag's own format.
  r = nag(assembly(iamTemplate(
    nagMeta({ id: 'AwsSolutions-IAM5', reason: 'ec2:DescribeInstances has no resource-level permissions', applies_to: ['Resource::*'] }),
    nagMeta({ id: 'AwsSolutions-IAM4', reason: 'EKS requires the AWS managed cluster policy', applies_to: ['Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy'] }),
  )));
  assert.equal(r.code, 0, r.stderr + JSON.stringify(r.report?.findings));
  assert.deepEqual(
    r.report.suppressed.map((s) => [s.resource, s.rule, s.finding, s.reason]),
    [
      ['Role', 'AwsSolutions-IAM4', 'Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy', 'EKS requires the AWS managed cluster policy'],
      ['Policy', 'AwsSolutions-IAM5', 'Resource::*', 'ec2:DescribeInstances has no resource-level permissions'],
    ],
  );

  // The regex form {"regex": "/.../"} works too.
  r = nag(assembly(iamTemplate(
    nagMeta({ id: 'AwsSolutions-IAM5', reason: 'read-only describe calls on any resource', applies_to: [{ regex: '/^Resource::\\*$/' }] }),
    nagMeta({ id: 'AwsSolutions-IAM4', reason: 'EKS requires AWS managed policies here', applies_to: [{ regex: '/^Policy::.*AmazonEKS.*$/' }] }),
  )));
  assert.equal(r.code, 0, r.stderr + JSON.stringify(r.report?.findings));

  // applies_to naming a different finding does not suppress this one.
  r = nag(assembly(iamTemplate(
    nagMeta({ id: 'AwsSolutions-IAM5', reason: 'objects of our own bucket only', applies_to: ['Resource::arn:aws:s3:::other/*'] }),
  )));
  assert.equal(r.code, 1);
  assert.deepEqual(rules(r.report.findings), ['AwsSolutions-IAM4', 'AwsSolutions-IAM5']);
});

test('(e) a template with an SSM-typed Parameter loads (parameters left unresolved)', () => {
  const dir = assembly({
    Parameters: {
      NodeAmi: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/eks/optimized-ami/1.30/amazon-linux-2/recommended/image_id' },
      BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' },
    },
    Resources: { AmiCopy: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { Ref: 'NodeAmi' } } } },
    Rules: {
      CheckBootstrapVersion: {
        Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }] }, AssertDescription: 'old bootstrap' }],
      },
    },
  });
  const { code, report, stderr } = nag(dir);
  assert.equal(code, 0, stderr + JSON.stringify(report?.findings));
  assert.deepEqual(report.stacks, ['S']);
});

test('a rule that cannot evaluate a Ref is a CdkNagValidationFailure warning, suppressible per rule', () => {
  const template = (metadata) => ({
    Parameters: { AdminCidr: { Type: 'String' } },
    Resources: {
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: 'HTTPS from the admin network',
          VpcId: 'vpc-12345678',
          SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { Ref: 'AdminCidr' } }],
        },
        ...(metadata && { Metadata: metadata }),
      },
    },
  });
  let r = nag(assembly(template()));
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(
    r.report.findings.map((f) => [f.resource, f.rule, f.level, f.finding]),
    [['Sg', 'CdkNagValidationFailure', 'Warning', 'AwsSolutions-EC23']],
  );
  r = nag(assembly(template(nagMeta({ id: 'CdkNagValidationFailure', reason: 'CIDR is a deploy-time parameter', applies_to: ['AwsSolutions-EC23'] }))));
  assert.equal(r.code, 0, r.stderr + JSON.stringify(r.report?.findings));
  assert.deepEqual(r.report.suppressed.map((s) => [s.rule, s.finding]), [['CdkNagValidationFailure', 'AwsSolutions-EC23']]);
});

test('nested stack templates in the assembly are checked too', () => {
  const dir = assembly(
    {
      Resources: {
        Child: {
          Type: 'AWS::CloudFormation::Stack',
          Properties: { TemplateURL: 'https://example.invalid/child.json' },
          Metadata: { 'aws:asset:path': 'SChild.nested.template.json' },
        },
      },
    },
    { 'SChild.nested.template.json': { Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } } },
  );
  const { code, report, stderr } = nag(dir);
  assert.equal(code, 1, stderr);
  assert.deepEqual(report.stacks, ['S', 'S/Child']);
  assert.deepEqual(rules(report.findings), BUCKET_RULES);
  assert.ok(report.findings.every((f) => f.stack === 'S/Child' && f.resource === 'Bucket'));
});

test('(f) bad directory, missing manifest or no argument: exit 2 with a message on stderr', () => {
  let r = nag(path.join(os.tmpdir(), 'nag-test-does-not-exist'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a directory/);

  r = nag(tmpDir('nag-test-empty-'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /manifest\.json/);

  r = nag();
  assert.equal(r.code, 2);
  assert.match(r.stderr, /usage/);

  const dir = assembly({ Resources: {} });
  fs.rmSync(path.join(dir, 'S.template.json'));
  r = nag(dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /S\.template\.json/);
});

test('by default all four packs run: a bare bucket is flagged by each of them', () => {
  const dir = assembly({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } });
  const { code, report, stderr } = allPacks(dir);
  assert.equal(code, 1, stderr);
  assert.deepEqual(report.packs, ['AwsSolutions', 'NIST80053R5', 'HIPAASecurity', 'PCIDSS321']);
  const prefixes = new Set(report.findings.map((f) => f.rule.slice(0, f.rule.lastIndexOf('-'))));
  assert.deepEqual([...prefixes].sort(), ['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']);
});

test('--packs runs only the named packs, and refuses an unknown one', () => {
  const dir = assembly({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } });
  const only = allPacks('--packs', 'HIPAASecurity', dir);
  assert.equal(only.code, 1, only.stderr);
  assert.ok(only.report.findings.length > 0);
  assert.ok(only.report.findings.every((f) => f.rule.startsWith('HIPAA.Security-')));

  const bad = allPacks('--packs', 'SOC2', dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown pack\(s\) SOC2/);
});

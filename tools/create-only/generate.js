#!/usr/bin/env node
// Generates src/EksPlatform.Preflight/Data/create-only-properties.json: for every CloudFormation
// resource type, the property paths whose change makes CloudFormation replace the resource.
//
// Source: the CloudFormation resource schemas (createOnlyProperties, merged with the older
// resource specification's "UpdateType: Immutable") as carried by @aws-cdk/aws-service-spec,
// pinned exactly in package.json / package-lock.json so the output is reproducible. That package
// records replacement per property as `causesReplacement: 'yes' | 'maybe'`, on resource properties
// and on the nested type definitions they use; resources may also list
// `additionalReplacementProperties` (paths that cannot be tagged on a type).
//
// That merge can be coarser than the schema: the older specification marks a whole property
// immutable where the registry schema lists only some paths under it. AWS::EKS::Cluster is the
// case that matters here: the old spec marks all of KubernetesNetworkConfig, while the schema's
// createOnlyProperties lists only KubernetesNetworkConfig/IpFamily and /ServiceIpv4Cidr, so
// enabling KubernetesNetworkConfig/ElasticLoadBalancing (EKS Auto Mode) would wrongly read as a
// replacement (docs/eks-deploy-facts.md, "Updatable, not create-only"). So the whole-property
// entries are refined with the registry schemas' own createOnlyProperties, read from the copy
// that cfn-lint ships (pinned below, the same version tools/setup.sh installs): where the schema
// lists paths under a property but not the property itself, those paths replace it, exactly as
// the schema spells them (without the /properties/ prefix).
//
// Paths use the schema's syntax: segments separated by '/', and '*' for "every element" of an
// array (or every value of a map), e.g. ReplicationInfoList/*/SourceKafkaClusterArn.
//
// It also writes Data/regions.json, the list of known AWS region names (with their partition),
// from @aws-cdk/region-info (pinned the same way): the region compliance check needs the real list,
// not a regex, and the CloudFormation spec database only carries a handful of regions.
//
// Usage:  cd tools/create-only && npm ci && node generate.js [data-directory]
// The preflight library embeds the output; it never runs Node itself.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');
const specVersion = require('@aws-cdk/aws-service-spec/package.json').version;
const regionInfo = require('@aws-cdk/region-info/lib/aws-entities');
const regionInfoVersion = require('@aws-cdk/region-info/package.json').version;

const defaultDataDirectory = path.join(__dirname, '..', '..', 'src', 'EksPlatform.Preflight', 'Data');
const dataDirectory = path.resolve(process.argv[2] ?? defaultDataDirectory);
const output = path.join(dataDirectory, 'create-only-properties.json');
const regionsOutput = path.join(dataDirectory, 'regions.json');

const db = loadAwsServiceSpecSync();

// The cfn-lint release whose copy of the registry schemas refines the catalog; tools/setup.sh pins the same one.
const CFN_LINT_VERSION = '1.51.0';
// cfn-lint keeps one schema set per region; us-east-1 is where new types and properties land first.
const SCHEMA_REGION = 'us_east_1';

/**
 * createOnlyProperties of every type in cfn-lint's copy of the registry schemas, without the
 * "/properties/" prefix. cfn-lint is a Python package, so a few lines of Python read it.
 */
function loadRegistryCreateOnly() {
  const script = [
    'import json, os, cfnlint, cfnlint.version',
    `from cfnlint.data.schemas.providers import ${SCHEMA_REGION} as provider`,
    "root = os.path.join(os.path.dirname(cfnlint.__file__), 'data', 'schemas', 'resources')",
    'out = {}',
    'for name, digest in provider.types.items():',
    "    with open(os.path.join(root, digest + '.json'), encoding='utf-8') as f:",
    "        out[name] = json.load(f).get('createOnlyProperties', [])",
    "print(json.dumps({'version': cfnlint.version.__version__, 'createOnly': out}))",
  ].join('\n');
  const run = spawnSync('python3', ['-c', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    throw new Error(`cannot read cfn-lint's schemas (install cfn-lint ${CFN_LINT_VERSION}: bash tools/setup.sh): ${run.stderr || run.error}`);
  }
  const { version, createOnly } = JSON.parse(run.stdout);
  if (version !== CFN_LINT_VERSION) {
    throw new Error(`cfn-lint ${version} found, ${CFN_LINT_VERSION} expected: the output would not be reproducible`);
  }
  const prefix = '/properties/';
  const paths = {};
  for (const [type, list] of Object.entries(createOnly)) {
    paths[type] = list.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  }
  return paths;
}

/**
 * Replaces each whole property the schema itself lists only paths under (and not the property)
 * by those paths, so a change to an unlisted sibling is not taken for a replacement.
 */
function refine(paths, schemaPaths) {
  if (!schemaPaths) return paths;
  const refined = new Set();
  for (const p of paths) {
    const nested = schemaPaths.filter((s) => s.startsWith(`${p}/`));
    if (nested.length > 0 && !schemaPaths.includes(p)) nested.forEach((n) => refined.add(n));
    else refined.add(p);
  }
  return [...refined].sort();
}

/**
 * The type definitions a property type refers to (through arrays, maps and unions), each with the
 * path suffix that reaches it: '/*' per array or map on the way, as the schemas write it.
 */
function referencedTypes(type, suffix = '') {
  switch (type.type) {
    case 'ref': return [{ typeDef: db.get('typeDefinition', type.reference), suffix }];
    case 'array':
    case 'map': return referencedTypes(type.element, `${suffix}/*`);
    case 'union': return type.types.flatMap((t) => referencedTypes(t, suffix));
    default: return [];
  }
}

/**
 * Walks properties depth-first. A property that itself causes replacement is reported and not
 * descended into (any change below it is already a change of it). `seen` guards recursive types.
 */
function collect(properties, prefix, seen, yes, maybe) {
  for (const name of Object.keys(properties).sort()) {
    const property = properties[name];
    const propertyPath = prefix ? `${prefix}/${name}` : name;
    if (property.causesReplacement === 'yes') { yes.add(propertyPath); continue; }
    if (property.causesReplacement === 'maybe') { maybe.add(propertyPath); continue; }
    for (const { typeDef, suffix } of referencedTypes(property.type)) {
      if (seen.has(typeDef.$id)) continue;
      collect(typeDef.properties, propertyPath + suffix, new Set([...seen, typeDef.$id]), yes, maybe);
    }
  }
}

const registryCreateOnly = loadRegistryCreateOnly();
const resourceTypes = {};
const resources = db.all('resource').sort((a, b) => a.cloudFormationType.localeCompare(b.cloudFormationType, 'en'));
for (const resource of resources) {
  const yes = new Set();
  const maybe = new Set();
  collect(resource.properties, '', new Set(), yes, maybe);
  for (const extra of resource.additionalReplacementProperties ?? []) yes.add(extra.join('/'));
  const entry = { createOnly: refine([...yes].sort(), registryCreateOnly[resource.cloudFormationType]) };
  if (maybe.size > 0) entry.conditional = [...maybe].sort();
  if (resource.isStateful) entry.stateful = true;
  resourceTypes[resource.cloudFormationType] = entry;
}

const document = {
  $comment: 'GENERATED by tools/create-only/generate.js - do not edit by hand; rerun the script after bumping the pinned package.',
  source: `@aws-cdk/aws-service-spec@${specVersion} (CloudFormation resource schemas: createOnlyProperties / causesReplacement), nested paths refined by cfn-lint@${CFN_LINT_VERSION}'s copy of the ${SCHEMA_REGION.replaceAll('_', '-')} registry schemas`,
  resourceTypeCount: resources.length,
  resourceTypes,
};

fs.mkdirSync(path.dirname(output), { recursive: true });
// One resource type per line keeps diffs readable when the pinned package is bumped.
const lines = Object.entries(resourceTypes).map(([type, entry]) => `    ${JSON.stringify(type)}: ${JSON.stringify(entry)}`);
const text = [
  '{',
  `  "$comment": ${JSON.stringify(document.$comment)},`,
  `  "source": ${JSON.stringify(document.source)},`,
  `  "resourceTypeCount": ${document.resourceTypeCount},`,
  '  "resourceTypes": {',
  lines.join(',\n'),
  '  }',
  '}',
  '',
].join('\n');
fs.writeFileSync(output, text);
console.log(`wrote ${resources.length} resource types to ${path.relative(process.cwd(), output)}`);

const regions = [...regionInfo.AWS_REGIONS].sort();
const regionsDocument = {
  $comment: 'GENERATED by tools/create-only/generate.js - do not edit by hand.',
  source: `@aws-cdk/region-info@${regionInfoVersion} (AWS_REGIONS, partitionInformation)`,
  regions: Object.fromEntries(regions.map((name) => [name, regionInfo.partitionInformation(name).partition])),
};
fs.writeFileSync(regionsOutput, JSON.stringify(regionsDocument, null, 2) + '\n');
console.log(`wrote ${regions.length} regions to ${path.relative(process.cwd(), regionsOutput)}`);

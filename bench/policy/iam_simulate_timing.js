// Times @cloud-copilot/iam-simulate over a policy_eval JSONL case file (evaluation loop only).
//
// Usage: node iam_simulate_timing.js CASES.jsonl ORACLE_DIR [MIN_SECONDS]
// ORACLE_DIR is the directory whose node_modules holds the simulator (AGPL-3.0: it is only
// loaded in this separate node process). Cases are read and converted to simulation requests
// before timing; one warm-up pass runs untimed; then whole passes are timed with
// performance.now() until MIN_SECONDS (default 1) elapse. Prints one JSON object.
'use strict';

const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const { performance } = require('perf_hooks');

const [casesPath, oracleDir, minArg] = process.argv.slice(2);
if (!casesPath || !oracleDir) {
  process.stderr.write('usage: node iam_simulate_timing.js CASES.jsonl ORACLE_DIR [MIN_SECONDS]\n');
  process.exit(2);
}
const minSeconds = Number(minArg || 1);
const oracleRequire = createRequire(path.join(path.resolve(oracleDir), 'package.json'));
const sim = oracleRequire('@cloud-copilot/iam-simulate');

const DECISION = { Allowed: 'Allow', ExplicitlyDenied: 'ExplicitDeny', ImplicitlyDenied: 'ImplicitDeny' };
// The simulator adds the full-access RCP itself at every level, so the explicit copy is dropped.
const IMPLICIT_RCP = 'p-RCPFullAWSAccess';

// A policy entry is a document (object or JSON text) or {id, name, document}.
function policyOf(entry, defaultName) {
  const wrapped = entry !== null && typeof entry === 'object' && 'document' in entry;
  const body = wrapped ? entry.document : entry;
  return {
    name: (wrapped && entry.name) || defaultName,
    policy: typeof body === 'string' ? JSON.parse(body) : body,
  };
}

function orgLevels(levels, kind, dropId) {
  return (levels || []).map((level, depth) => ({
    orgIdentifier: `${kind}-${depth}`,
    policies: level
      .filter((entry) => !(dropId && entry && entry.id === dropId))
      .map((entry, k) => policyOf(entry, `${kind}-${depth}-${k}`)),
  }));
}

// Builds the simulator's request object from one case (same mapping as the differential test).
function request(c) {
  const p = c.policies || {};
  const who = c.principal || {};
  const out = {
    request: {
      principal: who.type === 'anonymous' ? sim.anonymousPrincipal : who.arn,
      action: c.action,
      resource: { resource: c.resource || '*', accountId: c.resource_account || who.account },
      contextVariables: c.context || {},
    },
    identityPolicies: (p.identity || []).map((e, k) => policyOf(e, `id-${k}`)),
    serviceControlPolicies: orgLevels(p.scp, 'scp', null),
    resourceControlPolicies: orgLevels(p.rcp, 'rcp', IMPLICIT_RCP),
  };
  if (p.boundary) out.permissionBoundaryPolicies = [policyOf(p.boundary, 'pb')];
  if (p.session && p.session.length === 1) out.sessionPolicy = policyOf(p.session[0], 'sp').policy;
  if (p.session && p.session.length > 1) return null;  // the simulator takes one session policy
  if (p.resource) out.resourcePolicy = policyOf(p.resource, 'rp').policy;
  return out;
}

async function pass(requests, tally) {
  for (const r of requests) {
    const res = await sim.runSimulation(r, { simulationMode: 'Strict' });
    const d = res.resultType === 'error' ? 'error' : DECISION[res.overallResult] || 'other';
    tally[d] = (tally[d] || 0) + 1;
  }
  return requests.length;
}

async function main() {
  const requests = [];
  let skipped = 0;
  for (const line of fs.readFileSync(casesPath, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const r = request(JSON.parse(line));
    if (r) requests.push(r);
    else skipped++;
  }
  // The same request objects are reused by every pass; stable_across_passes reports whether
  // each timed pass gave the warm-up pass's decision counts.
  const warm = {};
  await pass(requests, warm);
  const tally = {};
  let decisions = 0;
  let passes = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    decisions += await pass(requests, tally);
    passes++;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < minSeconds);
  const perPass = {};
  let stable = true;
  for (const [k, v] of Object.entries(tally)) {
    perPass[k] = v / passes;
    if (v !== (warm[k] || 0) * passes) stable = false;
  }
  process.stdout.write(
    JSON.stringify({
      cases: requests.length,
      skipped,
      decisions,
      passes,
      seconds: elapsed,
      decisions_per_sec: decisions / elapsed,
      outcomes_per_pass: perPass,
      stable_across_passes: stable,
    }) + '\n',
  );
}

main().catch((e) => {
  process.stderr.write(`iam_simulate_timing: ${e && e.stack}\n`);
  process.exit(2);
});

// Oracle driver: evaluates policy_eval JSONL cases with @cloud-copilot/iam-simulate, one line out
// per case: {"id","decision":"Allow|ExplicitDeny|ImplicitDeny"} or {"id","error":...}.
// The simulator is AGPL-3.0 and is only ever run here, as a separate node process.
'use strict';

const fs = require('fs');
const readline = require('readline');
const { runSimulation, anonymousPrincipal } = require('@cloud-copilot/iam-simulate');

const OUTCOMES = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
};
// The simulator always adds this RCP to every level; our cases list it explicitly.
const FULL_RCP_ID = 'p-RCPFullAWSAccess';

function doc(p) {
  return p && typeof p === 'object' && 'document' in p ? p.document : p;
}

function named(p, fallback) {
  const d = doc(p);
  return { name: (p && p.name) || fallback, policy: typeof d === 'string' ? JSON.parse(d) : d };
}

function toSimulation(c) {
  const pol = c.policies || {};
  const principal = c.principal || {};
  const anonymous = principal.type === 'anonymous';
  const levels = (key, skipId) =>
    (pol[key] || []).map((level, i) => ({
      orgIdentifier: `${key}-level-${i}`,
      policies: level.filter((p) => !(skipId && p.id === skipId)).map((p, j) => named(p, `${key}${i}_${j}`)),
    }));
  const sim = {
    request: {
      principal: anonymous ? anonymousPrincipal : principal.arn,
      action: c.action,
      resource: {
        resource: c.resource || '*',
        accountId: c.resource_account || principal.account,
      },
      contextVariables: c.context || {},
    },
    identityPolicies: (pol.identity || []).map((p, i) => named(p, `identity${i}`)),
    serviceControlPolicies: levels('scp', null),
    resourceControlPolicies: levels('rcp', FULL_RCP_ID),
  };
  if (pol.boundary) sim.permissionBoundaryPolicies = [named(pol.boundary, 'boundary')];
  if (pol.session && pol.session.length > 0) {
    if (pol.session.length > 1) throw new Error('the oracle supports one session policy');
    sim.sessionPolicy = named(pol.session[0], 'session').policy;
  }
  if (pol.resource) sim.resourcePolicy = named(pol.resource, 'resource').policy;
  return sim;
}

async function evaluate(c) {
  const sim = toSimulation(c);
  const res = await runSimulation(sim, { simulationMode: 'Strict' });
  if (res.resultType === 'error') return { id: c.id, error: res.errors };
  const out = { id: c.id, decision: OUTCOMES[res.overallResult] || res.overallResult };
  if (res.resultType === 'single') {
    const ignored = res.result.ignoredContextKeys || [];
    if (ignored.length > 0) out.ignored = ignored;
  }
  return out;
}

async function main() {
  const input = process.argv[2] ? fs.createReadStream(process.argv[2]) : process.stdin;
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  const lines = [];
  for await (const line of rl) {
    if (line.trim() === '') continue;
    let c;
    try {
      c = JSON.parse(line);
      lines.push(JSON.stringify(await evaluate(c)));
    } catch (e) {
      lines.push(JSON.stringify({ id: c ? c.id : null, error: String(e && e.message) }));
    }
    if (lines.length >= 1000) {
      process.stdout.write(lines.join('\n') + '\n');
      lines.length = 0;
    }
  }
  if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n');
}

main().catch((e) => {
  process.stderr.write(`oracle driver failed: ${e && e.stack}\n`);
  process.exit(2);
});

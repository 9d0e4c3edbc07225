#!/usr/bin/env python3
"""Differential test: Rampart's policy engine (policy_eval --jsonl) vs @cloud-copilot/iam-simulate.

Generates seeded random cases, evaluates them with both engines (two separate processes), and
fails on any decision disagreement that no entry of allowlist.json explains. Every allowlist
entry cites the AWS documentation / spec section showing the oracle is wrong and names the unit
test that pins our behaviour.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def ensure_oracle():
    if os.path.isdir(os.path.join(HERE, "node_modules", "@cloud-copilot", "iam-simulate")):
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True,
                   stdout=sys.stderr)


def load_jsonl(path):
    out = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                out[d.get("id")] = d
    return out


def load_allowlist(path):
    # JSON with whole-line '//' comments.
    with open(path) as f:
        text = "".join(l for l in f if not l.lstrip().startswith("//"))
    return json.loads(text)["entries"]


def documents(case):
    pol = case.get("policies", {})
    refs = list(pol.get("identity", [])) + list(pol.get("session", []))
    refs += [pol[k] for k in ("boundary", "resource") if k in pol]
    for key in ("scp", "rcp"):
        for level in pol.get(key, []):
            refs += level
    for ref in refs:
        doc = ref.get("document", ref) if isinstance(ref, dict) else ref
        doc = json.loads(doc) if isinstance(doc, str) else doc
        stmts = doc.get("Statement", [])
        yield stmts if isinstance(stmts, list) else [stmts]


def conditions(case):
    """(operator, key, [values]) for every condition in every policy of the case."""
    for stmts in documents(case):
        for st in stmts:
            for op, block in st.get("Condition", {}).items():
                for key, vals in block.items():
                    yield op, key, vals if isinstance(vals, list) else [vals]


def context_value(case, key):
    for k, v in case.get("context", {}).items():
        if k.lower() == key.lower():
            return v
    return None


def unresolved_variable(case, value):
    for var in re.findall(r"\$\{([^}]*)\}", value):
        if "," in var or var in ("*", "?", "$"):
            continue
        v = context_value(case, var)
        if v is None or isinstance(v, list):
            return True
    return False


def features(case, ours):
    """Facts about a case (and our answer) that allowlist predicates may test."""
    pol = case.get("policies", {})
    p = case.get("principal", {})
    conds = list(conditions(case))
    base = lambda op: op.split(":")[-1].removesuffix("IfExists")
    return {
        "principal_type": p.get("type"),
        "cross_account": p.get("account") not in (None, case.get("resource_account")),
        "service": case["action"].split(":")[0],
        "has_boundary": "boundary" in pol,
        "decided_by": ours.get("decided_by"),
        # a Date* condition whose policy value or request value is given in epoch seconds
        "epoch_date_value": any(base(op).startswith("Date") and (
            any(str(v).isdigit() for v in vals) or str(context_value(case, k)).isdigit())
            for op, k, vals in conds),
        # a condition on a multi-valued key sent as an empty set
        "condition_on_empty_set": any(context_value(case, k) == [] for _, k, _ in conds),
        # ForAllValues/ForAnyValue + IfExists on a key the request does not carry
        "set_operator_if_exists_on_absent_key": any(
            ":" in op and op.endswith("IfExists") and context_value(case, k) in (None, [])
            for op, k, _ in conds),
        # an IpAddress/NotIpAddress value with a /0 prefix
        "zero_prefix_cidr": any(base(op) in ("IpAddress", "NotIpAddress") and any(
            str(v).endswith("/0") for v in vals) for op, _, vals in conds),
        # a negated operator or a NotResource with a policy variable that resolves to nothing
        "unresolved_variable_in_negation": any(
            "Not" in base(op) and any(unresolved_variable(case, str(v)) for v in vals)
            for op, _, vals in conds) or any(
            unresolved_variable(case, str(r)) for stmts in documents(case) for st in stmts
            for r in (st.get("NotResource") if isinstance(st.get("NotResource"), list)
                      else [st.get("NotResource", "")])),
        # a resource-policy Deny statement written with NotPrincipal
        "not_principal_deny": any(
            "NotPrincipal" in st and st.get("Effect") == "Deny"
            for st in (next(documents({"policies": {"resource": pol["resource"]}}))
                       if "resource" in pol else [])),
        # a session policy applies and the resource policy names the session ARN itself
        "session_arn_grant_with_session_policy": bool(pol.get("session")) and any(
            st.get("Effect") == "Allow" and p.get("arn") and p.get("arn") in json.dumps(
                st.get("Principal", ""))
            for st in (next(documents({"policies": {"resource": pol["resource"]}}))
                       if "resource" in pol else [])),
        # the resource policy grants through Principal "*"
        "resource_policy_wildcard_allow": any(
            st.get("Effect") == "Allow" and st.get("Principal") in ("*", {"AWS": "*"})
            for st in (next(documents({"policies": {"resource": pol["resource"]}}))
                       if "resource" in pol else [])),
    }


def entry_matches(entry, case, ours_answer, oracle):
    ours = ours_answer["decision"]
    if entry.get("ours") not in (None, ours) or entry.get("oracle") not in (None, oracle):
        return False
    if "ids" in entry and case["id"] not in entry["ids"]:
        return False
    f = features(case, ours_answer)
    for k, v in entry.get("when", {}).items():
        if f.get(k) != v:
            return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--policy-eval", required=True)
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--allowlist", default=os.path.join(HERE, "allowlist.json"))
    ap.add_argument("--keep", help="directory to keep cases and answers in")
    ap.add_argument("--show", type=int, default=5, help="disagreements to print in full")
    args = ap.parse_args()

    start = time.time()
    ensure_oracle()
    work = args.keep or tempfile.mkdtemp(prefix="policy-diff-")
    os.makedirs(work, exist_ok=True)
    cases_path = os.path.join(work, "cases.jsonl")
    subprocess.run([sys.executable, os.path.join(HERE, "generate_cases.py"), "--seed",
                    str(args.seed), "--count", str(args.count), "--out", cases_path], check=True)
    ours_path = os.path.join(work, "ours.jsonl")
    oracle_path = os.path.join(work, "oracle.jsonl")
    with open(cases_path) as cin, open(ours_path, "w") as oout, open(oracle_path, "w") as nout:
        node = subprocess.Popen(["node", os.path.join(HERE, "oracle_driver.js"), cases_path],
                                stdout=nout)
        ours = subprocess.run([args.policy_eval, "--jsonl"], stdin=cin, stdout=oout)
        node.wait()
    if ours.returncode != 0 or node.returncode != 0:
        print(f"engine failed: policy_eval={ours.returncode} oracle={node.returncode}")
        return 1

    cases = load_jsonl(cases_path)
    ours_by_id = load_jsonl(ours_path)
    oracle_by_id = load_jsonl(oracle_path)
    allow = load_allowlist(args.allowlist)
    stats = collections.Counter()
    used = collections.Counter()
    unexplained = []
    for cid, case in cases.items():
        o, n = ours_by_id.get(cid), oracle_by_id.get(cid)
        if o is None or n is None:
            stats["missing answer"] += 1
            unexplained.append((case, o, n))
            continue
        if "error" in o or "error" in n or n.get("ignored"):
            stats["harness error"] += 1
            unexplained.append((case, o, n))
            continue
        stats["compared"] += 1
        stats["oracle " + n["decision"]] += 1
        if o["decision"] == n["decision"]:
            stats["agree"] += 1
            continue
        entry = next((e for e in allow if entry_matches(e, case, o, n["decision"])),
                     None)
        if entry is not None:
            stats["allowlisted"] += 1
            used[entry["name"]] += 1
        else:
            unexplained.append((case, o, n))

    print(f"policy differential: seed={args.seed} cases={len(cases)} "
          + " ".join(f"{k.replace(' ', '_')}={v}" for k, v in sorted(stats.items())))
    for name, count in used.most_common():
        print(f"  allowlisted {name}: {count}")
    for case, o, n in unexplained[: args.show]:
        print("UNEXPLAINED", json.dumps({"case": case, "ours": o, "oracle": n}))
    print(f"unexplained={len(unexplained)} elapsed={time.time() - start:.1f}s work={work}")
    return 1 if unexplained or stats["compared"] < args.count * 0.99 else 0


if __name__ == "__main__":
    sys.exit(main())

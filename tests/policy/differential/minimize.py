#!/usr/bin/env python3
"""Shrinks a disagreeing case (one JSON case on stdin) to a minimal one that still disagrees.

Greedy: repeatedly try dropping a policy, a statement, a condition, a list element or a context
key, keeping any candidate for which ours and the oracle still disagree. Candidates of one round
are evaluated in a single batch per engine. Usage:
  python3 minimize.py --policy-eval build/tests/policy/policy_eval < case.json
"""
import argparse
import copy
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def decisions(policy_eval, cases):
    data = "".join(json.dumps(dict(c, id=i)) + "\n" for i, c in enumerate(cases))
    ours = subprocess.run([policy_eval, "--jsonl"], input=data, capture_output=True, text=True)
    oracle = subprocess.run(["node", os.path.join(HERE, "oracle_driver.js")], input=data,
                            capture_output=True, text=True)
    o = {d["id"]: d for d in map(json.loads, ours.stdout.splitlines())}
    n = {d["id"]: d for d in map(json.loads, oracle.stdout.splitlines())}
    return [(o[i].get("decision"), n[i].get("decision")) for i in range(len(cases))]


def shrink_list(xs):
    for i in range(len(xs)):
        yield xs[:i] + xs[i + 1:]


def candidates(case):
    pol = case.get("policies", {})
    for key in list(pol):
        c = copy.deepcopy(case)
        del c["policies"][key]
        yield c
    for key in list(case.get("context", {})):
        c = copy.deepcopy(case)
        del c["context"][key]
        yield c
    # statements and their parts
    def docs(c):
        p = c.get("policies", {})
        for key in ("identity", "session"):
            for i, ref in enumerate(p.get(key, [])):
                yield ref["document"]
        for key in ("boundary", "resource"):
            if key in p:
                yield p[key]["document"]
        for key in ("scp", "rcp"):
            for level in p.get(key, []):
                for ref in level:
                    yield ref["document"]
    for di, _ in enumerate(docs(case)):
        n = len(list(docs(case))[di]["Statement"])
        for si in range(n):
            c = copy.deepcopy(case)
            d = list(docs(c))[di]
            if len(d["Statement"]) > 1:
                del d["Statement"][si]
                yield c
            for field in ("Action", "NotAction", "Resource", "NotResource"):
                st = list(docs(case))[di]["Statement"][si]
                if isinstance(st.get(field), list) and len(st[field]) > 1:
                    for j in range(len(st[field])):
                        c = copy.deepcopy(case)
                        del list(docs(c))[di]["Statement"][si][field][j]
                        yield c
            st = list(docs(case))[di]["Statement"][si]
            for op, kv in st.get("Condition", {}).items():
                for k in kv:
                    c = copy.deepcopy(case)
                    cond = list(docs(c))[di]["Statement"][si]["Condition"]
                    del cond[op][k]
                    if not cond[op]:
                        del cond[op]
                    if not cond:
                        del list(docs(c))[di]["Statement"][si]["Condition"]
                    yield c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--policy-eval", required=True)
    args = ap.parse_args()
    case = json.load(sys.stdin)
    case.pop("id", None)
    (o, n), = decisions(args.policy_eval, [case])
    if o == n:
        print("no disagreement", file=sys.stderr)
        return 1
    while True:
        cands = list(candidates(case))
        if not cands:
            break
        results = decisions(args.policy_eval, cands)
        nxt = next((c for c, (a, b) in zip(cands, results) if a is not None and b is not None
                    and a != b), None)
        if nxt is None:
            break
        case = nxt
    (o, n), = decisions(args.policy_eval, [case])
    print(json.dumps({"ours": o, "oracle": n, "case": case}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

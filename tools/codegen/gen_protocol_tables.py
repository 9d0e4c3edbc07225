#!/usr/bin/env python3
"""Turns AWS service models (botocore service-2.json) plus our overlays into C++ protocol tables.

Usage: gen_protocol_tables.py --model-dir DIR --overlay-dir DIR --out-dir DIR service [service...]
Writes one <service>_tables.cc per service and protocol_registry.cc listing them all.
Only the standard library is used; runs at build time.
"""
import argparse
import glob
import json
import os
import sys

SHAPE_TYPES = ["structure", "list", "map", "string", "integer", "long", "float", "double",
               "boolean", "timestamp", "blob"]
TYPE_ALIASES = {"character": "string", "short": "integer", "byte": "integer",
                "bigdecimal": "double", "biginteger": "long", "document": "structure",
                "union": "structure"}
LOCATIONS = {None: "kBody", "uri": "kUri", "querystring": "kQueryString", "header": "kHeader",
             "headers": "kHeaders", "statusCode": "kStatusCode"}
TS_FORMATS = {None: "kDefault", "iso8601": "kIso8601", "unixTimestamp": "kUnixTimestamp",
              "rfc822": "kRfc822"}
PROTOCOLS = {"query": "kQuery", "ec2": "kEc2", "json": "kJson", "rest-json": "kRestJson",
             "rest-xml": "kRestXml"}
# Shape flags (must match src/protocol/model.h).
S_HAS_MIN, S_HAS_MAX, S_FLATTENED, S_STREAMING, S_EXCEPTION, S_SENSITIVE, S_UNION, \
    S_EVENTSTREAM, S_DOCUMENT, S_SENDER_FAULT = (1 << i for i in range(10))
# Member flags.
M_REQUIRED, M_FLATTENED, M_XML_ATTRIBUTE, M_IDEMPOTENCY, M_HOST_LABEL, M_JSONVALUE, \
    M_STREAMING, M_EVENTPAYLOAD = (1 << i for i in range(8))
INT64_MAX = (1 << 63) - 1
INT64_MIN = -(1 << 63)


def find_model(model_dir, service):
    paths = sorted(glob.glob(os.path.join(model_dir, service, "*", "service-2.json")))
    if not paths:
        sys.exit(f"gen_protocol_tables: no model for service '{service}' under {model_dir}")
    return paths[-1]


def merge_overlay(model, overlay):
    """Overlay operations replace whole entries; overlay shapes merge members into existing ones."""
    for name, op in overlay.get("operations", {}).items():
        model["operations"][name] = dict(op, name=name)
    for name, shape in overlay.get("shapes", {}).items():
        base = model["shapes"].get(name)
        if base is None or base.get("type") != shape.get("type") or "members" not in shape:
            model["shapes"][name] = shape
            continue
        base.setdefault("members", {}).update(shape["members"])
        if "required" in shape:
            base["required"] = sorted(set(base.get("required", [])) | set(shape["required"]))
    for key, value in overlay.get("metadata", {}).items():
        model["metadata"][key] = value


class StringPool:
    def __init__(self):
        self.offsets = {"": 0}
        self.data = bytearray(b"\0")

    def add(self, s):
        if s is None:
            return 0
        s = str(s)
        off = self.offsets.get(s)
        if off is None:
            off = len(self.data)
            self.offsets[s] = off
            self.data += s.encode("utf-8") + b"\0"
        return off

    def emit(self):
        out, line = [], '"'
        for b in self.data:
            if b == 0:
                piece = "\\0\"\n    \""
            elif b in (0x22, 0x5C):
                piece = "\\" + chr(b)
            elif 0x20 <= b < 0x7F and b != 0x3F:  # avoid '?' to dodge trigraph warnings
                piece = chr(b)
            else:
                piece = "\\%03o" % b
            line += piece
        out.append(line + '"')
        return "".join(out)


def clamp(v):
    v = int(v)
    return max(INT64_MIN, min(INT64_MAX, v))


def int_literal(v):
    if v == INT64_MIN:
        return "INT64_MIN"
    return f"INT64_C({v})"


def generate(service, model, out_dir):
    meta = model["metadata"]
    protocol = meta.get("protocol")
    if protocol not in PROTOCOLS:
        sys.exit(f"gen_protocol_tables: {service}: unsupported protocol {protocol}")
    pool = StringPool()
    shape_names = sorted(model["shapes"])
    index = {n: i for i, n in enumerate(shape_names)}
    if len(shape_names) > 65535:
        sys.exit("too many shapes")
    shapes, members, enums = [], [], []

    def member_row(name, ref, required=False):
        flags = 0
        flags |= M_REQUIRED if required else 0
        flags |= M_FLATTENED if ref.get("flattened") else 0
        flags |= M_XML_ATTRIBUTE if ref.get("xmlAttribute") else 0
        flags |= M_IDEMPOTENCY if ref.get("idempotencyToken") else 0
        flags |= M_HOST_LABEL if ref.get("hostLabel") else 0
        flags |= M_JSONVALUE if ref.get("jsonvalue") else 0
        flags |= M_STREAMING if ref.get("streaming") else 0
        flags |= M_EVENTPAYLOAD if ref.get("eventpayload") else 0
        if ref["shape"] not in index:
            sys.exit(f"gen_protocol_tables: {service}: unknown shape {ref['shape']}")
        ns = ref.get("xmlNamespace") or {}
        return (pool.add(name), pool.add(ref.get("locationName")), pool.add(ref.get("queryName")),
                pool.add(ns.get("uri")), pool.add(ns.get("prefix")), index[ref["shape"]], flags,
                LOCATIONS[ref.get("location")])

    for name in shape_names:
        s = model["shapes"][name]
        t = s["type"]
        flags = 0
        if t == "document":
            flags |= S_DOCUMENT
        if t == "union" or s.get("union"):
            flags |= S_UNION
        t = TYPE_ALIASES.get(t, t)
        if t not in SHAPE_TYPES:
            sys.exit(f"gen_protocol_tables: {service}: shape {name} has unknown type {t}")
        mn, mx = 0, 0
        if "min" in s:
            flags |= S_HAS_MIN
            mn = clamp(s["min"])
        if "max" in s:
            flags |= S_HAS_MAX
            mx = clamp(s["max"])
        flags |= S_FLATTENED if s.get("flattened") else 0
        flags |= S_STREAMING if s.get("streaming") else 0
        flags |= S_EXCEPTION if s.get("exception") else 0
        flags |= S_SENSITIVE if s.get("sensitive") else 0
        flags |= S_EVENTSTREAM if s.get("eventstream") else 0
        err = s.get("error") or {}
        if err.get("senderFault") or (s.get("exception") and not s.get("fault")):
            flags |= S_SENDER_FAULT
        first, count = 0, 0
        if t == "structure":
            first = len(members)
            req = set(s.get("required", []))
            for mname, ref in s.get("members", {}).items():
                members.append(member_row(mname, ref, mname in req))
            count = len(members) - first
        elif t == "list":
            first = len(members)
            members.append(member_row("member", s["member"]))
        elif t == "map":
            first = len(members)
            members.append(member_row("key", s["key"]))
            members.append(member_row("value", s["value"]))
        elif t == "string" and "enum" in s:
            first = len(enums)
            enums.extend(pool.add(v) for v in s["enum"])
            count = len(s["enum"])
        if count > 65535:
            sys.exit("too many members")
        ns = s.get("xmlNamespace") or {}
        shapes.append((pool.add(name), pool.add(s.get("pattern")), pool.add(s.get("locationName")),
                       pool.add(ns.get("uri")), pool.add(err.get("code")), pool.add(s.get("payload")),
                       first, mn, mx, count, flags, int(err.get("httpStatusCode", 0)), t,
                       TS_FORMATS[s.get("timestampFormat")]))

    op_rows, op_errors = [], []
    for name in sorted(model["operations"]):
        op = model["operations"][name]
        http = op.get("http", {})
        inp, outp = op.get("input") or {}, op.get("output") or {}
        in_ns = inp.get("xmlNamespace") or {}
        efirst = len(op_errors)
        for e in op.get("errors", []):
            if e["shape"] in index:
                op_errors.append(index[e["shape"]])
        op_rows.append((pool.add(name), pool.add(http.get("method", "POST")),
                        pool.add(http.get("requestUri", "/")), pool.add(outp.get("resultWrapper")),
                        pool.add(inp.get("locationName")), pool.add(in_ns.get("uri")), efirst,
                        index[inp["shape"]] if "shape" in inp else -1,
                        index[outp["shape"]] if "shape" in outp else -1,
                        len(op_errors) - efirst, int(http.get("responseCode", 0))))

    signing = meta.get("signingName") or meta.get("endpointPrefix")
    svc_strings = [pool.add(x) for x in (
        service, signing, meta.get("endpointPrefix"), meta.get("apiVersion"),
        meta.get("xmlNamespace"), meta.get("targetPrefix"), meta.get("serviceId"),
        meta.get("jsonVersion"))]

    ident = service.replace("-", "_")
    w = []
    w.append(f"// Generated by tools/codegen/gen_protocol_tables.py from the {service} model. Do not edit.")
    w.append('#include "protocol/model.h"\n')
    w.append("namespace rampart::protocol::generated {\nnamespace {\n")
    w.append(f"constexpr char kStrings[] =\n    {pool.emit()};\n")
    w.append("constexpr ShapeDef kShapes[] = {")
    for r in shapes:
        w.append(f"    {{{r[0]}u, {r[1]}u, {r[2]}u, {r[3]}u, {r[4]}u, {r[5]}u, {r[6]}u, "
                 f"{int_literal(r[7])}, {int_literal(r[8])}, {r[9]}, {r[10]}, {r[11]}, "
                 f"ShapeType::k{r[12].capitalize()}, TimestampFormat::{r[13]}}},")
    w.append("};\n")
    w.append("constexpr MemberDef kMembers[] = {")
    for r in members:
        w.append(f"    {{{r[0]}u, {r[1]}u, {r[2]}u, {r[3]}u, {r[4]}u, {r[5]}, {r[6]}, "
                 f"Location::{r[7]}}},")
    if not members:
        w.append("    {0u, 0u, 0u, 0u, 0u, 0, 0, Location::kBody},")
    w.append("};\n")
    w.append("constexpr OperationDef kOperations[] = {")
    for r in op_rows:
        w.append("    {" + ", ".join(f"{x}" for x in r) + "},")
    w.append("};\n")
    w.append("constexpr uint32_t kEnumValues[] = {" + ", ".join(map(str, enums or [0])) + "};\n")
    w.append("constexpr uint16_t kErrorShapes[] = {" + ", ".join(map(str, op_errors or [0])) + "};\n")
    w.append("}  // namespace\n")
    w.append(f"extern const ServiceInfo kService_{ident};")
    w.append(f"constexpr ServiceInfo kService_{ident} = {{")
    w.append("    kStrings, kShapes, std::span<const MemberDef>(kMembers, "
             f"{len(members)}), kOperations,")
    w.append(f"    std::span<const uint32_t>(kEnumValues, {len(enums)}), "
             f"std::span<const uint16_t>(kErrorShapes, {len(op_errors)}),")
    w.append(f"    ProtocolKind::{PROTOCOLS[protocol]}, " + ", ".join(f"{x}u" for x in svc_strings) + "};")
    w.append("\n}  // namespace rampart::protocol::generated")
    path = os.path.join(out_dir, f"{ident}_tables.cc")
    write_if_changed(path, "\n".join(w) + "\n")
    return ident


def write_if_changed(path, text):
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir", required=True)
    ap.add_argument("--overlay-dir", required=True)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("services", nargs="+")
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    idents = []
    for service in args.services:
        with open(find_model(args.model_dir, service), encoding="utf-8") as f:
            model = json.load(f)
        overlay_path = os.path.join(args.overlay_dir, f"{service}.json")
        if os.path.exists(overlay_path):
            with open(overlay_path, encoding="utf-8") as f:
                merge_overlay(model, json.load(f))
        idents.append(generate(service, model, args.out_dir))
    reg = ["// Generated by tools/codegen/gen_protocol_tables.py: the list of generated services.",
           '#include "protocol/model.h"\n', "namespace rampart::protocol {", "namespace generated {"]
    reg += [f"extern const ServiceInfo kService_{i};" for i in idents]
    reg.append("}  // namespace generated\n")
    reg.append("namespace {\nconstexpr const ServiceInfo* kAll[] = {")
    reg += [f"    &generated::kService_{i}," for i in idents]
    reg.append("};\n}  // namespace\n")
    reg.append("std::span<const ServiceInfo* const> AllServices() { return kAll; }\n")
    reg.append("}  // namespace rampart::protocol")
    write_if_changed(os.path.join(args.out_dir, "protocol_registry.cc"), "\n".join(reg) + "\n")


if __name__ == "__main__":
    main()

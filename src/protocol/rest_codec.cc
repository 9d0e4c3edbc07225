// rest-json / rest-xml: HTTP bindings (uri labels, querystring, headers, payload) <-> documents.
#include <algorithm>

#include "protocol/codec.h"
#include "protocol/protocol.h"

namespace rampart::protocol::internal {

namespace json = boost::json;

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string_view> SplitPath(std::string_view p) {
  std::vector<std::string_view> out;
  if (!p.empty() && p.front() == '/') p.remove_prefix(1);
  while (true) {
    auto slash = p.find('/');
    out.push_back(p.substr(0, slash));
    if (slash == std::string_view::npos) break;
    p = p.substr(slash + 1);
  }
  return out;
}

bool Lowered(std::string_view a, std::string_view prefix) {
  return a.size() >= prefix.size() && http::IEquals(a.substr(0, prefix.size()), prefix);
}

std::string_view XmlNamespaceFor(const ServiceInfo& svc) {
  if (svc.xml_namespace) return svc.Str(svc.xml_namespace);
  if (svc.Name() == "s3") return "http://s3.amazonaws.com/doc/2006-03-01/";
  if (svc.Name() == "s3control") return "http://awss3control.amazonaws.com/doc/2018-08-20/";
  return {};
}

AwsError MalformedBody(const ServiceInfo& svc) {
  if (svc.protocol == ProtocolKind::kRestXml)
    return AwsError::Sender("MalformedXML",
                            "The XML you provided was not well-formed or did not validate against "
                            "our published schema");
  return SerializationError(svc, "The request body is not valid JSON");
}

Result<json::value> DecodeStructuredPayload(const ServiceInfo& svc, const ShapeDef& shape,
                                            std::string_view body, bool body_only) {
  if (svc.protocol == ProtocolKind::kRestJson) {
    RAMPART_ASSIGN_OR_RETURN(json::object o, DecodeJsonBody(svc, shape, body));
    if (body_only) {
      for (const MemberDef& m : svc.Members(shape))
        if (m.location != Location::kBody) o.erase(svc.Str(m.name));
    }
    return json::value(std::move(o));
  }
  pugi::xml_document doc;
  pugi::xml_parse_result r =
      doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!r || !doc.document_element()) return MalformedBody(svc);
  if (shape.type != ShapeType::kStructure) return XmlToDocument(svc, shape, doc.document_element());
  RAMPART_ASSIGN_OR_RETURN(json::object o,
                           DecodeXmlStructure(svc, shape, doc.document_element(), body_only));
  return json::value(std::move(o));
}

Result<json::value> HeaderValue(const ServiceInfo& svc, const MemberDef& m, std::string_view text) {
  const ShapeDef& t = svc.Target(m);
  std::string_view where = svc.WireName(m);
  if (t.type == ShapeType::kList) {
    json::array arr;
    const ShapeDef& item = svc.Target(svc.ListMember(t));
    while (!text.empty()) {
      auto comma = text.find(',');
      std::string_view part = wire::Trim(text.substr(0, comma));
      if (!part.empty()) {
        RAMPART_ASSIGN_OR_RETURN(json::value v, ScalarFromText(svc, item, part, where));
        arr.push_back(std::move(v));
      }
      if (comma == std::string_view::npos) break;
      text = text.substr(comma + 1);
    }
    return json::value(std::move(arr));
  }
  if (t.type == ShapeType::kString && m.Has(member_flags::kJsonValue)) {
    auto decoded = wire::Base64Decode(wire::Trim(text));
    if (!decoded) return SerializationError(svc, "Header " + std::string(where) + " is invalid");
    return json::value(json::string(*decoded));
  }
  return ScalarFromText(svc, t, text, where);
}

}  // namespace

std::optional<Pairs> ParseQueryPairs(std::string_view s) {
  Pairs out;
  while (!s.empty()) {
    auto amp = s.find('&');
    std::string_view pair = s.substr(0, amp);
    s = amp == std::string_view::npos ? std::string_view() : s.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = wire::PercentDecode(pair.substr(0, eq), true);
    auto value = wire::PercentDecode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!key || !value) return std::nullopt;
    out.emplace_back(std::move(*key), std::move(*value));
  }
  return out;
}

int MatchRequestUri(std::string_view tmpl, std::string_view raw_path, const Pairs& query,
                    Pairs* labels) {
  labels->clear();
  auto q = tmpl.find('?');
  std::string_view tpath = tmpl.substr(0, q);
  std::string_view tquery = q == std::string_view::npos ? std::string_view() : tmpl.substr(q + 1);
  int score = 0;
  // Literal query requirements.
  while (!tquery.empty()) {
    auto amp = tquery.find('&');
    std::string_view lit = tquery.substr(0, amp);
    tquery = amp == std::string_view::npos ? std::string_view() : tquery.substr(amp + 1);
    auto eq = lit.find('=');
    std::string_view k = lit.substr(0, eq);
    bool found = false;
    for (const auto& [qk, qv] : query)
      if (qk == k && (eq == std::string_view::npos || qv == lit.substr(eq + 1))) found = true;
    if (!found) return -1;
    score += 1000;
  }
  std::vector<std::string_view> ts = SplitPath(tpath);
  std::vector<std::string_view> ps = SplitPath(raw_path);
  if (ts.size() < ps.size() && !ps.empty() && ps.back().empty() && !ts.back().empty() &&
      ts.back().find("+}") == std::string_view::npos)
    ps.pop_back();  // tolerate one trailing slash ("/bucket/")
  for (size_t i = 0; i < ts.size(); ++i) {
    std::string_view t = ts[i];
    const bool label = t.size() > 2 && t.front() == '{' && t.back() == '}';
    if (label && t[t.size() - 2] == '+') {
      if (i >= ps.size()) return -1;
      std::string rest;
      for (size_t j = i; j < ps.size(); ++j) {
        if (j > i) rest += '/';
        rest += ps[j];
      }
      auto v = wire::PercentDecode(rest, false);
      if (!v || v->empty()) return -1;
      labels->emplace_back(std::string(t.substr(1, t.size() - 3)), std::move(*v));
      return score + 1;
    }
    if (i >= ps.size()) return -1;
    if (label) {
      auto v = wire::PercentDecode(ps[i], false);
      if (!v || v->empty()) return -1;
      labels->emplace_back(std::string(t.substr(1, t.size() - 2)), std::move(*v));
      score += 2;
    } else {
      if (t != ps[i]) return -1;
      score += 10;
    }
  }
  return ps.size() == ts.size() ? score : -1;
}

std::string EffectiveRestPath(const ServiceInfo& svc, const http::Request& req) {
  std::string path(req.Path());
  if (svc.Name() != "s3") return path;
  std::string_view host = req.headers.Get("host");
  if (host.empty()) return path;
  if (host.front() == '[') return path;  // IPv6 literal
  host = host.substr(0, host.rfind(':') == std::string_view::npos ? host.size() : host.rfind(':'));
  bool ip = !host.empty() && std::all_of(host.begin(), host.end(),
                                         [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
  if (ip) return path;
  std::string lower(host);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
  std::string bucket;
  for (const char* marker : {".s3.", ".s3-"}) {
    auto pos = lower.find(marker);
    if (pos != std::string::npos && bucket.empty()) bucket = std::string(host.substr(0, pos));
  }
  if (bucket.empty() && lower.size() > 10 && lower.ends_with(".localhost") &&
      !lower.starts_with("s3."))
    bucket = std::string(host.substr(0, host.size() - 10));
  if (bucket.empty()) return path;
  return "/" + bucket + (path == "/" ? std::string() : path);
}

Result<json::object> DecodeRest(const ServiceInfo& svc, const OperationInfo& op,
                                const http::Request& req) {
  const ShapeDef* in = svc.Input(op);
  if (!in) return json::object();
  auto query = ParseQueryPairs(req.RawQuery());
  if (!query) return SerializationError(svc, "Malformed query string");
  Pairs labels;
  std::string path = EffectiveRestPath(svc, req);
  MatchRequestUri(svc.Str(op.request_uri), path, *query, &labels);
  json::object out;
  std::vector<bool> query_used(query->size(), false);
  const MemberDef* query_map = nullptr;
  for (const MemberDef& m : svc.Members(*in)) {
    std::string_view wire_name = svc.WireName(m);
    const ShapeDef& t = svc.Target(m);
    switch (m.location) {
      case Location::kUri:
        for (const auto& [k, v] : labels) {
          if (k != wire_name) continue;
          RAMPART_ASSIGN_OR_RETURN(json::value val, ScalarFromText(svc, t, v, wire_name));
          out[svc.Str(m.name)] = std::move(val);
        }
        break;
      case Location::kQueryString: {
        if (t.type == ShapeType::kMap) {
          query_map = &m;
          break;
        }
        json::array items;
        for (size_t i = 0; i < query->size(); ++i) {
          if ((*query)[i].first != wire_name) continue;
          query_used[i] = true;
          const ShapeDef& st = t.type == ShapeType::kList ? svc.Target(svc.ListMember(t)) : t;
          RAMPART_ASSIGN_OR_RETURN(json::value val,
                                   ScalarFromText(svc, st, (*query)[i].second, wire_name));
          items.push_back(std::move(val));
        }
        if (items.empty()) break;
        if (t.type == ShapeType::kList) {
          out[svc.Str(m.name)] = std::move(items);
        } else {
          out[svc.Str(m.name)] = items.back();
        }
        break;
      }
      case Location::kHeader: {
        const std::string* hv = req.headers.Find(wire_name);
        if (!hv) break;
        RAMPART_ASSIGN_OR_RETURN(json::value val, HeaderValue(svc, m, *hv));
        out[svc.Str(m.name)] = std::move(val);
        break;
      }
      case Location::kHeaders: {
        json::object map;
        for (const auto& [k, v] : req.headers.items) {
          if (!Lowered(k, wire_name)) continue;
          std::string key = k.substr(wire_name.size());
          std::transform(key.begin(), key.end(), key.begin(), [](char c) {
            return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
          });
          map[key] = v;
        }
        if (!map.empty()) out[svc.Str(m.name)] = std::move(map);
        break;
      }
      default:
        break;
    }
  }
  if (query_map) {
    json::object map;
    for (size_t i = 0; i < query->size(); ++i)
      if (!query_used[i]) map[(*query)[i].first] = (*query)[i].second;
    if (!map.empty()) out[svc.Str(query_map->name)] = std::move(map);
  }
  // Body.
  if (in->payload) {
    const MemberDef* pm = svc.FindMember(*in, svc.Str(in->payload));
    if (!pm) return out;
    const ShapeDef& pt = svc.Target(*pm);
    if (pt.type == ShapeType::kBlob || pt.type == ShapeType::kString) {
      if (!req.body.empty() || pm->Has(member_flags::kStreaming) || pt.Has(shape_flags::kStreaming))
        out[svc.Str(pm->name)] = json::string(req.body);
      return out;
    }
    if (wire::Trim(req.body).empty()) return out;
    RAMPART_ASSIGN_OR_RETURN(json::value v, DecodeStructuredPayload(svc, pt, req.body, false));
    out[svc.Str(pm->name)] = std::move(v);
    return out;
  }
  if (wire::Trim(req.body).empty()) return out;
  RAMPART_ASSIGN_OR_RETURN(json::value body, DecodeStructuredPayload(svc, *in, req.body, true));
  for (auto& kv : body.get_object()) out[kv.key()] = std::move(kv.value());
  return out;
}

void EncodeRest(const ServiceInfo& svc, const OperationInfo& op, const json::object& doc,
                http::Response& resp) {
  resp.status = op.response_code ? op.response_code : 200;
  const bool is_xml = svc.protocol == ProtocolKind::kRestXml;
  const ShapeDef* out = svc.Output(op);
  if (!out) return;
  for (const MemberDef& m : svc.Members(*out)) {
    auto it = doc.find(svc.Str(m.name));
    if (it == doc.end() || it->value().is_null()) continue;
    const ShapeDef& t = svc.Target(m);
    std::string_view wire_name = svc.WireName(m);
    if (m.location == Location::kStatusCode && it->value().is_int64()) {
      resp.status = static_cast<int>(it->value().get_int64());
    } else if (m.location == Location::kHeader) {
      std::string text;
      if (t.type == ShapeType::kList && it->value().is_array()) {
        for (const json::value& e : it->value().get_array()) {
          if (!text.empty()) text += ",";
          text += ScalarToText(svc, svc.Target(svc.ListMember(t)), e, TimestampFormat::kRfc822);
        }
      } else if (m.Has(member_flags::kJsonValue) && it->value().is_string()) {
        text = wire::Base64Encode(it->value().get_string());
      } else {
        text = ScalarToText(svc, t, it->value(), TimestampFormat::kRfc822);
      }
      resp.headers.Add(std::string(wire_name), std::move(text));
    } else if (m.location == Location::kHeaders && it->value().is_object()) {
      for (const auto& kv : it->value().get_object())
        resp.headers.Add(std::string(wire_name) + std::string(kv.key()),
                         kv.value().is_string() ? std::string(kv.value().get_string())
                                                : json::serialize(kv.value()));
    }
  }
  std::string_view ns = XmlNamespaceFor(svc);
  std::string ns_attr = ns.empty() ? std::string() : " xmlns=\"" + std::string(ns) + "\"";
  if (out->payload) {
    const MemberDef* pm = svc.FindMember(*out, svc.Str(out->payload));
    if (!pm) return;
    auto it = doc.find(svc.Str(pm->name));
    if (it == doc.end()) return;
    const ShapeDef& pt = svc.Target(*pm);
    if (pt.type == ShapeType::kBlob || pt.type == ShapeType::kString) {
      if (it->value().is_string()) resp.body = std::string(it->value().get_string());
      return;
    }
    if (!it->value().is_object()) return;
    if (!is_xml) {
      resp.headers.Set("Content-Type", "application/json");
      resp.body = json::serialize(DocumentToJson(svc, pt, it->value(), false));
      return;
    }
    std::string_view root = pm->location_name ? svc.Str(pm->location_name)
                            : pt.xml_name     ? svc.Str(pt.xml_name)
                                              : svc.Str(pm->name);
    XmlWriter w;
    w.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.Open(root, ns_attr);
    WriteXmlMembers(svc, pt, it->value().get_object(), w, false);
    w.Close(root);
    resp.headers.Set("Content-Type", "application/xml");
    resp.body = std::move(w.str());
    return;
  }
  bool has_body = false;
  for (const MemberDef& m : svc.Members(*out))
    if (m.location == Location::kBody && doc.contains(svc.Str(m.name))) has_body = true;
  if (!is_xml) {
    resp.headers.Set("Content-Type", "application/json");
    resp.body = json::serialize(DocumentToJson(svc, *out, json::value(doc), true));
    return;
  }
  if (!has_body) return;
  std::string_view root = out->xml_name ? svc.Str(out->xml_name) : svc.Str(out->name);
  XmlWriter w;
  w.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  w.Open(root, ns_attr);
  WriteXmlMembers(svc, *out, doc, w, true);
  w.Close(root);
  resp.headers.Set("Content-Type", "application/xml");
  resp.body = std::move(w.str());
}

}  // namespace rampart::protocol::internal

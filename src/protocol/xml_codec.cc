// XML bodies <-> documents, driven by the model (query/ec2 outputs, rest-xml payloads).
#include "protocol/codec.h"
#include "protocol/protocol.h"

namespace rampart::protocol::internal {

namespace json = boost::json;

namespace {

constexpr int kMaxDepth = 64;

bool IsBodyMember(const MemberDef& m) { return m.location == Location::kBody; }

bool ListFlattened(const ShapeDef& list, const MemberDef* ref) {
  return list.Has(shape_flags::kFlattened) || (ref && ref->Has(member_flags::kFlattened));
}

// Element name of a member; flattened lists use their item's locationName when present.
std::string_view ElementName(const ServiceInfo& svc, const MemberDef& m) {
  const ShapeDef& t = svc.Target(m);
  if (t.type == ShapeType::kList && ListFlattened(t, &m)) {
    const MemberDef& item = svc.ListMember(t);
    if (item.location_name) return svc.Str(item.location_name);
  }
  return svc.WireName(m);
}

void WriteValue(const ServiceInfo& svc, std::string_view name, const MemberDef& ref,
                const json::value& v, XmlWriter& w, int depth);

std::string NamespaceAttr(const ServiceInfo& svc, const MemberDef& ref) {
  if (!ref.xml_ns) return {};
  std::string a = " xmlns";
  if (ref.xml_ns_prefix) a += ":" + std::string(svc.Str(ref.xml_ns_prefix));
  return a + "=\"" + wire::XmlEscape(svc.Str(ref.xml_ns)) + "\"";
}

void WriteStructure(const ServiceInfo& svc, std::string_view name, const MemberDef& ref,
                    const ShapeDef& shape, const json::object& obj, XmlWriter& w, int depth) {
  std::string attrs = NamespaceAttr(svc, ref);
  for (const MemberDef& m : svc.Members(shape)) {
    if (!m.Has(member_flags::kXmlAttribute)) continue;
    auto it = obj.find(svc.Str(m.name));
    if (it == obj.end()) continue;
    std::string_view an = svc.WireName(m);
    auto colon = an.find(':');
    if (colon != std::string_view::npos && shape.xml_ns)
      attrs += " xmlns:" + std::string(an.substr(0, colon)) + "=\"" +
               wire::XmlEscape(svc.Str(shape.xml_ns)) + "\"";
    attrs +=
        " " + std::string(an) + "=\"" +
        wire::XmlEscape(ScalarToText(svc, svc.Target(m), it->value(), TimestampFormat::kIso8601)) +
        "\"";
  }
  w.Open(name, attrs);
  WriteXmlMembers(svc, shape, obj, w, false);
  w.Close(name);
  (void)depth;
}

void WriteValue(const ServiceInfo& svc, std::string_view name, const MemberDef& ref,
                const json::value& v, XmlWriter& w, int depth) {
  if (depth > kMaxDepth) return;
  const ShapeDef& shape = svc.Target(ref);
  switch (shape.type) {
    case ShapeType::kStructure:
      if (v.is_object()) WriteStructure(svc, name, ref, shape, v.get_object(), w, depth + 1);
      return;
    case ShapeType::kList: {
      if (!v.is_array()) return;
      const MemberDef& item = svc.ListMember(shape);
      if (ListFlattened(shape, &ref)) {
        for (const json::value& e : v.get_array()) WriteValue(svc, name, item, e, w, depth + 1);
        return;
      }
      std::string_view item_name = item.location_name ? svc.Str(item.location_name) : "member";
      w.Open(name, NamespaceAttr(svc, ref));
      for (const json::value& e : v.get_array()) WriteValue(svc, item_name, item, e, w, depth + 1);
      w.Close(name);
      return;
    }
    case ShapeType::kMap: {
      if (!v.is_object()) return;
      const MemberDef& k = svc.MapKey(shape);
      const MemberDef& val = svc.MapValue(shape);
      std::string_view kn = k.location_name ? svc.Str(k.location_name) : "key";
      std::string_view vn = val.location_name ? svc.Str(val.location_name) : "value";
      const bool flat = shape.Has(shape_flags::kFlattened) || ref.Has(member_flags::kFlattened);
      if (!flat) w.Open(name);
      for (const auto& kv : v.get_object()) {
        w.Open(flat ? name : std::string_view("entry"));
        w.Element(kn, kv.key());
        WriteValue(svc, vn, val, kv.value(), w, depth + 1);
        w.Close(flat ? name : std::string_view("entry"));
      }
      if (!flat) w.Close(name);
      return;
    }
    default:
      w.Open(name, NamespaceAttr(svc, ref));
      w.Text(ScalarToText(svc, shape, v, TimestampFormat::kIso8601));
      w.Close(name);
  }
}

// Children of `node` with the given local name.
bool NameIs(const pugi::xml_node& n, std::string_view name) {
  std::string_view nn = n.name();
  if (nn == name) return true;
  auto colon = nn.find(':');
  return colon != std::string_view::npos && nn.substr(colon + 1) == name;
}

Result<json::value> ReadValue(const ServiceInfo& svc, const MemberDef& ref,
                              const pugi::xml_node& node, int depth);

Result<json::value> ReadList(const ServiceInfo& svc, const ShapeDef& shape,
                             const pugi::xml_node& node, int depth) {
  const MemberDef& item = svc.ListMember(shape);
  json::array arr;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    RAMPART_ASSIGN_OR_RETURN(json::value v, ReadValue(svc, item, c, depth + 1));
    arr.push_back(std::move(v));
  }
  return json::value(std::move(arr));
}

Result<json::value> ReadMapEntries(const ServiceInfo& svc, const ShapeDef& shape,
                                   std::span<const pugi::xml_node> entries, int depth) {
  const MemberDef& k = svc.MapKey(shape);
  const MemberDef& val = svc.MapValue(shape);
  std::string_view kn = k.location_name ? svc.Str(k.location_name) : "key";
  std::string_view vn = val.location_name ? svc.Str(val.location_name) : "value";
  json::object obj;
  for (const pugi::xml_node& e : entries) {
    pugi::xml_node kx, vx;
    for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
      if (NameIs(c, kn)) kx = c;
      if (NameIs(c, vn)) vx = c;
    }
    if (!kx) continue;
    json::value v = json::string();
    if (vx) {
      RAMPART_ASSIGN_OR_RETURN(v, ReadValue(svc, val, vx, depth + 1));
    }
    obj[kx.child_value()] = std::move(v);
  }
  return json::value(std::move(obj));
}

Result<json::value> ReadValue(const ServiceInfo& svc, const MemberDef& ref,
                              const pugi::xml_node& node, int depth) {
  if (depth > kMaxDepth) return SerializationError(svc, "XML nesting too deep");
  const ShapeDef& shape = svc.Target(ref);
  switch (shape.type) {
    case ShapeType::kStructure: {
      RAMPART_ASSIGN_OR_RETURN(json::object o, DecodeXmlStructure(svc, shape, node, false));
      return json::value(std::move(o));
    }
    case ShapeType::kList:
      return ReadList(svc, shape, node, depth);
    case ShapeType::kMap: {
      std::vector<pugi::xml_node> entries;
      for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element) entries.push_back(c);
      return ReadMapEntries(svc, shape, entries, depth);
    }
    default:
      return ScalarFromText(svc, shape, node.child_value(), node.name());
  }
}

thread_local int g_depth = 0;

}  // namespace

void WriteXmlMembers(const ServiceInfo& svc, const ShapeDef& shape, const json::object& doc,
                     XmlWriter& w, bool body_members_only) {
  if (++g_depth > kMaxDepth) {
    --g_depth;
    return;
  }
  for (const MemberDef& m : svc.Members(shape)) {
    if (m.Has(member_flags::kXmlAttribute)) continue;
    if (body_members_only && !IsBodyMember(m)) continue;
    auto it = doc.find(svc.Str(m.name));
    if (it == doc.end() || it->value().is_null()) continue;
    WriteValue(svc, ElementName(svc, m), m, it->value(), w, g_depth);
  }
  --g_depth;
}

Result<json::value> XmlToDocument(const ServiceInfo& svc, const ShapeDef& shape,
                                  const pugi::xml_node& node) {
  if (shape.type == ShapeType::kStructure) {
    RAMPART_ASSIGN_OR_RETURN(json::object o, DecodeXmlStructure(svc, shape, node, false));
    return json::value(std::move(o));
  }
  if (shape.type == ShapeType::kList) return ReadList(svc, shape, node, 0);
  return ScalarFromText(svc, shape, node.child_value(), node.name());
}

Result<json::object> DecodeXmlStructure(const ServiceInfo& svc, const ShapeDef& shape,
                                        const pugi::xml_node& node, bool body_members_only) {
  if (++g_depth > kMaxDepth) {
    --g_depth;
    return SerializationError(svc, "XML nesting too deep");
  }
  struct Guard {
    ~Guard() { --g_depth; }
  } guard;
  json::object out;
  for (const MemberDef& m : svc.Members(shape)) {
    if (body_members_only && !IsBodyMember(m)) continue;
    const ShapeDef& t = svc.Target(m);
    std::string_view name = svc.WireName(m);
    if (m.Has(member_flags::kXmlAttribute)) {
      auto colon = name.find(':');
      pugi::xml_attribute a = node.attribute(std::string(name).c_str());
      if (!a && colon != std::string_view::npos) {
        for (pugi::xml_attribute x = node.first_attribute(); x; x = x.next_attribute()) {
          std::string_view an = x.name();
          auto c2 = an.find(':');
          if (c2 != std::string_view::npos && an.substr(c2 + 1) == name.substr(colon + 1)) a = x;
        }
      }
      if (!a) continue;
      RAMPART_ASSIGN_OR_RETURN(json::value v, ScalarFromText(svc, t, a.value(), name));
      out[svc.Str(m.name)] = std::move(v);
      continue;
    }
    std::string_view ename = ElementName(svc, m);
    const bool flat_list = t.type == ShapeType::kList && ListFlattened(t, &m);
    const bool flat_map = t.type == ShapeType::kMap &&
                          (t.Has(shape_flags::kFlattened) || m.Has(member_flags::kFlattened));
    if (flat_list || flat_map) {
      std::vector<pugi::xml_node> items;
      for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && NameIs(c, ename)) items.push_back(c);
      if (items.empty()) continue;
      if (flat_map) {
        RAMPART_ASSIGN_OR_RETURN(json::value v, ReadMapEntries(svc, t, items, g_depth));
        out[svc.Str(m.name)] = std::move(v);
        continue;
      }
      json::array arr;
      for (const pugi::xml_node& c : items) {
        RAMPART_ASSIGN_OR_RETURN(json::value v, ReadValue(svc, svc.ListMember(t), c, g_depth));
        arr.push_back(std::move(v));
      }
      out[svc.Str(m.name)] = std::move(arr);
      continue;
    }
    pugi::xml_node child;
    for (pugi::xml_node c = node.first_child(); c && !child; c = c.next_sibling())
      if (c.type() == pugi::node_element && NameIs(c, ename)) child = c;
    if (!child) continue;
    RAMPART_ASSIGN_OR_RETURN(json::value v, ReadValue(svc, m, child, g_depth));
    out[svc.Str(m.name)] = std::move(v);
  }
  return out;
}

}  // namespace rampart::protocol::internal

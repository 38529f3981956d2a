#include "tfplugin/cty/value.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <variant>

#include "tfplugin/cty/json_text.h"

namespace polybackup::cty {
namespace {

enum class State : uint8_t { kNull, kUnknown, kKnown };

[[noreturn]] void Die(const char* what) { throw UsageError(what); }

// A value of type `have` may stand where `want` is expected: `want` is
// dynamic (any concrete type), `have` is dynamic (a null or unknown of no
// concrete type), or the two have the same shape with the same rule inside.
bool Conforms(const Type& have, const Type& want) {
  if (want.is_dynamic() || have.is_dynamic()) return true;
  // Decoded values share their schema's type representation, which makes
  // this check O(1) on the hot path (operator== compares pointers first).
  if (have == want) return true;
  if (have.kind() != want.kind()) return false;
  switch (want.kind()) {
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kMap:
      return Conforms(have.element(), want.element());
    case Type::Kind::kObject: {
      const auto& ha = have.attributes();
      const auto& wa = want.attributes();
      if (ha.size() != wa.size()) return false;
      for (auto hi = ha.begin(), wi = wa.begin(); hi != ha.end(); ++hi, ++wi) {
        if (hi->first != wi->first || !Conforms(hi->second, wi->second)) return false;
      }
      return true;
    }
    case Type::Kind::kTuple: {
      const auto& he = have.tuple_elements();
      const auto& we = want.tuple_elements();
      if (he.size() != we.size()) return false;
      for (size_t i = 0; i < he.size(); ++i) {
        if (!Conforms(he[i], we[i])) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

}  // namespace

bool Refinements::empty() const {
  return !nullable && !string_prefix && !number_lower && !number_upper && !length_lower &&
         !length_upper;
}

struct Value::Rep {
  Type type;
  State state = State::kNull;
  bool wholly_known = false;
  std::variant<std::monostate, std::string, cty::Number, bool, std::vector<Value>,
               std::map<std::string, Value>, Refinements>
      data;
};

Value::Value(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}

Value::Value() {
  static const auto* null_dynamic = new std::shared_ptr<const Rep>(std::make_shared<Rep>());
  rep_ = *null_dynamic;
}

Value Value::Null(Type type) {
  auto r = std::make_shared<Rep>();
  r->type = std::move(type);
  r->wholly_known = true;  // cty: a null is known
  return Value(std::move(r));
}

Value Value::Unknown(Type type, Refinements refinements) {
  auto r = std::make_shared<Rep>();
  r->type = std::move(type);
  r->state = State::kUnknown;
  if (!refinements.empty()) r->data = std::move(refinements);
  return Value(std::move(r));
}

#define POLYBACKUP_KNOWN(TYPE, DATA, WHOLLY) \
  ([&] {                                     \
    auto r = std::make_shared<Rep>();        \
    r->type = (TYPE);                        \
    r->state = State::kKnown;                \
    r->wholly_known = (WHOLLY);              \
    r->data = (DATA);                        \
    return Value(std::move(r));              \
  }())

Value Value::String(std::string s) { return POLYBACKUP_KNOWN(Type::String(), std::move(s), true); }
Value Value::Number(cty::Number n) { return POLYBACKUP_KNOWN(Type::Number(), std::move(n), true); }
Value Value::NumberInt(int64_t n) { return Number(cty::Number::FromInt(n)); }
Value Value::Bool(bool b) { return POLYBACKUP_KNOWN(Type::Bool(), b, true); }

namespace {
bool AllWhollyKnown(const std::vector<Value>& vs) {
  return std::all_of(vs.begin(), vs.end(), [](const Value& v) { return v.is_wholly_known(); });
}
bool AllWhollyKnown(const std::map<std::string, Value>& vs) {
  return std::all_of(vs.begin(), vs.end(),
                     [](const auto& kv) { return kv.second.is_wholly_known(); });
}
}  // namespace

Value Value::List(Type element, std::vector<Value> elements) {
  for (const auto& e : elements) {
    if (!Conforms(e.type(), element)) Die("list element of the wrong type");
  }
  bool wk = AllWhollyKnown(elements);
  return POLYBACKUP_KNOWN(Type::List(std::move(element)), std::move(elements), wk);
}

Value Value::Set(Type element, std::vector<Value> elements) {
  for (const auto& e : elements) {
    if (!Conforms(e.type(), element)) Die("set element of the wrong type");
  }
  std::sort(elements.begin(), elements.end(),
            [](const Value& a, const Value& b) { return cty::Compare(a, b) < 0; });
  // Compare == 0 implies the same unknown positions, so checking one side
  // for being wholly known is enough.
  elements.erase(std::unique(elements.begin(), elements.end(),
                             [](const Value& a, const Value& b) {
                               return a.is_wholly_known() && a.Equals(b);
                             }),
                 elements.end());
  bool wk = AllWhollyKnown(elements);
  return POLYBACKUP_KNOWN(Type::Set(std::move(element)), std::move(elements), wk);
}

Value Value::Map(Type element, std::map<std::string, Value> elements) {
  for (const auto& [k, e] : elements) {
    if (!Conforms(e.type(), element)) Die("map element of the wrong type");
  }
  bool wk = AllWhollyKnown(elements);
  return POLYBACKUP_KNOWN(Type::Map(std::move(element)), std::move(elements), wk);
}

Value Value::Object(Type type, std::map<std::string, Value> attributes) {
  if (type.kind() != Type::Kind::kObject) Die("Value::Object needs an object type");
  const auto& want = type.attributes();
  if (want.size() != attributes.size()) Die("object attributes do not match its type");
  auto ai = attributes.begin();
  for (auto wi = want.begin(); wi != want.end(); ++wi, ++ai) {
    if (wi->first != ai->first || !Conforms(ai->second.type(), wi->second)) {
      Die("object attributes do not match its type");
    }
  }
  bool wk = AllWhollyKnown(attributes);
  return POLYBACKUP_KNOWN(std::move(type), std::move(attributes), wk);
}

Value Value::ObjectFrom(std::map<std::string, Value> attributes) {
  std::map<std::string, Type> types;
  for (const auto& [k, v] : attributes) types.emplace(k, v.type());
  bool wk = AllWhollyKnown(attributes);
  return POLYBACKUP_KNOWN(Type::Object(std::move(types)), std::move(attributes), wk);
}

Value Value::Tuple(std::vector<Value> elements) {
  std::vector<Type> types;
  types.reserve(elements.size());
  for (const auto& v : elements) types.push_back(v.type());
  bool wk = AllWhollyKnown(elements);
  return POLYBACKUP_KNOWN(Type::Tuple(std::move(types)), std::move(elements), wk);
}

#undef POLYBACKUP_KNOWN

const Type& Value::type() const { return rep_->type; }
bool Value::is_null() const { return rep_->state == State::kNull; }
bool Value::is_known() const { return rep_->state != State::kUnknown; }
bool Value::is_wholly_known() const { return rep_->wholly_known; }

const Refinements& Value::refinements() const {
  static const Refinements* kNone = new Refinements();
  if (const auto* r = std::get_if<Refinements>(&rep_->data)) return *r;
  return *kNone;
}

const std::string& Value::AsString() const {
  const auto* p = std::get_if<std::string>(&rep_->data);
  if (p == nullptr) Die("AsString on a value that is not a known string");
  return *p;
}
const cty::Number& Value::AsNumber() const {
  const auto* p = std::get_if<cty::Number>(&rep_->data);
  if (p == nullptr) Die("AsNumber on a value that is not a known number");
  return *p;
}
bool Value::AsBool() const {
  const auto* p = std::get_if<bool>(&rep_->data);
  if (p == nullptr) Die("AsBool on a value that is not a known bool");
  return *p;
}
const std::vector<Value>& Value::Elements() const {
  const auto* p = std::get_if<std::vector<Value>>(&rep_->data);
  if (p == nullptr) Die("Elements on a value that is not a known list, set or tuple");
  return *p;
}
const std::map<std::string, Value>& Value::Attributes() const {
  const auto* p = std::get_if<std::map<std::string, Value>>(&rep_->data);
  if (p == nullptr) Die("Attributes on a value that is not a known map or object");
  return *p;
}
const Value& Value::GetAttr(const std::string& name) const {
  const auto& attrs = Attributes();
  auto it = attrs.find(name);
  if (it == attrs.end()) Die("GetAttr of a missing attribute or key");
  return it->second;
}
size_t Value::Length() const {
  if (const auto* p = std::get_if<std::vector<Value>>(&rep_->data)) return p->size();
  if (const auto* p = std::get_if<std::map<std::string, Value>>(&rep_->data)) return p->size();
  Die("Length on a value that is not a known collection or structural value");
}

bool Value::Equals(const Value& other) const { return Compare(*this, other) == 0; }

const Value* LookupAttr(const Value& object, const std::string& name) {
  if (!object.is_known() || object.is_null()) return nullptr;
  auto k = object.type().kind();
  if (k != Type::Kind::kObject && k != Type::Kind::kMap) return nullptr;
  const auto& attrs = object.Attributes();
  auto it = attrs.find(name);
  return it == attrs.end() ? nullptr : &it->second;
}

namespace {
template <typename T>
int Cmp(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}
}  // namespace

int Compare(const Value& a, const Value& b) {
  if (&a == &b) return 0;
  if (a.type() != b.type()) return Cmp(a.type().ToJson(), b.type().ToJson());
  auto state = [](const Value& v) { return v.is_null() ? 0 : (v.is_known() ? 2 : 1); };
  if (int c = Cmp(state(a), state(b)); c != 0) return c;
  if (a.is_null() || !a.is_known()) return 0;  // refinements are ignored
  switch (a.type().kind()) {
    case Type::Kind::kString:
      return Cmp(a.AsString(), b.AsString());
    case Type::Kind::kNumber:
      return a.AsNumber().Compare(b.AsNumber());
    case Type::Kind::kBool:
      return Cmp(a.AsBool(), b.AsBool());
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kTuple: {
      const auto &ea = a.Elements(), &eb = b.Elements();
      for (size_t i = 0; i < ea.size() && i < eb.size(); ++i) {
        if (int c = Compare(ea[i], eb[i]); c != 0) return c;
      }
      return Cmp(ea.size(), eb.size());
    }
    case Type::Kind::kMap:
    case Type::Kind::kObject: {
      const auto &ma = a.Attributes(), &mb = b.Attributes();
      auto ia = ma.begin(), ib = mb.begin();
      for (; ia != ma.end() && ib != mb.end(); ++ia, ++ib) {
        if (int c = Cmp(ia->first, ib->first); c != 0) return c;
        if (int c = Compare(ia->second, ib->second); c != 0) return c;
      }
      return Cmp(ma.size(), mb.size());
    }
    case Type::Kind::kDynamic:
      return 0;
  }
  return 0;
}

std::string Value::DebugString() const {
  if (is_null()) return "null";
  if (!is_known()) return "(unknown)";
  std::string out;
  switch (type().kind()) {
    case Type::Kind::kString:
      AppendJsonString(AsString(), out);
      return out;
    case Type::Kind::kNumber:
      return AsNumber().text();
    case Type::Kind::kBool:
      return AsBool() ? "true" : "false";
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kTuple: {
      out = "[";
      for (const auto& e : Elements()) {
        if (out.size() > 1) out += ", ";
        out += e.DebugString();
      }
      return out + "]";
    }
    case Type::Kind::kMap:
    case Type::Kind::kObject: {
      out = "{";
      for (const auto& [k, v] : Attributes()) {
        if (out.size() > 1) out += ", ";
        AppendJsonString(k, out);
        out += ": " + v.DebugString();
      }
      return out + "}";
    }
    case Type::Kind::kDynamic:
      return "(dynamic)";
  }
  return out;
}

}  // namespace polybackup::cty

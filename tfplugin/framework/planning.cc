// Planning rules: protocol doc §4.2-4.4 and §6 (how terraform-plugin-framework
// plans: defaults, then computed-nulls → unknown only when plan ≠ prior,
// then UseStateForUnknown / RequiresReplace, then the resource's ModifyPlan).
#include "tfplugin/framework/planning.h"

#include <algorithm>
#include <map>

#include "tfplugin/cty/transform.h"

namespace polybackup::framework {
namespace {

using cty::Path;
using cty::Value;
using schema::Block;
using schema::Nesting;

bool IsObject(const Value& v) {
  return v.is_known() && !v.is_null() && v.type().kind() == cty::Type::Kind::kObject;
}

// The attribute `name` of `object`, or a null of `type` when `object` is null,
// unknown or lacks it.
Value Attr(const Value& object, const std::string& name, const cty::Type& type) {
  if (IsObject(object) && object.type().has_attribute(name)) return object.GetAttr(name);
  return Value::Null(type);
}

// Nested attributes behave like a block without nested blocks.
Block AsBlock(const schema::NestedAttributes& n) {
  Block b;
  b.attributes = n.attributes;
  return b;
}

bool SameConfigured(const Block& block, const Value& a, const Value& b);

// SameConfigured for the values of one nested block: element by element,
// so computed attributes inside nested blocks are ignored too (a set
// element whose nested block got a computed value from prior must still
// find its counterpart in config).
bool SameConfiguredBlocks(const schema::NestedBlock& nb, const Value& a, const Value& b) {
  if (!nb.block || !a.is_known() || !b.is_known() || a.is_null() || b.is_null()) {
    return a.Equals(b);
  }
  switch (nb.nesting) {
    case Nesting::kSingle:
    case Nesting::kGroup:
      return SameConfigured(*nb.block, a, b);
    case Nesting::kList: {
      if (a.Length() != b.Length()) return false;
      for (size_t i = 0; i < a.Length(); ++i) {
        if (!SameConfigured(*nb.block, a.Elements()[i], b.Elements()[i])) return false;
      }
      return true;
    }
    case Nesting::kSet: {
      if (a.Length() != b.Length()) return false;
      for (const Value& x : a.Elements()) {
        bool found = false;
        for (const Value& y : b.Elements()) found = found || SameConfigured(*nb.block, x, y);
        if (!found) return false;
      }
      return true;
    }
    case Nesting::kMap: {
      if (a.Attributes().size() != b.Attributes().size()) return false;
      for (const auto& [k, x] : a.Attributes()) {
        auto y = b.Attributes().find(k);
        if (y == b.Attributes().end() || !SameConfigured(*nb.block, x, y->second)) return false;
      }
      return true;
    }
  }
  return a.Equals(b);
}

// True when `a` and `b` (objects of `block`) agree on everything the user
// configures: used to find a set element's counterpart in config, since set
// elements have no stable index (protocol doc §1.3: no path step for sets).
bool SameConfigured(const Block& block, const Value& a, const Value& b) {
  if (!IsObject(a) || !IsObject(b)) return a.Equals(b);
  for (const auto& at : block.attributes) {
    if (at.computed) continue;
    if (!a.GetAttr(at.name).Equals(b.GetAttr(at.name))) return false;
  }
  for (const auto& nb : block.block_types) {
    if (!SameConfiguredBlocks(nb, a.GetAttr(nb.type_name), b.GetAttr(nb.type_name))) return false;
  }
  return true;
}

// Applies `fn(element, config_counterpart, prior_counterpart)` to every
// element of a nested block or nested attribute collection `v`, pairing list
// elements by index, map elements by key and set elements by SameConfigured.
template <class Fn>
Value MapElements(Nesting nesting, const Block& block, const Value& v, const Value& config,
                  const Value& prior, const Fn& fn) {
  if (v.is_null() || !v.is_known()) return v;
  const cty::Type& t = v.type();
  switch (nesting) {
    case Nesting::kSingle:
    case Nesting::kGroup:
      return fn(v, config, prior);
    case Nesting::kList: {
      std::vector<Value> out;
      const auto& elems = v.Elements();
      for (size_t i = 0; i < elems.size(); ++i) {
        const bool has_c = config.is_known() && !config.is_null() && i < config.Length();
        const bool has_p = prior.is_known() && !prior.is_null() && i < prior.Length();
        out.push_back(fn(elems[i], has_c ? config.Elements()[i] : Value::Null(t.element()),
                         has_p ? prior.Elements()[i] : Value::Null(t.element())));
      }
      return Value::List(t.element(), std::move(out));
    }
    case Nesting::kSet: {
      std::vector<Value> out;
      for (const Value& e : v.Elements()) {
        Value c = Value::Null(t.element());
        if (config.is_known() && !config.is_null()) {
          for (const Value& ce : config.Elements()) {
            if (SameConfigured(block, e, ce)) {
              c = ce;
              break;
            }
          }
        }
        out.push_back(fn(e, c, Value::Null(t.element())));
      }
      return Value::Set(t.element(), std::move(out));
    }
    case Nesting::kMap: {
      std::map<std::string, Value> out;
      for (const auto& [k, e] : v.Attributes()) {
        Value c = Attr(config, k, t.element());
        if (config.is_known() && !config.is_null() &&
            config.type().kind() == cty::Type::Kind::kMap) {
          auto it = config.Attributes().find(k);
          c = it == config.Attributes().end() ? Value::Null(t.element()) : it->second;
        }
        Value p = Value::Null(t.element());
        if (prior.is_known() && !prior.is_null()) {
          auto it = prior.Attributes().find(k);
          if (it != prior.Attributes().end()) p = it->second;
        }
        out.emplace(k, fn(e, c, p));
      }
      return Value::Map(t.element(), std::move(out));
    }
  }
  return v;
}

// Rebuilds object `v` of `block` with `attr_fn(attribute, value, config, prior)`
// for attributes and `block_fn(nested_block, value, config, prior)` for
// blocks. Null or unknown objects are returned as they are.
template <class AttrFn, class BlockFn>
Value RebuildObject(const Block& block, const Value& v, const Value& config, const Value& prior,
                    const AttrFn& attr_fn, const BlockFn& block_fn) {
  if (!IsObject(v)) return v;
  std::map<std::string, Value> attrs = v.Attributes();
  for (const auto& a : block.attributes) {
    auto it = attrs.find(a.name);
    if (it == attrs.end()) continue;
    const cty::Type& t = it->second.type();
    it->second = attr_fn(a, it->second, Attr(config, a.name, t), Attr(prior, a.name, t));
  }
  for (const auto& nb : block.block_types) {
    auto it = attrs.find(nb.type_name);
    if (it == attrs.end() || !nb.block) continue;
    const cty::Type& t = it->second.type();
    it->second =
        block_fn(nb, it->second, Attr(config, nb.type_name, t), Attr(prior, nb.type_name, t));
  }
  return Value::Object(v.type(), std::move(attrs));
}

Value ApplyDefaults(const Block& block, const Value& v, const Value& config) {
  return RebuildObject(
      block, v, config, Value(),
      [](const schema::Attribute& a, const Value& val, const Value& cfg, const Value&) -> Value {
        if (a.default_value && cfg.is_null()) return *a.default_value;
        if (a.nested && !val.is_null()) {
          const Block nb = AsBlock(*a.nested);
          return MapElements(a.nested->nesting, nb, val, cfg, Value(),
                             [&](const Value& e, const Value& c, const Value&) {
                               return ApplyDefaults(nb, e, c);
                             });
        }
        return val;
      },
      [](const schema::NestedBlock& nb, const Value& val, const Value& cfg, const Value&) {
        return MapElements(nb.nesting, *nb.block, val, cfg, Value(),
                           [&](const Value& e, const Value& c, const Value&) {
                             return ApplyDefaults(*nb.block, e, c);
                           });
      });
}

Value MarkComputedUnknown(const Block& block, const Value& v, const Value& config,
                          const Value& prior) {
  return RebuildObject(
      block, v, config, prior,
      [](const schema::Attribute& a, const Value& val, const Value& cfg,
         const Value& pri) -> Value {
        if (a.computed && cfg.is_null() && !a.default_value) {
          if (a.use_state_for_unknown && !pri.is_null() && pri.is_wholly_known()) return pri;
          return Value::Unknown(val.type());
        }
        if (a.nested && !val.is_null()) {
          const Block nb = AsBlock(*a.nested);
          return MapElements(a.nested->nesting, nb, val, cfg, pri,
                             [&](const Value& e, const Value& c, const Value& p) {
                               return MarkComputedUnknown(nb, e, c, p);
                             });
        }
        return val;
      },
      [](const schema::NestedBlock& nb, const Value& val, const Value& cfg, const Value& pri) {
        return MapElements(nb.nesting, *nb.block, val, cfg, pri,
                           [&](const Value& e, const Value& c, const Value& p) {
                             return MarkComputedUnknown(*nb.block, e, c, p);
                           });
      });
}

Value EmptyCollection(const cty::Type& t) {
  switch (t.kind()) {
    case cty::Type::Kind::kList:
      return Value::List(t.element(), {});
    case cty::Type::Kind::kSet:
      return Value::Set(t.element(), {});
    case cty::Type::Kind::kMap:
      return Value::Map(t.element(), {});
    default:
      return Value::Null(t);
  }
}

bool HasRequiresReplace(const Block& block) {
  for (const auto& a : block.attributes) {
    if (a.requires_replace) return true;
  }
  for (const auto& nb : block.block_types) {
    if (nb.block && HasRequiresReplace(*nb.block)) return true;
  }
  return false;
}

void CollectReplace(const Block& block, const Value& prior, const Value& planned,
                    const Value& config, const Path& path, std::vector<Path>& out) {
  for (const auto& a : block.attributes) {
    if (!a.requires_replace) continue;
    const cty::Type t = a.ImpliedType();
    const Value p = Attr(prior, a.name, t);
    const Value n = Attr(planned, a.name, t);
    // A computed value the user did not set changes only because the plan
    // marked it unknown; that is no reason to replace.
    if (a.computed && Attr(config, a.name, t).is_null() && !n.is_known()) continue;
    if (!p.Equals(n)) out.push_back(path.Attribute(a.name));
  }
  for (const auto& nb : block.block_types) {
    if (!nb.block || !HasRequiresReplace(*nb.block)) continue;
    const cty::Type t = planned.is_known() && !planned.is_null()
                            ? planned.type().attribute(nb.type_name)
                            : cty::Type::Dynamic();
    const Value p = Attr(prior, nb.type_name, t);
    const Value n = Attr(planned, nb.type_name, t);
    const Value c = Attr(config, nb.type_name, t);
    const Path bp = path.Attribute(nb.type_name);
    switch (nb.nesting) {
      case Nesting::kSingle:
      case Nesting::kGroup:
        CollectReplace(*nb.block, p, n, c, bp, out);
        break;
      case Nesting::kList: {
        const size_t count = std::max(p.is_known() && !p.is_null() ? p.Length() : 0,
                                      n.is_known() && !n.is_null() ? n.Length() : 0);
        for (size_t i = 0; i < count; ++i) {
          auto at = [&](const Value& l) {
            return l.is_known() && !l.is_null() && i < l.Length() ? l.Elements()[i] : Value();
          };
          CollectReplace(*nb.block, at(p), at(n), at(c), bp.Index(static_cast<int64_t>(i)), out);
        }
        break;
      }
      default:  // SET and MAP: paths cannot index into sets; replace on any change.
        if (!p.Equals(n)) out.push_back(bp);
    }
  }
}

}  // namespace

cty::Value NormalizeState(const schema::Block& block, const cty::Value& value) {
  return RebuildObject(
      block, value, Value(), Value(),
      [](const schema::Attribute& a, const Value& val, const Value&, const Value&) -> Value {
        if (a.write_only) return Value::Null(val.type());
        if (a.nested && !val.is_null()) {
          const Block nb = AsBlock(*a.nested);
          return MapElements(
              a.nested->nesting, nb, val, Value(), Value(),
              [&](const Value& e, const Value&, const Value&) { return NormalizeState(nb, e); });
        }
        return val;
      },
      [](const schema::NestedBlock& nb, const Value& val, const Value&, const Value&) -> Value {
        if (val.is_null() && (nb.nesting == Nesting::kList || nb.nesting == Nesting::kSet ||
                              nb.nesting == Nesting::kMap)) {
          return EmptyCollection(val.type());
        }
        if (val.is_null() && nb.nesting == Nesting::kGroup) {
          // GROUP blocks are never null: absent = every attribute null.
          std::map<std::string, Value> attrs;
          for (const auto& [n, at] : val.type().attributes()) attrs.emplace(n, Value::Null(at));
          return NormalizeState(*nb.block, Value::Object(val.type(), std::move(attrs)));
        }
        return MapElements(nb.nesting, *nb.block, val, Value(), Value(),
                           [&](const Value& e, const Value&, const Value&) {
                             return NormalizeState(*nb.block, e);
                           });
      });
}

cty::Value WithWriteOnlyValues(const schema::Block& block, const cty::Value& planned,
                               const cty::Value& config) {
  return RebuildObject(
      block, planned, config, Value(),
      [](const schema::Attribute& a, const Value& val, const Value& cfg, const Value&) -> Value {
        if (a.write_only) return cfg.type() == val.type() ? cfg : val;
        if (a.nested && !val.is_null()) {
          const Block nb = AsBlock(*a.nested);
          return MapElements(a.nested->nesting, nb, val, cfg, Value(),
                             [&](const Value& e, const Value& c, const Value&) {
                               return WithWriteOnlyValues(nb, e, c);
                             });
        }
        return val;
      },
      [](const schema::NestedBlock& nb, const Value& val, const Value& cfg, const Value&) {
        return MapElements(nb.nesting, *nb.block, val, cfg, Value(),
                           [&](const Value& e, const Value& c, const Value&) {
                             return WithWriteOnlyValues(*nb.block, e, c);
                           });
      });
}

SchemaPlan PlanFromSchema(const schema::Block& block, const cty::Value& prior,
                          const cty::Value& proposed, const cty::Value& config) {
  SchemaPlan plan;
  if (proposed.is_null()) {
    plan.planned = proposed;
    return plan;
  }
  Value planned = NormalizeState(block, ApplyDefaults(block, proposed, config));
  if (prior.is_null() || !planned.Equals(prior)) {
    planned = MarkComputedUnknown(block, planned, config, prior);
  }
  plan.planned = planned;
  if (!prior.is_null()) {
    CollectReplace(block, prior, planned, config, Path(), plan.requires_replace);
  }
  return plan;
}

std::vector<cty::Path> FilterRequiresReplace(const std::vector<cty::Path>& paths,
                                             const cty::Value& prior, const cty::Value& planned) {
  std::vector<std::pair<std::string, Path>> keep;
  for (const Path& p : paths) {
    const Value* a = cty::GetPath(prior, p);
    const Value* b = cty::GetPath(planned, p);
    // A path valid in neither value would make core fail the plan
    // ("non-existent attribute path"); drop it rather than report it.
    if (a == nullptr && b == nullptr) continue;
    if (a != nullptr && b != nullptr && a->Equals(*b)) continue;
    keep.emplace_back(p.ToString(), p);
  }
  std::sort(keep.begin(), keep.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<Path> out;
  for (size_t i = 0; i < keep.size(); ++i) {
    if (i > 0 && keep[i].first == keep[i - 1].first) continue;
    out.push_back(keep[i].second);
  }
  return out;
}

cty::Value CheckWhollyKnown(const cty::Value& value, const std::string& what,
                            diag::Diagnostics& diags) {
  if (value.is_wholly_known()) return value;
  return cty::Transform(value, [&](const Path& path, const Value& v) -> Value {
    if (v.is_known()) return v;
    diags.AddError("Provider returned an unknown value " + what,
                   "The value at " + (path.empty() ? std::string("the root") : path.ToString()) +
                       " is still unknown " + what +
                       "; it was replaced by null. This is a bug in the provider.");
    return Value::Null(v.type());
  });
}

}  // namespace polybackup::framework

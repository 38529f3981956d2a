#include "tfplugin/docs/schema_markdown.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace polybackup::docs {
namespace {

using schema::Attribute;
using schema::Block;
using schema::NestedAttributes;
using schema::NestedBlock;
using schema::Nesting;

enum Group { kRequired, kOptional, kReadOnly, kGroups };
constexpr std::array<const char*, kGroups> kRootTitles = {"### Required", "### Optional",
                                                          "### Read-Only"};
constexpr std::array<const char*, kGroups> kNestedTitles = {"Required:", "Optional:", "Read-Only:"};
constexpr std::array<const char*, kGroups> kSingleBlockFlags = {", Required", ", Optional",
                                                                ", Read-only"};

constexpr char kWriteOnlyUrl[] =
    "https://developer.hashicorp.com/terraform/language/resources/ephemeral"
    "#write-only-arguments";
// A root `id` without a description: what every reader of a registry page expects it to be.
constexpr char kIdDescription[] = "The identifier of this object.";

std::optional<Group> AttributeGroup(const Attribute& a) {
  if (a.required) return kRequired;
  if (a.optional) return kOptional;
  if (a.computed) return kReadOnly;
  return std::nullopt;
}

std::optional<Group> BlockGroup(const NestedBlock& nb) {
  if (nb.min_items > 0) return kRequired;
  const Block& b = *nb.block;
  bool takes_input = b.attributes.empty() && b.block_types.empty();
  bool all_read_only = true;
  auto note = [&](std::optional<Group> g) {
    takes_input = takes_input || g == kRequired || g == kOptional;
    all_read_only = all_read_only && g == kReadOnly;
  };
  for (const Attribute& a : b.attributes) note(AttributeGroup(a));
  for (const NestedBlock& child : b.block_types) note(BlockGroup(child));
  if (takes_input) return kOptional;
  if (all_read_only && nb.max_items == 0) return kReadOnly;
  return std::nullopt;
}

bool HasWriteOnly(const Block& b) {
  return std::any_of(b.attributes.begin(), b.attributes.end(),
                     [](const Attribute& a) { return a.write_only; }) ||
         std::any_of(b.block_types.begin(), b.block_types.end(),
                     [](const NestedBlock& nb) { return HasWriteOnly(*nb.block); });
}

std::string NestingWord(Nesting n) {
  switch (n) {
    case Nesting::kList:
      return " List";
    case Nesting::kSet:
      return " Set";
    case Nesting::kMap:
      return " Map";
    case Nesting::kSingle:
    case Nesting::kGroup:
      return "";
  }
  return "";
}

std::string TypeName(const cty::Type& t) {
  using K = cty::Type::Kind;
  switch (t.kind()) {
    case K::kString:
      return "String";
    case K::kNumber:
      return "Number";
    case K::kBool:
      return "Boolean";
    case K::kDynamic:
      return "Dynamic";
    case K::kList:
      return "List of " + TypeName(t.element());
    case K::kSet:
      return "Set of " + TypeName(t.element());
    case K::kMap:
      return "Map of " + TypeName(t.element());
    case K::kObject:
      return "Object";
    case K::kTuple:
      return "Tuple";
  }
  return "Dynamic";
}

// The object type an attribute documents in its own section, if any.
std::optional<cty::Type> ObjectOf(const cty::Type& t) {
  if (t.kind() == cty::Type::Kind::kObject) return t;
  if (t.is_collection() && t.element().kind() == cty::Type::Kind::kObject) return t.element();
  return std::nullopt;
}

// What the schema knows about an attribute beyond Terraform's flags (the
// framework plans defaults and replacements itself), as sentences that
// follow the description.
std::vector<std::string> Notes(const Attribute& a) {
  std::vector<std::string> notes;
  if (a.default_value && a.default_value->is_wholly_known() && !a.default_value->is_null()) {
    notes.push_back(absl::StrCat("Defaults to `", a.default_value->DebugString(), "`."));
  }
  if (a.requires_replace) notes.push_back("Changing it replaces the resource.");
  if (a.deprecated && !a.deprecation_message.empty()) {
    notes.push_back(absl::StrCat("Deprecated: ", a.deprecation_message));
  }
  return notes;
}

// " <description> <notes>", or "" when there is neither. One list item holds
// one paragraph, so blank lines become hard line breaks.
std::string Describe(absl::string_view text, const std::vector<std::string>& notes) {
  std::string out;
  absl::string_view d = absl::StripAsciiWhitespace(text);
  for (size_t i = 0; i < d.size(); ++i) {
    if (d[i] == '\n' && i + 1 < d.size() && d[i + 1] == '\n') {
      while (i + 1 < d.size() && d[i + 1] == '\n') ++i;
      out += "  \n";
    } else {
      out += d[i];
    }
  }
  for (const std::string& note : notes) absl::StrAppend(&out, out.empty() ? "" : " ", note);
  return out.empty() ? out : " " + out;
}

// A part of the schema documented under its own anchor after the level that
// names it.
struct Section {
  std::vector<std::string> path;
  std::string anchor;
  const Block* block = nullptr;
  const NestedAttributes* attributes = nullptr;
  std::optional<cty::Type> object;
  Group group = kOptional;  // titles the children of an object type
};

class Writer {
 public:
  std::string& out() { return out_; }

  absl::Status BlockChildren(const std::vector<std::string>& parents, const Block& b, bool root) {
    struct Child {
      std::string name;
      const Attribute* attribute = nullptr;
      const NestedBlock* block = nullptr;
    };
    std::array<std::vector<Child>, kGroups> groups;
    std::optional<Attribute> id;  // the root `id`, with the description it lacks
    for (const Attribute& a : b.attributes) {
      std::optional<Group> g = AttributeGroup(a);
      if (root && a.name == "id" && a.description.empty()) {
        id = a;
        id->description = kIdDescription;
        g = kReadOnly;
      }
      if (!g) return NoGroup(parents, a.name, "is neither required, optional nor computed");
      groups[*g].push_back({a.name, id && a.name == "id" ? &*id : &a, nullptr});
    }
    for (const NestedBlock& nb : b.block_types) {
      std::optional<Group> g = BlockGroup(nb);
      if (!g) return NoGroup(parents, nb.type_name, "has item limits but only computed content");
      groups[*g].push_back({nb.type_name, nullptr, &nb});
    }
    std::vector<Section> sections;
    for (int g = 0; g < kGroups; ++g) {
      std::vector<Child>& children = groups[g];
      if (children.empty()) continue;
      std::sort(children.begin(), children.end(),
                [](const Child& x, const Child& y) { return x.name < y.name; });
      absl::StrAppend(&out_, root ? kRootTitles[g] : kNestedTitles[g], "\n\n");
      if (std::any_of(children.begin(), children.end(), [](const Child& c) {
            return c.attribute ? c.attribute->write_only : HasWriteOnly(*c.block->block);
          })) {
        absl::StrAppend(&out_, "> **NOTE**: [Write-only arguments](", kWriteOnlyUrl,
                        ") need Terraform 1.11 or later; their values are never stored in the ",
                        "plan or state.\n\n");
      }
      for (const Child& c : children) {
        std::vector<std::string> path = parents;
        path.push_back(c.name);
        if (c.attribute) {
          AttributeLine(path, *c.attribute, static_cast<Group>(g), &sections);
        } else {
          BlockLine(path, *c.block, static_cast<Group>(g), &sections);
        }
      }
      out_ += "\n";
    }
    return Sections(sections);
  }

 private:
  static absl::Status NoGroup(std::vector<std::string> parents, const std::string& name,
                              absl::string_view why) {
    parents.push_back(name);
    return absl::InvalidArgumentError(
        absl::StrCat("cannot document ", absl::StrJoin(parents, "."), ": it ", why));
  }

  void SeeBelow(std::vector<std::string> path, std::string anchor_kind, Section section,
                std::vector<Section>* sections) {
    section.anchor = absl::StrCat(anchor_kind, "--", absl::StrJoin(path, "--"));
    section.path = std::move(path);
    absl::StrAppend(&out_, " (see [below for nested schema](#", section.anchor, "))");
    sections->push_back(std::move(section));
  }

  void AttributeLine(const std::vector<std::string>& path, const Attribute& a, Group group,
                     std::vector<Section>* sections) {
    absl::StrAppend(&out_, "- `", path.back(), "` (",
                    a.nested ? "Attributes" + NestingWord(a.nested->nesting) : TypeName(a.type));
    if (a.sensitive) out_ += ", Sensitive";
    if (a.deprecated) out_ += ", Deprecated";
    if (a.write_only) absl::StrAppend(&out_, ", [Write-only](", kWriteOnlyUrl, ")");
    absl::StrAppend(&out_, ")", Describe(a.description, Notes(a)));
    if (a.nested) {
      SeeBelow(path, "nestedatt", {.attributes = a.nested.get(), .group = group}, sections);
    } else if (std::optional<cty::Type> object = ObjectOf(a.type)) {
      SeeBelow(path, "nestedatt", {.object = object, .group = group}, sections);
    }
    out_ += "\n";
  }

  void BlockLine(const std::vector<std::string>& path, const NestedBlock& nb, Group group,
                 std::vector<Section>* sections) {
    absl::StrAppend(&out_, "- `", path.back(), "` (Block", NestingWord(nb.nesting));
    if (nb.nesting == Nesting::kSingle || nb.nesting == Nesting::kGroup) {
      out_ += kSingleBlockFlags[group];
    } else if (nb.min_items > 0) {
      absl::StrAppend(&out_, ", Min: ", nb.min_items);
    }
    if (nb.max_items > 0) absl::StrAppend(&out_, ", Max: ", nb.max_items);
    if (nb.block->deprecated) out_ += ", Deprecated";
    absl::StrAppend(
        &out_, ")",
        Describe(nb.block->description,
                 nb.block->deprecated && !nb.block->deprecation_message.empty()
                     ? std::vector<std::string>{"Deprecated: " + nb.block->deprecation_message}
                     : std::vector<std::string>{}));
    SeeBelow(path, "nestedblock", {.block = nb.block.get(), .group = group}, sections);
    out_ += "\n";
  }

  absl::Status NestedAttributeChildren(const Section& s) {
    std::array<std::vector<const Attribute*>, kGroups> groups;
    for (const Attribute& a : s.attributes->attributes) {
      std::optional<Group> g = AttributeGroup(a);
      if (!g) return NoGroup(s.path, a.name, "is neither required, optional nor computed");
      groups[*g].push_back(&a);
    }
    std::vector<Section> sections;
    for (int g = 0; g < kGroups; ++g) {
      if (groups[g].empty()) continue;
      std::sort(groups[g].begin(), groups[g].end(),
                [](const Attribute* x, const Attribute* y) { return x->name < y->name; });
      absl::StrAppend(&out_, kNestedTitles[g], "\n\n");
      for (const Attribute* a : groups[g]) {
        std::vector<std::string> path = s.path;
        path.push_back(a->name);
        AttributeLine(path, *a, static_cast<Group>(g), &sections);
      }
      out_ += "\n";
    }
    return Sections(sections);
  }

  // An object type's attributes have no flags of their own: they are listed
  // under the group of the attribute that holds the object.
  absl::Status ObjectChildren(const Section& s) {
    absl::StrAppend(&out_, kNestedTitles[s.group], "\n\n");
    std::vector<Section> sections;
    for (const auto& [name, type] : s.object->attributes()) {
      std::vector<std::string> path = s.path;
      path.push_back(name);
      absl::StrAppend(&out_, "- `", name, "` (", TypeName(type), ")");
      if (std::optional<cty::Type> object = ObjectOf(type)) {
        SeeBelow(path, "nestedobjatt", {.object = object, .group = s.group}, &sections);
      }
      out_ += "\n";
    }
    out_ += "\n";
    return Sections(sections);
  }

  absl::Status Sections(const std::vector<Section>& sections) {
    for (const Section& s : sections) {
      absl::StrAppend(&out_, "<a id=\"", s.anchor, "\"></a>\n### Nested Schema for `",
                      absl::StrJoin(s.path, "."), "`\n\n");
      absl::Status status = s.block        ? BlockChildren(s.path, *s.block, false)
                            : s.attributes ? NestedAttributeChildren(s)
                                           : ObjectChildren(s);
      if (!status.ok()) return status;  // the children's lists end in a blank line
    }
    return absl::OkStatus();
  }

  std::string out_;
};

}  // namespace

absl::StatusOr<std::string> SchemaMarkdown(const schema::Block& block) {
  Writer w;
  w.out() = "## Schema\n\n";
  if (absl::Status s = w.BlockChildren({}, block, true); !s.ok()) return s;
  return std::move(w.out());
}

}  // namespace polybackup::docs

#include "tfplugin/schema/validators.h"

#include <cmath>
#include <mutex>
#include <optional>
#include <regex>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace polybackup::schema {
namespace {

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

std::string Subject(const cty::Path& path) {
  return path.empty() ? "value" : "\"" + path.ToString().substr(1) + "\"";
}

void Invalid(const cty::Path& path, diag::Diagnostics& diags, const std::string& allowed,
             const std::string& got) {
  diags.AddAttributeError(path, "Invalid value for " + Subject(path),
                          "Expected " + allowed + ", got " + got + ".");
}

bool IsStringType(const cty::Type& t) { return t.kind() == cty::Type::Kind::kString; }

bool IsString(const cty::Value& v, const cty::Path& path, diag::Diagnostics& diags) {
  if (v.type().kind() == cty::Type::Kind::kString) return true;
  diags.AddAttributeError(path, "Invalid value for " + Subject(path),
                          "Expected a string, got " + v.type().FriendlyName() + ".");
  return false;
}

class OneOf : public Validator {
 public:
  explicit OneOf(std::vector<std::string> allowed) : allowed_(std::move(allowed)) {}
  bool AcceptsType(const cty::Type& t) const override { return IsStringType(t); }
  std::string Description() const override {
    std::vector<std::string> q;
    for (const auto& a : allowed_) q.push_back(Quote(a));
    return "one of " + absl::StrJoin(q, ", ");
  }
  void Validate(const cty::Value& v, const cty::Path& path, diag::Diagnostics& d) const override {
    if (!IsString(v, path, d)) return;
    for (const auto& a : allowed_) {
      if (a == v.AsString()) return;
    }
    Invalid(path, d, Description(), Quote(v.AsString()));
  }

 private:
  std::vector<std::string> allowed_;
};

// The pattern is compiled on first use, not when the schema is built:
// libstdc++ expands a bounded repeat such as {1,255} into that many NFA
// states, and compiling every resource's patterns made up most of the first
// GetProviderSchema answer (bench/README.md), which each provider process
// Terraform starts pays, whether or not it ever validates that attribute.
class Matches : public Validator {
 public:
  Matches(std::string pattern, std::string description)
      : pattern_(std::move(pattern)), description_(std::move(description)) {}
  bool AcceptsType(const cty::Type& t) const override { return IsStringType(t); }
  std::string Description() const override { return description_; }
  void Validate(const cty::Value& v, const cty::Path& path, diag::Diagnostics& d) const override {
    if (!IsString(v, path, d)) return;
    if (!std::regex_match(v.AsString(), Regex())) {
      Invalid(path, d, description_, Quote(v.AsString()));
    }
  }

 private:
  // Thread-safe: validators are shared by concurrent RPCs.
  const std::regex& Regex() const {
    std::call_once(compiled_, [this] { re_.emplace(pattern_, std::regex::ECMAScript); });
    return *re_;
  }

  std::string pattern_;
  std::string description_;
  mutable std::once_flag compiled_;
  mutable std::optional<std::regex> re_;
};

class LengthBetween : public Validator {
 public:
  LengthBetween(int64_t min, int64_t max) : min_(min), max_(max) {}
  bool AcceptsType(const cty::Type& t) const override { return IsStringType(t); }
  std::string Description() const override {
    return absl::StrCat("a string of ", min_, " to ", max_, " characters");
  }
  void Validate(const cty::Value& v, const cty::Path& path, diag::Diagnostics& d) const override {
    if (!IsString(v, path, d)) return;
    const auto n = static_cast<int64_t>(v.AsString().size());
    if (n < min_ || n > max_) Invalid(path, d, Description(), absl::StrCat(n, " characters"));
  }

 private:
  int64_t min_, max_;
};

class IntRange : public Validator {
 public:
  IntRange(int64_t min, int64_t max) : min_(min), max_(max) {}
  bool AcceptsType(const cty::Type& t) const override {
    return t.kind() == cty::Type::Kind::kNumber;
  }
  std::string Description() const override {
    return absl::StrCat("a whole number from ", min_, " to ", max_);
  }
  void Validate(const cty::Value& v, const cty::Path& path, diag::Diagnostics& d) const override {
    if (v.type().kind() != cty::Type::Kind::kNumber) {
      Invalid(path, d, Description(), v.type().FriendlyName());
      return;
    }
    std::optional<int64_t> n = v.AsNumber().ToInt64();
    if (!n || *n < min_ || *n > max_) Invalid(path, d, Description(), v.AsNumber().text());
  }

 private:
  int64_t min_, max_;
};

std::string Human(std::chrono::seconds s) {
  const int64_t n = s.count();
  if (n % 3600 == 0) return absl::StrCat(n / 3600, "h");
  if (n % 60 == 0) return absl::StrCat(n / 60, "m");
  return absl::StrCat(n, "s");
}

class DurationRange : public Validator {
 public:
  DurationRange(std::chrono::seconds min, std::chrono::seconds max) : min_(min), max_(max) {}
  bool AcceptsType(const cty::Type& t) const override { return IsStringType(t); }
  std::string Description() const override {
    return "a duration like \"40m\" or \"1h30m\" (units s, m, h) from " + Human(min_) + " to " +
           Human(max_);
  }
  void Validate(const cty::Value& v, const cty::Path& path, diag::Diagnostics& d) const override {
    if (!IsString(v, path, d)) return;
    auto parsed = ParseDuration(v.AsString());
    if (!parsed.ok() || *parsed < min_ || *parsed > max_) {
      Invalid(path, d, Description(), Quote(v.AsString()));
    }
  }

 private:
  std::chrono::seconds min_, max_;
};

class Each : public Validator {
 public:
  explicit Each(ValidatorPtr element) : element_(std::move(element)) {}
  bool AcceptsType(const cty::Type& t) const override {
    return t.is_collection() && element_->AcceptsType(t.element());
  }
  std::string Description() const override {
    return "elements that are " + element_->Description();
  }
  void Validate(const cty::Value& v, const cty::Path& path, diag::Diagnostics& d) const override {
    const auto kind = v.type().kind();
    if (kind == cty::Type::Kind::kMap || kind == cty::Type::Kind::kObject) {
      for (const auto& [k, e] : v.Attributes()) {
        if (e.is_known() && !e.is_null()) element_->Validate(e, path.Key(k), d);
      }
      return;
    }
    if (kind != cty::Type::Kind::kList && kind != cty::Type::Kind::kSet &&
        kind != cty::Type::Kind::kTuple) {
      return;
    }
    int64_t i = 0;
    for (const auto& e : v.Elements()) {
      if (e.is_known() && !e.is_null()) element_->Validate(e, path.Index(i), d);
      ++i;
    }
  }

 private:
  ValidatorPtr element_;
};

class Size : public Validator {
 public:
  Size(int64_t min, int64_t max) : min_(min), max_(max) {}
  bool AcceptsType(const cty::Type& t) const override { return t.is_collection(); }
  std::string Description() const override {
    return absl::StrCat("from ", min_, " to ", max_, " elements");
  }
  void Validate(const cty::Value& v, const cty::Path& path, diag::Diagnostics& d) const override {
    if (!v.type().is_collection() && v.type().kind() != cty::Type::Kind::kTuple) return;
    const auto n = static_cast<int64_t>(v.Length());
    if (n < min_ || n > max_) Invalid(path, d, Description(), absl::StrCat(n));
  }

 private:
  int64_t min_, max_;
};

}  // namespace

ValidatorPtr StringOneOf(std::vector<std::string> allowed) {
  return std::make_shared<OneOf>(std::move(allowed));
}
ValidatorPtr StringMatches(std::string pattern, std::string description) {
  return std::make_shared<Matches>(std::move(pattern), std::move(description));
}
ValidatorPtr StringLengthBetween(int64_t min, int64_t max) {
  return std::make_shared<LengthBetween>(min, max);
}
ValidatorPtr IntBetween(int64_t min, int64_t max) { return std::make_shared<IntRange>(min, max); }
ValidatorPtr Duration(std::chrono::seconds min, std::chrono::seconds max) {
  return std::make_shared<DurationRange>(min, max);
}
ValidatorPtr EachElement(ValidatorPtr element) {
  return std::make_shared<Each>(std::move(element));
}
ValidatorPtr SizeBetween(int64_t min, int64_t max) { return std::make_shared<Size>(min, max); }

// Go's time.ParseDuration grammar without the sign: one or more
// <decimal><unit> terms. Amounts are summed in long double nanoseconds then
// checked against the int64 range, as Go does (overflow is an error).
absl::StatusOr<std::chrono::nanoseconds> ParseDuration(const std::string& text) {
  if (text.empty()) return absl::InvalidArgumentError("empty duration");
  if (text == "0") return std::chrono::nanoseconds(0);
  long double total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
    if (i == start) return absl::InvalidArgumentError("invalid duration \"" + text + "\"");
    const std::string amount = text.substr(start, i - start);
    if (amount == "." || amount.find('.') != amount.rfind('.')) {
      return absl::InvalidArgumentError("invalid duration \"" + text + "\"");
    }
    size_t ustart = i;
    while (i < text.size() && !((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
    const std::string unit = text.substr(ustart, i - ustart);
    long double scale;
    if (unit == "ns")
      scale = 1;
    else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs")
      scale = 1e3L;
    else if (unit == "ms")
      scale = 1e6L;
    else if (unit == "s")
      scale = 1e9L;
    else if (unit == "m")
      scale = 60e9L;
    else if (unit == "h")
      scale = 3600e9L;
    else if (unit.empty())
      return absl::InvalidArgumentError("missing unit in duration \"" + text + "\"");
    else
      return absl::InvalidArgumentError("unknown unit \"" + unit + "\" in duration \"" + text +
                                        "\"");
    total += std::stold(amount) * scale;
  }
  if (total > 9.2e18L) return absl::InvalidArgumentError("duration \"" + text + "\" is too long");
  return std::chrono::nanoseconds(static_cast<int64_t>(std::llroundl(total)));
}

}  // namespace polybackup::schema

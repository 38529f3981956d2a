#include "clients/core/json_fields.h"

#include <charconv>
#include <cmath>

#include "absl/strings/ascii.h"

namespace polybackup::clients {
namespace {

using nlohmann::json;

// Leaked on purpose: returned by reference from any thread, never destroyed.
const json& Null() {
  static const json* null = new json();
  return *null;
}

const json& EmptyArray() {
  static const json* empty = new json(json::array());
  return *empty;
}

// 9e18 rather than 2^63 keeps a margin below the first double that no longer
// converts to long long (the conversion would be undefined behaviour).
constexpr double kMaxWholeDouble = 9.0e18;

std::optional<long long> WholeDouble(double d) {
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < kMaxWholeDouble) {
    return static_cast<long long>(d);
  }
  return std::nullopt;
}

// absl::string_view is not std::string_view in Debian's abseil build, so the
// text stays a std::string.
std::optional<long long> DecimalText(const std::string& text) {
  std::string s(absl::StripAsciiWhitespace(text));
  if (s.empty()) return std::nullopt;
  long long out = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return out;
}

}  // namespace

const json& Member(const json& j, std::string_view key) {
  if (!j.is_object()) return Null();
  auto it = j.find(std::string(key));
  return it == j.end() ? Null() : *it;
}

std::string StringField(const json& j, std::string_view key, JsonTypes types) {
  const json& v = Member(j, key);
  if (v.is_string()) return v.get<std::string>();
  if (types == JsonTypes::kStrict) return "";
  // is_number_integer() is also true for unsigned values: one above 2^63-1
  // renders wrapped to negative, as it did in the three per-cloud copies.
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number_float()) return v.dump();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return "";
}

std::optional<long long> IntField(const json& j, std::string_view key, JsonTypes types) {
  const json& v = Member(j, key);
  if (v.is_number_integer()) return v.get<long long>();
  if (v.is_number_float()) return WholeDouble(v.get<double>());
  if (types == JsonTypes::kStrict || !v.is_string()) return std::nullopt;
  return DecimalText(v.get_ref<const std::string&>());
}

std::optional<bool> BoolField(const json& j, std::string_view key, JsonTypes types) {
  const json& v = Member(j, key);
  if (v.is_boolean()) return v.get<bool>();
  if (types == JsonTypes::kStrict) return std::nullopt;
  if (v.is_number_integer()) {
    long long n = v.get<long long>();
    if (n == 0 || n == 1) return n == 1;
    return std::nullopt;
  }
  if (!v.is_string()) return std::nullopt;
  std::string s =
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(v.get_ref<const std::string&>()));
  if (s == "true" || s == "1") return true;
  if (s == "false" || s == "0") return false;
  return std::nullopt;
}

std::optional<double> DoubleField(const json& j, std::string_view key) {
  const json& v = Member(j, key);
  if (v.is_number()) return v.get<double>();
  return std::nullopt;
}

const json& ArrayField(const json& j, std::string_view key) {
  const json& v = Member(j, key);
  return v.is_array() ? v : EmptyArray();
}

const json& WrappedList(const json& j, std::string_view outer, std::string_view inner) {
  const json& list = Member(Member(j, outer), inner);
  return list.is_array() ? list : EmptyArray();
}

std::vector<std::string> StringListField(const json& j, std::string_view key) {
  std::vector<std::string> out;
  for (const json& v : ArrayField(j, key)) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::map<std::string, std::string> StringMapField(const json& j, std::string_view key) {
  std::map<std::string, std::string> out;
  const json& v = Member(j, key);
  if (!v.is_object()) return out;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (it.value().is_string()) out[it.key()] = it.value().get<std::string>();
  }
  return out;
}

}  // namespace polybackup::clients

#include "clients/alicloud/json_fields.h"

#include <charconv>

#include "absl/strings/ascii.h"

namespace polybackup::clients::alicloud {
namespace {

const nlohmann::json& Null() {
  static const nlohmann::json* null = new nlohmann::json();
  return *null;
}

const nlohmann::json& EmptyArray() {
  static const nlohmann::json* empty = new nlohmann::json(nlohmann::json::array());
  return *empty;
}

}  // namespace

const nlohmann::json& Member(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return Null();
  auto it = j.find(std::string(key));
  return it == j.end() ? Null() : *it;
}

std::string StringField(const nlohmann::json& j, std::string_view key) {
  const nlohmann::json& v = Member(j, key);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number_unsigned()) return std::to_string(v.get<unsigned long long>());
  if (v.is_number_float()) return v.dump();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return "";
}

std::optional<long long> IntField(const nlohmann::json& j, std::string_view key) {
  const nlohmann::json& v = Member(j, key);
  if (v.is_number_integer()) return v.get<long long>();
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (d == static_cast<double>(static_cast<long long>(d))) return static_cast<long long>(d);
    return std::nullopt;
  }
  if (!v.is_string()) return std::nullopt;
  std::string s(absl::StripAsciiWhitespace(v.get<std::string>()));
  if (s.empty()) return std::nullopt;
  long long out = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return out;
}

std::optional<bool> BoolField(const nlohmann::json& j, std::string_view key) {
  const nlohmann::json& v = Member(j, key);
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_integer()) {
    long long n = v.get<long long>();
    if (n == 0 || n == 1) return n == 1;
    return std::nullopt;
  }
  if (!v.is_string()) return std::nullopt;
  std::string s = absl::AsciiStrToLower(absl::StripAsciiWhitespace(v.get<std::string>()));
  if (s == "true" || s == "1") return true;
  if (s == "false" || s == "0") return false;
  return std::nullopt;
}

const nlohmann::json& WrappedList(const nlohmann::json& j, std::string_view outer,
                                  std::string_view inner) {
  const nlohmann::json& list = Member(Member(j, outer), inner);
  return list.is_array() ? list : EmptyArray();
}

}  // namespace polybackup::clients::alicloud

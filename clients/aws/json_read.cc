#include "clients/aws/json_read.h"

#include <cmath>

namespace polybackup::clients::aws {
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

std::string ReadString(const nlohmann::json& j, std::string_view key) {
  const nlohmann::json& v = Member(j, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

std::optional<long long> ReadInt(const nlohmann::json& j, std::string_view key) {
  const nlohmann::json& v = Member(j, key);
  if (v.is_number_integer()) return v.get<long long>();
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e18) {
      return static_cast<long long>(d);
    }
  }
  return std::nullopt;
}

std::optional<double> ReadDouble(const nlohmann::json& j, std::string_view key) {
  const nlohmann::json& v = Member(j, key);
  if (v.is_number()) return v.get<double>();
  return std::nullopt;
}

std::optional<bool> ReadBool(const nlohmann::json& j, std::string_view key) {
  const nlohmann::json& v = Member(j, key);
  if (v.is_boolean()) return v.get<bool>();
  return std::nullopt;
}

std::vector<std::string> ReadStringList(const nlohmann::json& j, std::string_view key) {
  std::vector<std::string> out;
  for (const nlohmann::json& v : ReadArray(j, key)) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::map<std::string, std::string> ReadStringMap(const nlohmann::json& j, std::string_view key) {
  std::map<std::string, std::string> out;
  const nlohmann::json& v = Member(j, key);
  if (!v.is_object()) return out;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (it.value().is_string()) out[it.key()] = it.value().get<std::string>();
  }
  return out;
}

const nlohmann::json& ReadArray(const nlohmann::json& j, std::string_view key) {
  const nlohmann::json& v = Member(j, key);
  return v.is_array() ? v : EmptyArray();
}

}  // namespace polybackup::clients::aws

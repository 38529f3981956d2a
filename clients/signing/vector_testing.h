// Test-only helpers for the signer vector tests: load a vector file written by
// clients/testdata/gen_*_vectors.js and turn its fields into C++ values.
#ifndef POLYBACKUP_CLIENTS_SIGNING_VECTOR_TESTING_H_
#define POLYBACKUP_CLIENTS_SIGNING_VECTOR_TESTING_H_

#include <chrono>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "clients/http/http.h"

namespace polybackup::clients::signing::testing {

inline nlohmann::json LoadVectors(const std::string& file) {
  std::ifstream in(std::string(POLYBACKUP_TESTDATA_DIR) + "/" + file);
  return nlohmann::json::parse(in);  // throws (fails the test) when missing
}

// "2024-03-15T08:30:00Z" -> time_point.
inline std::chrono::system_clock::time_point ParseTime(const std::string& iso) {
  std::tm tm{};
  strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

inline http::Headers HeaderList(const nlohmann::json& pairs) {
  http::Headers headers;
  for (const auto& pair : pairs) headers.emplace_back(pair[0], pair[1]);
  return headers;
}

}  // namespace polybackup::clients::signing::testing

#endif  // POLYBACKUP_CLIENTS_SIGNING_VECTOR_TESTING_H_

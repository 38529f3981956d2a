#include "base/logging.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>

using namespace polybackup;

TEST_CASE("log lines are hclog JSON with a microsecond timestamp") {
  std::vector<std::string> lines;
  log::SetSinkForTesting([&](std::string_view l) { lines.emplace_back(l); });
  log::SetLevel(log::Level::kDebug);
  log::Info("hello", {{"tf_rpc", "ApplyResourceChange"}});
  log::Trace("dropped");
  REQUIRE(lines.size() == 1);
  auto j = nlohmann::json::parse(lines[0]);
  CHECK(j["@level"] == "info");
  CHECK(j["@message"] == "hello");
  CHECK(j["tf_rpc"] == "ApplyResourceChange");
  std::regex ts(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)");
  CHECK(std::regex_match(j["@timestamp"].get<std::string>(), ts));
  log::SetSinkForTesting(nullptr);
}

TEST_CASE("registered secrets never reach a log line") {
  std::vector<std::string> lines;
  log::SetSinkForTesting([&](std::string_view l) { lines.emplace_back(l); });
  log::SetLevel(log::Level::kTrace);
  log::RegisterSecret("wJalrXUtnFEMI/K7MDENG");
  log::Debug("signing with wJalrXUtnFEMI/K7MDENG", {{"key", "x-wJalrXUtnFEMI/K7MDENG-y"}});
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("wJalrXUtnFEMI") == std::string::npos);
  CHECK(lines[0].find("[REDACTED]") != std::string::npos);
  log::SetSinkForTesting(nullptr);
}

TEST_CASE("level comes from TF_LOG_PROVIDER before TF_LOG") {
  setenv("TF_LOG", "ERROR", 1);
  setenv("TF_LOG_PROVIDER", "debug", 1);
  log::InitFromEnvironment();
  CHECK(log::GetLevel() == log::Level::kDebug);
  unsetenv("TF_LOG_PROVIDER");
  log::InitFromEnvironment();
  CHECK(log::GetLevel() == log::Level::kError);
  unsetenv("TF_LOG");
  log::InitFromEnvironment();
  CHECK(log::GetLevel() == log::Level::kOff);
}

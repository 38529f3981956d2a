#include "base/logging.h"

#include <sys/time.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"

namespace polybackup::log {
namespace {

std::atomic<int> g_level{static_cast<int>(Level::kOff)};

struct State {
  std::mutex mu;
  std::function<void(std::string_view)> sink;
  std::vector<std::string> secrets;
};

State& state() {
  static State* s = new State();  // never destroyed: logging may run during exit
  return *s;
}

Level ParseLevel(const char* text) {
  if (text == nullptr) return Level::kOff;
  std::string v = absl::AsciiStrToUpper(text);
  if (v == "TRACE" || v == "JSON") return Level::kTrace;
  if (v == "DEBUG") return Level::kDebug;
  if (v == "INFO") return Level::kInfo;
  if (v == "WARN") return Level::kWarn;
  if (v == "ERROR") return Level::kError;
  return Level::kOff;
}

const char* LevelName(Level level) {
  switch (level) {
    case Level::kTrace:
      return "trace";
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
    case Level::kOff:
      break;
  }
  return "debug";
}

// hclog's JSON timestamp layout, "2006-01-02T15:04:05.000000Z07:00", in UTC.
// Any other shape makes go-plugin treat the whole line as plain text.
std::string Timestamp() {
  struct timeval tv;
  gettimeofday(&tv, nullptr);
  struct tm tm;
  gmtime_r(&tv.tv_sec, &tm);
  char buf[64];
  size_t n = strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(buf + n, sizeof(buf) - n, ".%06ldZ", static_cast<long>(tv.tv_usec));
  return buf;
}

std::string RedactLocked(State& s, std::string_view text) {
  std::string out(text);
  for (const auto& secret : s.secrets) {
    if (out.find(secret) != std::string::npos)
      out = absl::StrReplaceAll(out, {{secret, "[REDACTED]"}});
  }
  return out;
}

}  // namespace

void InitFromEnvironment() {
  const char* level = std::getenv("TF_LOG_PROVIDER");
  if (level == nullptr || *level == '\0') level = std::getenv("TF_LOG");
  SetLevel(ParseLevel(level));
}

void SetLevel(Level level) { g_level.store(static_cast<int>(level)); }
Level GetLevel() { return static_cast<Level>(g_level.load()); }
bool Enabled(Level level) {
  return level != Level::kOff && static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

void SetSinkForTesting(std::function<void(std::string_view)> sink) {
  std::lock_guard<std::mutex> lock(state().mu);
  state().sink = std::move(sink);
}

void RegisterSecret(std::string secret) {
  if (secret.size() < 4) return;
  std::lock_guard<std::mutex> lock(state().mu);
  for (const auto& s : state().secrets) {
    if (s == secret) return;
  }
  state().secrets.push_back(std::move(secret));
}

std::string Redact(std::string_view text) {
  std::lock_guard<std::mutex> lock(state().mu);
  return RedactLocked(state(), text);
}

void Write(Level level, std::string_view message, const Fields& fields) {
  if (!Enabled(level)) return;
  nlohmann::json line = nlohmann::json::object();
  line["@level"] = LevelName(level);
  line["@message"] = std::string(message);
  line["@timestamp"] = Timestamp();
  line["@module"] = "polybackup";
  for (const auto& [key, value] : fields) line[key] = value;
  // Invalid UTF-8 from a server response must not throw out of a log call.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard<std::mutex> lock(state().mu);
  text = RedactLocked(state(), text);
  if (state().sink) {
    state().sink(text);
  } else {
    text.push_back('\n');
    fwrite(text.data(), 1, text.size(), stderr);
    fflush(stderr);
  }
}

}  // namespace polybackup::log

// Provider logging: JSON lines on stderr in the hclog shape Terraform re-logs.
//
// go-plugin reads the provider's stderr line by line; a JSON line with "@level",
// "@message" and "@timestamp" (exactly microsecond RFC 3339) is re-logged at that
// level under "provider.terraform-provider-polybackup". stdout belongs to the
// handshake and must never be written to.
//
// The level comes from TF_LOG_PROVIDER, falling back to TF_LOG (TRACE, DEBUG,
// INFO, WARN, ERROR; JSON means TRACE). Unset or unknown: nothing is written, so
// disabled levels cost one atomic load.
//
// Secrets: every string registered with RegisterSecret() is replaced by
// "[REDACTED]" in every line written, whatever field it appears in. Callers
// should still not log secrets; this is the last line of defence.
//
// Thread-safe: lines are written whole under a mutex.
#ifndef POLYBACKUP_BASE_LOGGING_H_
#define POLYBACKUP_BASE_LOGGING_H_

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace polybackup::log {

enum class Level { kTrace = 0, kDebug = 1, kInfo = 2, kWarn = 3, kError = 4, kOff = 5 };

using Fields = std::vector<std::pair<std::string, std::string>>;

// Reads TF_LOG_PROVIDER / TF_LOG. Called once at start; tests may call again.
void InitFromEnvironment();
void SetLevel(Level level);
Level GetLevel();
bool Enabled(Level level);

// Replaces the stderr sink (tests). The sink receives one complete line
// without the trailing newline. Passing nullptr restores stderr.
void SetSinkForTesting(std::function<void(std::string_view)> sink);

// Adds a value that must never appear in a log line. Empty and very short
// values (< 4 characters) are ignored: they would redact ordinary words.
void RegisterSecret(std::string secret);
// Applies the registered redactions to `text` (used by the logger, and by
// anything else that echoes user data, e.g. request logs).
std::string Redact(std::string_view text);

void Write(Level level, std::string_view message, const Fields& fields = {});

inline void Trace(std::string_view m, const Fields& f = {}) { Write(Level::kTrace, m, f); }
inline void Debug(std::string_view m, const Fields& f = {}) { Write(Level::kDebug, m, f); }
inline void Info(std::string_view m, const Fields& f = {}) { Write(Level::kInfo, m, f); }
inline void Warn(std::string_view m, const Fields& f = {}) { Write(Level::kWarn, m, f); }
inline void Error(std::string_view m, const Fields& f = {}) { Write(Level::kError, m, f); }

}  // namespace polybackup::log

#endif  // POLYBACKUP_BASE_LOGGING_H_

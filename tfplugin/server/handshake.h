// The text side of go-plugin's launch contract (go-plugin server.go/client.go,
// docs/guide-plugin-write-non-go.md): the magic cookie, protocol negotiation,
// the handshake line, and the debug-mode reattach line. Pure functions, no
// I/O, so every rule is unit-tested.
#ifndef POLYBACKUP_TFPLUGIN_SERVER_HANDSHAKE_H_
#define POLYBACKUP_TFPLUGIN_SERVER_HANDSHAKE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace polybackup::tfplugin {

// Terraform's handshake config (internal/plugin6/serve.go). "Should never be
// changed" upstream: every Terraform since 0.12 sends exactly this.
inline constexpr std::string_view kMagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr std::string_view kMagicCookieValue =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

// What go-plugin prints (stderr, exit 1) when run without the cookie.
inline constexpr std::string_view kNotAPluginMessage =
    "This binary is a plugin. These are not meant to be executed directly.\n"
    "Please execute the program that consumes these plugins, which will\n"
    "load any plugins automatically\n";

// go-plugin's CoreProtocolVersion; the client rejects anything else.
inline constexpr int kCoreProtocolVersion = 1;
// The only application protocol this server speaks (tfplugin6).
inline constexpr int kAppProtocolVersion = 6;

struct ProtocolChoice {
  int version = kAppProtocolVersion;
  // False when PLUGIN_PROTOCOL_VERSIONS did not list 6 (or was unparseable).
  // go-plugin's server still answers its own version then, and the client
  // reports the mismatch with both lists, which is the clearest error.
  bool offered = false;
};

// Parses PLUGIN_PROTOCOL_VERSIONS ("5,6" or "6,5": built from a Go map, so the
// order is random; treated as a set). Entries that are not integers are
// ignored. Always succeeds.
ProtocolChoice PickProtocolVersion(std::string_view env_value);

// Go's base64.RawStdEncoding: standard alphabet, never '=' padding (the client
// decodes with RawStdEncoding, so padding breaks DER lengths not divisible by 3).
std::string Base64RawStdEncode(std::string_view bytes);
// Inverse; InvalidArgument on padding or characters outside the alphabet.
absl::StatusOr<std::string> Base64RawStdDecode(std::string_view text);

// "1|6|<network>|<address>|grpc|<base64 DER>" followed by '\n'. `cert_der`
// empty: the last field is empty (plaintext). Never a 7th field: Terraform
// 1.0-1.4 split with SplitN(line, "|", 6) and would corrupt the certificate.
std::string FormatHandshakeLine(std::string_view network, std::string_view address,
                                std::string_view cert_der);

struct HandshakeLine {
  int core_version = 0;
  int app_version = 0;
  std::string network;
  std::string address;
  std::string protocol;
  std::string cert_der;  // empty when the server runs without TLS
};

// Parses a handshake line the way go-plugin's client does (trims whitespace,
// splits on '|'). InvalidArgument when there are not exactly 6 fields, a
// version is not a number, or the certificate field is not RawStd base64.
absl::StatusOr<HandshakeLine> ParseHandshakeLine(std::string_view line);

// The TF_REATTACH_PROVIDERS JSON for a debug-mode server: a map from provider
// address to {"Protocol":"grpc","ProtocolVersion":6,"Pid":pid,"Test":true,
// "Addr":{"Network":network,"String":address}}. Test=true makes Terraform
// leave the process alone after each command (no Shutdown, no kill).
std::string ReattachJson(std::string_view provider_address, long pid, std::string_view network,
                         std::string_view address);

// The human banner printed on stdout in -debug mode, ending with the
// shell-quoted `TF_REATTACH_PROVIDERS='...'` line (terraform-plugin-go's
// managed-debug wording).
std::string DebugBanner(std::string_view reattach_json);

}  // namespace polybackup::tfplugin

#endif  // POLYBACKUP_TFPLUGIN_SERVER_HANDSHAKE_H_

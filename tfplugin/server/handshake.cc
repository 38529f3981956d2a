#include "tfplugin/server/handshake.h"

#include <array>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"

namespace polybackup::tfplugin {
namespace {

// Debian's abseil is built with its own absl::string_view (not an alias of
// std::string_view), so views are converted explicitly at the boundary.
absl::string_view Av(std::string_view s) { return absl::string_view(s.data(), s.size()); }

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int DecodeChar(char c) {
  size_t pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

ProtocolChoice PickProtocolVersion(std::string_view env_value) {
  ProtocolChoice choice;
  for (absl::string_view part : absl::StrSplit(Av(env_value), ',')) {
    int v = 0;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(part), &v) && v == kAppProtocolVersion) {
      choice.offered = true;
    }
  }
  return choice;
}

std::string Base64RawStdEncode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (uint32_t{static_cast<uint8_t>(bytes[i])} << 16) |
                 (uint32_t{static_cast<uint8_t>(bytes[i + 1])} << 8) |
                 uint32_t{static_cast<uint8_t>(bytes[i + 2])};
    for (int shift : {18, 12, 6, 0}) out.push_back(kAlphabet[(n >> shift) & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t n = uint32_t{static_cast<uint8_t>(bytes[i])} << 16;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
  } else if (rest == 2) {
    uint32_t n = (uint32_t{static_cast<uint8_t>(bytes[i])} << 16) |
                 (uint32_t{static_cast<uint8_t>(bytes[i + 1])} << 8);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(kAlphabet[(n >> 6) & 63]);
  }
  return out;
}

absl::StatusOr<std::string> Base64RawStdDecode(std::string_view text) {
  if (text.size() % 4 == 1) return absl::InvalidArgumentError("base64: impossible length");
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = DecodeChar(c);
    if (v < 0) {
      return absl::InvalidArgumentError(
          c == '=' ? "base64: padding is not allowed (RawStdEncoding)"
                   : absl::StrCat("base64: invalid character 0x", absl::Hex(c)));
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  // Go rejects non-zero trailing bits in strict mode; the client is not strict,
  // and neither are we.
  return out;
}

std::string FormatHandshakeLine(std::string_view network, std::string_view address,
                                std::string_view cert_der) {
  return absl::StrCat(kCoreProtocolVersion, "|", kAppProtocolVersion, "|", Av(network), "|",
                      Av(address), "|grpc|", Base64RawStdEncode(cert_der), "\n");
}

absl::StatusOr<HandshakeLine> ParseHandshakeLine(std::string_view line) {
  std::vector<absl::string_view> parts = absl::StrSplit(absl::StripAsciiWhitespace(Av(line)), '|');
  if (parts.size() != 6) {
    return absl::InvalidArgumentError(
        absl::StrCat("handshake line has ", parts.size(), " fields, want 6: ", Av(line)));
  }
  HandshakeLine out;
  if (!absl::SimpleAtoi(parts[0], &out.core_version) ||
      !absl::SimpleAtoi(parts[1], &out.app_version)) {
    return absl::InvalidArgumentError(absl::StrCat("bad version fields: ", Av(line)));
  }
  out.network = std::string(parts[2]);
  out.address = std::string(parts[3]);
  out.protocol = std::string(parts[4]);
  if (!parts[5].empty()) {
    absl::StatusOr<std::string> der =
        Base64RawStdDecode(std::string_view(parts[5].data(), parts[5].size()));
    if (!der.ok()) return der.status();
    out.cert_der = *std::move(der);
  }
  return out;
}

std::string ReattachJson(std::string_view provider_address, long pid, std::string_view network,
                         std::string_view address) {
  nlohmann::json entry = {
      {"Protocol", "grpc"},
      {"ProtocolVersion", kAppProtocolVersion},
      {"Pid", pid},
      {"Test", true},
      {"Addr", {{"Network", std::string(network)}, {"String", std::string(address)}}},
  };
  nlohmann::json root = nlohmann::json::object();
  root[std::string(provider_address)] = entry;
  return root.dump();
}

std::string DebugBanner(std::string_view reattach_json) {
  // Single-quote for POSIX shells; a quote inside becomes '\''.
  std::string quoted = absl::StrReplaceAll(Av(reattach_json), {{"'", "'\\''"}});
  return absl::StrCat(
      "Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment "
      "variable with the following:\n\n",
      "\tTF_REATTACH_PROVIDERS='", quoted, "'\n\n");
}

}  // namespace polybackup::tfplugin

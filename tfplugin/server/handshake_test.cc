#include "tfplugin/server/handshake.h"

#include <doctest/doctest.h>

#include <string>

#include "nlohmann/json.hpp"

namespace polybackup::tfplugin {
namespace {

TEST_CASE("protocol 6 is picked from the offered set in any order") {
  CHECK(PickProtocolVersion("5,6").offered);
  CHECK(PickProtocolVersion("6,5").offered);
  CHECK(PickProtocolVersion("6").offered);
  CHECK(PickProtocolVersion(" 5 , 6 ").offered);
  CHECK(PickProtocolVersion("4,5,6,7").version == 6);
}

TEST_CASE("without 6 on offer the answer is still 6, flagged as not offered") {
  for (const char* env : {"", "5", "4,5", "x,y", "16"}) {
    ProtocolChoice c = PickProtocolVersion(env);
    CHECK(c.version == 6);
    CHECK_FALSE(c.offered);
  }
}

TEST_CASE("base64 is the standard alphabet without padding") {
  // RFC 4648 test vectors, padding removed.
  CHECK(Base64RawStdEncode("") == "");
  CHECK(Base64RawStdEncode("f") == "Zg");
  CHECK(Base64RawStdEncode("fo") == "Zm8");
  CHECK(Base64RawStdEncode("foo") == "Zm9v");
  CHECK(Base64RawStdEncode("foob") == "Zm9vYg");
  CHECK(Base64RawStdEncode("fooba") == "Zm9vYmE");
  CHECK(Base64RawStdEncode("foobar") == "Zm9vYmFy");
  CHECK(Base64RawStdEncode(std::string("\xfb\xff\xfe", 3)) == "+//+");
}

TEST_CASE("base64 decoding mirrors RawStdEncoding") {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    auto round = Base64RawStdDecode(Base64RawStdEncode(s));
    REQUIRE(round.ok());
    CHECK(*round == s);
  }
  CHECK_FALSE(Base64RawStdDecode("Zg==").ok());   // padding is an error
  CHECK_FALSE(Base64RawStdDecode("Z-8").ok());    // URL alphabet is an error
  CHECK_FALSE(Base64RawStdDecode("Zm9vY").ok());  // impossible length
}

TEST_CASE("handshake line format") {
  std::string der("\x30\x82\x01", 3);
  CHECK(FormatHandshakeLine("unix", "/tmp/plugin-abc/provider.sock", der) ==
        "1|6|unix|/tmp/plugin-abc/provider.sock|grpc|MIIB\n");
  CHECK(FormatHandshakeLine("tcp", "127.0.0.1:10000", "") == "1|6|tcp|127.0.0.1:10000|grpc|\n");
}

TEST_CASE("handshake line round trip and parse errors") {
  std::string der = "0123456789abcdef";  // 16 bytes: needs padding in StdEncoding
  auto parsed = ParseHandshakeLine(FormatHandshakeLine("unix", "/s", der));
  REQUIRE(parsed.ok());
  CHECK(parsed->core_version == 1);
  CHECK(parsed->app_version == 6);
  CHECK(parsed->network == "unix");
  CHECK(parsed->address == "/s");
  CHECK(parsed->protocol == "grpc");
  CHECK(parsed->cert_der == der);

  CHECK_FALSE(ParseHandshakeLine("1|6|unix|/s|grpc").ok());
  CHECK_FALSE(ParseHandshakeLine("1|6|unix|/s|grpc|x|extra").ok());
  CHECK_FALSE(ParseHandshakeLine("one|6|unix|/s|grpc|").ok());
  CHECK_FALSE(ParseHandshakeLine("1|6|unix|/s|grpc|MIIB==").ok());
}

TEST_CASE("reattach JSON has the shape Terraform parses") {
  std::string text = ReattachJson("registry.terraform.io/polybackup/polybackup", 4242, "unix",
                                  "/tmp/plugin-x/provider.sock");
  auto json = nlohmann::json::parse(text);
  auto& entry = json.at("registry.terraform.io/polybackup/polybackup");
  CHECK(entry.at("Protocol") == "grpc");
  CHECK(entry.at("ProtocolVersion") == 6);
  CHECK(entry.at("Pid") == 4242);
  CHECK(entry.at("Test") == true);
  CHECK(entry.at("Addr").at("Network") == "unix");
  CHECK(entry.at("Addr").at("String") == "/tmp/plugin-x/provider.sock");
}

TEST_CASE("debug banner shell-quotes the reattach value") {
  std::string banner = DebugBanner(R"({"a":"it's"})");
  CHECK(banner.find("Provider started.") == 0);
  CHECK(banner.find("\tTF_REATTACH_PROVIDERS='{\"a\":\"it'\\''s\"}'\n") != std::string::npos);
}

}  // namespace
}  // namespace polybackup::tfplugin

#include "clients/signing/crypto.h"

#include <doctest/doctest.h>

#include "clients/signing/canonical.h"

namespace polybackup::clients::signing {

TEST_CASE("hashes and MACs against published test vectors") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  CHECK(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // RFC 2202 test case 2.
  CHECK(HexEncode(HmacSha1("Jefe", "what do ya want for nothing?")) ==
        "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("HMAC keys longer than the block are hashed first, and an empty key works") {
  // RFC 4231 test case 6 and RFC 2202 test case 6: the keys are 131 and 80
  // bytes of 0xaa, longer than SHA-256's and SHA-1's 64-byte block.
  const std::string data = "Test Using Larger Than Block-Size Key - Hash Key First";
  CHECK(HexEncode(HmacSha256(std::string(131, '\xaa'), data)) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  CHECK(HexEncode(HmacSha1(std::string(80, '\xaa'), data)) ==
        "aa4ae5e15272d00e95705637ce8a3b55ed402112");
  // A key of exactly one block is used as it is (value from Python's hmac).
  CHECK(HexEncode(HmacSha256(std::string(64, '\x0b'), "block")) ==
        "0009cbc8cab0d66424e5fe24560de4c832782300de946d5924e1c16676da8862");
  CHECK(HexEncode(HmacSha256("", "")) ==
        "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST_CASE("Base64 (RFC 4648 section 10) and UTC formatting") {
  CHECK(Base64Encode("") == "");
  CHECK(Base64Encode("f") == "Zg==");
  CHECK(Base64Encode("fo") == "Zm8=");
  CHECK(Base64Encode("foobar") == "Zm9vYmFy");
  auto t = std::chrono::system_clock::time_point(std::chrono::milliseconds(1709164799999));
  CHECK(FormatUtc(t, "%Y%m%dT%H%M%SZ") == "20240228T235959Z");
  CHECK(FormatUtc(t, "%Y-%m-%dT%H:%M:%SZ") == "2024-02-28T23:59:59Z");
}

TEST_CASE("path normalization and canonical query") {
  CHECK(NormalizePath("/") == "/");
  CHECK(NormalizePath("") == "/");
  CHECK(NormalizePath("//example//") == "/example/");
  CHECK(NormalizePath("/a/./b/../c") == "/a/c");
  CHECK(NormalizePath("/a/b/../../..") == "/");
  CHECK(NormalizePath("/backup/plans/") == "/backup/plans/");
  CHECK(*CanonicalQuery("b=2&a=%20x&a=1&c") == "a=%20x&a=1&b=2&c=");
  CHECK(*CanonicalQuery("k=a%2Bb+c") == "k=a%2Bb%2Bc");  // '+' is a literal plus
  CHECK(CanonicalQuery("k=%zz").status().code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace polybackup::clients::signing

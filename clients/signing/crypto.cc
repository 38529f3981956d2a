#include "clients/signing/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>

#include <cstring>
#include <ctime>
#include <initializer_list>
#include <memory>

namespace polybackup::clients::signing {
namespace {

// OpenSSL 3 looks an algorithm's implementation up by name on every use
// unless it was fetched explicitly, and its MAC objects cost a context
// duplication per call: together most of a signature's time (SigV4 takes
// five HMACs and two hashes per request, bench/README.md). The digests are
// fetched once per process (the fetched objects are immutable, thread-safe
// and live until exit), each thread reuses one digest context, and HMAC is
// built on that context (RFC 2104), so a call allocates nothing in OpenSSL.
struct Algorithms {
  EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD* sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
};

const Algorithms& Fetched() {
  static const Algorithms* algorithms = new Algorithms();
  return *algorithms;
}

struct DigestContextFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

// The calling thread's digest context, or nullptr when out of memory.
EVP_MD_CTX* ThreadDigestContext() {
  thread_local std::unique_ptr<EVP_MD_CTX, DigestContextFree> ctx(EVP_MD_CTX_new());
  return ctx.get();
}

// The digest of the concatenated parts into `out`; the size, or 0 when
// OpenSSL failed (out of memory, or a provider without the algorithm).
unsigned Digest(const EVP_MD* md, std::initializer_list<std::string_view> parts,
                unsigned char* out) {
  EVP_MD_CTX* ctx = ThreadDigestContext();
  if (md == nullptr || ctx == nullptr || EVP_DigestInit_ex2(ctx, md, nullptr) != 1) return 0;
  for (std::string_view part : parts) {
    if (EVP_DigestUpdate(ctx, part.data(), part.size()) != 1) return 0;
  }
  unsigned len = 0;
  return EVP_DigestFinal_ex(ctx, out, &len) == 1 ? len : 0;
}

std::string Hash(const EVP_MD* md, const EVP_MD* fallback, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned len = Digest(md, {data}, out);
  if (len == 0) {
    // The one-shot call, which reports the same way as before.
    EVP_Digest(data.data(), data.size(), out, &len, fallback, nullptr);
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

// HMAC (RFC 2104): H((K ^ opad) || H((K ^ ipad) || data)), K the key
// padded to the digest's block size, or its digest when longer.
std::string Hmac(const EVP_MD* md, const EVP_MD* fallback, std::string_view key,
                 std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  const int block = md != nullptr ? EVP_MD_get_block_size(md) : 0;
  unsigned char hashed_key[EVP_MAX_MD_SIZE];
  std::string_view k = key;
  if (block > 0 && key.size() > static_cast<size_t>(block)) {
    const unsigned n = Digest(md, {key}, hashed_key);
    k = std::string_view(reinterpret_cast<char*>(hashed_key), n);
  }
  if (block > 0 && block <= 128 && k.size() <= static_cast<size_t>(block) &&
      (k.size() > 0 || key.empty())) {
    char ipad[128] = {};
    char opad[128] = {};
    std::memcpy(ipad, k.data(), k.size());
    std::memcpy(opad, k.data(), k.size());
    for (int i = 0; i < block; ++i) {
      ipad[i] ^= 0x36;
      opad[i] ^= 0x5c;
    }
    unsigned char inner[EVP_MAX_MD_SIZE];
    const unsigned inner_len = Digest(md, {std::string_view(ipad, block), data}, inner);
    if (inner_len > 0) {
      len = Digest(md,
                   {std::string_view(opad, block),
                    std::string_view(reinterpret_cast<char*>(inner), inner_len)},
                   out);
    }
    OPENSSL_cleanse(ipad, sizeof(ipad));
    OPENSSL_cleanse(opad, sizeof(opad));
  }
  OPENSSL_cleanse(hashed_key, sizeof(hashed_key));
  if (len == 0) {
    // Out of memory or a provider without the algorithm: the one-shot call,
    // which reports the same way as before.
    HMAC(fallback, key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

}  // namespace

std::string Sha256(std::string_view data) {
  return Hash(Fetched().sha256, EVP_sha256(), data);
}

std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

std::string HmacSha256(std::string_view key, std::string_view data) {
  return Hmac(Fetched().sha256, EVP_sha256(), key, data);
}

std::string HmacSha1(std::string_view key, std::string_view data) {
  return Hmac(Fetched().sha1, EVP_sha1(), key, data);
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string FormatUtc(std::chrono::system_clock::time_point t, const char* format) {
  std::time_t seconds =
      std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::seconds>(t));
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[64];
  size_t n = std::strftime(buffer, sizeof(buffer), format, &tm);
  return std::string(buffer, n);
}

}  // namespace polybackup::clients::signing

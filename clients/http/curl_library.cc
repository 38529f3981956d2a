#include "clients/http/curl_library.h"

#include <dlfcn.h>

#include <string>

#include "absl/strings/str_cat.h"

namespace polybackup::clients::http {
namespace {

constexpr char kSoname[] = "libcurl.so.4";

// Resolves `name` into `fn`; false (with the reason in *error) when missing.
template <class F>
bool Resolve(void* handle, const char* name, F* fn, std::string* error) {
  *fn = reinterpret_cast<F>(dlsym(handle, name));
  if (*fn == nullptr) *error = absl::StrCat(kSoname, " has no ", name);
  return *fn != nullptr;
}

absl::StatusOr<const CurlLibrary*> Load() {
  // RTLD_LOCAL: libcurl's own dependencies (another TLS library among them)
  // must not resolve symbols of ours or of OpenSSL's for anyone else.
  void* handle = dlopen(kSoname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    return absl::FailedPreconditionError(
        absl::StrCat("cannot load ", kSoname,
                     " (libcurl 7.66 or later; Debian/Ubuntu: libcurl4, RHEL: "
                     "libcurl): ",
                     why != nullptr ? why : "unknown error"));
  }
  static CurlLibrary lib;
  std::string error;
  const bool ok = Resolve(handle, "curl_global_init", &lib.global_init, &error) &&
                  Resolve(handle, "curl_easy_init", &lib.easy_init, &error) &&
                  Resolve(handle, "curl_easy_cleanup", &lib.easy_cleanup, &error) &&
                  Resolve(handle, "curl_easy_reset", &lib.easy_reset, &error) &&
                  Resolve(handle, "curl_easy_setopt", &lib.easy_setopt, &error) &&
                  Resolve(handle, "curl_easy_getinfo", &lib.easy_getinfo, &error) &&
                  Resolve(handle, "curl_easy_strerror", &lib.easy_strerror, &error) &&
                  Resolve(handle, "curl_multi_init", &lib.multi_init, &error) &&
                  Resolve(handle, "curl_multi_cleanup", &lib.multi_cleanup, &error) &&
                  Resolve(handle, "curl_multi_add_handle", &lib.multi_add_handle, &error) &&
                  Resolve(handle, "curl_multi_remove_handle", &lib.multi_remove_handle, &error) &&
                  Resolve(handle, "curl_multi_perform", &lib.multi_perform, &error) &&
                  Resolve(handle, "curl_multi_poll", &lib.multi_poll, &error) &&
                  Resolve(handle, "curl_multi_info_read", &lib.multi_info_read, &error) &&
                  Resolve(handle, "curl_share_init", &lib.share_init, &error) &&
                  Resolve(handle, "curl_share_setopt", &lib.share_setopt, &error) &&
                  Resolve(handle, "curl_share_cleanup", &lib.share_cleanup, &error) &&
                  Resolve(handle, "curl_slist_append", &lib.slist_append, &error) &&
                  Resolve(handle, "curl_slist_free_all", &lib.slist_free_all, &error);
  if (!ok) return absl::FailedPreconditionError(error);
  return &lib;
}

}  // namespace

absl::StatusOr<const CurlLibrary*> LoadCurl() {
  static const absl::StatusOr<const CurlLibrary*> loaded = Load();
  return loaded;
}

}  // namespace polybackup::clients::http

// libcurl, loaded when the first transport is made instead of when the
// provider starts.
//
// Terraform starts a provider process for each phase of a command and half
// of them only answer the schema call; linking libcurl made every one of
// them load it and the ~25 libraries Debian's libcurl pulls in (GnuTLS,
// Kerberos, LDAP, SSH, RTMP, ...) before main: about 2.4 ms and 3.7 MB of
// VmRSS per process (bench/README.md). dlopen() defers that to the first
// process that makes a cloud call. The soname is libcurl's stable ABI
// (libcurl.so.4, what the binary linked before), so packaging needs nothing
// new; a machine without it now gets a clear error on the first cloud call
// instead of a provider that cannot start.
#ifndef POLYBACKUP_CLIENTS_HTTP_CURL_LIBRARY_H_
#define POLYBACKUP_CLIENTS_HTTP_CURL_LIBRARY_H_

#include <curl/curl.h>

#include "absl/status/statusor.h"

namespace polybackup::clients::http {

// The libcurl functions the transport uses, with libcurl's own signatures.
struct CurlLibrary {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_reset) easy_reset;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_multi_init) multi_init;
  decltype(&::curl_multi_cleanup) multi_cleanup;
  decltype(&::curl_multi_add_handle) multi_add_handle;
  decltype(&::curl_multi_remove_handle) multi_remove_handle;
  decltype(&::curl_multi_perform) multi_perform;
  decltype(&::curl_multi_poll) multi_poll;
  decltype(&::curl_multi_info_read) multi_info_read;
  decltype(&::curl_share_init) share_init;
  decltype(&::curl_share_setopt) share_setopt;
  decltype(&::curl_share_cleanup) share_cleanup;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
};

// Loads libcurl.so.4 and resolves every function, once per process
// (thread-safe); later calls return the same result. The library stays
// loaded until exit. FailedPrecondition naming the library and dlerror()
// when it cannot be loaded or lacks a function (a libcurl older than 7.66,
// which has no curl_multi_poll).
absl::StatusOr<const CurlLibrary*> LoadCurl();

}  // namespace polybackup::clients::http

#endif  // POLYBACKUP_CLIENTS_HTTP_CURL_LIBRARY_H_

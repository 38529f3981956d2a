// The production HttpTransport on libcurl.
//
// Easy handles are pooled and reused across calls and threads, and a curl
// share handle holds the DNS cache, TLS sessions and the connection cache, so
// sequential calls to one endpoint reuse one keep-alive connection. libcurl
// honours http_proxy / https_proxy / HTTPS_PROXY / no_proxy / NO_PROXY from
// the environment; nothing here overrides that. curl_global_init runs once,
// the first time a transport is created; so does ignoring SIGPIPE (when its
// disposition is still the default), since threaded libcurl over OpenSSL
// cannot keep a peer's hang-up from raising it.
#ifndef POLYBACKUP_CLIENTS_HTTP_CURL_TRANSPORT_H_
#define POLYBACKUP_CLIENTS_HTTP_CURL_TRANSPORT_H_

#include <cstddef>
#include <memory>
#include <string>

#include "clients/http/http.h"

namespace polybackup::clients::http {

struct TlsOptions {
  // PEM file of trusted CAs used instead of the system store; "" = system.
  std::string ca_bundle;
  // Skips peer and host verification. Only ever set from an explicit user
  // setting (provider `insecure = true`); off by default.
  bool insecure = false;
};

struct CurlTransportOptions {
  TlsOptions tls;
  // User-Agent sent when the request carries none.
  std::string user_agent = "terraform-provider-polybackup";
  // Idle easy handles kept for reuse; more concurrent calls still work, the
  // surplus handles are freed after use.
  std::size_t max_idle_handles = 16;
  // A response body beyond this fails the call with ResourceExhausted
  // instead of growing without bound (API answers are a few KiB).
  std::size_t max_response_bytes = 64u << 20;
};

// Thread-safe; the returned transport may be shared by every client.
// Never fails: a bad CA path, or a libcurl that cannot be loaded
// (curl_library.h: it is loaded here, at the first transport), shows up as
// FailedPrecondition on the first Send.
std::shared_ptr<HttpTransport> NewCurlTransport(const TlsOptions& tls);
std::shared_ptr<HttpTransport> NewCurlTransport(const CurlTransportOptions& options);

}  // namespace polybackup::clients::http

#endif  // POLYBACKUP_CLIENTS_HTTP_CURL_TRANSPORT_H_

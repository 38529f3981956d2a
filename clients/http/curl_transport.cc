#include "clients/http/curl_transport.h"

#include <curl/curl.h>
#include <signal.h>

#include <array>
#include <csignal>
#include <mutex>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/http/curl_library.h"
#include "clients/http/redact.h"
#include "clients/http/text.h"
#include "clients/http/url.h"

namespace polybackup::clients::http {
namespace {

// How often a blocked call wakes to look at its Cancellation when nothing
// arrives on the socket. Bounds the latency of Cancel(); costs one syscall.
constexpr int kCancelPollMs = 20;
constexpr int kIdlePollMs = 1000;

void GlobalInitOnce(const CurlLibrary& curl) {
  // curl_global_init is not thread-safe and must run before any other call;
  // curl_global_cleanup is never called (handles may outlive main's scope).
  // With CURLOPT_NOSIGNAL (required with threads) libcurl no longer shields
  // the process from SIGPIPE, and OpenSSL writes with write(2): a peer that
  // hangs up mid-TLS-write would kill the provider. Ignore SIGPIPE unless the
  // program installed its own handler (the libcurl docs' advice for threads).
  static std::once_flag once;
  std::call_once(once, [&curl] {
    struct sigaction current {};
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
      std::signal(SIGPIPE, SIG_IGN);
    }
    curl.global_init(CURL_GLOBAL_DEFAULT);
  });
}

struct Slot {
  CURL* easy = nullptr;
  CURLM* multi = nullptr;
};

struct Transfer {
  HttpResponse response;
  const Cancellation* cancel = nullptr;
  std::size_t max_body = 0;
  bool too_large = false;
  int sends = 0;                // requests libcurl was about to send
  bool resend_refused = false;  // it wanted to send this one again
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  if (transfer->response.body.size() + size * count > transfer->max_body) {
    transfer->too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  transfer->response.body.append(data, size * count);
  return size * count;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  // A new status line starts a new header block (100 Continue, a proxy's
  // CONNECT answer): keep only the final response's headers.
  if (line.substr(0, 5) == "HTTP/") {
    transfer->response.headers.clear();
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  transfer->response.headers.emplace_back(ToLowerAscii(TrimAscii(line.substr(0, colon))),
                                          std::string(TrimAscii(line.substr(colon + 1))));
  return size * count;
}

// Called by libcurl while a transfer runs; a non-zero return aborts it with
// CURLE_ABORTED_BY_CALLBACK.
int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* transfer = static_cast<Transfer*>(user);
  return transfer->cancel != nullptr && transfer->cancel->cancelled() ? 1 : 0;
}

// Called by libcurl before it sends the request. A second call in one
// transfer is libcurl about to send it again on its own: a reused connection
// closed without an answer ("Connection died, retrying a fresh connect"),
// which happens when the server hung up after carrying the request out. That
// resend is refused: it would repeat a create behind the retry loop's back
// (which decides by the call's idempotency) and replay a signature's nonce.
int OnPrereq(void* user, char*, char*, int, int) {
  auto* transfer = static_cast<Transfer*>(user);
  if (++transfer->sends == 1) return CURL_PREREQFUNC_OK;
  transfer->resend_refused = true;
  return CURL_PREREQFUNC_ABORT;
}

absl::Status MapCurlError(const CurlLibrary& curl, CURLcode code, const char* detail,
                          const Transfer& transfer, const HttpRequest& request) {
  std::string message = absl::StrCat(request.method, " ", RedactUrlForLog(request.url), ": ",
                                     detail[0] != '\0' ? detail : curl.easy_strerror(code));
  if (transfer.resend_refused) {
    return absl::UnavailableError(absl::StrCat(
        request.method, " ", RedactUrlForLog(request.url),
        ": the connection closed without an answer (the request may have been carried out)"));
  }
  switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:
      return absl::CancelledError(transfer.cancel != nullptr ? transfer.cancel->reason()
                                                             : "request cancelled");
    case CURLE_OPERATION_TIMEDOUT:
      return absl::DeadlineExceededError(message);
    case CURLE_WRITE_ERROR:
      if (transfer.too_large) {
        return absl::ResourceExhaustedError(
            absl::StrCat(request.method, " ", RedactUrlForLog(request.url),
                         ": response body larger than ", transfer.max_body, " bytes"));
      }
      return absl::UnavailableError(message);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return absl::InvalidArgumentError(message);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
      // Not transient: retrying cannot fix a certificate the client rejects.
      return absl::FailedPreconditionError(
          absl::StrCat(message, " (TLS verification failed; check the CA bundle setting)"));
    default:
      return absl::UnavailableError(message);
  }
}

class CurlTransport : public HttpTransport {
 public:
  CurlTransport(const CurlLibrary& curl, CurlTransportOptions options)
      : curl_(curl), options_(std::move(options)) {
    GlobalInitOnce(curl_);
    share_ = curl_.share_init();
    curl_.share_setopt(share_, CURLSHOPT_LOCKFUNC, &CurlTransport::Lock);
    curl_.share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &CurlTransport::Unlock);
    curl_.share_setopt(share_, CURLSHOPT_USERDATA, this);
    curl_.share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_.share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    curl_.share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  }

  ~CurlTransport() override {
    for (Slot& slot : idle_) Free(slot);
    curl_.share_cleanup(share_);
  }

  absl::StatusOr<HttpResponse> Send(const HttpRequest& request,
                                    const SendOptions& options) override;

 private:
  static void Lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<CurlTransport*>(user)->locks_[data % kLocks].lock();
  }
  static void Unlock(CURL*, curl_lock_data data, void* user) {
    static_cast<CurlTransport*>(user)->locks_[data % kLocks].unlock();
  }

  Slot Acquire() {
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      if (!idle_.empty()) {
        Slot slot = idle_.back();
        idle_.pop_back();
        return slot;
      }
    }
    return Slot{curl_.easy_init(), curl_.multi_init()};
  }

  void Release(Slot slot) {
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      if (idle_.size() < options_.max_idle_handles) {
        idle_.push_back(slot);
        return;
      }
    }
    Free(slot);
  }

  void Free(Slot slot) const {
    if (slot.easy != nullptr) curl_.easy_cleanup(slot.easy);
    if (slot.multi != nullptr) curl_.multi_cleanup(slot.multi);
  }

  void Configure(CURL* easy, const HttpRequest& request, const SendOptions& options,
                 Transfer& transfer, curl_slist*& headers, char* error) const;

  static constexpr int kLocks = CURL_LOCK_DATA_LAST + 1;
  const CurlLibrary& curl_;
  const CurlTransportOptions options_;
  CURLSH* share_ = nullptr;
  std::array<std::mutex, kLocks> locks_;
  std::mutex pool_mu_;
  std::vector<Slot> idle_;
};

void CurlTransport::Configure(CURL* easy, const HttpRequest& request, const SendOptions& options,
                              Transfer& transfer, curl_slist*& headers, char* error) const {
  // curl_easy_reset keeps the handle's connections, DNS and TLS session
  // caches (here in the share) while forgetting the previous call's options.
  curl_.easy_reset(easy);
  curl_.easy_setopt(easy, CURLOPT_SHARE, share_);
  curl_.easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_.easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_.easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
  curl_.easy_setopt(easy, CURLOPT_ERRORBUFFER, error);
  curl_.easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                    static_cast<long>(options.connect_timeout.count()));
  curl_.easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  curl_.easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  // HTTP/1.1 only: the cloud APIs gain nothing from HTTP/2 for one request
  // at a time, and an HTTP/2 connection in a cache shared between several
  // multi handles would be multiplexed across them, which libcurl does not
  // support. Keep-alive gives the reuse we want.
  curl_.easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
  // TLS: verification stays on unless the user explicitly asked otherwise.
  curl_.easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options_.tls.insecure ? 0L : 1L);
  curl_.easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options_.tls.insecure ? 0L : 2L);
  if (!options_.tls.ca_bundle.empty()) {
    curl_.easy_setopt(easy, CURLOPT_CAINFO, options_.tls.ca_bundle.c_str());
  }
  // No CURLOPT_PROXY / CURLOPT_NOPROXY: libcurl then reads http_proxy,
  // https_proxy, all_proxy and no_proxy from the environment per transfer.
  curl_.easy_setopt(easy, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_.easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
  curl_.easy_setopt(easy, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_.easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
  curl_.easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, &OnProgress);
  curl_.easy_setopt(easy, CURLOPT_XFERINFODATA, &transfer);
  curl_.easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
  curl_.easy_setopt(easy, CURLOPT_PREREQFUNCTION, &OnPrereq);
  curl_.easy_setopt(easy, CURLOPT_PREREQDATA, &transfer);

  bool has_body = !request.body.empty() || request.method == "POST" || request.method == "PUT" ||
                  request.method == "PATCH";
  if (request.method == "GET" && !has_body) {
    curl_.easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    curl_.easy_setopt(easy, CURLOPT_NOBODY, 1L);
  } else {
    curl_.easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (has_body && request.method != "HEAD") {
    curl_.easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                      static_cast<curl_off_t>(request.body.size()));
    curl_.easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
  }

  bool has_content_type = false, has_expect = false, has_user_agent = false;
  for (const auto& [name, value] : request.headers) {
    has_content_type |= EqualsIgnoreCase(name, "content-type");
    has_expect |= EqualsIgnoreCase(name, "expect");
    has_user_agent |= EqualsIgnoreCase(name, "user-agent");
    // "Name;" is curl's spelling of a header with an empty value.
    std::string line = value.empty() ? absl::StrCat(name, ";") : absl::StrCat(name, ": ", value);
    headers = curl_.slist_append(headers, line.c_str());
  }
  // With POSTFIELDS curl would add "Content-Type: application/x-www-form-
  // urlencoded" on its own; a header the caller did not set (and the signer
  // did not see) must not appear. "Expect: 100-continue" costs a round trip.
  if (has_body && !has_content_type) headers = curl_.slist_append(headers, "Content-Type:");
  if (!has_expect) headers = curl_.slist_append(headers, "Expect:");
  if (!has_user_agent) curl_.easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_.easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
}

absl::StatusOr<HttpResponse> CurlTransport::Send(const HttpRequest& request,
                                                 const SendOptions& options) {
  absl::StatusOr<Url> url = ParseUrl(request.url);
  if (!url.ok()) return url.status();
  if (request.method.empty() || request.method.find_first_of(" \t\r\n") != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat("bad HTTP method \"", request.method, "\""));
  }
  if (options.cancel != nullptr && options.cancel->cancelled()) {
    return absl::CancelledError(options.cancel->reason());
  }

  Slot slot = Acquire();
  if (slot.easy == nullptr || slot.multi == nullptr) {
    Free(slot);
    return absl::ResourceExhaustedError("libcurl could not allocate a handle");
  }
  Transfer transfer;
  transfer.cancel = options.cancel;
  transfer.max_body = options_.max_response_bytes;
  curl_slist* headers = nullptr;
  char error[CURL_ERROR_SIZE] = {0};
  Configure(slot.easy, request, options, transfer, headers, error);

  // The multi interface lets a blocked call wake every kCancelPollMs to see
  // a Cancel() even when no byte arrives (the progress callback alone runs
  // only about once a second while a server is silent).
  CURLcode result = CURLE_OK;
  bool cancelled = false;
  curl_.multi_add_handle(slot.multi, slot.easy);
  int running = 1;
  while (running > 0) {
    CURLMcode mc = curl_.multi_perform(slot.multi, &running);
    if (mc != CURLM_OK) {
      result = CURLE_SEND_ERROR;
      break;
    }
    if (running == 0) break;
    if (options.cancel != nullptr && options.cancel->cancelled()) {
      cancelled = true;
      break;
    }
    curl_.multi_poll(slot.multi, nullptr, 0,
                     options.cancel != nullptr ? kCancelPollMs : kIdlePollMs, nullptr);
  }
  if (!cancelled && result == CURLE_OK) {
    int left = 0;
    while (CURLMsg* msg = curl_.multi_info_read(slot.multi, &left)) {
      if (msg->msg == CURLMSG_DONE && msg->easy_handle == slot.easy) result = msg->data.result;
    }
  }
  long status = 0;
  curl_.easy_getinfo(slot.easy, CURLINFO_RESPONSE_CODE, &status);
  // Removing a handle mid-transfer (cancel) closes its connection rather
  // than returning a half-read one to the cache.
  curl_.multi_remove_handle(slot.multi, slot.easy);
  curl_.easy_setopt(slot.easy, CURLOPT_HTTPHEADER, nullptr);
  curl_.slist_free_all(headers);
  Release(slot);

  if (cancelled) result = CURLE_ABORTED_BY_CALLBACK;
  if (result != CURLE_OK) return MapCurlError(curl_, result, error, transfer, request);
  transfer.response.status = static_cast<int>(status);
  return std::move(transfer.response);
}

// Where libcurl cannot be loaded: every call fails with the reason.
class UnavailableTransport : public HttpTransport {
 public:
  explicit UnavailableTransport(absl::Status why) : why_(std::move(why)) {}
  absl::StatusOr<HttpResponse> Send(const HttpRequest&, const SendOptions&) override {
    return why_;
  }

 private:
  const absl::Status why_;
};

}  // namespace

std::shared_ptr<HttpTransport> NewCurlTransport(const TlsOptions& tls) {
  CurlTransportOptions options;
  options.tls = tls;
  return NewCurlTransport(options);
}

std::shared_ptr<HttpTransport> NewCurlTransport(const CurlTransportOptions& options) {
  absl::StatusOr<const CurlLibrary*> curl = LoadCurl();
  if (!curl.ok()) return std::make_shared<UnavailableTransport>(curl.status());
  return std::make_shared<CurlTransport>(**curl, options);
}

}  // namespace polybackup::clients::http

// A tiny HTTP/1.1 server on 127.0.0.1 for transport tests and the transport
// benchmark (test-only; never linked into the provider). It counts accepted
// connections, records requests, keeps connections alive, and can delay an
// answer to simulate a slow server. Also answers proxy-style requests
// ("GET http://host/path HTTP/1.1"), recording the absolute target. With
// `tls`, it serves HTTPS with a fresh self-signed certificate for the name
// "localhost" (not 127.0.0.1), whose PEM file (ca_file()) a client can trust.
#ifndef POLYBACKUP_CLIENTS_HTTP_LOCAL_HTTP_SERVER_H_
#define POLYBACKUP_CLIENTS_HTTP_LOCAL_HTTP_SERVER_H_

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "clients/http/http.h"

namespace polybackup::clients::http {

struct ReceivedRequest {
  std::string method;
  std::string target;  // as sent: "/path?q" or "http://host/path" via a proxy
  Headers headers;     // names lower-cased
  std::string body;
};

struct ServerReply {
  int status = 200;
  std::string body;
  Headers headers;
  std::chrono::milliseconds delay{0};  // wait before answering (slow server)
  bool close = false;                  // send "Connection: close" and hang up
  bool drop = false;                   // hang up without answering (an answer lost)
};

class LocalHttpServer {
 public:
  using Handler = std::function<ServerReply(const ReceivedRequest&)>;

  // Listens on an ephemeral port; the default handler answers 200 "ok".
  LocalHttpServer();
  explicit LocalHttpServer(Handler handler, bool tls = false);
  // Stops accepting, wakes delayed answers and joins every thread.
  ~LocalHttpServer();
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  int port() const { return port_; }
  std::string BaseUrl() const;  // "http://127.0.0.1:<port>" or "https://localhost:<port>"
  const std::string& ca_file() const { return ca_file_; }  // "" without TLS
  int connections_accepted() const { return accepted_.load(); }
  std::vector<ReceivedRequest> requests() const;
  int request_count() const;

 private:
  void AcceptLoop();
  void Serve(int fd);
  bool Wait(std::chrono::milliseconds delay) const;  // false when stopping

  Handler handler_;
  void* ssl_ctx_ = nullptr;  // SSL_CTX*, kept opaque to spare users OpenSSL headers
  std::string ca_file_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  mutable std::mutex mu_;
  std::vector<ReceivedRequest> requests_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace polybackup::clients::http

#endif  // POLYBACKUP_CLIENTS_HTTP_LOCAL_HTTP_SERVER_H_

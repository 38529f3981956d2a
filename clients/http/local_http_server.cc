#include "clients/http/local_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/http/text.h"

namespace polybackup::clients::http {
namespace {

constexpr int kPollMs = 20;

const char* Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 404:
      return "Not Found";
    case 500:
      return "Internal Server Error";
    default:
      return "Status";
  }
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// A self-signed P-256 certificate for the name "localhost" only (so that
// https://127.0.0.1 shows a host-name mismatch), valid for a day, marked as
// a CA so that trusting its own PEM file verifies it.
SSL_CTX* NewTlsContext(std::string* ca_file) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair{NID_subject_alt_name, "DNS:localhost"},
                            std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(cert, key, EVP_sha256());

  char path[] = "/tmp/polybackup-test-ca-XXXXXX";
  int fd = ::mkstemp(path);
  FILE* file = ::fdopen(fd, "w");
  PEM_write_X509(file, cert);
  ::fclose(file);
  *ca_file = path;

  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  SSL_CTX_use_certificate(ctx, cert);
  SSL_CTX_use_PrivateKey(ctx, key);
  X509_free(cert);
  EVP_PKEY_free(key);
  return ctx;
}

// One accepted connection, plain or TLS. Reads wait at most kPollMs so the
// serving thread notices stop_.
class Conn {
 public:
  Conn(int fd, SSL_CTX* ctx) : fd_(fd) {
    if (ctx == nullptr) return;
    timeval tv{0, kPollMs * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    ssl_ = SSL_new(ctx);
    SSL_set_fd(ssl_, fd);
  }
  ~Conn() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    ::close(fd_);
  }
  // TLS handshake (no-op for plain): false when the client gave up.
  bool Handshake(const std::atomic<bool>& stop) {
    while (ssl_ != nullptr && !stop) {
      ERR_clear_error();
      int r = SSL_accept(ssl_);
      if (r == 1) return true;
      if (!Retry(r)) return false;
    }
    return !stop;
  }
  // >0 bytes read, 0 nothing yet, -1 closed.
  ssize_t Read(char* buffer, size_t size) {
    if (ssl_ == nullptr || SSL_pending(ssl_) == 0) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, kPollMs) <= 0) return 0;
    }
    if (ssl_ == nullptr) {
      ssize_t n = ::recv(fd_, buffer, size, 0);
      return n > 0 ? n : -1;
    }
    ERR_clear_error();
    int n = SSL_read(ssl_, buffer, static_cast<int>(size));
    if (n > 0) return n;
    return Retry(n) ? 0 : -1;
  }
  bool Write(std::string_view data) {
    if (ssl_ == nullptr) return SendAll(fd_, data);
    return SSL_write(ssl_, data.data(), static_cast<int>(data.size())) ==
           static_cast<int>(data.size());
  }

 private:
  bool Retry(int result) const {
    int err = SSL_get_error(ssl_, result);
    return err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE ||
           (err == SSL_ERROR_SYSCALL && (errno == EAGAIN || errno == EWOULDBLOCK));
  }
  int fd_;
  SSL* ssl_ = nullptr;
};

}  // namespace

LocalHttpServer::LocalHttpServer()
    : LocalHttpServer([](const ReceivedRequest&) { return ServerReply{.body = "ok"}; }) {}

LocalHttpServer::LocalHttpServer(Handler handler, bool tls) : handler_(std::move(handler)) {
  // SSL_write to a client that hung up raises SIGPIPE; a test server must
  // survive clients that give up (cancellation, rejected certificates).
  std::signal(SIGPIPE, SIG_IGN);
  if (tls) ssl_ctx_ = NewTlsContext(&ca_file_);
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(listen_fd_, 128) != 0) {
    std::abort();  // test infrastructure: nothing sensible to do
  }
  socklen_t len = sizeof(addr);
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

LocalHttpServer::~LocalHttpServer() {
  stop_ = true;
  acceptor_.join();
  ::close(listen_fd_);
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    threads.swap(threads_);
  }
  for (std::thread& t : threads) t.join();
  if (ssl_ctx_ != nullptr) SSL_CTX_free(static_cast<SSL_CTX*>(ssl_ctx_));
  if (!ca_file_.empty()) ::unlink(ca_file_.c_str());
}

std::string LocalHttpServer::BaseUrl() const {
  return ssl_ctx_ != nullptr ? absl::StrCat("https://localhost:", port_)
                             : absl::StrCat("http://127.0.0.1:", port_);
}

std::vector<ReceivedRequest> LocalHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

int LocalHttpServer::request_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(requests_.size());
}

bool LocalHttpServer::Wait(std::chrono::milliseconds delay) const {
  auto end = std::chrono::steady_clock::now() + delay;
  while (std::chrono::steady_clock::now() < end) {
    if (stop_) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
  }
  return !stop_;
}

void LocalHttpServer::AcceptLoop() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, kPollMs) <= 0) continue;
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    ++accepted_;
    std::lock_guard<std::mutex> lock(mu_);
    threads_.emplace_back([this, fd] { Serve(fd); });
  }
}

void LocalHttpServer::Serve(int fd) {
  Conn conn(fd, static_cast<SSL_CTX*>(ssl_ctx_));
  if (!conn.Handshake(stop_)) return;
  std::string buffer;
  char chunk[16384];
  auto fill = [&]() -> bool {  // false when the connection is gone
    ssize_t n = conn.Read(chunk, sizeof(chunk));
    if (n < 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
    return true;
  };
  while (!stop_) {
    size_t head_end = buffer.find("\r\n\r\n");
    if (head_end == std::string::npos) {
      if (!fill()) break;
      continue;
    }
    ReceivedRequest request;
    std::vector<absl::string_view> lines =
        absl::StrSplit(absl::string_view(buffer).substr(0, head_end), "\r\n");
    std::vector<absl::string_view> start = absl::StrSplit(lines[0], ' ');
    if (start.size() < 2) break;
    request.method = std::string(start[0]);
    request.target = std::string(start[1]);
    size_t content_length = 0;
    for (size_t i = 1; i < lines.size(); ++i) {
      std::string_view line(lines[i].data(), lines[i].size());
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string name = ToLowerAscii(line.substr(0, colon));
      std::string value(TrimAscii(line.substr(colon + 1)));
      if (name == "content-length") (void)absl::SimpleAtoi(value, &content_length);
      request.headers.emplace_back(std::move(name), std::move(value));
    }
    bool open = true;
    while (open && buffer.size() < head_end + 4 + content_length && !stop_) open = fill();
    if (buffer.size() < head_end + 4 + content_length) break;
    request.body = buffer.substr(head_end + 4, content_length);
    buffer.erase(0, head_end + 4 + content_length);
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(request);
    }
    ServerReply reply = handler_(request);
    if (reply.delay.count() > 0 && !Wait(reply.delay)) break;
    if (reply.drop) break;  // hang up without a word
    std::string out = absl::StrCat("HTTP/1.1 ", reply.status, " ", Reason(reply.status), "\r\n",
                                   "Content-Length: ", reply.body.size(), "\r\n");
    for (const auto& [name, value] : reply.headers) {
      absl::StrAppend(&out, name, ": ", value, "\r\n");
    }
    if (reply.close) out.append("Connection: close\r\n");
    out.append("\r\n");
    if (request.method != "HEAD") out.append(reply.body);
    if (!conn.Write(out) || reply.close) break;
  }
}

}  // namespace polybackup::clients::http

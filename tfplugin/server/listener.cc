#include "tfplugin/server/listener.h"

#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace polybackup::tfplugin {

bool FitsInSunPath(std::string_view path) { return path.size() < sizeof(sockaddr_un{}.sun_path); }

std::string SocketBaseDirectory(const char* plugin_unix_socket_dir, const char* tmpdir) {
  if (plugin_unix_socket_dir != nullptr && *plugin_unix_socket_dir != '\0') {
    return plugin_unix_socket_dir;
  }
  if (tmpdir != nullptr && *tmpdir != '\0') return tmpdir;
  return "/tmp";
}

SocketDirectory::SocketDirectory(std::string dir, std::string socket)
    : dir_(std::move(dir)), socket_(std::move(socket)) {}

SocketDirectory::SocketDirectory(SocketDirectory&& other) noexcept
    : dir_(std::exchange(other.dir_, {})), socket_(std::exchange(other.socket_, {})) {}

SocketDirectory& SocketDirectory::operator=(SocketDirectory&& other) noexcept {
  if (this != &other) {
    Remove();
    dir_ = std::exchange(other.dir_, {});
    socket_ = std::exchange(other.socket_, {});
  }
  return *this;
}

SocketDirectory::~SocketDirectory() { Remove(); }

absl::StatusOr<SocketDirectory> SocketDirectory::Create(std::string_view base_dir) {
  std::string base(base_dir);
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  std::string templ = absl::StrCat(base, "/plugin-XXXXXX");
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  // mkdtemp creates the directory with mode 0700: only this user can reach
  // the socket, whatever the umask.
  if (mkdtemp(buf.data()) == nullptr) {
    int err = errno;
    return absl::FailedPreconditionError(
        absl::StrCat("creating socket directory under ", base, ": ", std::strerror(err)));
  }
  std::string dir(buf.data());
  return SocketDirectory(dir, absl::StrCat(dir, "/provider.sock"));
}

absl::Status SocketDirectory::ShareWithGroup(std::string_view group) const {
  gid_t gid = 0;
  unsigned parsed = 0;
  if (absl::SimpleAtoi(absl::string_view(group.data(), group.size()), &parsed)) {
    gid = static_cast<gid_t>(parsed);
  } else {
    std::string name(group);
    struct group* g = getgrnam(name.c_str());
    if (g == nullptr) return absl::NotFoundError("unknown group " + name);
    gid = g->gr_gid;
  }
  if (chown(dir_.c_str(), static_cast<uid_t>(-1), gid) != 0 || chmod(dir_.c_str(), 0750) != 0 ||
      chown(socket_.c_str(), static_cast<uid_t>(-1), gid) != 0 ||
      chmod(socket_.c_str(), 0660) != 0) {
    return absl::PermissionDeniedError(absl::StrCat(
        "sharing ", socket_, " with group ", std::string(group), ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

void SocketDirectory::Remove() {
  if (!socket_.empty()) unlink(socket_.c_str());
  if (!dir_.empty()) rmdir(dir_.c_str());
  socket_.clear();
  dir_.clear();
}

namespace {

constexpr int kCrashSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
// Written before the handlers are installed, read only by the handler.
char crash_socket[sizeof(sockaddr_un{}.sun_path) + 256];
char crash_dir[sizeof(crash_socket)];
struct sigaction previous_actions[std::size(kCrashSignals)];

void CrashCleanup(int sig) {
  if (crash_socket[0] != '\0') unlink(crash_socket);
  if (crash_dir[0] != '\0') rmdir(crash_dir);
  for (size_t i = 0; i < std::size(kCrashSignals); ++i) {
    if (kCrashSignals[i] == sig) sigaction(sig, &previous_actions[i], nullptr);
  }
}

void CopyPath(const std::string& from, char* to, size_t size) {
  size_t n = std::min(from.size(), size - 1);
  from.copy(to, n);
  to[n] = '\0';
}

}  // namespace

void InstallCrashCleanup(const SocketDirectory& dir) {
  CopyPath(dir.socket_path(), crash_socket, sizeof(crash_socket));
  CopyPath(dir.directory(), crash_dir, sizeof(crash_dir));
  // Installing twice would record our own handler as the "previous" one and
  // loop forever on a fault; later calls only change the paths.
  static bool installed = false;
  if (installed) return;
  installed = true;
  struct sigaction action {};
  action.sa_handler = &CrashCleanup;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_NODEFER;
  for (size_t i = 0; i < std::size(kCrashSignals); ++i) {
    sigaction(kCrashSignals[i], &action, &previous_actions[i]);
  }
}

absl::StatusOr<int> FindFreeTcpPort(int min_port, int max_port) {
  if (min_port < 1 || max_port > 65535 || min_port > max_port) {
    return absl::InvalidArgumentError(absl::StrCat("bad port range ", min_port, "-", max_port));
  }
  for (int port = min_port; port <= max_port; ++port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return absl::InternalError(absl::StrCat("socket: ", std::strerror(errno)));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int rc = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    close(fd);
    if (rc == 0) return port;
  }
  return absl::ResourceExhaustedError(
      absl::StrCat("no free TCP port on 127.0.0.1 in ", min_port, "-", max_port));
}

}  // namespace polybackup::tfplugin

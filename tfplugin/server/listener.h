// Where the plugin listens: a unix socket in a private directory (go-plugin's
// default on every non-Windows OS), or 127.0.0.1:<port> when the socket path
// would not fit in sockaddr_un.
#ifndef POLYBACKUP_TFPLUGIN_SERVER_LISTENER_H_
#define POLYBACKUP_TFPLUGIN_SERVER_LISTENER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace polybackup::tfplugin {

// Linux sun_path is 108 bytes including the terminating NUL.
bool FitsInSunPath(std::string_view path);

// The directory under which the private socket directory is created:
// PLUGIN_UNIX_SOCKET_DIR if non-empty, else TMPDIR if non-empty, else /tmp.
// Arguments are the raw environment values (null = unset).
std::string SocketBaseDirectory(const char* plugin_unix_socket_dir, const char* tmpdir);

// A private (0700) directory "<base>/plugin-XXXXXX" holding the socket path
// "<dir>/provider.sock". The destructor removes the socket file (if the
// server created it) and the directory, so nothing is left behind after a
// clean exit. Move-only; not thread-safe.
class SocketDirectory {
 public:
  // Errors: the errno of mkdtemp (e.g. NotFound, PermissionDenied) as Internal
  // / FailedPrecondition with the path in the message.
  static absl::StatusOr<SocketDirectory> Create(std::string_view base_dir);

  SocketDirectory(SocketDirectory&& other) noexcept;
  SocketDirectory& operator=(SocketDirectory&& other) noexcept;
  SocketDirectory(const SocketDirectory&) = delete;
  SocketDirectory& operator=(const SocketDirectory&) = delete;
  ~SocketDirectory();

  const std::string& directory() const { return dir_; }
  const std::string& socket_path() const { return socket_; }

  // Gives the socket and directory group `group` read/write access (go-plugin's
  // PLUGIN_UNIX_SOCKET_GROUP: a group name or numeric gid). Call after the
  // server has created the socket. NotFound for an unknown group.
  absl::Status ShareWithGroup(std::string_view group) const;

  // Removes the socket and directory now (idempotent).
  void Remove();

 private:
  SocketDirectory(std::string dir, std::string socket);
  std::string dir_;
  std::string socket_;
};

// Makes a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT) remove `dir`'s
// socket and directory too: Terraform starts many provider processes, and a
// crashing one would otherwise leave a directory in $TMPDIR each time. The
// handler only calls unlink/rmdir (async-signal-safe), then restores the
// previous action (default, or a sanitizer's) and returns, so the fault
// re-occurs (or abort() re-raises) and ends the process as before. One
// directory per process: a later call replaces the paths. Not thread-safe
// against a concurrent crash; call it once, right after Create().
void InstallCrashCleanup(const SocketDirectory& dir);

// The first port in [min_port, max_port] that 127.0.0.1 can bind right now
// (probed with bind(), as go-plugin's server tries each port in turn).
// ResourceExhausted when none is free; InvalidArgument for an empty range.
absl::StatusOr<int> FindFreeTcpPort(int min_port, int max_port);

}  // namespace polybackup::tfplugin

#endif  // POLYBACKUP_TFPLUGIN_SERVER_LISTENER_H_

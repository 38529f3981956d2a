#include "tfplugin/server/listener.h"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace polybackup::tfplugin {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::string TestBase() {
  const char* t = std::getenv("TMPDIR");
  return (t != nullptr && *t != '\0') ? t : "/tmp";
}

TEST_CASE("socket base directory precedence") {
  CHECK(SocketBaseDirectory("/sock", "/tmpdir") == "/sock");
  CHECK(SocketBaseDirectory("", "/tmpdir") == "/tmpdir");
  CHECK(SocketBaseDirectory(nullptr, nullptr) == "/tmp");
  CHECK(SocketBaseDirectory(nullptr, "") == "/tmp");
}

TEST_CASE("sun_path limit") {
  CHECK(FitsInSunPath(std::string(107, 'a')));
  CHECK_FALSE(FitsInSunPath(std::string(108, 'a')));
}

TEST_CASE("socket directory is private and removed with its socket") {
  std::string dir, sock;
  {
    auto created = SocketDirectory::Create(TestBase() + "/");
    REQUIRE(created.ok());
    dir = created->directory();
    sock = created->socket_path();
    CHECK(sock.rfind(dir + "/", 0) == 0);
    CHECK(dir.find("//") == std::string::npos);
    struct stat st;
    REQUIRE(lstat(dir.c_str(), &st) == 0);
    CHECK(S_ISDIR(st.st_mode));
    CHECK((st.st_mode & 07777) == 0700);
    CHECK(st.st_uid == getuid());

    // Stand in for the gRPC server creating the socket.
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    sock.copy(addr.sun_path, sizeof(addr.sun_path) - 1);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
    close(fd);
    CHECK(Exists(sock));

    SocketDirectory moved = *std::move(created);
    CHECK(moved.socket_path() == sock);
  }
  CHECK_FALSE(Exists(sock));
  CHECK_FALSE(Exists(dir));
}

TEST_CASE("sharing the socket with a group (PLUGIN_UNIX_SOCKET_GROUP)") {
  auto created = SocketDirectory::Create(TestBase());
  REQUIRE(created.ok());
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  created->socket_path().copy(addr.sun_path, sizeof(addr.sun_path) - 1);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  close(fd);

  CHECK(created->ShareWithGroup("no-such-group-polybackup").code() == absl::StatusCode::kNotFound);
  REQUIRE(created->ShareWithGroup(std::to_string(getgid())).ok());
  struct stat st;
  REQUIRE(stat(created->directory().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0750);
  CHECK(st.st_gid == getgid());
  REQUIRE(stat(created->socket_path().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0660);
}

TEST_CASE("socket directory creation fails cleanly for a missing base") {
  auto created = SocketDirectory::Create("/nonexistent-polybackup-dir/x");
  CHECK(created.status().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("free TCP port search") {
  CHECK(FindFreeTcpPort(0, 10).status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(FindFreeTcpPort(20, 10).status().code() == absl::StatusCode::kInvalidArgument);
  auto port = FindFreeTcpPort(20000, 20100);
  REQUIRE(port.ok());
  CHECK(*port >= 20000);
  CHECK(*port <= 20100);
}

}  // namespace
}  // namespace polybackup::tfplugin

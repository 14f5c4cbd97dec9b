// The remote shards a user names (`newsdex init --shard`, IndexOptions::remote_shards) as stub
// lines: the two forms, and everything else refused before it reaches a file Xapian parses or a
// command line it runs.
#include "storage/collection.hpp"
#include "storage/remote_spec.hpp"

#include <newsdex/error.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsdex {
namespace {

TEST(RemoteSpec, TcpShardsBecomeHostAndPort) {
  const detail::RemoteSpec local = detail::remote_spec("tcp:127.0.0.1:07001");
  EXPECT_EQ(local.line, "remote 127.0.0.1:7001");
  EXPECT_FALSE(local.unauthenticated);
  EXPECT_FALSE(detail::remote_spec("tcp:localhost:1").unauthenticated);
  EXPECT_FALSE(detail::remote_spec("tcp:localhost:65535").unauthenticated);
  const detail::RemoteSpec far = detail::remote_spec("tcp:shard0.example.org:7001");
  EXPECT_TRUE(far.unauthenticated) << "xapian-tcpsrv across machines has no authentication";
  const detail::RemoteShard back = detail::parse_remote_line(far.line, "stub");
  EXPECT_EQ(back.host, "shard0.example.org");
  EXPECT_EQ(back.port, 7001u);
}

TEST(RemoteSpec, SshShardsRunXapianProgsrvWithoutAskingForAPassword) {
  const detail::RemoteSpec s = detail::remote_spec("ssh:news@shard0.example.org:/srv/news/s0");
  EXPECT_EQ(s.line, "remote :ssh -o BatchMode=yes news@shard0.example.org xapian-progsrv "
                    "--writable /srv/news/s0");
  EXPECT_FALSE(s.unauthenticated);
  const detail::RemoteShard back = detail::parse_remote_line(s.line, "stub");
  EXPECT_TRUE(back.program);
  EXPECT_EQ(back.command, "ssh");
}

TEST(RemoteSpec, EverythingElseIsAUsageError) {
  for (const std::string& bad : std::vector<std::string>{
           "", "tcp:", "tcp:host", "tcp::7001", "tcp:host:0", "tcp:host:65536", "tcp:host:7x",
           "tcp:host:123456", "tcp:host:7001\nremote :sh -c evil", "tcp:ho st:7001", "ssh:host",
           "ssh::/db", "ssh:host:relative/db", "ssh:host:", "ssh:-oProxyCommand=x:/db",
           "ssh:user@-host:/db", "ssh:@host:/db", "ssh:user@:/db", "ssh:host:/d b", "udp:host:1",
           "TCP:host:1", std::string("tcp:host:1\0", 11), "tcp:host:1\x7f",
           // Xapian reads a line starting "remote :" as a program to run (found by fuzzing).
           "tcp::3:35", "tcp:::1:7001", "tcp:[::1]:7001", "tcp:-x:1", "tcp:a/b:1"}) {
    try {
      detail::remote_spec(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), Error::Code::usage) << bad;
      EXPECT_NE(std::string(e.what()).find("tcp:HOST:PORT or ssh:[USER@]HOST:/PATH"),
                std::string::npos)
          << e.what();
    }
  }
}

} // namespace
} // namespace newsdex

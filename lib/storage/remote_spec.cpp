#include "storage/remote_spec.hpp"

#include <newsdex/error.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>

namespace newsdex::detail {
namespace {

// SPEC as a message can show it: a control character (a newline, a NUL that would end the
// message early) as \xNN.
std::string printable(const std::string& spec) {
  std::string out;
  for (char c : spec) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) {
      out += c;
      continue;
    }
    static constexpr char hex[] = "0123456789abcdef";
    out += "\\x";
    out += hex[byte >> 4];
    out += hex[byte & 0xf];
  }
  return out;
}

Error bad_shard(const std::string& spec, const std::string& why) {
  return Error(Error::Code::usage, "bad --shard '" + printable(spec) + "': " + why +
                                       " (expected tcp:HOST:PORT or ssh:[USER@]HOST:/PATH)");
}

bool loopback(const std::string& host) {
  return host == "localhost" || host.rfind("127.", 0) == 0;
}

// A host Xapian's stub format can carry: a name or an IPv4 address. Xapian reads a `remote` line
// whose text starts with ':' as a program to run, and passes the host to getaddrinfo as it is, so
// an IPv6 literal (`::1`, `[::1]`) cannot be written; a name that resolves to it can.
bool stub_host(const std::string& host) {
  if (host.empty() || host[0] == '-' || host[0] == '.') return false;
  for (char c : host)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_')
      return false;
  return true;
}

RemoteSpec tcp_spec(const std::string& spec, const std::string& rest) {
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0) throw bad_shard(spec, "no HOST:PORT");
  const std::string port = rest.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) == 0 ||
      std::stoul(port) > 65535)
    throw bad_shard(spec, "the port is not a number from 1 to 65535");
  const std::string host = rest.substr(0, colon);
  if (!stub_host(host))
    throw bad_shard(spec, "the host must be a name or an IPv4 address (a Xapian stub cannot "
                          "carry an IPv6 literal)");
  return {"remote " + host + ":" + std::to_string(std::stoul(port)), !loopback(host)};
}

RemoteSpec ssh_spec(const std::string& spec, const std::string& rest) {
  const auto colon = rest.find(':');
  if (colon == std::string::npos || colon == 0) throw bad_shard(spec, "no [USER@]HOST:/PATH");
  const std::string host = rest.substr(0, colon);
  const std::string path = rest.substr(colon + 1);
  const auto at = host.find('@');
  // ssh reads a host (or a user) starting with '-' as one of its options.
  if (host[0] == '-' || at == 0 || at + 1 == host.size() ||
      (at != std::string::npos && host[at + 1] == '-'))
    throw bad_shard(spec, "not a host");
  if (path.empty() || path[0] != '/') throw bad_shard(spec, "the database path must be absolute");
  // BatchMode: a host that would ask for a password fails instead of waiting for an answer
  // nobody types.
  return {"remote :ssh -o BatchMode=yes " + host + " xapian-progsrv --writable " + path, false};
}

} // namespace

RemoteSpec remote_spec(const std::string& spec) {
  for (char c : spec)
    if (std::isspace(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) < 0x20 ||
        c == '\x7f')
      throw bad_shard(spec, "no spaces or control characters");
  if (spec.rfind("tcp:", 0) == 0) return tcp_spec(spec, spec.substr(4));
  if (spec.rfind("ssh:", 0) == 0) return ssh_spec(spec, spec.substr(4));
  throw bad_shard(spec, "unknown kind");
}

void write_remote_stub(const std::string& path, const std::vector<std::string>& lines) {
  const std::string n = std::to_string(lines.size());
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "# newsdex collection (a Xapian stub database file): " << n
        << " remote shard(s), documents routed by fnv1a64(id) mod " << n << "\n";
    out << "# newsdex.shards " << n << "\n";
    for (const auto& line : lines) out << line << '\n';
    out.flush();
    if (!out) throw Error(Error::Code::io, "cannot write the collection's stub file", {tmp, 0, 0});
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec)
    throw Error(Error::Code::io, "cannot publish the collection's stub file: " + ec.message(),
                {path, 0, 0});
}

} // namespace newsdex::detail

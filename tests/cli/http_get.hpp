// A minimal HTTP/1.1 client for the server tests: one request a connection, any Host header,
// any method, and the raw status, headers and body back (a library client would hide the
// headers the tests are about).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <map>
#include <string>

namespace newsdex::test {

struct HttpAnswer {
  int status = 0;                             ///< 0 when the connection failed
  std::map<std::string, std::string> headers; ///< names lower-cased
  std::string body;
};

inline HttpAnswer http_request(int port, const std::string& target,
                               const std::string& method = "GET", std::string host = "") {
  HttpAnswer answer;
  if (host.empty()) host = "127.0.0.1:" + std::to_string(port);
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return answer;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<unsigned short>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return answer;
  }
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: " + host +
                        "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
  for (std::size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string raw;
  char buffer[8192];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
    raw.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  auto end_of_head = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || end_of_head == std::string::npos) return answer;
  answer.status = std::stoi(raw.substr(9, 3));
  std::size_t line = raw.find("\r\n") + 2;
  while (line < end_of_head) {
    std::size_t next = raw.find("\r\n", line);
    std::string header = raw.substr(line, next - line);
    auto colon = header.find(':');
    if (colon != std::string::npos) {
      std::string name = header.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::size_t v = header.find_first_not_of(' ', colon + 1);
      answer.headers[name] = v == std::string::npos ? "" : header.substr(v);
    }
    line = next + 2;
  }
  answer.body = raw.substr(end_of_head + 4);
  return answer;
}

} // namespace newsdex::test

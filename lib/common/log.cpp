#include "common/log.hpp"

#include <atomic>
#include <memory>
#include <mutex>

namespace newsdex {
namespace {

std::mutex sink_mutex;
std::shared_ptr<const LogSink> current_sink;
std::atomic<bool> has_sink{false};

} // namespace

void set_log_sink(LogSink sink) {
  std::lock_guard lock(sink_mutex);
  has_sink = static_cast<bool>(sink);
  current_sink = sink ? std::make_shared<const LogSink>(std::move(sink)) : nullptr;
}

namespace detail {

bool log_enabled() {
  return has_sink.load(std::memory_order_relaxed);
}

void log(LogLevel level, const std::string& message) {
  if (!log_enabled()) return;
  std::shared_ptr<const LogSink> sink;
  {
    std::lock_guard lock(sink_mutex);
    sink = current_sink;
  }
  if (sink) (*sink)(level, message);
}

} // namespace detail
} // namespace newsdex

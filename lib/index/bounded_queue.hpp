// The bounded blocking queue between the index pipeline's routing stage and its writer threads.
#pragma once

#include <oneapi/tbb/concurrent_queue.h>

#include <cstddef>

namespace newsdex::detail {

/// oneTBB's bounded queue, its capacity set at construction, before any thread can use it:
/// push() blocks while it is full, pop() while it is empty.
template <class T> class BoundedQueue : public tbb::concurrent_bounded_queue<T> {
public:
  explicit BoundedQueue(std::size_t capacity) {
    this->set_capacity(static_cast<std::ptrdiff_t>(capacity));
  }
};

} // namespace newsdex::detail

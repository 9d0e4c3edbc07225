// A vector with inline storage so decisions avoid the heap in the common case.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace rampart::policy {

template <typename T, size_t N>
class SmallVector {
 public:
  void push_back(const T& v) {
    if (heap_.empty() && size_ < N) {
      inline_[size_++] = v;
      return;
    }
    if (heap_.empty()) heap_.assign(inline_.begin(), inline_.begin() + size_);
    heap_.push_back(v);
    ++size_;
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* data() const { return heap_.empty() ? inline_.data() : heap_.data(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  const T& operator[](size_t i) const { return data()[i]; }
  void clear() {
    size_ = 0;
    heap_.clear();
  }

 private:
  std::array<T, N> inline_{};
  size_t size_ = 0;
  std::vector<T> heap_;
};

}  // namespace rampart::policy

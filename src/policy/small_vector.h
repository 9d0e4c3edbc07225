// A vector with inline storage so decisions avoid the heap in the common case.
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <vector>

namespace rampart::policy {

// Holds trivially copyable values; the inline buffer is left uninitialized until used.
template <typename T, size_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  SmallVector() = default;
  SmallVector(const SmallVector& o) { *this = o; }
  SmallVector& operator=(const SmallVector& o) {
    if (this == &o) return *this;
    clear();
    for (const T& v : o) push_back(v);
    return *this;
  }

  void push_back(const T& v) {
    if (heap_.empty() && size_ < N) {
      new (inline_ + size_ * sizeof(T)) T(v);
      ++size_;
      return;
    }
    if (heap_.empty()) heap_.assign(inline_data(), inline_data() + size_);
    heap_.push_back(v);
    ++size_;
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* data() const { return heap_.empty() ? inline_data() : heap_.data(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  const T& operator[](size_t i) const { return data()[i]; }
  void clear() {
    size_ = 0;
    heap_.clear();
  }

 private:
  const T* inline_data() const { return std::launder(reinterpret_cast<const T*>(inline_)); }

  alignas(T) unsigned char inline_[N * sizeof(T)];
  size_t size_ = 0;
  std::vector<T> heap_;
};

}  // namespace rampart::policy

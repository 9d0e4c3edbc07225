// Result<T> / Status: a value or an AwsError, the return types of every request-path function.
#pragma once

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

#include "common/aws_error.h"

namespace rampart {

// A value or an error of type E; Result<T> (errors are AwsError) is the common case.
template <typename T, typename E>
class [[nodiscard]] BasicResult {
 public:
  BasicResult(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  BasicResult(E error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const& { return std::get<E>(v_); }
  E&& error() && { return std::get<E>(std::move(v_)); }

 private:
  std::variant<T, E> v_;
};

// Success or an error of type E, for operations without a value.
template <typename E>
class [[nodiscard]] BasicStatus {
 public:
  BasicStatus() = default;
  BasicStatus(E error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  static BasicStatus Ok() { return BasicStatus(); }

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const E& error() const { return *error_; }

 private:
  std::optional<E> error_;
};

template <typename T>
using Result = BasicResult<T, AwsError>;
using Status = BasicStatus<AwsError>;

}  // namespace rampart

// Propagates an error from an expression yielding Result<T> or Status.
#define RAMPART_TRY(expr)                            \
  do {                                               \
    auto _rampart_r = (expr);                        \
    if (!_rampart_r.ok()) return _rampart_r.error(); \
  } while (0)

#define RAMPART_CONCAT_INNER(a, b) a##b
#define RAMPART_CONCAT(a, b) RAMPART_CONCAT_INNER(a, b)
#define RAMPART_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return std::move(tmp).error();       \
  lhs = std::move(tmp).value()
// Binds the value of a Result<T> expression to lhs or returns its error.
#define RAMPART_ASSIGN_OR_RETURN(lhs, expr) \
  RAMPART_ASSIGN_OR_RETURN_IMPL(RAMPART_CONCAT(_rampart_r_, __LINE__), lhs, expr)

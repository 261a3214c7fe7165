// sluice/detail/errors.hpp — exceptions that carry an ABI status, and the
// boundary guard that turns any exception into a status + message.
//
// Plugin code throws; the adapters in plugin_adapters.hpp call it through
// `guard`, so no exception ever crosses the C boundary.
#ifndef SLUICE_DETAIL_ERRORS_HPP
#define SLUICE_DETAIL_ERRORS_HPP

#include <sluice/plugin.h>
#include <sluice/support/status.hpp>

#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace sluice {

// Base of the SDK's exceptions: a message (naming fields, never values) and
// the status it maps to at the boundary.
class Error : public std::runtime_error {
 public:
  Error(sluice_status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  sluice_status status() const noexcept { return status_; }

 private:
  sluice_status status_;
};

// The configuration is invalid; retrying cannot help.
class ConfigError : public Error {
 public:
  explicit ConfigError(const std::string& message) : Error(SLUICE_ERR_CONFIG, message) {}
};

// A dependency failed in a way that may pass (network, restart).
class UnavailableError : public Error {
 public:
  explicit UnavailableError(const std::string& message) : Error(SLUICE_ERR_UNAVAILABLE, message) {}
};

// The operation is not offered (e.g. invert on a one-way transform).
class UnsupportedError : public Error {
 public:
  explicit UnsupportedError(const std::string& message) : Error(SLUICE_ERR_UNSUPPORTED, message) {}
};

// A bug or corrupt input structure: the batch cannot be handled at all.
class InternalError : public Error {
 public:
  explicit InternalError(const std::string& message) : Error(SLUICE_ERR_INTERNAL, message) {}
};

// Runs `body` (returning void or sluice_status) and maps whatever it throws
// to a status, writing the message into `err`. Never throws.
template <class Body>
sluice_status guard(sluice_error* err, Body&& body) noexcept {
  try {
    if constexpr (std::is_void_v<std::invoke_result_t<Body>>) {
      body();
      return SLUICE_OK;
    } else {
      return body();
    }
  } catch (const Error& e) {
    return sluice_error_set(err, e.status(), e.what());
  } catch (const std::bad_alloc&) {
    return sluice_error_set(err, SLUICE_ERR_INTERNAL, "out of memory");
  } catch (const std::exception& e) {
    return sluice_error_set(err, SLUICE_ERR_INTERNAL, e.what());
  } catch (...) {
    return sluice_error_set(err, SLUICE_ERR_INTERNAL, "unknown exception");
  }
}

// Where a plugin's SDK-free core (which returns support::Status) meets its
// glue (which throws): the exception that carries `status` across `guard`.
[[noreturn]] inline void throw_status(const support::Status& status) {
  switch (status.code()) {
    case support::StatusCode::kConfig: throw ConfigError(status.message());
    case support::StatusCode::kUnavailable: throw UnavailableError(status.message());
    case support::StatusCode::kUnsupported: throw UnsupportedError(status.message());
    case support::StatusCode::kOk:
    case support::StatusCode::kInternal: break;
  }
  throw InternalError(status.ok() ? "throw_status called with an OK status" : status.message());
}

inline void throw_if_error(const support::Status& status) {
  if (!status.ok()) throw_status(status);
}

template <class T>
T value_or_throw(support::Result<T> result) {
  if (!result.ok()) throw_status(result.status());
  return std::move(result).value();
}

// The ABI status a support::StatusCode crosses the C boundary as.
inline sluice_status abi_status(support::StatusCode code) {
  switch (code) {
    case support::StatusCode::kOk: return SLUICE_OK;
    case support::StatusCode::kConfig: return SLUICE_ERR_CONFIG;
    case support::StatusCode::kUnavailable: return SLUICE_ERR_UNAVAILABLE;
    case support::StatusCode::kUnsupported: return SLUICE_ERR_UNSUPPORTED;
    case support::StatusCode::kInternal: break;
  }
  return SLUICE_ERR_INTERNAL;
}

}  // namespace sluice

#endif  // SLUICE_DETAIL_ERRORS_HPP

// sluice/detail/plugin_kinds.hpp — the base classes a plugin derives from,
// one per kind, with its operations in C++ terms.
//
// A plugin class also declares
//   static constexpr sluice::PluginInfo info{...};
// and a constructor taking (const sluice::Host&, const sluice::Config&)
// (or just the Config); it throws ConfigError for a bad configuration.
#ifndef SLUICE_DETAIL_PLUGIN_KINDS_HPP
#define SLUICE_DETAIL_PLUGIN_KINDS_HPP

#include <sluice/plugin.h>
#include <sluice/detail/errors.hpp>
#include <sluice/detail/owned_batch.hpp>
#include <sluice/detail/row_outcomes.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>

namespace sluice {

// What `sluice plugins` shows and the host validates configurations with.
struct PluginInfo {
  const char* name;           // [a-z0-9_], used in pipeline files
  const char* version;        // semver of the plugin itself
  const char* description;    // one line
  const char* config_schema;  // JSON Schema of the step's options
};

// The result of Source::next: a batch with its id, nothing yet, or the end.
struct Next {
  enum class State {
    kReady,
    kEmpty,
    kEnd,
    // SDK 0.1's spellings, kept so that plugins written against it build
    // unchanged. NOLINTBEGIN(readability-identifier-naming)
    ready = kReady,
    empty = kEmpty,
    end = kEnd,
    // NOLINTEND(readability-identifier-naming)
  };

  static Next ready(OwnedBatch batch, uint64_t batch_id) {
    return Next{State::kReady, std::move(batch), batch_id};
  }
  static Next empty() { return Next{State::kEmpty, OwnedBatch(), 0}; }
  static Next end() { return Next{State::kEnd, OwnedBatch(), 0}; }

  State state;
  OwnedBatch batch;
  uint64_t batch_id;
};

class Source {
 public:
  static constexpr int32_t kind = SLUICE_KIND_SOURCE;
  virtual ~Source() = default;

  // The next batch, waiting at most `timeout`. `batch_id` must be unique
  // among this instance's unacknowledged batches.
  virtual Next next(std::chrono::milliseconds timeout) = 0;

  // Settles batch `batch_id`: one SLUICE_ROW_* outcome per row. The host
  // may call this from another thread WHILE next() runs: guard shared state.
  virtual void ack(uint64_t batch_id, std::span<const int8_t> outcomes) = 0;

  // About how many messages wait in the source, for the host's progress
  // line; nullopt when it cannot tell. Called about once a second from
  // another thread, concurrently with next() and ack(): answer from a
  // figure kept up to date in the background, never block on I/O here.
  virtual std::optional<int64_t> backlog() { return std::nullopt; }
};

class Transform {
 public:
  static constexpr int32_t kind = SLUICE_KIND_TRANSFORM;
  // A transform that implements invert() shadows this with `true`.
  static constexpr bool invertible = false;
  virtual ~Transform() = default;

  // Transforms `in`. Return either every input row (rows reported to
  // `rejects` are then removed for you) or only the rows not rejected or
  // dropped, in input order. Throw only when the whole batch cannot be
  // handled; a fault of one row is a reject.
  virtual OwnedBatch process(OwnedBatch in, Rejector& rejects) = 0;

  // The inverse of process (used by `sluice unmask`), same contract.
  virtual OwnedBatch invert(OwnedBatch in, Rejector& rejects) {
    (void)in;
    (void)rejects;
    throw UnsupportedError("this transform cannot be inverted");
  }
};

class Sink {
 public:
  static constexpr int32_t kind = SLUICE_KIND_SINK;
  virtual ~Sink() = default;

  // Accepts one batch. Report `write_id` committed through `reporter` once
  // its rows are durable: now, or from a later write() or flush().
  virtual void write(OwnedBatch batch, uint64_t write_id, Reporter& reporter) = 0;

  // Makes buffered writes durable and reports them: those due by the sink's
  // own policy, or all of them when `force`.
  virtual void flush(bool force, Reporter& reporter) {
    (void)force;
    (void)reporter;
  }

  // The host is stopping: end any wait (a retry backoff) promptly and wait
  // no more; a write() or flush() that would wait throws UnavailableError,
  // leaving what it has not committed uncommitted. Called from another
  // thread WHILE write() or flush() may run: set a flag, wake a condition
  // variable, never block. Since ABI minor 2.
  virtual void interrupt() {}
};

}  // namespace sluice

#endif  // SLUICE_DETAIL_PLUGIN_KINDS_HPP

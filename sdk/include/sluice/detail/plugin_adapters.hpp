// sluice/detail/plugin_adapters.hpp — the C functions the host calls,
// generated per plugin class: each adopts the Arrow structures, calls the
// C++ method under `guard` and exports the result. Also the static
// descriptors (`sluice::descriptor<T>`) and the library entry
// (SLUICE_LIBRARY).
#ifndef SLUICE_DETAIL_PLUGIN_ADAPTERS_HPP
#define SLUICE_DETAIL_PLUGIN_ADAPTERS_HPP

#include <sluice/plugin.h>
#include <sluice/detail/config.hpp>
#include <sluice/detail/errors.hpp>
#include <sluice/detail/host.hpp>
#include <sluice/detail/owned_batch.hpp>
#include <sluice/detail/plugin_kinds.hpp>
#include <sluice/detail/row_outcomes.hpp>

#include <array>
#include <chrono>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

namespace sluice {
namespace detail {

template <class T>
std::unique_ptr<T> construct(const Host& host, const Config& config) {
  if constexpr (std::is_constructible_v<T, const Host&, const Config&>) {
    return std::make_unique<T>(host, config);
  } else if constexpr (std::is_constructible_v<T, const Config&>) {
    return std::make_unique<T>(config);
  } else {
    return std::make_unique<T>();
  }
}

template <class T>
struct Lifecycle {
  static sluice_status create(const sluice_host* host, const char* config_json, void** instance,
                              sluice_error* err) noexcept {
    return guard(err, [&] {
      Config config = Config::parse(config_json ? config_json : "{}");
      config.fill_defaults(T::info.config_schema);
      *instance = construct<T>(Host(host), config).release();
    });
  }
  static void destroy(void* instance) noexcept { delete static_cast<T*>(instance); }
};

// Runs one process/invert call: `method` is &T::process or &T::invert.
template <class T>
sluice_status run_transform(OwnedBatch (T::*method)(OwnedBatch, Rejector&), void* instance,
                            const ArrowSchema* schema, ArrowArray* batch, ArrowSchema* out_schema,
                            ArrowArray* out_batch, const sluice_rejector* rejector,
                            sluice_error* err) noexcept {
  return guard(err, [&] {
    OwnedBatch in = OwnedBatch::adopt(*schema, batch);
    const int64_t n_in = in.num_rows();
    Rejector rejects(n_in, rejector);
    OwnedBatch out = (static_cast<T*>(instance)->*method)(std::move(in), rejects);
    const int64_t n_kept = n_in - rejects.removed_count();
    if (out.num_rows() == n_in && n_kept != n_in) {
      out.remove_rows(rejects.removed_mask());
    } else if (out.num_rows() != n_kept) {
      throw InternalError("transform returned " + std::to_string(out.num_rows()) + " rows for " +
                          std::to_string(n_in) + " input rows of which " +
                          std::to_string(rejects.removed_count()) + " were removed");
    }
    out.release_into(out_schema, out_batch);
  });
}

template <class T>
struct TransformAdapter {
  static sluice_status process(void* instance, const ArrowSchema* schema, ArrowArray* batch,
                               ArrowSchema* out_schema, ArrowArray* out_batch,
                               const sluice_rejector* rejector, sluice_error* err) noexcept {
    return run_transform<T>(&T::process, instance, schema, batch, out_schema, out_batch, rejector, err);
  }
  static sluice_status invert(void* instance, const ArrowSchema* schema, ArrowArray* batch,
                              ArrowSchema* out_schema, ArrowArray* out_batch, const sluice_rejector* rejector,
                              sluice_error* err) noexcept {
    return run_transform<T>(&T::invert, instance, schema, batch, out_schema, out_batch, rejector, err);
  }
  static constexpr sluice_transform_ops ops = {sizeof(sluice_transform_ops), &process,
                                               T::invertible ? &invert : nullptr};
};

template <class T>
struct SinkAdapter {
  static sluice_status write(void* instance, const ArrowSchema* schema, ArrowArray* batch, uint64_t write_id,
                             const sluice_sink_reporter* reporter, sluice_error* err) noexcept {
    return guard(err, [&] {
      OwnedBatch in = OwnedBatch::adopt(*schema, batch);
      Reporter report(reporter);
      static_cast<T*>(instance)->write(std::move(in), write_id, report);
    });
  }
  static sluice_status flush(void* instance, int32_t force, const sluice_sink_reporter* reporter,
                             sluice_error* err) noexcept {
    return guard(err, [&] {
      Reporter report(reporter);
      static_cast<T*>(instance)->flush(force != 0, report);
    });
  }
  static void interrupt(void* instance) noexcept {
    try {
      static_cast<T*>(instance)->interrupt();
    } catch (...) {
      // Nothing to report to: the host is stopping anyway.
    }
  }
  static constexpr sluice_sink_ops ops = {sizeof(sluice_sink_ops), &write, &flush, &interrupt};
};

template <class T>
struct SourceAdapter {
  static sluice_status next(void* instance, int32_t timeout_ms, ArrowSchema* schema, ArrowArray* batch,
                            uint64_t* batch_id, sluice_error* err) noexcept {
    return guard(err, [&]() -> sluice_status {
      Next n = static_cast<T*>(instance)->next(std::chrono::milliseconds(timeout_ms));
      switch (n.state) {
        case Next::State::kReady:
          n.batch.release_into(schema, batch);
          *batch_id = n.batch_id;
          return SLUICE_OK;
        case Next::State::kEmpty: return SLUICE_EMPTY;
        case Next::State::kEnd: return SLUICE_END;
      }
      throw InternalError("source returned an unknown state");
    });
  }
  static sluice_status ack(void* instance, uint64_t batch_id, const int8_t* outcomes, int64_t n_rows,
                           sluice_error* err) noexcept {
    return guard(err, [&] {
      static_cast<T*>(instance)->ack(batch_id,
                                     std::span<const int8_t>(outcomes, static_cast<size_t>(n_rows)));
    });
  }
  static sluice_status backlog(void* instance, int64_t* count, sluice_error* err) noexcept {
    return guard(err, [&]() -> sluice_status {
      std::optional<int64_t> waiting = static_cast<T*>(instance)->backlog();
      if (!waiting) return SLUICE_ERR_UNSUPPORTED;
      *count = *waiting;
      return SLUICE_OK;
    });
  }
  static constexpr sluice_source_ops ops = {sizeof(sluice_source_ops), &next, &ack, &backlog};
};

template <class T>
constexpr sluice_plugin make_descriptor() {
  sluice_plugin d{};
  d.struct_size = sizeof(sluice_plugin);
  d.kind = T::kind;
  d.name = T::info.name;
  d.version = T::info.version;
  d.description = T::info.description;
  d.config_schema = T::info.config_schema;
  d.create = &Lifecycle<T>::create;
  d.destroy = &Lifecycle<T>::destroy;
  if constexpr (std::is_base_of_v<Source, T>) d.source = &SourceAdapter<T>::ops;
  if constexpr (std::is_base_of_v<Transform, T>) {
    d.transform = &TransformAdapter<T>::ops;
  }
  if constexpr (std::is_base_of_v<Sink, T>) d.sink = &SinkAdapter<T>::ops;
  return d;
}

}  // namespace detail

// The static descriptor of plugin class T.
template <class T>
inline constexpr sluice_plugin descriptor = detail::make_descriptor<T>();

// The static table of a library offering the plugin classes `Plugins...`.
template <class... Plugins>
struct Library {
  static constexpr const sluice_plugin* plugins[] = {&descriptor<Plugins>...};
  static constexpr sluice_library value = {sizeof(sluice_library), SLUICE_ABI_MAJOR, SLUICE_ABI_MINOR,
                                           sizeof...(Plugins), plugins};
};

namespace detail {

constexpr size_t name_length(const char* name) {
  size_t n = 0;
  while (name[n] != '\0') ++n;
  return n;
}

// The plugins' names, each followed by a NUL: what SLUICE_NAMES_SECTION holds.
template <class... Plugins>
constexpr auto plugin_names() {
  constexpr size_t size = ((name_length(Plugins::info.name) + 1) + ... + 0);
  std::array<char, size> out{};
  size_t at = 0;
  for (const char* name : {Plugins::info.name...}) {
    for (size_t i = 0; name[i] != '\0'; ++i) out[at++] = name[i];
    out[at++] = '\0';
  }
  return out;
}

}  // namespace detail
}  // namespace sluice

// Defines the library's exported entry function, offering the listed plugin
// classes:  SLUICE_LIBRARY(FileSource, FileSink, JsonTransform)
// and lists their names in SLUICE_NAMES_SECTION (plugin.h), so that the host
// knows what the library provides without loading it.
// extern "C" keeps the symbol's name unmangled in a C++ translation unit.
#define SLUICE_LIBRARY(...)                                       \
  [[gnu::section(SLUICE_NAMES_SECTION), gnu::used,                \
    gnu::aligned(1)]] static constexpr auto sluice_plugin_names = \
      ::sluice::detail::plugin_names<__VA_ARGS__>();              \
  extern "C" SLUICE_PLUGIN_ENTRY { return &::sluice::Library<__VA_ARGS__>::value; }

#endif  // SLUICE_DETAIL_PLUGIN_ADAPTERS_HPP

/*
 * sluice/plugin.h — the Sluice plugin ABI, version 1.
 *
 * This header is the whole contract between the `sluice` host and a plugin.
 * It is C99: nothing C++ crosses it (no STL types, no exceptions, no bool).
 * A plugin author needs nothing else; sluice/plugin.hpp is an optional C++
 * layer on top of it.
 *
 * ---------------------------------------------------------------------------
 * Versioning
 * ---------------------------------------------------------------------------
 * SLUICE_ABI_MAJOR changes only when something existing changes meaning or
 * layout; the entry function carries it in its name, so a library built for
 * another major simply has no symbol the host looks for, and the host reports
 * both versions. SLUICE_ABI_MINOR grows when fields are appended.
 *
 * Every struct begins with `struct_size` (sizeof the struct as the producer
 * compiled it). Structs and function tables only ever grow at the end: a
 * reader checks `struct_size` before touching a field added in a later minor
 * (see SLUICE_HAS_FIELD). A host of minor M loads plugins built for any minor
 * <= M of the same major.
 *
 * ---------------------------------------------------------------------------
 * Lifecycle
 * ---------------------------------------------------------------------------
 *   1. The host dlopen()s the library and calls its one exported function,
 *      sluice_plugin_entry_v1(), which returns a static sluice_library.
 *   2. For each pipeline step naming one of the library's plugins, the host
 *      validates the step's configuration against the plugin's
 *      `config_schema`, then calls `create` with that configuration as JSON.
 *   3. The host calls the kind's operations (source/transform/sink).
 *   4. The host calls `destroy` exactly once per successful `create`.
 *   5. The library stays loaded until every instance it created is destroyed
 *      and every Arrow structure it produced has been released.
 *
 * ---------------------------------------------------------------------------
 * Threading
 * ---------------------------------------------------------------------------
 * The host never calls two functions of one instance at the same time, with
 * one exception stated at sluice_source_ops.ack. Successive calls may come
 * from different threads. Different instances may be called concurrently.
 * Host callbacks (sluice_host.log, rejector and reporter functions) may be
 * called from any thread the host called into.
 *
 * ---------------------------------------------------------------------------
 * Record batches
 * ---------------------------------------------------------------------------
 * Batches cross as the Arrow C Data Interface: an ArrowSchema of format "+s"
 * (struct) whose children are the columns, and an ArrowArray of the same
 * shape whose length is the number of rows. Column types every plugin in
 * this project understands (format strings of the Arrow specification):
 *   "u"        utf8 string (int32 offsets)
 *   "l"        int64
 *   "i"        int32
 *   "g"        float64
 *   "b"        boolean (bit-packed)
 *   "tdD"      date32, days since 1970-01-01
 *   "tsu:UTC"  timestamp, microseconds since the epoch, UTC
 * Every column may hold nulls (validity bitmap, buffer 0, may be NULL when
 * null_count is 0). Ownership follows the Arrow rules: whoever holds a
 * structure with a non-NULL `release` owns it and must call `release`
 * exactly once; moving a structure means copying it bitwise and setting the
 * source's `release` to NULL. Children of a struct array may be moved out
 * individually, as the Arrow specification allows.
 *
 * ---------------------------------------------------------------------------
 * Delivery
 * ---------------------------------------------------------------------------
 * A source batch is acknowledged exactly once, with one outcome per row,
 * when every row derived from it is settled: committed by the sink, filtered
 * out on purpose, written to the dead-letter sink, rejected with no
 * dead-letter sink, or failed. Transforms keep or drop rows but never create
 * rows, so each row reaching the sink derives from exactly one source row.
 *
 * ---------------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------------
 * Functions return a sluice_status and, when it is negative, write a
 * human-readable message into the caller's sluice_error. Messages name
 * fields, never values: data may be personal.
 */
#ifndef SLUICE_PLUGIN_H
#define SLUICE_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SLUICE_ABI_MAJOR 1
/* Minor 1 appended sluice_source_ops.backlog.
 * Minor 2 appended sluice_sink_ops.interrupt. */
#define SLUICE_ABI_MINOR 2

/* The one function a plugin library exports. The major version is part of
 * the name so that a library built for another major is refused by name. */
#define SLUICE_ENTRY_NAME "sluice_plugin_entry_v1"

#if defined(_WIN32)
#define SLUICE_EXPORT __declspec(dllexport)
#else
#define SLUICE_EXPORT __attribute__((visibility("default")))
#endif

/* True when a struct received from the other side is large enough to
 * contain `field`: use before reading fields appended in a later minor. */
#define SLUICE_HAS_FIELD(ptr, type, field)                                    \
  ((ptr)->struct_size >= offsetof(type, field) + sizeof(((type*)0)->field))

/* ===========================================================================
 * Arrow C Data Interface, as published in the Apache Arrow specification.
 * The guard lets this header coexist with Arrow's own abi.h.
 * ======================================================================== */
#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  /* Type description: a format string such as "u", "l", "+s". */
  const char* format;
  /* Field name (column name for children of a struct); may be NULL. */
  const char* name;
  /* Binary key/value metadata; may be NULL. */
  const char* metadata;
  /* ARROW_FLAG_* bits. */
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;
  /* Releases this schema and its children; NULL once released or moved. */
  void (*release)(struct ArrowSchema*);
  /* Producer-owned data for `release`. */
  void* private_data;
};

struct ArrowArray {
  /* Number of logical elements (rows for the top-level struct). */
  int64_t length;
  /* Number of null elements, or -1 if not computed. */
  int64_t null_count;
  /* Logical offset into the buffers. */
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  /* Buffers in the layout the format dictates (validity first). */
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;
  /* Releases this array and its children; NULL once released or moved. */
  void (*release)(struct ArrowArray*);
  /* Producer-owned data for `release`. */
  void* private_data;
};

#endif /* ARROW_C_DATA_INTERFACE */

/* ===========================================================================
 * Status and errors
 * ======================================================================== */
typedef int32_t sluice_status;

#define SLUICE_OK 0
/* Source only: no batch within the timeout; ask again later. */
#define SLUICE_EMPTY 1
/* Source only: the source is exhausted and will never produce again. */
#define SLUICE_END 2
/* The configuration is invalid; retrying cannot help. */
#define SLUICE_ERR_CONFIG (-1)
/* A dependency failed in a way that may pass (network, server restart);
 * the plugin has already retried as its own options allow. */
#define SLUICE_ERR_UNAVAILABLE (-2)
/* Anything else: a bug, corrupt state, an unexpected exception. */
#define SLUICE_ERR_INTERNAL (-3)
/* The operation is not offered by this plugin (e.g. invert on a one-way
 * masker). */
#define SLUICE_ERR_UNSUPPORTED (-4)

#define SLUICE_ERROR_MESSAGE_SIZE 1024

/* Filled by the callee when it returns a negative status. Owned by the
 * caller, valid only for the call it was passed to. */
typedef struct sluice_error {
  uint32_t struct_size;
  /* NUL-terminated; truncated to fit. Never contains a data value. */
  char message[SLUICE_ERROR_MESSAGE_SIZE];
} sluice_error;

/* Writes `message` into `err` (truncating) and returns `status`. */
static inline sluice_status sluice_error_set(sluice_error* err,
                                             sluice_status status,
                                             const char* message) {
  if (err != NULL) { /* NOLINT(modernize-use-nullptr): this is C */
    size_t n = strlen(message);
    if (n >= SLUICE_ERROR_MESSAGE_SIZE) n = SLUICE_ERROR_MESSAGE_SIZE - 1;
    memcpy(err->message, message, n);
    err->message[n] = '\0';
  }
  return status;
}

/* ===========================================================================
 * What the host offers a plugin instance
 * ======================================================================== */
#define SLUICE_LOG_TRACE 0
#define SLUICE_LOG_DEBUG 1
#define SLUICE_LOG_INFO 2
#define SLUICE_LOG_WARN 3
#define SLUICE_LOG_ERROR 4

typedef struct sluice_host {
  uint32_t struct_size;
  /* The host's ABI minor version. */
  uint32_t abi_minor;
  /* Opaque host context: pass it back to every callback below. */
  void* ctx;
  /* Logs `message` (UTF-8, no trailing newline) at `level` under this
   * step's name. Thread-safe. Never pass a data value: name fields. */
  void (*log)(void* ctx, int32_t level, const char* message);
  /* The pipeline's `name` and this step's `name`, valid for the instance's
   * lifetime. Sinks that keep state in shared places (ledgers) key it by
   * these. */
  const char* pipeline_name;
  const char* step_name;
  /* 1 when the host runs with --drain: it stops once the source reports
   * SLUICE_EMPTY or SLUICE_END with nothing in flight. A source may shorten
   * its waits accordingly; a source whose input is not exhausted although
   * nothing arrived in time (a quiet pipe) answers with a batch of no rows
   * instead of SLUICE_EMPTY (see `next`). */
  int32_t drain;
  /* Adds `value` to the counter `name` (snake_case, no units suffix) for
   * this step, exported as a metric. May be NULL. Thread-safe. */
  void (*count)(void* ctx, const char* name, double value);
} sluice_host;

/* ===========================================================================
 * Per-row outcomes a host gives back to the source (sluice_source_ops.ack)
 * ======================================================================== */
/* Committed by the sink, or filtered out on purpose: remove it. */
#define SLUICE_ROW_DONE 0
/* Written to the dead-letter sink: remove it. */
#define SLUICE_ROW_DEAD_LETTERED 1
/* Rejected and no dead-letter sink is configured: leave it where it is so
 * the system's own redrive policy sees it again (SQS: let the visibility
 * timeout expire). */
#define SLUICE_ROW_REJECTED 2
/* Not delivered (sink failure, shutdown): offer it again soon (SQS: make it
 * visible now). */
#define SLUICE_ROW_FAILED 3

/* ===========================================================================
 * Sources
 * ======================================================================== */
typedef struct sluice_source_ops {
  uint32_t struct_size;

  /* Produces the next batch, waiting at most `timeout_ms` milliseconds.
   * Returns SLUICE_OK with `*schema` and `*batch` filled (ownership passes
   * to the host) and `*batch_id` set to a value unique among this instance's
   * unacknowledged batches; SLUICE_EMPTY when nothing arrived in time;
   * SLUICE_END when exhausted; a negative status on failure. A batch of no
   * rows means "nothing yet, but more may come": the host acknowledges it at
   * once (n_rows 0) and, unlike SLUICE_EMPTY, it does not end --drain. */
  sluice_status (*next)(void* instance, int32_t timeout_ms,
                        struct ArrowSchema* schema, struct ArrowArray* batch,
                        uint64_t* batch_id, sluice_error* err);

  /* Settles batch `batch_id`: `outcomes[i]` (a SLUICE_ROW_* value) is the
   * outcome of row i, `n_rows` equals the batch's length. Called exactly once
   * per batch. The host may call ack from another thread WHILE `next` runs
   * on the same instance: this is the one concurrent call, and sources must
   * allow it. `outcomes` is borrowed for the call. */
  sluice_status (*ack)(void* instance, uint64_t batch_id,
                       const int8_t* outcomes, int64_t n_rows,
                       sluice_error* err);

  /* Since minor 1; optional (NULL, or past struct_size in an older plugin).
   * How many messages wait in the source, approximately (SQS:
   * ApproximateNumberOfMessages), for the host's progress line: SLUICE_OK
   * with `*count` set, or SLUICE_ERR_UNSUPPORTED when the source cannot
   * tell (yet). Called about once a second from a host thread, concurrently
   * with `next` and `ack`: answer at once from a figure refreshed in the
   * background, never wait on the network here. */
  sluice_status (*backlog)(void* instance, int64_t* count, sluice_error* err);
} sluice_source_ops;

/* ===========================================================================
 * Transforms
 * ======================================================================== */
typedef struct sluice_rejector {
  uint32_t struct_size;
  void* ctx;
  /* Rejects input row `row` with `reason` (copied; names fields, never
   * values). The row is absent from the output and goes to the dead-letter
   * sink. Call at most once per row. */
  void (*reject)(void* ctx, int64_t row, const char* reason);
  /* Drops input row `row` on purpose (a filter): absent from the output and
   * settled as done. Call at most once per row. */
  void (*drop)(void* ctx, int64_t row);
} sluice_rejector;

typedef struct sluice_transform_ops {
  uint32_t struct_size;

  /* Transforms one batch. `schema` is borrowed. `batch` is MOVED to the
   * transform: it must release it (or move its children into the output).
   * On SLUICE_OK, `*out_schema` and `*out_batch` hold every input row that
   * was neither rejected nor dropped, in input order (ownership passes to
   * the host). On a negative status the whole batch failed and the host
   * stops the pipeline; reject rows instead whenever the fault is the
   * row's. */
  sluice_status (*process)(void* instance, const struct ArrowSchema* schema,
                           struct ArrowArray* batch,
                           struct ArrowSchema* out_schema,
                           struct ArrowArray* out_batch,
                           const sluice_rejector* rejector, sluice_error* err);

  /* Optional (NULL when the transform is one-way): the inverse of process,
   * same contract, used by `sluice unmask`. Returns SLUICE_ERR_UNSUPPORTED
   * when the configured mode cannot be inverted. */
  sluice_status (*invert)(void* instance, const struct ArrowSchema* schema,
                          struct ArrowArray* batch,
                          struct ArrowSchema* out_schema,
                          struct ArrowArray* out_batch,
                          const sluice_rejector* rejector, sluice_error* err);
} sluice_transform_ops;

/* ===========================================================================
 * Sinks
 * ======================================================================== */
typedef struct sluice_sink_reporter {
  uint32_t struct_size;
  void* ctx;
  /* Row `row` of write `write_id` can never be written (a value its column
   * cannot take): it goes to the dead-letter sink. `reason` names the column,
   * never the value. Call before `committed` for that write. */
  void (*reject)(void* ctx, uint64_t write_id, int64_t row,
                 const char* reason);
  /* Every row of write `write_id` not rejected is durable (committed).
   * Call exactly once per write, after durability, never before. */
  void (*committed)(void* ctx, uint64_t write_id);
} sluice_sink_reporter;

typedef struct sluice_sink_ops {
  uint32_t struct_size;

  /* Accepts one batch. `schema` is borrowed; `batch` is MOVED to the sink
   * (it must release it, typically after copying what it needs). The sink
   * may buffer; during this call it may report any writes, this one or
   * earlier ones, through `reporter`. A negative status means the batch was
   * not accepted and the host stops the pipeline (retry transient failures
   * inside the plugin first, as its options say). */
  sluice_status (*write)(void* instance, const struct ArrowSchema* schema,
                         struct ArrowArray* batch, uint64_t write_id,
                         const sluice_sink_reporter* reporter,
                         sluice_error* err);

  /* Makes buffered writes durable and reports them. force = 0: only what
   * the sink's own policy says is due (the host calls this periodically
   * when idle, at least every 100 ms); force = 1: everything, now (the
   * host calls this before stopping and when the source is idle). */
  sluice_status (*flush)(void* instance, int32_t force,
                         const sluice_sink_reporter* reporter,
                         sluice_error* err);

  /* Since minor 2; optional (NULL, or past struct_size in an older plugin).
   * The host is stopping (SIGINT/SIGTERM): end any wait promptly (a retry
   * backoff, a reconnect loop) and wait no more from now on. A `write` or
   * `flush` that is waiting, or that would have to wait, returns
   * SLUICE_ERR_UNAVAILABLE within a second or so, with what it has not
   * committed left uncommitted (the host offers those rows again); work
   * that needs no wait, such as a commit the server answers, goes on.
   * Called from a host thread, concurrently with `write` and `flush`, at
   * most once per instance and before `destroy`; it must not block. */
  void (*interrupt)(void* instance);
} sluice_sink_ops;

/* ===========================================================================
 * Plugin and library descriptors
 * ======================================================================== */
#define SLUICE_KIND_SOURCE 1
#define SLUICE_KIND_TRANSFORM 2
#define SLUICE_KIND_SINK 3

typedef struct sluice_plugin {
  uint32_t struct_size;
  /* One of SLUICE_KIND_*. A library may offer a source and a sink under the
   * same name (e.g. "file"): they are two entries. */
  int32_t kind;
  /* Name used in pipeline files: lowercase, [a-z0-9_]. */
  const char* name;
  /* The plugin's own version, semver. */
  const char* version;
  /* One line for `sluice plugins`. */
  const char* description;
  /* JSON Schema of the step options, excluding the host's own keys
   * `plugin` and `name`. The host validates and types the YAML against it
   * before `create`, understanding: "type" (one name or a list of
   * "string", "integer", "number", "boolean", "array", "object", "null"),
   * "properties", "required", "additionalProperties" (false unless given:
   * unknown keys are errors), "items", "enum", "minimum", "maximum",
   * "minLength", "maxLength", "minItems", "maxItems", "oneOf", "anyOf";
   * "default" and "description" are shown by `sluice plugins`, and the
   * host fills each "default" the options lack into the configuration
   * before `create` (nested objects and array items too), so a plugin
   * states a default once, in the schema. YAML
   * scalars are typed by the schema: `port: 5432` becomes a JSON integer
   * where the schema says integer and a string where it says string. */
  const char* config_schema;

  /* Creates an instance from `config_json` (a JSON object that satisfied
   * `config_schema`, with `${VAR}` already expanded). `host` outlives the
   * instance. On success stores the instance in `*instance`. Secrets named
   * by *_env / *_file options are read here, once. Create takes no data:
   * a source starts receiving on its first `next`, so that `sluice
   * validate --connect` can create and check an instance harmlessly. */
  sluice_status (*create)(const sluice_host* host, const char* config_json,
                          void** instance, sluice_error* err);
  /* Destroys an instance: a source finishes acting on acknowledgements
   * already received (e.g. deleting messages) before returning; a sink has
   * already been flushed by the host. Wipes secrets. Never fails. */
  void (*destroy)(void* instance);

  /* The operations of `kind`; the other two are NULL. */
  const sluice_source_ops* source;
  const sluice_transform_ops* transform;
  const sluice_sink_ops* sink;

  /* Optional (may be NULL): checks, without changing anything, that what
   * the instance will talk to is there and fits (the queue exists, the
   * table has the mapped columns with compatible types). Used by
   * `sluice validate --connect`. */
  sluice_status (*check)(void* instance, sluice_error* err);
} sluice_plugin;

typedef struct sluice_library {
  uint32_t struct_size;
  /* The ABI this library was built against: SLUICE_ABI_MAJOR and
   * SLUICE_ABI_MINOR at build time. The host refuses another major and a
   * newer minor than its own. */
  uint32_t abi_major;
  uint32_t abi_minor;
  /* The plugins this library offers, `n_plugins` pointers to static
   * descriptors. */
  uint32_t n_plugins;
  const sluice_plugin* const* plugins;
} sluice_library;

/* The entry function's type. It takes nothing, returns a pointer to static
 * data, may be called more than once, and never fails. */
typedef const sluice_library* (*sluice_plugin_entry_fn)(void); /* NOLINT(modernize-redundant-void-arg): C */

/* The entry function itself, declared here (inside extern "C") so that a
 * definition in a C++ file keeps the unmangled name. Define it with:
 *   SLUICE_PLUGIN_ENTRY { return &my_library; }                          */
SLUICE_EXPORT const sluice_library* sluice_plugin_entry_v1(void);
#define SLUICE_PLUGIN_ENTRY \
  SLUICE_EXPORT const sluice_library* sluice_plugin_entry_v1(void)

/* The names of the plugins a library provides, readable WITHOUT loading it:
 * NUL-terminated names in the ELF section SLUICE_NAMES_SECTION. The host
 * reads that section from the file and loads (dlopen, which runs the
 * library's constructors) only the libraries that provide a plugin the
 * pipeline names. A library without the section still works: it is loaded
 * only when a pipeline names a plugin that no library declares.
 * SLUICE_LIBRARY (plugin.hpp) writes the section itself; in C, once per
 * plugin name, at file scope:
 *   SLUICE_DECLARE_PLUGIN_NAME(upper)                                     */
#define SLUICE_NAMES_SECTION ".sluice_plugins"
#define SLUICE_DECLARE_PLUGIN_NAME(name)                                   \
  __attribute__((section(SLUICE_NAMES_SECTION), used, aligned(1)))        \
  static const char sluice_plugin_name_##name[] = #name;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SLUICE_PLUGIN_H */

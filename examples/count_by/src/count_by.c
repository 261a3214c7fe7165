/* count_by: a sink, in plain C99 against sluice/plugin.h alone, that counts
 * rows per value of one column and writes the counts as tab-separated lines
 * to a file (rewritten on every forced flush, and at the end) or to stdout
 * (once, at the end).
 *
 * A write is reported committed once its rows are in the file; with stdout
 * nothing is durable before the end, so writes are committed as soon as the
 * host forces a flush. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sluice/plugin.h>

#include "arrow_values.h"
#include "count_table.h"
#include "flat_json.h"

typedef struct {
  const sluice_host* host;
  char* column;
  char* path; /* NULL: stdout */
  count_table* counts;
  int unwritten;     /* 1 when rows were counted since the counts were last written */
  uint64_t* pending; /* writes not yet reported committed */
  size_t n_pending;
  size_t pending_capacity;
} count_by;

static void log_warning(const count_by* sink, const char* message) {
  if (sink->host != NULL && sink->host->log != NULL) {
    sink->host->log(sink->host->ctx, SLUICE_LOG_WARN, message);
  }
}

static void count_by_free(count_by* sink) {
  count_table_destroy(sink->counts);
  free(sink->column);
  free(sink->path);
  free(sink->pending);
  free(sink);
}

/* ---- configuration ------------------------------------------------------- */

static sluice_status read_config(count_by* sink, const char* config_json, sluice_error* err) {
  if (flat_json_string(config_json, "column", &sink->column) != FLAT_JSON_FOUND) {
    return sluice_error_set(err, SLUICE_ERR_CONFIG, "count_by: option 'column' (a string) is required");
  }
  int path = flat_json_string(config_json, "path", &sink->path);
  if (path == FLAT_JSON_INVALID) {
    return sluice_error_set(err, SLUICE_ERR_CONFIG, "count_by: option 'path' must be a string");
  }
  if (path == FLAT_JSON_FOUND && strcmp(sink->path, "-") == 0) {
    free(sink->path);
    sink->path = NULL;
  }
  return SLUICE_OK;
}

static sluice_status count_by_create(const sluice_host* host, const char* config_json, void** instance,
                                     sluice_error* err) {
  count_by* sink = calloc(1, sizeof *sink);
  if (sink == NULL) return sluice_error_set(err, SLUICE_ERR_INTERNAL, "count_by: out of memory");
  sink->host = host;
  sluice_status status = read_config(sink, config_json, err);
  if (status == SLUICE_OK && (sink->counts = count_table_create()) == NULL) {
    status = sluice_error_set(err, SLUICE_ERR_INTERNAL, "count_by: out of memory");
  }
  if (status != SLUICE_OK) {
    count_by_free(sink);
    return status;
  }
  *instance = sink;
  return SLUICE_OK;
}

/* ---- output -------------------------------------------------------------- */

/* Writes the counts to a temporary file renamed over `path`, so that a
 * reader never sees half a table. Returns 0, or -1. */
static int write_counts_file(const count_by* sink) {
  size_t len = strlen(sink->path);
  char* temporary = malloc(len + sizeof ".tmp");
  if (temporary == NULL) return -1;
  memcpy(temporary, sink->path, len);
  memcpy(temporary + len, ".tmp", sizeof ".tmp");
  FILE* out = fopen(temporary, "w");
  int failed = out == NULL;
  if (!failed) failed = count_table_write_tsv(sink->counts, out) != 0;
  if (out != NULL) failed = (fclose(out) != 0) || failed;
  if (!failed) failed = rename(temporary, sink->path) != 0;
  if (failed) remove(temporary);
  free(temporary);
  return failed ? -1 : 0;
}

/* Writes the counts where `path` says. Returns 0, or -1. */
static int write_counts(const count_by* sink) {
  if (sink->path != NULL) return write_counts_file(sink);
  int failed = count_table_write_tsv(sink->counts, stdout) != 0;
  failed = fflush(stdout) != 0 || failed;
  return failed ? -1 : 0;
}

static void report_pending_committed(count_by* sink, const sluice_sink_reporter* reporter) {
  for (size_t i = 0; i < sink->n_pending; ++i) reporter->committed(reporter->ctx, sink->pending[i]);
  sink->n_pending = 0;
}

static sluice_status count_by_flush(void* instance, int32_t force, const sluice_sink_reporter* reporter,
                                    sluice_error* err) {
  count_by* sink = instance;
  /* Counting has no batching policy of its own: only a forced flush writes. */
  if (!force || sink->n_pending == 0) return SLUICE_OK;
  if (sink->path != NULL) {
    if (write_counts_file(sink) != 0) {
      return sluice_error_set(err, SLUICE_ERR_UNAVAILABLE, "count_by: cannot write the file named by 'path'");
    }
    sink->unwritten = 0;
  }
  report_pending_committed(sink, reporter);
  return SLUICE_OK;
}

static void count_by_destroy(void* instance) {
  count_by* sink = instance;
  /* Only what was counted since the last write: `sluice validate --connect`
   * creates and destroys instances and must leave no file behind. */
  if (sink->unwritten && write_counts(sink) != 0) {
    log_warning(sink, "count_by: the counts could not be written");
  }
  count_by_free(sink);
}

/* ---- counting ------------------------------------------------------------ */

static int remember_pending(count_by* sink, uint64_t write_id) {
  if (sink->n_pending == sink->pending_capacity) {
    size_t capacity = sink->pending_capacity ? sink->pending_capacity * 2 : 16;
    uint64_t* grown = realloc(sink->pending, capacity * sizeof *grown);
    if (grown == NULL) return -1;
    sink->pending = grown;
    sink->pending_capacity = capacity;
  }
  sink->pending[sink->n_pending++] = write_id;
  return 0;
}

/* Counts every row of the batch; the batch stays the caller's. */
static sluice_status count_rows(count_by* sink, const struct ArrowSchema* schema,
                                const struct ArrowArray* batch, sluice_error* err) {
  char message[SLUICE_ERROR_MESSAGE_SIZE];
  int64_t index = arrow_child_index(schema, sink->column);
  if (index < 0) {
    snprintf(message, sizeof message, "count_by: the input has no column '%s'", sink->column);
    return sluice_error_set(err, SLUICE_ERR_CONFIG, message);
  }
  const char* format = schema->children[index]->format;
  if (!arrow_value_readable(format)) {
    snprintf(message, sizeof message,
             "count_by: column '%s' has type '%s'; count_by reads strings, integers "
             "and booleans",
             sink->column, format);
    return sluice_error_set(err, SLUICE_ERR_CONFIG, message);
  }
  char scratch[ARROW_VALUE_SCRATCH];
  for (int64_t row = 0; row < batch->length; ++row) {
    const char* text;
    size_t len;
    arrow_value_text(format, batch->children[index], batch->offset, row, scratch, &text, &len);
    if (count_table_add(sink->counts, text, len) != 0) {
      return sluice_error_set(err, SLUICE_ERR_INTERNAL, "count_by: out of memory");
    }
  }
  sink->unwritten = sink->unwritten || batch->length > 0;
  return SLUICE_OK;
}

static sluice_status count_by_write(void* instance, const struct ArrowSchema* schema,
                                    struct ArrowArray* batch, uint64_t write_id,
                                    const sluice_sink_reporter* reporter, sluice_error* err) {
  (void)reporter; /* commits come with the next forced flush */
  count_by* sink = instance;
  sluice_status status = count_rows(sink, schema, batch, err);
  /* The batch was moved to us: release it whatever happened. */
  batch->release(batch);
  if (status == SLUICE_OK && remember_pending(sink, write_id) != 0) {
    status = sluice_error_set(err, SLUICE_ERR_INTERNAL, "count_by: out of memory");
  }
  return status;
}

/* ---- descriptors --------------------------------------------------------- */

static const sluice_sink_ops count_by_ops = {
    sizeof(sluice_sink_ops), count_by_write, count_by_flush,
    NULL, /* interrupt (since ABI minor 2): count_by never waits */
};

static const sluice_plugin count_by_plugin = {
    sizeof(sluice_plugin),
    SLUICE_KIND_SINK,
    "count_by",
    "1.0.0",
    "Counts rows per value of a column; writes value<TAB>count lines",
    "{\"type\": \"object\","
    " \"properties\": {"
    "  \"column\": {\"type\": \"string\", \"minLength\": 1,"
    "             \"description\": \"the column whose values are counted\"},"
    "  \"path\": {\"type\": \"string\", \"minLength\": 1, \"default\": \"-\","
    "           \"description\": \"file for the counts, or - for stdout\"}},"
    " \"required\": [\"column\"],"
    " \"additionalProperties\": false}",
    count_by_create,
    count_by_destroy,
    NULL, /* source */
    NULL, /* transform */
    &count_by_ops,
    NULL, /* check: nothing outside the process to check */
};

static const sluice_plugin* const plugins[] = {&count_by_plugin};

static const sluice_library library = {
    sizeof(sluice_library), SLUICE_ABI_MAJOR, SLUICE_ABI_MINOR, 1, plugins,
};

/* Lets the host see that this library provides `count_by` without loading it. */
SLUICE_DECLARE_PLUGIN_NAME(count_by)

SLUICE_PLUGIN_ENTRY { return &library; }

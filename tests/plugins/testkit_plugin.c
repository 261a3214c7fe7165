/* testkit: plugins that misbehave on purpose, for the host's and the
 * sources' tests. Plain C99 against plugin.h only.
 *
 *   testkit_sink: accepts batches after `delay_ms`; with `fail: true` every
 *   write fails (a dead database); with `reject_every: N` it rejects every
 *   Nth row it sees; committed rows are appended as one line of their
 *   `message_id` to `path` when given. With `stall_while_exists: FILE` it
 *   accepts writes but commits none while FILE exists (a database sink
 *   retrying a lost server), and commits what it holds once FILE is gone.
 *   With `log_hostile: true` it logs, when created, a message holding
 *   invalid UTF-8, control characters, quotes and backslashes (what a buggy
 *   plugin may hand the host's logger). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sluice/plugin.h>
#include "flat_json.h"

/* A write accepted while stalled: its id, and the message ids it will add
 * to `path` once committed. */
typedef struct {
  uint64_t write_id;
  char* ids;
  size_t ids_length;
} held_write;

typedef struct {
  long delay_ms;
  int fail;
  long reject_every;
  long seen;
  FILE* out;
  char* stall_file;
  held_write* held;
  size_t held_count;
  size_t held_capacity;
} testkit_sink;

/* Reads `"key": number-or-true` from the host's compact JSON; good enough
 * for the flat configuration this plugin declares. */
static long json_number(const char* json, const char* key, long fallback) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  const char* at = strstr(json, pattern);
  if (at == NULL) return fallback;
  at += strlen(pattern);
  if (strncmp(at, "true", 4) == 0) return 1;
  if (strncmp(at, "false", 5) == 0) return 0;
  return strtol(at, NULL, 10);
}

/* Invalid UTF-8 (a stray continuation byte, an overlong '/', a surrogate, a
 * cut sequence), C0 controls including ESC, and JSON's special characters. */
static const char kHostileMessage[] =
    "hostile \x80 \xC0\xAF \xED\xA0\x80 \x01\x1b[31m \"quoted\" back\\slash\nnext\tline \xE2\x82";

static sluice_status sink_create(const sluice_host* host, const char* config, void** instance,
                                 sluice_error* err) {
  if (json_number(config, "log_hostile", 0) && host != NULL && host->log != NULL) {
    host->log(host->ctx, SLUICE_LOG_WARN, kHostileMessage);
  }
  testkit_sink* sink = calloc(1, sizeof *sink);
  sink->delay_ms = json_number(config, "delay_ms", 0);
  sink->fail = (int)json_number(config, "fail", 0);
  sink->reject_every = json_number(config, "reject_every", 0);
  sink->stall_file = json_string(config, "stall_while_exists");
  char* path = json_string(config, "path");
  if (path != NULL) {
    sink->out = fopen(path, "a");
    free(path);
    if (sink->out == NULL) {
      free(sink);
      return sluice_error_set(err, SLUICE_ERR_CONFIG, "testkit_sink: cannot open path");
    }
  }
  *instance = sink;
  return SLUICE_OK;
}

static void sink_destroy(void* instance) {
  testkit_sink* sink = instance;
  if (sink->out != NULL) fclose(sink->out);
  for (size_t i = 0; i < sink->held_count; ++i) free(sink->held[i].ids);
  free(sink->held);
  free(sink->stall_file);
  free(sink);
}

static void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&t, NULL);
}

static int column_index(const struct ArrowSchema* schema, const char* name) {
  for (int64_t i = 0; i < schema->n_children; ++i) {
    if (schema->children[i]->name != NULL && strcmp(schema->children[i]->name, name) == 0) return (int)i;
  }
  return -1;
}

static void write_ids(FILE* out, const struct ArrowSchema* schema, const struct ArrowArray* batch,
                      const char* rejected) {
  int id = column_index(schema, "message_id");
  if (out == NULL || id < 0 || strcmp(schema->children[id]->format, "u") != 0) return;
  const struct ArrowArray* column = batch->children[id];
  const int32_t* offsets = column->buffers[1];
  const char* data = column->buffers[2];
  for (int64_t row = 0; row < batch->length; ++row) {
    if (rejected[row]) continue;
    int64_t i = row + column->offset + batch->offset;
    fprintf(out, "%.*s\n", (int)(offsets[i + 1] - offsets[i]), data + offsets[i]);
  }
  fflush(out);
}

static int stalled(const testkit_sink* sink) {
  if (sink->stall_file == NULL) return 0;
  FILE* probe = fopen(sink->stall_file, "r");
  if (probe == NULL) return 0;
  fclose(probe);
  return 1;
}

/* Commits what was held while stalled, in the order it came. */
static void commit_held(testkit_sink* sink, const sluice_sink_reporter* reporter) {
  for (size_t i = 0; i < sink->held_count; ++i) {
    held_write* write = &sink->held[i];
    if (sink->out != NULL && write->ids_length > 0) {
      fwrite(write->ids, 1, write->ids_length, sink->out);
      fflush(sink->out);
    }
    free(write->ids);
    reporter->committed(reporter->ctx, write->write_id);
  }
  sink->held_count = 0;
}

static void hold(testkit_sink* sink, uint64_t write_id, const struct ArrowSchema* schema,
                 const struct ArrowArray* batch, const char* rejected) {
  if (sink->held_count == sink->held_capacity) {
    sink->held_capacity = sink->held_capacity ? 2 * sink->held_capacity : 16;
    sink->held = realloc(sink->held, sink->held_capacity * sizeof *sink->held);
  }
  held_write* write = &sink->held[sink->held_count++];
  write->write_id = write_id;
  write->ids = NULL;
  write->ids_length = 0;
  if (sink->out == NULL) return;
  FILE* ids = open_memstream(&write->ids, &write->ids_length);
  write_ids(ids, schema, batch, rejected);
  fclose(ids);
}

static sluice_status sink_write(void* instance, const struct ArrowSchema* schema, struct ArrowArray* batch,
                                uint64_t write_id, const sluice_sink_reporter* reporter, sluice_error* err) {
  testkit_sink* sink = instance;
  if (sink->delay_ms > 0) sleep_ms(sink->delay_ms);
  if (sink->fail) {
    batch->release(batch);
    return sluice_error_set(err, SLUICE_ERR_UNAVAILABLE, "testkit_sink: failing on purpose");
  }
  char* rejected = calloc((size_t)batch->length + 1, 1);
  for (int64_t row = 0; row < batch->length; ++row) {
    ++sink->seen;
    if (sink->reject_every > 0 && sink->seen % sink->reject_every == 0) {
      rejected[row] = 1;
      reporter->reject(reporter->ctx, write_id, row, "testkit_sink: rejected on purpose");
    }
  }
  if (stalled(sink)) {
    hold(sink, write_id, schema, batch, rejected);
  } else {
    commit_held(sink, reporter);
    write_ids(sink->out, schema, batch, rejected);
    reporter->committed(reporter->ctx, write_id);
  }
  free(rejected);
  batch->release(batch);
  return SLUICE_OK;
}

static sluice_status sink_flush(void* instance, int32_t force, const sluice_sink_reporter* reporter,
                                sluice_error* err) {
  (void)force, (void)err;
  testkit_sink* sink = instance;
  if (!stalled(sink)) commit_held(sink, reporter);
  return SLUICE_OK;
}

/* interrupt NULL: this sink never waits. */
static const sluice_sink_ops kSinkOps = {sizeof(sluice_sink_ops), sink_write, sink_flush, NULL};

static const sluice_plugin kSink = {sizeof(sluice_plugin),
                                    SLUICE_KIND_SINK,
                                    "testkit_sink",
                                    "0.1.0",
                                    "A sink that is slow, fails or rejects on purpose (tests only)",
                                    "{\"type\":\"object\",\"properties\":{"
                                    "\"delay_ms\":{\"type\":\"integer\",\"minimum\":0},"
                                    "\"fail\":{\"type\":\"boolean\"},"
                                    "\"log_hostile\":{\"type\":\"boolean\"},"
                                    "\"reject_every\":{\"type\":\"integer\",\"minimum\":0},"
                                    "\"path\":{\"type\":\"string\"},"
                                    "\"stall_while_exists\":{\"type\":\"string\"}},"
                                    "\"additionalProperties\":false}",
                                    sink_create,
                                    sink_destroy,
                                    NULL,
                                    NULL,
                                    &kSinkOps,
                                    NULL};

static const sluice_plugin* const kPlugins[] = {&kSink};

static const sluice_library kLibrary = {sizeof(sluice_library), SLUICE_ABI_MAJOR, SLUICE_ABI_MINOR, 1,
                                        kPlugins};

SLUICE_PLUGIN_ENTRY { return &kLibrary; }

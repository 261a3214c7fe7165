/* malformed: a source and a transform that return a batch with one defect
 * chosen by the `defect` option, for the host's batch validation tests.
 * Plain C99 against plugin.h only.
 *
 * The batch has `rows` rows and the columns message_id (utf8), ip (utf8)
 * and n (int64). Defects: decreasing_offsets, offset_past_data (ip's data
 * buffer NULL), negative_first_offset (ip's offsets start at -1),
 * null_data_buffer (n's values NULL), wrong_n_buffers (ip has 2),
 * negative_length (n), missing_validity (n claims a null but has no validity
 * bitmap), short_child (ip one row short), unknown_format (ip claims "w:8");
 * `none` returns a well-formed batch.
 *
 *   malformed_source: one batch, then SLUICE_END; with `ack_path` each ack
 *   is appended there as "<batch id> <outcome digits>".
 *   malformed_transform: releases its input and returns a batch of as many
 *   rows. `fields` is accepted (and ignored) so `sluice mask` can drive it.
 *
 * Release callbacks free what was allocated, whatever the defect changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sluice/plugin.h>
#include "flat_json.h"

typedef struct {
  char defect[32];
  long rows;
  char* ack_path;
  int emitted;
} malformed_config;

static long json_number(const char* json, const char* key, long fallback) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  const char* at = strstr(json, pattern);
  return at == NULL ? fallback : strtol(at + strlen(pattern), NULL, 10);
}

/* ---- arrays: private data remembers every allocation ---------------------- */

typedef struct {
  void* memory[3];
  const void* buffers[3];
  struct ArrowArray* children[3];
  int64_t n_children;
} array_data;

static void release_array(struct ArrowArray* array) {
  array_data* data = array->private_data;
  for (int64_t i = 0; i < data->n_children; ++i) {
    struct ArrowArray* child = data->children[i];
    if (child->release != NULL) child->release(child);
    free(child);
  }
  for (int i = 0; i < 3; ++i) free(data->memory[i]);
  free(data);
  array->release = NULL;
}

static struct ArrowArray* new_array(int64_t length, int64_t n_buffers, void* values, void* extra) {
  struct ArrowArray* array = calloc(1, sizeof *array);
  array_data* data = calloc(1, sizeof *data);
  data->memory[1] = values;
  data->memory[2] = extra;
  data->buffers[1] = values;
  data->buffers[2] = extra;
  array->length = length;
  array->n_buffers = n_buffers;
  array->buffers = data->buffers;
  array->release = release_array;
  array->private_data = data;
  return array;
}

static struct ArrowArray* utf8_column(int64_t rows, const char* prefix) {
  int32_t* offsets = malloc((size_t)(rows + 1) * sizeof *offsets);
  char* text = malloc((size_t)rows * 32 + 1);
  int32_t at = 0;
  offsets[0] = 0;
  for (int64_t i = 0; i < rows; ++i) {
    at += sprintf(text + at, "%s%lld", prefix, (long long)i);
    offsets[i + 1] = at;
  }
  return new_array(rows, 3, offsets, text);
}

static struct ArrowArray* int64_column(int64_t rows) {
  int64_t* values = malloc((size_t)(rows > 0 ? rows : 1) * sizeof *values);
  for (int64_t i = 0; i < rows; ++i) values[i] = i;
  return new_array(rows, 2, values, NULL);
}

/* ---- schemas ---------------------------------------------------------------- */

typedef struct {
  struct ArrowSchema* children[3];
  int64_t n_children;
} schema_data;

static void release_schema(struct ArrowSchema* schema) {
  schema_data* data = schema->private_data;
  for (int64_t i = 0; i < data->n_children; ++i) {
    if (data->children[i]->release != NULL) data->children[i]->release(data->children[i]);
    free(data->children[i]);
  }
  free(data);
  schema->release = NULL;
}

static struct ArrowSchema* new_schema(const char* format, const char* name) {
  struct ArrowSchema* schema = calloc(1, sizeof *schema);
  schema->format = format;
  schema->name = name;
  schema->flags = ARROW_FLAG_NULLABLE;
  schema->release = release_schema;
  schema->private_data = calloc(1, sizeof(schema_data));
  return schema;
}

/* ---- the batch -------------------------------------------------------------- */

enum { kMessageId, kIp, kN };

static void apply_defect(const char* defect, struct ArrowSchema* schema, struct ArrowArray* array) {
  struct ArrowArray* ip = array->children[kIp];
  struct ArrowArray* n = array->children[kN];
  if (strcmp(defect, "decreasing_offsets") == 0 && array->length >= 2) ((int32_t*)ip->buffers[1])[2] = 1;
  if (strcmp(defect, "offset_past_data") == 0) ip->buffers[2] = NULL;
  if (strcmp(defect, "negative_first_offset") == 0) ((int32_t*)ip->buffers[1])[0] = -1;
  if (strcmp(defect, "null_data_buffer") == 0) n->buffers[1] = NULL;
  if (strcmp(defect, "wrong_n_buffers") == 0) ip->n_buffers = 2;
  if (strcmp(defect, "negative_length") == 0) n->length = -1;
  if (strcmp(defect, "missing_validity") == 0) n->null_count = 1;
  if (strcmp(defect, "short_child") == 0) ip->length = array->length - 1;
  if (strcmp(defect, "unknown_format") == 0) schema->children[kIp]->format = "w:8";
}

static void make_batch(int64_t rows, const char* defect, struct ArrowSchema* schema,
                       struct ArrowArray* array) {
  struct ArrowArray* parent = new_array(rows, 1, NULL, NULL);
  array_data* data = parent->private_data;
  data->children[kMessageId] = utf8_column(rows, "m");
  data->children[kIp] = utf8_column(rows, "10.0.0.");
  data->children[kN] = int64_column(rows);
  data->n_children = 3;
  parent->n_children = 3;
  parent->children = data->children;
  *array = *parent;
  free(parent);

  struct ArrowSchema* root = new_schema("+s", "");
  schema_data* fields = root->private_data;
  fields->children[kMessageId] = new_schema("u", "message_id");
  fields->children[kIp] = new_schema("u", "ip");
  fields->children[kN] = new_schema("l", "n");
  fields->n_children = 3;
  root->n_children = 3;
  root->children = fields->children;
  *schema = *root;
  free(root);

  apply_defect(defect, schema, array);
}

/* ---- instances -------------------------------------------------------------- */

static sluice_status create(const sluice_host* host, const char* config, void** instance, sluice_error* err) {
  (void)host, (void)err;
  malformed_config* self = calloc(1, sizeof *self);
  char* defect = json_string(config, "defect");
  snprintf(self->defect, sizeof self->defect, "%s", defect != NULL ? defect : "none");
  free(defect);
  self->rows = json_number(config, "rows", 3);
  self->ack_path = json_string(config, "ack_path");
  *instance = self;
  return SLUICE_OK;
}

static void destroy(void* instance) {
  malformed_config* self = instance;
  free(self->ack_path);
  free(self);
}

static sluice_status source_next(void* instance, int32_t timeout_ms, struct ArrowSchema* schema,
                                 struct ArrowArray* batch, uint64_t* batch_id, sluice_error* err) {
  (void)timeout_ms, (void)err;
  malformed_config* self = instance;
  if (self->emitted) return SLUICE_END;
  self->emitted = 1;
  make_batch(self->rows, self->defect, schema, batch);
  *batch_id = 1;
  return SLUICE_OK;
}

static sluice_status source_ack(void* instance, uint64_t batch_id, const int8_t* outcomes, int64_t n_rows,
                                sluice_error* err) {
  (void)err;
  malformed_config* self = instance;
  if (self->ack_path == NULL) return SLUICE_OK;
  FILE* out = fopen(self->ack_path, "a");
  if (out == NULL) return SLUICE_OK;
  fprintf(out, "%llu ", (unsigned long long)batch_id);
  for (int64_t i = 0; i < n_rows; ++i) fprintf(out, "%d", outcomes[i]);
  fprintf(out, "\n");
  fclose(out);
  return SLUICE_OK;
}

static sluice_status transform_process(void* instance, const struct ArrowSchema* schema,
                                       struct ArrowArray* batch, struct ArrowSchema* out_schema,
                                       struct ArrowArray* out_batch, const sluice_rejector* rejector,
                                       sluice_error* err) {
  (void)schema, (void)rejector, (void)err;
  malformed_config* self = instance;
  const int64_t rows = batch->length;
  batch->release(batch);
  make_batch(rows, self->defect, out_schema, out_batch);
  return SLUICE_OK;
}

#define DEFECTS                                                                                     \
  "\"defect\":{\"type\":\"string\",\"default\":\"none\",\"enum\":[\"none\",\"decreasing_offsets\"," \
  "\"offset_past_data\",\"negative_first_offset\",\"null_data_buffer\",\"wrong_n_buffers\","        \
  "\"negative_length\",\"missing_validity\",\"short_child\",\"unknown_format\"]}"

static const sluice_source_ops kSourceOps = {sizeof(sluice_source_ops), source_next, source_ack, NULL};
static const sluice_transform_ops kTransformOps = {sizeof(sluice_transform_ops), transform_process,
                                                   transform_process};

static const sluice_plugin kSource = {sizeof(sluice_plugin),
                                      SLUICE_KIND_SOURCE,
                                      "malformed_source",
                                      "0.1.0",
                                      "A source whose one batch is malformed on purpose (tests only)",
                                      "{\"type\":\"object\",\"properties\":{" DEFECTS
                                      ","
                                      "\"rows\":{\"type\":\"integer\",\"minimum\":2,\"default\":3},"
                                      "\"ack_path\":{\"type\":\"string\"}},\"additionalProperties\":false}",
                                      create,
                                      destroy,
                                      &kSourceOps,
                                      NULL,
                                      NULL,
                                      NULL};

static const sluice_plugin kTransform = {
    sizeof(sluice_plugin),
    SLUICE_KIND_TRANSFORM,
    "malformed_transform",
    "0.1.0",
    "A transform whose output is malformed on purpose (tests only)",
    "{\"type\":\"object\",\"properties\":{" DEFECTS
    ","
    "\"fields\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"additionalProperties\":false}",
    create,
    destroy,
    NULL,
    &kTransformOps,
    NULL,
    NULL};

static const sluice_plugin* const kPlugins[] = {&kSource, &kTransform};

static const sluice_library kLibrary = {sizeof(sluice_library), SLUICE_ABI_MAJOR, SLUICE_ABI_MINOR, 2,
                                        kPlugins};

SLUICE_PLUGIN_ENTRY { return &kLibrary; }

#include "arrow_values.h"

#include <stdio.h>
#include <string.h>

int64_t arrow_child_index(const struct ArrowSchema* schema, const char* name) {
  for (int64_t i = 0; i < schema->n_children; ++i) {
    const char* child = schema->children[i]->name;
    if (child != NULL && strcmp(child, name) == 0) return i;
  }
  return -1;
}

int arrow_value_readable(const char* format) {
  return strcmp(format, "u") == 0 || strcmp(format, "l") == 0 || strcmp(format, "i") == 0 ||
         strcmp(format, "b") == 0;
}

static int bit_is_set(const void* bitmap, int64_t i) {
  return (((const uint8_t*)bitmap)[i / 8] >> (i % 8)) & 1;
}

void arrow_value_text(const char* format, const struct ArrowArray* column, int64_t parent_offset, int64_t row,
                      char scratch[ARROW_VALUE_SCRATCH], const char** text, size_t* len) {
  /* A struct's offset applies to its children on top of their own. */
  const int64_t i = parent_offset + column->offset + row;
  const void* validity = column->buffers[0];
  if (column->null_count != 0 && validity != NULL && !bit_is_set(validity, i)) {
    *text = NULL;
    *len = 0;
    return;
  }
  if (strcmp(format, "u") == 0) {
    const int32_t* offsets = column->buffers[1];
    *text = (const char*)column->buffers[2] + offsets[i];
    *len = (size_t)(offsets[i + 1] - offsets[i]);
    return;
  }
  int n;
  if (strcmp(format, "l") == 0) {
    n = snprintf(scratch, ARROW_VALUE_SCRATCH, "%lld", (long long)((const int64_t*)column->buffers[1])[i]);
  } else if (strcmp(format, "i") == 0) {
    n = snprintf(scratch, ARROW_VALUE_SCRATCH, "%ld", (long)((const int32_t*)column->buffers[1])[i]);
  } else {
    n = snprintf(scratch, ARROW_VALUE_SCRATCH, "%s", bit_is_set(column->buffers[1], i) ? "true" : "false");
  }
  *text = scratch;
  *len = (size_t)n;
}

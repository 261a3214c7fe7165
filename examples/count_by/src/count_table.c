#include "count_table.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  char* value; /* NULL: empty slot */
  size_t len;
  int64_t count;
} entry;

struct count_table {
  entry* slots;
  size_t capacity; /* a power of two */
  size_t used;
  int64_t nulls;
};

enum { INITIAL_CAPACITY = 64 };

/* FNV-1a, 64 bits. */
static uint64_t hash_bytes(const char* bytes, size_t len) {
  uint64_t hash = 14695981039346656037u;
  for (size_t i = 0; i < len; ++i) {
    hash ^= (unsigned char)bytes[i];
    hash *= 1099511628211u;
  }
  return hash;
}

/* The slot holding `value`, or the empty slot where it belongs. */
static entry* find_slot(entry* slots, size_t capacity, const char* value, size_t len) {
  size_t i = (size_t)hash_bytes(value, len) & (capacity - 1);
  while (slots[i].value != NULL && (slots[i].len != len || memcmp(slots[i].value, value, len) != 0)) {
    i = (i + 1) & (capacity - 1);
  }
  return &slots[i];
}

static int grow(count_table* table) {
  size_t capacity = table->capacity * 2;
  entry* slots = calloc(capacity, sizeof *slots);
  if (slots == NULL) return -1;
  for (size_t i = 0; i < table->capacity; ++i) {
    const entry* old = &table->slots[i];
    if (old->value != NULL) *find_slot(slots, capacity, old->value, old->len) = *old;
  }
  free(table->slots);
  table->slots = slots;
  table->capacity = capacity;
  return 0;
}

count_table* count_table_create(void) {
  count_table* table = calloc(1, sizeof *table);
  if (table == NULL) return NULL;
  table->capacity = INITIAL_CAPACITY;
  table->slots = calloc(table->capacity, sizeof *table->slots);
  if (table->slots == NULL) {
    free(table);
    return NULL;
  }
  return table;
}

void count_table_destroy(count_table* table) {
  if (table == NULL) return;
  for (size_t i = 0; i < table->capacity; ++i) free(table->slots[i].value);
  free(table->slots);
  free(table);
}

int count_table_add(count_table* table, const char* value, size_t len) {
  if (value == NULL) {
    ++table->nulls;
    return 0;
  }
  /* Keep the load under 3/4 so that probing stays short. */
  if ((table->used + 1) * 4 > table->capacity * 3 && grow(table) != 0) return -1;
  entry* slot = find_slot(table->slots, table->capacity, value, len);
  if (slot->value == NULL) {
    char* copy = malloc(len + 1); /* + 1: malloc(0) may return NULL */
    if (copy == NULL) return -1;
    memcpy(copy, value, len);
    slot->value = copy;
    slot->len = len;
    ++table->used;
  }
  ++slot->count;
  return 0;
}

size_t count_table_size(const count_table* table) { return table->used + (table->nulls > 0 ? 1 : 0); }

static int compare_entries(const void* a, const void* b) {
  const entry* x = *(const entry* const*)a;
  const entry* y = *(const entry* const*)b;
  size_t common = x->len < y->len ? x->len : y->len;
  int order = memcmp(x->value, y->value, common);
  if (order != 0) return order;
  return (x->len > y->len) - (x->len < y->len);
}

static void write_escaped(const char* value, size_t len, FILE* out) {
  for (size_t i = 0; i < len; ++i) {
    switch (value[i]) {
      case '\\': fputs("\\\\", out); break;
      case '\t': fputs("\\t", out); break;
      case '\n': fputs("\\n", out); break;
      case '\r': fputs("\\r", out); break;
      default: fputc(value[i], out);
    }
  }
}

int count_table_write_tsv(const count_table* table, FILE* out) {
  const entry** sorted = malloc((table->used + 1) * sizeof *sorted);
  if (sorted == NULL) return -1;
  size_t n = 0;
  for (size_t i = 0; i < table->capacity; ++i) {
    if (table->slots[i].value != NULL) sorted[n++] = &table->slots[i];
  }
  qsort(sorted, n, sizeof *sorted, compare_entries);
  for (size_t i = 0; i < n; ++i) {
    write_escaped(sorted[i]->value, sorted[i]->len, out);
    fprintf(out, "\t%lld\n", (long long)sorted[i]->count);
  }
  free(sorted);
  if (table->nulls > 0) fprintf(out, "\\N\t%lld\n", (long long)table->nulls);
  return ferror(out) ? -1 : 0;
}

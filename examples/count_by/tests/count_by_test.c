/* Unit tests of count_by's parts that need no host: the option reader and
 * the count table. Plain C99; each failed check prints itself and the test
 * exits 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "count_table.h"
#include "flat_json.h"

static int failures = 0;

#define CHECK(condition)                                                      \
  do {                                                                        \
    if (!(condition)) {                                                       \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                             \
    }                                                                         \
  } while (0)

/* The string flat_json_string finds for `key`, or NULL; *result gets its code. */
static char* option(const char* json, const char* key, int* result) {
  char* value = NULL;
  *result = flat_json_string(json, key, &value);
  return value;
}

static void test_reads_string_options_with_escapes(void) {
  int result;
  char* value =
      option("{\"path\":\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\",\"column\":\"x\"}", "path", &result);
  CHECK(result == FLAT_JSON_FOUND);
  CHECK(value != NULL && strcmp(value, "a\"b\\c\n\xc3\xa9\xf0\x9f\x98\x80") == 0);
  free(value);
  value = option("{ \"batch\": 10, \"on\": true, \"column\" : \"device_type\" }", "column", &result);
  CHECK(result == FLAT_JSON_FOUND && strcmp(value, "device_type") == 0);
  free(value);
}

static void test_absent_and_null_options_are_absent(void) {
  int result;
  CHECK(option("{\"column\":\"x\"}", "path", &result) == NULL && result == FLAT_JSON_ABSENT);
  CHECK(option("{\"path\":null}", "path", &result) == NULL && result == FLAT_JSON_ABSENT);
  CHECK(option("{}", "path", &result) == NULL && result == FLAT_JSON_ABSENT);
}

static void test_malformed_text_is_invalid(void) {
  const char* bad[] = {"",
                       "[]",
                       "{\"path\":\"unterminated}",
                       "{\"path\":\"x\" \"column\":\"y\"}",
                       "{\"path\":{\"nested\":1}}",
                       "{\"path\":\"bad \\q escape\"}",
                       "{\"path\":\"\\ud83d\"}",
                       "{\"path\":\"x\""};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    int result;
    char* value = option(bad[i], "path", &result);
    CHECK(value == NULL);
    CHECK(result == FLAT_JSON_INVALID);
  }
  int result;
  CHECK(option("{\"path\":42}", "path", &result) == NULL && result == FLAT_JSON_INVALID);
}

/* The table's TSV output, in a buffer the caller frees. */
static char* tsv_of(const count_table* table) {
  FILE* out = tmpfile();
  if (out == NULL) return NULL;
  count_table_write_tsv(table, out);
  long size = ftell(out);
  rewind(out);
  char* text = calloc((size_t)size + 1, 1);
  if (text != NULL && fread(text, 1, (size_t)size, out) != (size_t)size) text[0] = '\0';
  fclose(out);
  return text;
}

static void test_counts_sorted_with_null_last_and_escapes(void) {
  count_table* table = count_table_create();
  const char* values[] = {"web", "ios", "web", "tab\there", "ios", "web"};
  for (size_t i = 0; i < sizeof values / sizeof values[0]; ++i) {
    CHECK(count_table_add(table, values[i], strlen(values[i])) == 0);
  }
  CHECK(count_table_add(table, NULL, 0) == 0);
  CHECK(count_table_add(table, "", 0) == 0);
  CHECK(count_table_size(table) == 5);
  char* tsv = tsv_of(table);
  CHECK(tsv != NULL && strcmp(tsv, "\t1\nios\t2\ntab\\there\t1\nweb\t3\n\\N\t1\n") == 0);
  free(tsv);
  count_table_destroy(table);
}

static void test_many_distinct_values_survive_growth(void) {
  count_table* table = count_table_create();
  char value[16];
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 5000; ++i) {
      int len = sprintf(value, "v%d", i);
      CHECK(count_table_add(table, value, (size_t)len) == 0);
    }
  }
  CHECK(count_table_size(table) == 5000);
  char* tsv = tsv_of(table);
  CHECK(tsv != NULL && strncmp(tsv, "v0\t2\nv1\t2\nv10\t2\n", 16) == 0);
  free(tsv);
  count_table_destroy(table);
}

int main(void) {
  test_reads_string_options_with_escapes();
  test_absent_and_null_options_are_absent();
  test_malformed_text_is_invalid();
  test_counts_sorted_with_null_last_and_escapes();
  test_many_distinct_values_survive_growth();
  if (failures == 0) printf("count_by_test: all passed\n");
  return failures == 0 ? 0 : 1;
}

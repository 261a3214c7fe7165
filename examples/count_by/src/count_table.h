/* How many times each value was seen: a hash table from byte strings (and
 * null) to counts, printed as sorted tab-separated lines. */
#ifndef COUNT_BY_COUNT_TABLE_H
#define COUNT_BY_COUNT_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct count_table count_table;

/* NULL when out of memory. */
count_table* count_table_create(void);
void count_table_destroy(count_table* table);

/* Counts one more `value` (`len` bytes, not NUL-terminated; NULL for a null
 * value). Returns 0, or -1 when out of memory (nothing counted). */
int count_table_add(count_table* table, const char* value, size_t len);

/* Number of distinct values seen, null included. */
size_t count_table_size(const count_table* table);

/* Writes one line "value<TAB>count" per distinct value, sorted by the
 * value's bytes, null last, written \N. Backslash, tab, newline and carriage
 * return in values are written \\, \t, \n and \r (PostgreSQL's text format),
 * so every value stays on one line. Returns 0, or -1 on a write error or
 * when out of memory. */
int count_table_write_tsv(const count_table* table, FILE* out);

#endif

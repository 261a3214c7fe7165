/* Reading single values out of Arrow C Data Interface columns, as text. */
#ifndef COUNT_BY_ARROW_VALUES_H
#define COUNT_BY_ARROW_VALUES_H

#include <stddef.h>
#include <stdint.h>

#include <sluice/plugin.h>

/* Room for the text of any value that is not a string. */
#define ARROW_VALUE_SCRATCH 32

/* The index of the child of struct `schema` named `name`, or -1. */
int64_t arrow_child_index(const struct ArrowSchema* schema, const char* name);

/* 1 when arrow_value_text can read columns of Arrow format `format`:
 * utf8 "u", int64 "l", int32 "i" and boolean "b". */
int arrow_value_readable(const char* format);

/* The value of row `row` of `column` (a child of a struct array whose own
 * offset is `parent_offset`) as text: `*text` points into the column (utf8)
 * or into `scratch`, and `*len` is its length in bytes. Sets `*text` to NULL
 * for a null value. `format` must be readable. */
void arrow_value_text(const char* format, const struct ArrowArray* column, int64_t parent_offset, int64_t row,
                      char scratch[ARROW_VALUE_SCRATCH], const char** text, size_t* len);

#endif

/* Reading the options of a flat JSON object, such as the configuration the
 * host passes to `create` for a schema whose properties are all scalars. */
#ifndef COUNT_BY_FLAT_JSON_H
#define COUNT_BY_FLAT_JSON_H

#define FLAT_JSON_FOUND 1
#define FLAT_JSON_ABSENT 0
#define FLAT_JSON_INVALID (-1)

/* Finds the string value of `key` (the last, if repeated) in `json`, an
 * object whose values are strings, numbers, booleans or null. Returns
 * FLAT_JSON_FOUND with a malloc()ed, unescaped, NUL-terminated copy in
 * `*out` (the caller frees it), FLAT_JSON_ABSENT when the key is missing or
 * null, or FLAT_JSON_INVALID when the text is not such an object, the value
 * is not a string, or memory runs out. */
int flat_json_string(const char* json, const char* key, char** out);

#endif

/* Reading the host's configuration in the C test plugins, which declare only
 * flat string options: `"key":"text"` from the compact JSON the host passes
 * to create. No escapes; enough for the values these tests write. */
#ifndef SLUICE_TESTS_PLUGINS_FLAT_JSON_H
#define SLUICE_TESTS_PLUGINS_FLAT_JSON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text of option `key`, malloc'd (free it), or NULL when absent. */
static inline char* json_string(const char* json, const char* key) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  const char* at = strstr(json, pattern);
  if (at == NULL) return NULL;
  at += strlen(pattern);
  const char* end = strchr(at, '"');
  if (end == NULL) return NULL;
  char* out = malloc((size_t)(end - at) + 1);
  memcpy(out, at, (size_t)(end - at));
  out[end - at] = '\0';
  return out;
}

#endif /* SLUICE_TESTS_PLUGINS_FLAT_JSON_H */

/* A library whose constructor has a side effect anyone can see: it creates
 * $SLUICE_TEST_MARKER_DIR/MARKER_NAME.loaded. The host must not load it
 * (dlopen runs constructors) unless a pipeline needs what it declares, or
 * for `sluice plugins`. Built twice: declaring the plugin name `marker`
 * (SLUICE_DECLARE_PLUGIN_NAME), and declaring nothing. Not a working plugin:
 * it has no entry function. */
#include <sluice/plugin.h>

#include <stdio.h>
#include <stdlib.h>

#ifdef DECLARES_NAME
SLUICE_DECLARE_PLUGIN_NAME(marker)
#endif

__attribute__((constructor)) static void leave_a_mark(void) {
  const char* dir = getenv("SLUICE_TEST_MARKER_DIR");
  if (dir == NULL) return;
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.loaded", dir, MARKER_NAME);
  FILE* f = fopen(path, "w");
  if (f != NULL) fclose(f);
}

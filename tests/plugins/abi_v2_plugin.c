/* A library built for a future plugin ABI 2: it exports only
 * sluice_plugin_entry_v2, so this host must refuse it and name both
 * versions. */
#include <sluice/plugin.h>

SLUICE_EXPORT const void* sluice_plugin_entry_v2(void);
SLUICE_EXPORT const void* sluice_plugin_entry_v2(void) { return 0; }

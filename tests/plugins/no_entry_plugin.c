/* A shared object that is not a Sluice plugin at all. */
#include <sluice/plugin.h>

SLUICE_EXPORT int not_a_plugin(void);
SLUICE_EXPORT int not_a_plugin(void) { return 42; }

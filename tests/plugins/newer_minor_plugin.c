/* A library that claims a newer minor than this host knows: the host
 * cannot know what the appended fields mean and must refuse it. */
#include <sluice/plugin.h>

static const sluice_library kLibrary = {sizeof(sluice_library), SLUICE_ABI_MAJOR, SLUICE_ABI_MINOR + 7, 0, 0};

SLUICE_PLUGIN_ENTRY { return &kLibrary; }

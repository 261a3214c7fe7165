// The library's one exported symbol, sluice_plugin_entry_v1, offering redact.
#include "redact.h"

SLUICE_LIBRARY(Redact)

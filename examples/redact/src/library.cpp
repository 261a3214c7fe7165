// The library's one exported symbol, sluice_plugin_entry_v1, offering redact.
#include "redact.hpp"

SLUICE_LIBRARY(Redact)

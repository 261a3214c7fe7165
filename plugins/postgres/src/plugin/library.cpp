// The shared object's one exported symbol: the library offering `postgres`.
#include <sluice/plugin.hpp>

#include "postgres_sink_plugin.h"

SLUICE_LIBRARY(sluice::postgres::PostgresSinkPlugin)

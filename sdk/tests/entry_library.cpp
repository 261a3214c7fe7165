// A translation unit that defines a library entry the way a plugin does,
// with no prior extern "C" declaration in sight.
#include <sluice/plugin.hpp>

namespace {

class Noop final : public sluice::Transform {
 public:
  static constexpr sluice::PluginInfo info{.name = "noop",
                                           .version = "1.0.0",
                                           .description = "passes batches",
                                           .config_schema = R"({"type": "object"})"};
  sluice::OwnedBatch process(sluice::OwnedBatch in, sluice::Rejector&) override { return in; }
};

}  // namespace

SLUICE_LIBRARY(Noop)

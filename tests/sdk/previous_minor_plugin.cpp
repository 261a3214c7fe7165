// A plugin as a library built against an older minor of ABI 1 presents
// itself: it declares that minor and gives struct sizes that stop before the
// fields its header did not have yet (sluice_plugin.check and
// sluice_transform_ops.invert). The memory past each struct_size holds a trap
// that aborts loudly, so a host that reads a field without checking
// struct_size first fails the test instead of calling garbage.
//
// The transform itself upper-cases the ASCII letters of `body`, so that the
// test can see it ran.
#include <sluice/plugin.hpp>

#include <cctype>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

// The oldest minor of major 1. Once the host's minor is higher, this is a
// genuinely older plugin; until then the short struct sizes simulate one.
constexpr uint32_t kPreviousMinor = 0;

class UpperBody final : public sluice::Transform {
 public:
  static constexpr sluice::PluginInfo info{
      .name = "previous_minor",
      .version = "1.0.0",
      .description = "Upper-cases `body`; laid out as a plugin of an older ABI minor (tests only)",
      .config_schema = R"({"type": "object", "properties": {}, "additionalProperties": false})"};

  sluice::OwnedBatch process(sluice::OwnedBatch in, sluice::Rejector&) override {
    const sluice::ColumnView body = in.column("body").view();
    sluice::Utf8Builder out;
    for (int64_t row = 0; row < body.length(); ++row) {
      if (body.is_null(row)) {
        out.append_null();
        continue;
      }
      std::string text(body.string(row));
      for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.append(text);
    }
    in.set_column(out.finish("body"));
    return in;
  }
};

[[noreturn]] void HostReadBeyondStructSize(const char* field) {
  std::fprintf(stderr, "previous_minor: the host used %s, beyond the struct_size this plugin declared\n", field);
  std::abort();
}

sluice_status TrapCheck(void*, sluice_error*) { HostReadBeyondStructSize("sluice_plugin.check"); }

sluice_status TrapInvert(void*, const ArrowSchema*, ArrowArray*, ArrowSchema*, ArrowArray*,
                         const sluice_rejector*, sluice_error*) {
  HostReadBeyondStructSize("sluice_transform_ops.invert");
}

sluice_transform_ops OpsWithoutInvert() {
  sluice_transform_ops ops = *sluice::descriptor<UpperBody>.transform;
  ops.struct_size = offsetof(sluice_transform_ops, invert);
  ops.invert = &TrapInvert;
  return ops;
}
const sluice_transform_ops kOps = OpsWithoutInvert();

sluice_plugin DescriptorWithoutCheck() {
  sluice_plugin plugin = sluice::descriptor<UpperBody>;
  plugin.struct_size = offsetof(sluice_plugin, check);
  plugin.transform = &kOps;
  plugin.check = &TrapCheck;
  return plugin;
}
const sluice_plugin kPlugin = DescriptorWithoutCheck();

const sluice_plugin* const kPlugins[] = {&kPlugin};
const sluice_library kLibrary = {sizeof(sluice_library), SLUICE_ABI_MAJOR, kPreviousMinor, 1, kPlugins};

}  // namespace

extern "C" SLUICE_PLUGIN_ENTRY { return &kLibrary; }

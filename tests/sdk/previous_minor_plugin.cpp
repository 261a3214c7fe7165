// A plugin as a library built against an older minor of ABI 1 presents
// itself: it declares that minor and gives struct sizes that stop before the
// fields its header did not have yet (sluice_plugin.check,
// sluice_transform_ops.invert and, since minor 1, sluice_source_ops.backlog;
// since minor 2, sluice_sink_ops.interrupt). The memory past each struct_size holds a trap
// that aborts loudly, so a host that reads a field without checking
// struct_size first fails the test instead of calling garbage.
//
// The transform itself upper-cases the ASCII letters of `body`, so that the
// test can see it ran. The source, previous_minor_source, gives three rows
// and then nothing for two seconds before it ends, so that a host showing
// its progress line asks for a backlog at least once meanwhile. The sink,
// previous_minor_sink, counts what it is given and commits it at once, so
// that a stopping host has a sink without `interrupt` to stop.
#include <sluice/plugin.hpp>

#include <cctype>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

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

class ThreeRowsThenQuiet final : public sluice::Source {
 public:
  static constexpr sluice::PluginInfo info{
      .name = "previous_minor_source",
      .version = "1.0.0",
      .description = "Three rows, then two quiet seconds; laid out as a source of ABI minor 0 (tests only)",
      .config_schema = R"({"type": "object", "properties": {}, "additionalProperties": false})"};

  explicit ThreeRowsThenQuiet(const sluice::Host&, const sluice::Config&) {}

  sluice::Next next(std::chrono::milliseconds timeout) override {
    if (!sent_) {
      sent_ = true;
      quiet_until_ = std::chrono::steady_clock::now() + std::chrono::seconds(2);
      sluice::Utf8Builder body;
      sluice::Utf8Builder message_id;
      for (const char* text : {"one", "two", "three"}) {
        body.append(text);
        message_id.append(text);
      }
      return sluice::Next::ready(
          sluice::BatchBuilder(3).add("body", body).add("message_id", message_id).finish(), 1);
    }
    if (std::chrono::steady_clock::now() >= quiet_until_) return sluice::Next::end();
    std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(timeout, std::chrono::milliseconds(100)));
    return sluice::Next::empty();
  }
  void ack(uint64_t, std::span<const int8_t>) override {}

 private:
  bool sent_ = false;
  std::chrono::steady_clock::time_point quiet_until_;
};

class CommitAtOnce final : public sluice::Sink {
 public:
  static constexpr sluice::PluginInfo info{
      .name = "previous_minor_sink",
      .version = "1.0.0",
      .description = "Commits every write at once; laid out as a sink of ABI minor 0 (tests only)",
      .config_schema = R"({"type": "object", "properties": {}, "additionalProperties": false})"};

  explicit CommitAtOnce(const sluice::Host&, const sluice::Config&) {}

  void write(sluice::OwnedBatch, uint64_t write_id, sluice::Reporter& reporter) override {
    reporter.committed(write_id);
  }
};

[[noreturn]] void host_read_beyond_struct_size(const char* field) {
  std::fprintf(stderr, "previous_minor: the host used %s, beyond the struct_size this plugin declared\n",
               field);
  std::abort();
}

sluice_status trap_check(void*, sluice_error*) { host_read_beyond_struct_size("sluice_plugin.check"); }

sluice_status trap_invert(void*, const ArrowSchema*, ArrowArray*, ArrowSchema*, ArrowArray*,
                          const sluice_rejector*, sluice_error*) {
  host_read_beyond_struct_size("sluice_transform_ops.invert");
}

sluice_transform_ops ops_without_invert() {
  sluice_transform_ops ops = *sluice::descriptor<UpperBody>.transform;
  ops.struct_size = offsetof(sluice_transform_ops, invert);
  ops.invert = &trap_invert;
  return ops;
}
const sluice_transform_ops kOps = ops_without_invert();

sluice_status trap_backlog(void*, int64_t*, sluice_error*) {
  host_read_beyond_struct_size("sluice_source_ops.backlog");
}

sluice_source_ops source_ops_without_backlog() {
  sluice_source_ops ops = *sluice::descriptor<ThreeRowsThenQuiet>.source;
  ops.struct_size = offsetof(sluice_source_ops, backlog);
  ops.backlog = &trap_backlog;
  return ops;
}
const sluice_source_ops kSourceOps = source_ops_without_backlog();

sluice_plugin source_descriptor_of_minor_zero() {
  sluice_plugin plugin = sluice::descriptor<ThreeRowsThenQuiet>;
  plugin.struct_size = offsetof(sluice_plugin, check);
  plugin.source = &kSourceOps;
  plugin.check = &trap_check;
  return plugin;
}
const sluice_plugin kSourcePlugin = source_descriptor_of_minor_zero();

void trap_interrupt(void*) { host_read_beyond_struct_size("sluice_sink_ops.interrupt"); }

sluice_sink_ops sink_ops_without_interrupt() {
  sluice_sink_ops ops = *sluice::descriptor<CommitAtOnce>.sink;
  ops.struct_size = offsetof(sluice_sink_ops, interrupt);
  ops.interrupt = &trap_interrupt;
  return ops;
}
const sluice_sink_ops kSinkOps = sink_ops_without_interrupt();

sluice_plugin sink_descriptor_of_minor_zero() {
  sluice_plugin plugin = sluice::descriptor<CommitAtOnce>;
  plugin.struct_size = offsetof(sluice_plugin, check);
  plugin.sink = &kSinkOps;
  plugin.check = &trap_check;
  return plugin;
}
const sluice_plugin kSinkPlugin = sink_descriptor_of_minor_zero();

sluice_plugin descriptor_without_check() {
  sluice_plugin plugin = sluice::descriptor<UpperBody>;
  plugin.struct_size = offsetof(sluice_plugin, check);
  plugin.transform = &kOps;
  plugin.check = &trap_check;
  return plugin;
}
const sluice_plugin kPlugin = descriptor_without_check();

const sluice_plugin* const kPlugins[] = {&kPlugin, &kSourcePlugin, &kSinkPlugin};
const sluice_library kLibrary = {sizeof(sluice_library), SLUICE_ABI_MAJOR, kPreviousMinor, 3, kPlugins};

}  // namespace

extern "C" SLUICE_PLUGIN_ENTRY { return &kLibrary; }

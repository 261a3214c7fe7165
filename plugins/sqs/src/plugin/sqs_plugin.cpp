// The library's entry: the `sqs` source, with the optional `check` that
// `sluice validate --connect` runs (the C++ layer leaves it unset).
#include <sluice/plugin.hpp>

#include "sqs_source.h"

namespace {

sluice_status check_queue(void* instance, sluice_error* err) noexcept {
  return sluice::guard(err, [&] { static_cast<const sluice::sqs::SqsSource*>(instance)->check(); });
}

constexpr sluice_plugin with_check(sluice_plugin descriptor) {
  descriptor.check = &check_queue;
  return descriptor;
}

constexpr sluice_plugin kSqsSource = with_check(sluice::descriptor<sluice::sqs::SqsSource>);
constexpr const sluice_plugin* kPlugins[] = {&kSqsSource};
constexpr sluice_library kLibrary = {sizeof(sluice_library), SLUICE_ABI_MAJOR, SLUICE_ABI_MINOR, 1, kPlugins};

}  // namespace

extern "C" SLUICE_PLUGIN_ENTRY { return &kLibrary; }

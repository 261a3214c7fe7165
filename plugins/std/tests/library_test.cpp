// Loads the built sluice_std shared object the way the host does and checks
// what it declares.
#include <sluice/plugin.h>

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace {

TEST(StdLibrary, DeclaresItsFourPluginsWithValidSchemas) {
  void* handle = ::dlopen(SLUICE_STD_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(handle, nullptr) << ::dlerror();
  auto entry = reinterpret_cast<sluice_plugin_entry_fn>(::dlsym(handle, SLUICE_ENTRY_NAME));
  ASSERT_NE(entry, nullptr);
  const sluice_library* lib = entry();
  EXPECT_EQ(lib->abi_major, static_cast<uint32_t>(SLUICE_ABI_MAJOR));
  std::set<std::string> plugins;
  for (uint32_t i = 0; i < lib->n_plugins; ++i) {
    const sluice_plugin* p = lib->plugins[i];
    plugins.insert(std::string(p->name) + "/" + std::to_string(p->kind));
    const auto schema = nlohmann::json::parse(p->config_schema);
    EXPECT_EQ(schema["type"], "object") << p->name;
    EXPECT_EQ(schema["additionalProperties"], false) << p->name;
  }
  EXPECT_EQ(plugins, (std::set<std::string>{"file/1", "file/3", "json/2", "fields/2"}));
  // Libraries stay loaded for the process: the host never unloads either.
}

}  // namespace

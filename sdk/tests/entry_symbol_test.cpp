// SLUICE_LIBRARY must define the entry function with C linkage: the host
// looks it up by its plain name. Declaring it extern "C" here links only if
// entry_library.cpp defined exactly that symbol.
#include <sluice/plugin.h>

#include <gtest/gtest.h>

extern "C" const sluice_library* sluice_plugin_entry_v1(void);

namespace {

TEST(EntrySymbol, HasCLinkageAndListsThePlugin) {
  const sluice_library* lib = sluice_plugin_entry_v1();
  ASSERT_NE(lib, nullptr);
  ASSERT_EQ(lib->n_plugins, 1u);
  EXPECT_STREQ(lib->plugins[0]->name, "noop");
  EXPECT_EQ(lib->plugins[0]->transform->invert, nullptr);
}

}  // namespace

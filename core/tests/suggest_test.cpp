#include "suggest.h"

#include <gtest/gtest.h>

namespace sluice::core {
namespace {

TEST(EditDistance, CountsEdits) {
  EXPECT_EQ(edit_distance("fields", "fields"), 0u);
  EXPECT_EQ(edit_distance("feilds", "fields"), 2u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(NearestName, SuggestsPlausibleTypos) {
  std::vector<std::string> keys{"fields", "key_env", "key_file", "encoding"};
  EXPECT_EQ(nearest_name("feilds", keys), "fields");
  EXPECT_EQ(nearest_name("key_evn", keys), "key_env");
  EXPECT_EQ(nearest_name("completely_else", keys), "");
  EXPECT_EQ(nearest_name("fields", keys), "");  // exact: nothing to suggest
}

}  // namespace
}  // namespace sluice::core

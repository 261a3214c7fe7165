#include "suggest.h"

#include <gtest/gtest.h>

namespace sluice::core {
namespace {

TEST(EditDistance, CountsEdits) {
  EXPECT_EQ(EditDistance("fields", "fields"), 0u);
  EXPECT_EQ(EditDistance("feilds", "fields"), 2u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
}

TEST(NearestName, SuggestsPlausibleTypos) {
  std::vector<std::string> keys{"fields", "key_env", "key_file", "encoding"};
  EXPECT_EQ(NearestName("feilds", keys), "fields");
  EXPECT_EQ(NearestName("key_evn", keys), "key_env");
  EXPECT_EQ(NearestName("completely_else", keys), "");
  EXPECT_EQ(NearestName("fields", keys), "");  // exact: nothing to suggest
}

}  // namespace
}  // namespace sluice::core

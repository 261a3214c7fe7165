#include "receipt_handle.h"

#include <gtest/gtest.h>

namespace sqs_server {
namespace {

TEST(ReceiptHandle, RoundTrips) {
  ReceiptHandle handle{0xabcdef, 123456789, 7};
  auto parsed = parse_receipt_handle(format_receipt_handle(handle));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->queue_tag, handle.queue_tag);
  EXPECT_EQ(parsed->sequence, handle.sequence);
  EXPECT_EQ(parsed->receive, handle.receive);
}

TEST(ReceiptHandle, RefusesWhatItDidNotMake) {
  for (const char* text :
       {"", "abc", "1.2", "1.2.", ".1.2", "1.2.3.4", "x.2.3", "1.2.zz", "1..3", "ffffffffffffffffff.1.1"}) {
    EXPECT_FALSE(parse_receipt_handle(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace sqs_server

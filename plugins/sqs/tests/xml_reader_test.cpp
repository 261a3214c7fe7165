#include "xml_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::sqs {
namespace {

TEST(XmlReader, ReadsNestedElementsIgnoringDeclarationNamespacesAndAttributes) {
  auto root = parse_xml(
      "<?xml version=\"1.0\"?>\n"
      "<ReceiveMessageResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">"
      "<ReceiveMessageResult><Message><MessageId>m-1</MessageId><Body>hi</Body></Message>"
      "<Message><MessageId>m-2</MessageId></Message></ReceiveMessageResult>"
      "</ReceiveMessageResponse>\n");
  ASSERT_TRUE(root.ok()) << root.status().message();
  EXPECT_EQ(root->name, "ReceiveMessageResponse");
  auto messages = root->child("ReceiveMessageResult")->children_named("Message");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0]->child_text("MessageId"), "m-1");
  EXPECT_EQ(messages[0]->child_text("Body"), "hi");
  EXPECT_EQ(messages[1]->child_text("Body"), "");
}

TEST(XmlReader, DecodesPredefinedAndNumericEntities) {
  auto root = parse_xml("<B>&lt;a&gt; &amp; &quot;q&quot; &apos;s&apos; &#13;&#xA;&#x1F600;&#233;</B>");
  ASSERT_TRUE(root.ok()) << root.status().message();
  EXPECT_EQ(root->text, "<a> & \"q\" 's' \r\n\xF0\x9F\x98\x80\xC3\xA9");
}

TEST(XmlReader, KeepsCdataVerbatimAndSkipsComments) {
  auto root = parse_xml("<B><!-- note --><![CDATA[a < b && c]]></B>");
  ASSERT_TRUE(root.ok()) << root.status().message();
  EXPECT_EQ(root->text, "a < b && c");
}

TEST(XmlReader, StripsNamespacePrefixes) {
  auto root = parse_xml("<s:Envelope xmlns:s='x'><s:Body/></s:Envelope>");
  ASSERT_TRUE(root.ok()) << root.status().message();
  EXPECT_EQ(root->name, "Envelope");
  EXPECT_NE(root->child("Body"), nullptr);
}

TEST(XmlReader, AcceptsAByteOrderMark) { EXPECT_TRUE(parse_xml("\xEF\xBB\xBF<a/>").ok()); }

class MalformedXml : public testing::TestWithParam<std::string> {};

TEST_P(MalformedXml, IsRefusedWithAMalformedError) {
  auto root = parse_xml(GetParam());
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(error_kind(root.status()), ErrorKind::kMalformed);
  EXPECT_NE(root.status().message().find("malformed XML at byte"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Documents, MalformedXml,
                         testing::Values("", "   ", "text", "<", "<a", "<a>", "<a></b>", "<a><b></a></b>",
                                         "<a>x</a><b/>", "<a>x</a>junk", "<a b></a>", "<a b=c></a>",
                                         "<a b=\"c></a>", "<a b='<'/>", "<a>&unknown;</a>", "<a>& </a>",
                                         "<a>&#;</a>", "<a>&#x;</a>", "<a>&#xZZ;</a>", "<a>&#0;</a>",
                                         "<a>&#xD800;</a>", "<a>&#x110000;</a>", "<a>&#99999999999;</a>",
                                         "<a>&lt</a>", "<a><!-- never closed</a>", "<a><![CDATA[open</a>",
                                         "<?xml version='1.0'", "<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>",
                                         "<a><!ENTITY x 'y'></a>", "<a>\xC3</a>", "<a>\xED\xA0\x80</a>",
                                         "<a>\xC0\xAF</a>", "<a x='1'y='2'/>", "</a>", "<a></a >x", "<>",
                                         "<a></>"));

TEST(XmlReader, RefusesNestingDeeperThanTheLimit) {
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "<a>";
  for (int i = 0; i < 40; ++i) deep += "</a>";
  auto root = parse_xml(deep, XmlLimits{.max_depth = 32, .max_elements = 1000});
  ASSERT_FALSE(root.ok());
  EXPECT_NE(root.status().message().find("nested too deeply"), std::string::npos);
}

TEST(XmlReader, RefusesMoreElementsThanTheLimit) {
  std::string wide = "<r>";
  for (int i = 0; i < 20; ++i) wide += "<a/>";
  wide += "</r>";
  auto root = parse_xml(wide, XmlLimits{.max_depth = 8, .max_elements = 10});
  ASSERT_FALSE(root.ok());
  EXPECT_NE(root.status().message().find("too many elements"), std::string::npos);
}

TEST(XmlReader, SurvivesEveryTruncationOfAValidDocument) {
  const std::string document =
      "<?xml version=\"1.0\"?><R a=\"1\"><M><B>&lt;x&#x41;</B><![CDATA[c]]><!--k--></M></R>";
  for (std::size_t length = 0; length < document.size(); ++length) {
    EXPECT_FALSE(parse_xml(document.substr(0, length)).ok()) << "prefix of length " << length;
  }
  EXPECT_TRUE(parse_xml(document).ok());
}

}  // namespace
}  // namespace sluice::sqs

#include "url.h"

#include <gtest/gtest.h>

#include "uri_encoding.h"

namespace sluice::sqs {
namespace {

TEST(Url, ParsesSchemeHostPortPathAndQuery) {
  auto url = parse_url("HTTP://LocalHost:4566/000000000000/q?x=1");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->host, "localhost");
  EXPECT_EQ(url->port, 4566);
  EXPECT_EQ(url->path, "/000000000000/q");
  EXPECT_EQ(url->query, "x=1");
  EXPECT_EQ(url->authority(), "localhost:4566");
}

TEST(Url, OmitsTheSchemesDefaultPortFromTheAuthority) {
  EXPECT_EQ(parse_url("https://sqs.us-east-1.amazonaws.com:443/1/q")->authority(),
            "sqs.us-east-1.amazonaws.com");
  EXPECT_EQ(parse_url("http://h:80")->origin(), "http://h");
  EXPECT_EQ(parse_url("http://h")->path, "/");
}

TEST(Url, KeepsIpv6Brackets) {
  auto url = parse_url("http://[::1]:9324/q");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->host, "[::1]");
  EXPECT_EQ(url->authority(), "[::1]:9324");
}

TEST(Url, RefusesWhatItCannotUse) {
  for (const char* text :
       {"", "localhost:4566", "ftp://h/", "http://", "http://:80/", "http://h:0/", "http://h:99999/",
        "http://h:x/", "http://user@h/", "http://h/#frag", "http://[::1/", "http://[::1]x/"}) {
    auto url = parse_url(text);
    ASSERT_FALSE(url.ok()) << text;
    EXPECT_EQ(error_kind(url.status()), ErrorKind::kConfig);
  }
}

TEST(Url, RefusesUserInfoWithoutEchoingThePassword) {
  for (const char* text : {"http://loader:S3cretPw@localhost:4566/000000000000/q",
                           "https://AKID:S3cretPw/with/slashes@sqs.eu-west-1.amazonaws.com/1/q",
                           "http://a:S3cretPw@b@localhost/q"}) {
    auto url = parse_url(text);
    ASSERT_FALSE(url.ok()) << text;
    EXPECT_EQ(error_kind(url.status()), ErrorKind::kConfig);
    EXPECT_NE(url.status().message().find("user info"), std::string::npos) << url.status().message();
    EXPECT_EQ(url.status().message().find("S3cretPw"), std::string::npos) << url.status().message();
  }
}

TEST(Url, RedactionStripsUserInfoFromEveryUrlInAMessage) {
  EXPECT_EQ(without_user_info("Could not resolve host: http://u:p@h/x and https://k:s@i/"),
            "Could not resolve host: http://h/x and https://i/");
  EXPECT_EQ(without_user_info("'http://u:p/q@h/x': bad"), "'http://h/x': bad");
  // Conservative: any '@' in a URL may end its user info.
  EXPECT_EQ(without_user_info("http://h/path?q=a@b"), "http://b");
  EXPECT_EQ(without_user_info("no url here: a@b"), "no url here: a@b");
}

TEST(UriEncoding, KeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(uri_encode("a-Z_0.~ /+=é"), "a-Z_0.~%20%2F%2B%3D%C3%A9");
  EXPECT_EQ(uri_encode("/a b/", SlashEncoding::kKeep), "/a%20b/");
}

TEST(UriEncoding, DecodesAndLeavesMalformedSequencesAlone) {
  EXPECT_EQ(percent_decode("a%20b%2fc%zz%4"), "a b/c%zz%4");
}

TEST(UriEncoding, FormEncodesFieldsInOrder) {
  EXPECT_EQ(form_encode({{"b", "1 2"}, {"a", "&"}}), "b=1%202&a=%26");
}

}  // namespace
}  // namespace sluice::sqs

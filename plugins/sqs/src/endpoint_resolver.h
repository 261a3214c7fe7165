// Where SQS requests go and which region signs them (SPEC §4).
//
// Endpoint, first match wins: the `endpoint` option, AWS_ENDPOINT_URL_SQS,
// AWS_ENDPOINT_URL, else the scheme, host and port of the queue URL.
//
// Region, first match wins: the `region` option; the region named by an
// amazonaws.com queue URL or endpoint (sqs.eu-west-1.amazonaws.com): a URL
// that names its region is right even when the environment says otherwise;
// AWS_REGION; AWS_DEFAULT_REGION; else, for an endpoint that is not AWS
// (an emulator), us-east-1.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "environment.h"
#include "error_kind.h"
#include "url.h"

namespace sluice::sqs {

struct EndpointOptions {
  std::string queue_url{};
  std::string endpoint{};
  std::string region{};
};

struct ResolvedEndpoint {
  Url queue_url;
  Url endpoint;  // requests are POSTed to endpoint.path
  std::string region;
};

Result<ResolvedEndpoint> resolve_endpoint(const EndpointOptions& options, const Environment& environment);

// The region an AWS host names: sqs.us-east-2.amazonaws.com -> us-east-2,
// eu-west-1.queue.amazonaws.com -> eu-west-1, the legacy
// queue.amazonaws.com -> us-east-1; nullopt for hosts outside AWS.
std::optional<std::string> region_of_aws_host(std::string_view host);

}  // namespace sluice::sqs

#include "endpoint_resolver.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace sluice::sqs {
namespace {

constexpr char kFallbackRegion[] = "us-east-1";

std::vector<std::string_view> labels_of(std::string_view host) {
  std::vector<std::string_view> labels;
  std::size_t start = 0;
  while (start <= host.size()) {
    auto end = std::min(host.find('.', start), host.size());
    labels.push_back(host.substr(start, end - start));
    start = end + 1;
  }
  return labels;
}

bool is_aws_host(std::string_view host) {
  return host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn") ||
         host == "queue.amazonaws.com";
}

// us-east-1, eu-central-2, us-gov-west-1, cn-north-1: two letters, one or
// more words, a number.
bool looks_like_region(std::string_view label) {
  auto last_dash = label.rfind('-');
  if (label.size() < 6 || label[2] != '-' || last_dash == std::string_view::npos || last_dash <= 2)
    return false;
  if (!std::islower(static_cast<unsigned char>(label[0])) ||
      !std::islower(static_cast<unsigned char>(label[1]))) {
    return false;
  }
  auto number = label.substr(last_dash + 1);
  if (number.empty()) return false;
  for (char c : number) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  for (char c : label.substr(3, last_dash - 3)) {
    if (!std::islower(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

Result<Url> parse_option_url(std::string_view origin, const std::string& text) {
  auto url = parse_url(text);
  if (!url.ok()) return make_error(ErrorKind::kConfig, std::string(origin) + ": " + url.status().message());
  return url;
}

Result<Url> choose_endpoint(const EndpointOptions& options, const Url& queue_url,
                            const Environment& environment) {
  if (!options.endpoint.empty()) return parse_option_url("endpoint", options.endpoint);
  for (const char* variable : {"AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL"}) {
    if (auto value = environment(variable)) return parse_option_url(variable, *value);
  }
  Url endpoint = queue_url;
  endpoint.path = "/";
  endpoint.query.clear();
  return endpoint;
}

Result<std::string> choose_region(const EndpointOptions& options, const Url& queue_url, const Url& endpoint,
                                  const Environment& environment) {
  if (!options.region.empty()) return options.region;
  if (auto region = region_of_aws_host(queue_url.host)) return *region;
  if (auto region = region_of_aws_host(endpoint.host)) return *region;
  for (const char* variable : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (auto value = environment(variable)) return *value;
  }
  if (is_aws_host(endpoint.host)) {
    return make_error(ErrorKind::kConfig, "cannot tell the region of " + endpoint.origin() +
                                              ": set the region option or AWS_REGION");
  }
  // Emulators accept any region; AWS's default one is as good as any.
  return std::string(kFallbackRegion);
}

}  // namespace

std::optional<std::string> region_of_aws_host(std::string_view host) {
  if (!is_aws_host(host)) return std::nullopt;
  for (auto label : labels_of(host)) {
    if (looks_like_region(label)) return std::string(label);
  }
  if (host == "queue.amazonaws.com" || host == "sqs.amazonaws.com") return std::string(kFallbackRegion);
  return std::nullopt;
}

Result<ResolvedEndpoint> resolve_endpoint(const EndpointOptions& options, const Environment& environment) {
  if (options.queue_url.empty()) return make_error(ErrorKind::kConfig, "queue_url is required");
  SLUICE_ASSIGN_OR_RETURN(auto queue_url, parse_option_url("queue_url", options.queue_url));
  if (queue_url.path.size() <= 1) {
    return make_error(ErrorKind::kConfig, "queue_url " + options.queue_url +
                                              " names no queue (expected .../ACCOUNT_ID/QUEUE_NAME)");
  }
  SLUICE_ASSIGN_OR_RETURN(auto endpoint, choose_endpoint(options, queue_url, environment));
  SLUICE_ASSIGN_OR_RETURN(auto region, choose_region(options, queue_url, endpoint, environment));
  return ResolvedEndpoint{std::move(queue_url), std::move(endpoint), std::move(region)};
}

}  // namespace sluice::sqs

// The `sqs` source's options: their JSON Schema (what `sluice validate`
// checks and `sluice plugins` shows) and their typed, defaulted form.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <sluice/plugin.hpp>

#include "credential_resolver.h"
#include "endpoint_resolver.h"
#include "sqs_protocol.h"

namespace sluice::sqs {

struct SourceOptions {
  EndpointOptions endpoint;
  CredentialOptions credentials;
  // Defaults are the schema's, which the host fills in before create.
  ProtocolKind protocol = ProtocolKind::kJson;
  int wait_time_seconds = 0;
  int max_messages = 0;
  int concurrency = 0;
  std::optional<int> visibility_timeout;  // unset: the queue's own
  int max_retries = 0;
};

// Every option, its type, bounds and default, for the host to check.
inline constexpr char kSourceOptionsSchema[] = R"json({
  "type": "object",
  "properties": {
    "queue_url": {"type": "string", "minLength": 1,
      "description": "URL of the queue, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/logins"},
    "protocol": {"type": "string", "enum": ["json", "query"], "default": "json",
      "description": "AWS JSON 1.0, or the older query protocol (form requests, XML replies) of old LocalStack images"},
    "endpoint": {"type": "string",
      "description": "where requests go; default AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL, else the queue URL's host"},
    "region": {"type": "string",
      "description": "signing region; default the queue URL's (amazonaws.com), AWS_REGION, AWS_DEFAULT_REGION"},
    "wait_time_seconds": {"type": "integer", "minimum": 0, "maximum": 20, "default": 20,
      "description": "long-poll wait of each receive (1 s at most with --drain)"},
    "max_messages": {"type": "integer", "minimum": 1, "maximum": 10, "default": 10,
      "description": "messages asked for per receive"},
    "concurrency": {"type": "integer", "minimum": 1, "maximum": 64, "default": 4,
      "description": "receives in flight at once"},
    "visibility_timeout": {"type": "integer", "minimum": 1, "maximum": 43200,
      "description": "seconds a received message stays hidden, renewed while it is in flight; default the queue's"},
    "max_retries": {"type": "integer", "minimum": 0, "maximum": 20, "default": 8,
      "description": "retries of throttled, 5xx and network-failed requests, with jittered exponential backoff"},
    "access_key_id": {"type": "string", "description": "with secret_access_key_env or _file"},
    "secret_access_key_env": {"type": "string", "description": "environment variable holding the secret key"},
    "secret_access_key_file": {"type": "string", "description": "file holding the secret key"},
    "session_token_env": {"type": "string", "description": "environment variable holding a session token"},
    "session_token_file": {"type": "string", "description": "file holding a session token"},
    "profile": {"type": "string", "description": "profile of ~/.aws/config and ~/.aws/credentials (default AWS_PROFILE, then default)"},
    "role_arn": {"type": "string", "minLength": 1,
      "description": "IAM role to assume (STS AssumeRole) with the credentials the chain found"},
    "external_id": {"type": "string", "minLength": 1, "description": "ExternalId of the AssumeRole, with role_arn"},
    "role_session_name": {"type": "string", "minLength": 1, "maxLength": 64,
      "description": "RoleSessionName of the AssumeRole, with role_arn; default sluice-<time>"}
  },
  "required": ["queue_url"],
  "additionalProperties": false
})json";

// Reads options whose schema defaults the host has filled in (so a default
// is stated once, in kSourceOptionsSchema); throws sluice::ConfigError when
// one is missing or of the wrong type, or for what the schema cannot express.
SourceOptions parse_source_options(const sluice::Config& config);

}  // namespace sluice::sqs

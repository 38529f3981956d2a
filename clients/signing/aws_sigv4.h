// AWS Signature Version 4 (header signing) for REST-JSON services such as
// AWS Backup (service name "backup").
//
// Spec: "Create a signed AWS API request" (docs.aws.amazon.com/IAM/latest/
// UserGuide/reference_sigv-create-signed-request.html); verified against the
// published aws-sig-v4-test-suite and vectors generated with
// @smithy/signature-v4 (clients/testdata/).
#ifndef POLYBACKUP_CLIENTS_SIGNING_AWS_SIGV4_H_
#define POLYBACKUP_CLIENTS_SIGNING_AWS_SIGV4_H_

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "clients/http/http.h"
#include "clients/signing/signing_details.h"

namespace polybackup::clients::signing {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // "" for long-term keys
};

struct AwsSigV4Options {
  // Adds and signs x-amz-content-sha256 (what the AWS SDKs send to Backup).
  // The generic test suite predates it, so its tests turn it off.
  bool add_content_sha256 = true;
  // Removes "." and ".." segments and duplicate slashes from the canonical
  // URI. Every service but S3 expects it.
  bool normalize_path = true;
  // Signs x-amz-security-token. Off reproduces the suite's
  // "post-sts-header-after" case (token added after signing).
  bool sign_session_token = true;
};

// Signs `request` in place for `region` / `service` at time `now`.
// Sets (replacing any existing value) host, x-amz-date, x-amz-content-sha256
// (unless disabled), x-amz-security-token (when creds.session_token is set)
// and Authorization. Every header present on `request` is signed, so set all
// headers (content-type, x-amz-target, ...) before calling; headers added
// afterwards are sent unsigned.
// Returns InvalidArgument for an unparsable URL or missing access key /
// secret; `request` is unchanged on error. Pure function of its inputs
// (thread-safe); logs only the canonical request hash at trace level.
// `details`, when not null, receives the canonical request and string to sign.
absl::Status SignAwsSigV4(http::HttpRequest& request, const AwsCredentials& creds,
                          std::string_view region, std::string_view service,
                          std::chrono::system_clock::time_point now,
                          const AwsSigV4Options& options = {}, SigningDetails* details = nullptr);

}  // namespace polybackup::clients::signing

#endif  // POLYBACKUP_CLIENTS_SIGNING_AWS_SIGV4_H_

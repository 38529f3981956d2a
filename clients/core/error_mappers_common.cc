// Pieces shared by the per-cloud error mappers.
#include <string>

#include "clients/core/error_mappers.h"

namespace polybackup::clients {

absl::StatusCode CodeForHttpStatus(int http_status) {
  switch (http_status) {
    case 400:
    case 405:
    case 413:
    case 414:
    case 415:
    case 422:
      return absl::StatusCode::kInvalidArgument;
    case 401:
      return absl::StatusCode::kUnauthenticated;
    case 403:
      return absl::StatusCode::kPermissionDenied;
    case 404:
    case 410:
      return absl::StatusCode::kNotFound;
    case 408:
      return absl::StatusCode::kUnavailable;
    case 409:
    case 412:
    case 423:
      return absl::StatusCode::kFailedPrecondition;
    case 429:
      return absl::StatusCode::kResourceExhausted;
    default:
      break;
  }
  if (http_status >= 500 && http_status <= 599) return absl::StatusCode::kUnavailable;
  return absl::StatusCode::kUnknown;
}

std::string BodySnippet(std::string_view body, size_t max) {
  std::string out(body.substr(0, max));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  if (body.size() > max) out += "...";
  return out;
}

}  // namespace polybackup::clients

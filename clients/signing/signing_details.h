// What a signer computed on the way to its signature, for tests and for the
// trace log. Never contains a secret: the canonical request and the string to
// sign are public inputs (the server rebuilds them).
#ifndef POLYBACKUP_CLIENTS_SIGNING_SIGNING_DETAILS_H_
#define POLYBACKUP_CLIENTS_SIGNING_SIGNING_DETAILS_H_

#include <string>

namespace polybackup::clients::signing {

struct SigningDetails {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;  // "host;x-amz-date"
};

}  // namespace polybackup::clients::signing

#endif  // POLYBACKUP_CLIENTS_SIGNING_SIGNING_DETAILS_H_

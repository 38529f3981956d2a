// Redaction of secrets for request logs. Debug logs carry headers and URLs;
// these helpers blank the credentials every signer puts there so that a log
// never holds something that could be replayed.
//
// Blanked headers (case-insensitive): Authorization, X-Amz-Security-Token,
// X-Security-Token, X-Auth-Token, X-Subject-Token, X-Acs-Security-Token,
// X-Acs-Accesskey-Id.
// Blanked query / form parameters (case-insensitive names): Signature,
// AccessKeyId, SecurityToken, X-Amz-Signature, X-Amz-Credential,
// X-Amz-Security-Token. Values become "[REDACTED]"; names stay so a reader
// still sees which credentials were sent.
#ifndef POLYBACKUP_CLIENTS_HTTP_REDACT_H_
#define POLYBACKUP_CLIENTS_HTTP_REDACT_H_

#include <string>
#include <string_view>

#include "clients/http/http.h"

namespace polybackup::clients::http {

inline constexpr std::string_view kRedacted = "[REDACTED]";

// A copy of `request` safe to log: secret headers blanked, secret query
// parameters blanked in the URL, and, for an
// application/x-www-form-urlencoded body (Alibaba RPC V1 with pop-core),
// secret form fields blanked. Other bodies are kept as they are.
HttpRequest RedactHeadersForLog(const HttpRequest& request);
// The headers as one line "Name: value; Name: value" with secrets blanked.
std::string RedactHeadersForLog(const Headers& headers);
// `url` with secret query parameter values blanked; other bytes unchanged.
std::string RedactUrlForLog(std::string_view url);
// True when header `name` carries a credential (see the list above).
bool IsSecretHeader(std::string_view name);
// True when query/form parameter `name` carries a credential.
bool IsSecretParam(std::string_view name);

}  // namespace polybackup::clients::http

#endif  // POLYBACKUP_CLIENTS_HTTP_REDACT_H_

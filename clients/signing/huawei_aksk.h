// Huawei Cloud / Open Telekom Cloud AK/SK signing ("SDK-HMAC-SHA256"), the
// scheme of the official huaweicloud-sdk-* AKSKSigner and the APIG signers.
//
// Quirks: the canonical URI always ends in '/', the signature is a single
// HMAC-SHA256 with the SK (no derived key), and the date header is
// X-Sdk-Date (YYYYMMDDTHHMMSSZ). Verified against vectors generated with
// @huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.
#ifndef POLYBACKUP_CLIENTS_SIGNING_HUAWEI_AKSK_H_
#define POLYBACKUP_CLIENTS_SIGNING_HUAWEI_AKSK_H_

#include <chrono>
#include <string_view>

#include "absl/status/status.h"
#include "clients/http/http.h"
#include "clients/signing/signing_details.h"

namespace polybackup::clients::signing {

// Signs `request` in place. Sets (replacing) X-Sdk-Date, Host, and
// X-Security-Token when `security_token` is not empty, then Authorization.
// Every header present is signed, so add X-Project-Id / Content-Type first.
// InvalidArgument for a bad URL or empty ak/sk; `request` is unchanged on
// error. Thread-safe; logs only the canonical request hash at trace level.
absl::Status SignHuaweiAkSk(http::HttpRequest& request, std::string_view ak, std::string_view sk,
                            std::chrono::system_clock::time_point now,
                            std::string_view security_token = {},
                            SigningDetails* details = nullptr);

}  // namespace polybackup::clients::signing

#endif  // POLYBACKUP_CLIENTS_SIGNING_HUAWEI_AKSK_H_

// Idempotency tokens for create calls (AWS CreatorRequestId, Alibaba
// ClientToken). A token is made once per logical operation, outside the retry
// loop, so every attempt of that operation carries the same token and the cloud
// can recognise a retried create.
#ifndef POLYBACKUP_CLIENTS_CORE_IDEMPOTENCY_H_
#define POLYBACKUP_CLIENTS_CORE_IDEMPOTENCY_H_

#include <string>
#include <string_view>

#include "clients/core/random.h"

namespace polybackup::clients {

// Returns an RFC 4122 version-4 UUID in lower-case 8-4-4-4-12 form, built from
// 128 bits of `random` (version and variant bits forced). Thread-safe if
// `random` is.
std::string NewUuidV4(RandomSource& random);

// Returns "<prefix><uuid>" cut to `max_length` characters (Alibaba's
// ClientToken allows 64 ASCII characters; AWS CreatorRequestId allows 50).
// Callers keep prefixes short ("tf-") so the UUID survives the cut.
std::string NewIdempotencyToken(RandomSource& random, std::string_view prefix = "",
                                size_t max_length = 64);

}  // namespace polybackup::clients

#endif  // POLYBACKUP_CLIENTS_CORE_IDEMPOTENCY_H_

// Internal to clients/aws: the REST path and NextToken helpers shared by the
// BackupClient source files. Not for use outside this folder.
#ifndef POLYBACKUP_CLIENTS_AWS_BACKUP_PAGING_H_
#define POLYBACKUP_CLIENTS_AWS_BACKUP_PAGING_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/aws/backup_types.h"
#include "clients/core/json_fields.h"
#include "clients/core/pagination.h"
#include "clients/http/url.h"

namespace polybackup::clients::aws::internal {

// A path label: every reserved byte encoded, '/' and ':' included (an ARN is
// one label in /tags/{resourceArn}; botocore labels are not greedy).
inline std::string Label(const std::string& value) { return http::PercentEncode(value); }

// maxResults (only when > 0) and nextToken (only when set).
inline http::QueryParams PageQuery(const std::string& next_token, int max_results) {
  http::QueryParams q;
  if (max_results > 0) q.emplace_back("maxResults", std::to_string(max_results));
  if (!next_token.empty()) q.emplace_back("nextToken", next_token);
  return q;
}

// One page of a List* answer: each element of the array member `list_key`
// turned into a T by `parse` (a missing or mistyped list is an empty page),
// and NextToken ("" on the last page).
template <typename T, typename Parse>
AwsPage<T> ParsePage(const nlohmann::json& answer, std::string_view list_key, const Parse& parse) {
  AwsPage<T> page{.next_token = StringField(answer, "NextToken", JsonTypes::kStrict)};
  for (const nlohmann::json& item : ArrayField(answer, list_key)) page.items.push_back(parse(item));
  return page;
}

// PaginateAll over a `fetch(next_token) -> StatusOr<AwsPage<T>>` call.
template <typename T, typename Fetch>
absl::StatusOr<std::vector<T>> All(const Fetch& fetch) {
  return PaginateAll<T>([&](const std::string& cursor) -> absl::StatusOr<Page<T>> {
    absl::StatusOr<AwsPage<T>> page = fetch(cursor);
    if (!page.ok()) return page.status();
    Page<T> out{.items = std::move(page->items)};
    if (!page->next_token.empty()) out.next = page->next_token;
    return out;
  });
}

}  // namespace polybackup::clients::aws::internal

#endif  // POLYBACKUP_CLIENTS_AWS_BACKUP_PAGING_H_

// Pagination written once: PaginateAll drives any cursor style to the end.
//
// The three styles used here all reduce to "fetch a page given a cursor,
// get items and the next cursor (or none)":
//   AWS       NextToken/nextToken: next = the answer's token (empty = done)
//   Alibaba   PageNumber/PageSize (DBS PageNum is 0-based): next = page + 1
//             while a full page came back and TotalCount is not reached
//   CSBS      marker/limit: next = id of the last item while a full page came
//             back
// NextAlibabaPage and NextMarker compute those cursors.
#ifndef POLYBACKUP_CLIENTS_CORE_PAGINATION_H_
#define POLYBACKUP_CLIENTS_CORE_PAGINATION_H_

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace polybackup::clients {

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next;  // nullopt: this was the last page
};

// Calls `fetch_page` with an empty cursor, then with each `next` until a page
// has none, and returns all items in order.
// Failure: the first fetch error, unchanged; Internal if a cursor repeats (a
// service that loops would otherwise never end) or more than `max_pages`
// pages arrive.
template <typename T>
absl::StatusOr<std::vector<T>> PaginateAll(
    const std::function<absl::StatusOr<Page<T>>(const std::string& cursor)>& fetch_page,
    int max_pages = 10000) {
  std::vector<T> all;
  std::set<std::string> seen;
  std::string cursor;
  for (int pages = 0;; ++pages) {
    if (pages >= max_pages) {
      return absl::InternalError(
          absl::StrCat("pagination did not end after ", max_pages, " pages"));
    }
    absl::StatusOr<Page<T>> page = fetch_page(cursor);
    if (!page.ok()) return page.status();
    for (T& item : page->items) all.push_back(std::move(item));
    if (!page->next || page->next->empty()) return all;
    if (!seen.insert(*page->next).second) {
      return absl::InternalError(absl::StrCat("pagination cursor \"", *page->next, "\" repeated"));
    }
    cursor = *page->next;
  }
}

// Alibaba page numbers: the cursor is the decimal page number; `first_page`
// is 1 for R-kvstore (PageNumber) and 0 for DBS (PageNum). Returns the next
// page's cursor, or nullopt when this page was short/empty or `total_count`
// (when the API reports it, else -1) is reached.
inline std::optional<std::string> NextAlibabaPage(long long page_number, int page_size,
                                                  size_t items_on_page, long long total_count,
                                                  int first_page = 1) {
  if (items_on_page == 0 || items_on_page < static_cast<size_t>(page_size)) return std::nullopt;
  long long seen = (page_number - first_page + 1) * static_cast<long long>(page_size);
  if (total_count >= 0 && seen >= total_count) return std::nullopt;
  return std::to_string(page_number + 1);
}

// Marker paging (CSBS): returns the last item's id while the page was full.
inline std::optional<std::string> NextMarker(size_t items_on_page, int limit,
                                             const std::string& last_id) {
  if (items_on_page == 0 || items_on_page < static_cast<size_t>(limit) || last_id.empty()) {
    return std::nullopt;
  }
  return last_id;
}

}  // namespace polybackup::clients

#endif  // POLYBACKUP_CLIENTS_CORE_PAGINATION_H_

#include "clients/http/http.h"

#include <algorithm>

#include "clients/http/text.h"

namespace polybackup::clients::http {

std::string HttpResponse::Header(std::string_view name) const {
  return std::string(FindHeader(headers, name));
}

std::string_view FindHeader(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

void SetHeader(Headers& headers, std::string_view name, std::string_view value) {
  RemoveHeader(headers, name);
  headers.emplace_back(std::string(name), std::string(value));
}

void RemoveHeader(Headers& headers, std::string_view name) {
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [&](const auto& h) { return EqualsIgnoreCase(h.first, name); }),
                headers.end());
}

}  // namespace polybackup::clients::http

// Small helpers shared by the handlers: replies and list pages.
#pragma once

#include <algorithm>
#include <charconv>

#include "common/time_format.hpp"
#include "core/serialize.hpp"
#include "server/query.hpp"
#include "server/router.hpp"

namespace licensor::server {

inline Reply Ok(Json body) { return Reply{200, std::move(body)}; }
inline Reply Created(Json body) { return Reply{201, std::move(body)}; }
inline Reply NoContent() { return Reply{204, nullptr}; }

// How the caller sees the credentials of licenses on the vendor's own lists and pages, which
// only the vendor's callers reach (core/credentials.hpp).
inline core::Credentials VendorCredentials(const RequestContext& ctx) {
  return core::CredentialsFor(*ctx.principal, core::cards::Access::kView);
}

// {"data": [...], "next_cursor": "c123" | null}
template <typename T, typename ToJsonFn>
Reply ListReply(const core::Page<T>& page, ToJsonFn to_json) {
  Json data = Json::array();
  for (const auto& item : page.items) data.push_back(to_json(item));
  return Ok({{"data", std::move(data)},
             {"next_cursor",
              page.next_after_seq ? Json(EncodeCursor(*page.next_after_seq)) : Json(nullptr)}});
}

// The page of an in-memory list that never loses items: the cursor is an item's index.
template <typename T, typename ToJsonFn>
core::Page<Json> PageByIndex(const std::vector<T>& items, const core::PageRequest& page,
                             ToJsonFn to_json) {
  core::Page<Json> out;
  const auto begin = static_cast<std::size_t>(std::max<std::int64_t>(page.after_seq, 0));
  for (std::size_t i = begin; i < items.size(); ++i) {
    if (static_cast<int>(out.items.size()) == page.limit) {
      out.next_after_seq = static_cast<std::int64_t>(i);
      break;
    }
    out.items.push_back(to_json(items[i]));
  }
  return out;
}

// The page of an in-memory list ordered by a key (a map from the key, the cursor, to a pointer
// to the item) that follows the cursor; O(log size + page).
template <typename OrderedList, typename ToJsonFn>
core::Page<Json> PageByKey(const OrderedList& list, const core::PageRequest& page,
                           ToJsonFn to_json) {
  core::Page<Json> out;
  for (auto it = list.upper_bound(page.after_seq); it != list.end(); ++it) {
    if (static_cast<int>(out.items.size()) == page.limit) {
      out.next_after_seq = std::prev(it)->first;
      break;
    }
    out.items.push_back(to_json(*it->second));
  }
  return out;
}

inline Json AsIs(const Json& item) { return item; }

// {"data": [...]} of a whole (unpaged) list, each item through core::ToJson; with
// `with_count`, also {"count": n} (batch operations say how many they did).
template <typename T>
Json DataOf(const std::vector<T>& items, bool with_count = false) {
  Json data = Json::array();
  for (const auto& item : items) data.push_back(core::ToJson(item));
  Json body = {{"data", std::move(data)}};
  if (with_count) body["count"] = items.size();
  return body;
}

// An optional string filter from the query string.
inline std::optional<std::string> QueryParam(const RequestContext& ctx, const char* name) {
  const auto it = ctx.query.find(name);
  if (it == ctx.query.end()) return std::nullopt;
  return it->second;
}

// A yes/no filter from the query string: absent is nullopt; anything but true/false is refused.
inline Result<std::optional<bool>> OptionalFlagParam(const RequestContext& ctx, const char* name) {
  const auto value = QueryParam(ctx, name);
  if (!value) return std::optional<bool>();
  if (*value == "true" || *value == "false") return std::optional<bool>(*value == "true");
  return Status::InvalidField(std::string(name) + " must be true or false");
}

// A boolean flag from the query string: absent is false.
inline Result<bool> FlagParam(const RequestContext& ctx, const char* name) {
  LICENSOR_ASSIGN_OR_RETURN(const auto flag, OptionalFlagParam(ctx, name));
  return flag.value_or(false);
}

// An optional RFC 3339 time from the query string.
inline Result<std::optional<UnixSeconds>> TimeParam(const RequestContext& ctx, const char* name) {
  const auto text = QueryParam(ctx, name);
  if (!text) return std::optional<UnixSeconds>();
  const auto t = ParseRfc3339(*text);
  if (!t) {
    return Status::InvalidField(std::string("query parameter '") + name +
                                "' must be an RFC 3339 time such as 2027-01-31T00:00:00Z");
  }
  return std::optional<UnixSeconds>(*t);
}

// An optional comma-separated list from the query string, of at most `max_items` non-empty
// items.
inline Result<std::optional<std::vector<std::string>>> ListParam(const RequestContext& ctx,
                                                                 const char* name,
                                                                 std::size_t max_items) {
  const auto text = QueryParam(ctx, name);
  if (!text) return std::optional<std::vector<std::string>>();
  std::vector<std::string> items;
  for (std::size_t from = 0; from <= text->size();) {
    const std::size_t comma = std::min(text->find(',', from), text->size());
    items.push_back(text->substr(from, comma - from));
    if (items.back().empty() || items.size() > max_items) {
      return Status::InvalidField(std::string("query parameter '") + name + "' must list 1 to " +
                                  std::to_string(max_items) +
                                  " values separated by commas, none empty");
    }
    from = comma + 1;
  }
  return std::optional<std::vector<std::string>>(std::move(items));
}

// An optional whole number from the query string, within [min, max].
inline Result<std::optional<std::int64_t>> IntParam(const RequestContext& ctx, const char* name,
                                                    std::int64_t min, std::int64_t max) {
  const auto text = QueryParam(ctx, name);
  if (!text) return std::optional<std::int64_t>();
  std::int64_t value = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < min || value > max) {
    return Status::InvalidField(std::string("query parameter '") + name +
                                "' must be a number from " + std::to_string(min) + " to " +
                                std::to_string(max));
  }
  return std::optional<std::int64_t>(value);
}

// The route families, registered by RegisterAllRoutes.
void RegisterSystemRoutes(Router& router, Services& services);
void RegisterTokenRoutes(Router& router, Services& services);
void RegisterAccountRoutes(Router& router, Services& services);
void RegisterStatsRoutes(Router& router, Services& services);
void RegisterCatalogRoutes(Router& router, Services& services);
void RegisterLicenseRoutes(Router& router, Services& services);
void RegisterClientRoutes(Router& router, Services& services);
void RegisterFileRoutes(Router& router, Services& services);
void RegisterInstallationRoutes(Router& router, Services& services);
void RegisterRegistryRoutes(Router& router, Services& services);
void RegisterWebhookRoutes(Router& router, Services& services);
void RegisterMailRoutes(Router& router, Services& services);
void RegisterCardRoutes(Router& router, Services& services);
void RegisterFleetRoutes(Router& router, Services& services);

}  // namespace licensor::server

// The number of fields of an aggregate, for tables that must name every field of an entity.
#pragma once

#include <cstddef>

namespace licensor {

// The number of fields of aggregate T, found by how many values its braces accept. A table's
// column list (storage) and an API field table (core) are checked against it, so a field added
// to an entity and not to its tables fails the build.
namespace detail {
struct AnyField {
  template <typename T>
  operator T() const;  // never defined: used only in unevaluated braces
};
}  // namespace detail
template <typename T, typename... Fields>
constexpr std::size_t FieldCount() {
  if constexpr (requires { T{Fields{}..., detail::AnyField{}}; }) {
    return FieldCount<T, Fields..., detail::AnyField>();
  } else {
    return sizeof...(Fields);
  }
}

}  // namespace licensor

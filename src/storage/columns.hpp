// One column list per table, each column tied to the entity field it stores. A table's
// statements name their columns from this list, binds take their values from it and rows are
// read back through it, so a column's position is never written by hand and a field cannot be
// stored by one statement and forgotten by another. Both stores share the lists
// (storage/tables.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/field_count.hpp"
#include "core/enums.hpp"
#include "storage/sql_value.hpp"

namespace licensor::storage {

// How a field's C++ type is stored: one specialisation per type.
template <typename T>
struct SqlCodec;

template <>
struct SqlCodec<std::int64_t> {
  static constexpr SqlType kType = SqlType::kInt;
  static SqlValue Write(std::int64_t v) { return v; }
  static std::int64_t Read(SqlValue& v) {
    const auto* i = std::get_if<std::int64_t>(&v);
    return i ? *i : 0;
  }
};
template <>
struct SqlCodec<int> {
  static constexpr SqlType kType = SqlType::kInt;
  static SqlValue Write(int v) { return std::int64_t{v}; }
  static int Read(SqlValue& v) { return static_cast<int>(SqlCodec<std::int64_t>::Read(v)); }
};
template <>
struct SqlCodec<bool> {
  static constexpr SqlType kType = SqlType::kBool;
  static SqlValue Write(bool v) { return v; }
  static bool Read(SqlValue& v) {
    const auto* b = std::get_if<bool>(&v);
    return b && *b;
  }
};
template <>
struct SqlCodec<std::string> {
  static constexpr SqlType kType = SqlType::kText;
  static SqlValue Write(const std::string& v) { return v; }
  static std::string Read(SqlValue& v) {
    auto* s = std::get_if<std::string>(&v);
    return s ? std::move(*s) : std::string();
  }
};
template <typename T>
struct SqlCodec<std::optional<T>> {
  static constexpr SqlType kType = SqlCodec<T>::kType;
  static SqlValue Write(const std::optional<T>& v) {
    return v ? SqlCodec<T>::Write(*v) : SqlValue(nullptr);
  }
  static std::optional<T> Read(SqlValue& v) {
    if (std::holds_alternative<std::nullptr_t>(v)) return std::nullopt;
    return SqlCodec<T>::Read(v);
  }
};

// A list of strings, stored as a JSON array; anything else reads as empty.
template <>
struct SqlCodec<std::vector<std::string>> {
  static constexpr SqlType kType = SqlType::kText;
  static SqlValue Write(const std::vector<std::string>& v);
  static std::vector<std::string> Read(SqlValue& v);
};

// An enum, stored as its name; a name this build does not know reads as `Fallback`.
template <typename Enum, std::optional<Enum> (*Parse)(std::string_view), Enum Fallback>
struct EnumCodec {
  static constexpr SqlType kType = SqlType::kText;
  static SqlValue Write(Enum v) { return std::string(core::ToString(v)); }
  static Enum Read(SqlValue& v) { return Parse(SqlCodec<std::string>::Read(v)).value_or(Fallback); }
};
template <>
struct SqlCodec<core::Role> : EnumCodec<core::Role, core::ParseRole, core::Role::kViewer> {};
template <>
struct SqlCodec<core::ValidityBasis>
    : EnumCodec<core::ValidityBasis, core::ParseValidityBasis, core::ValidityBasis::kFromCreation> {
};
template <>
struct SqlCodec<core::DeploymentMode>
    : EnumCodec<core::DeploymentMode, core::ParseDeploymentMode, core::DeploymentMode::kOnline> {};
template <>
struct SqlCodec<core::DeadActivationAction>
    : EnumCodec<core::DeadActivationAction, core::ParseDeadActivationAction,
                core::DeadActivationAction::kKeep> {};

template <>
struct SqlCodec<core::LicenseStatus>
    : EnumCodec<core::LicenseStatus, core::ParseLicenseStatus, core::LicenseStatus::kSuspended> {};
template <>
struct SqlCodec<core::ActivationState>
    : EnumCodec<core::ActivationState, core::ParseActivationState, core::ActivationState::kDead> {};

// Names mapped to values (a machine's components), stored as a JSON object; anything else
// reads as empty.
template <>
struct SqlCodec<std::map<std::string, std::string>> {
  static constexpr SqlType kType = SqlType::kText;
  static SqlValue Write(const std::map<std::string, std::string>& v);
  static std::map<std::string, std::string> Read(SqlValue& v);
};

// A flag kept in an INTEGER column (0 or 1) in both stores, where a column predates the
// stores' BOOLEAN flags.
struct IntegerFlagCodec {
  static constexpr SqlType kType = SqlType::kInt;
  static SqlValue Write(bool v) { return std::int64_t{v ? 1 : 0}; }
  static bool Read(SqlValue& v) { return SqlCodec<std::int64_t>::Read(v) != 0; }
};

// One stored column of entity E.
template <typename E>
struct Column {
  std::string_view name;
  SqlType type;
  SqlValue (*write)(const E&);
  // Takes the value read (a text is moved, not copied). Null for a column written from the
  // entity and never read back (a key derived from a field).
  void (*read)(E&, SqlValue&);
  // How many of E's fields this column completes: 1, or 0 for a column that stores a further
  // part of a field an earlier column names (a struct kept as two columns).
  int completes_fields = 1;
  // What a SELECT reads for this field when it is not the column itself (an expression over
  // the row); empty: the column.
  std::string_view read_as = {};
};

// The column storing E::*Member.
template <auto Member>
struct FieldOf;
template <typename E, typename T, T E::*Member>
struct FieldOf<Member> {
  using Entity = E;
  using Type = T;
};

template <auto Member, typename Codec = SqlCodec<typename FieldOf<Member>::Type>>
constexpr Column<typename FieldOf<Member>::Entity> Col(std::string_view name) {
  using E = typename FieldOf<Member>::Entity;
  return {name, Codec::kType, [](const E& e) { return Codec::Write(e.*Member); },
          [](E& e, SqlValue& v) { e.*Member = Codec::Read(v); }};
}

// The column storing E::*Member, read back as the expression `read_as`.
template <auto Member, typename Codec = SqlCodec<typename FieldOf<Member>::Type>>
constexpr Column<typename FieldOf<Member>::Entity> ColReadAs(std::string_view name,
                                                             std::string_view read_as) {
  Column<typename FieldOf<Member>::Entity> column = Col<Member, Codec>(name);
  column.read_as = read_as;
  return column;
}

// The column storing (E::*Outer).*Inner, a part of a struct field. `first`: whether this is the
// struct's first column, which completes the field for the count below.
template <auto Outer, auto Inner, bool first>
constexpr Column<typename FieldOf<Outer>::Entity> PartCol(std::string_view name) {
  using E = typename FieldOf<Outer>::Entity;
  using Codec = SqlCodec<typename FieldOf<Inner>::Type>;
  return {name, Codec::kType, [](const E& e) { return Codec::Write((e.*Outer).*Inner); },
          [](E& e, SqlValue& v) { (e.*Outer).*Inner = Codec::Read(v); }, first ? 1 : 0};
}

template <typename E, std::size_t N>
constexpr std::size_t FieldsCompleted(const Column<E> (&columns)[N]) {
  std::size_t n = 0;
  for (const Column<E>& c : columns) n += static_cast<std::size_t>(c.completes_fields);
  return n;
}

// The columns of `table` named `names`, in that order: a change or a partial read says which
// columns it takes, and each keeps the table's codec. A name the table lacks does not build.
template <typename E, std::size_t N, std::size_t M>
consteval std::array<Column<E>, M> Pick(const Column<E> (&table)[N],
                                        const std::string_view (&names)[M]) {
  std::array<Column<E>, M> picked{};
  for (std::size_t i = 0; i < M; ++i) {
    // An index, not a pointer: GCC's UndefinedBehaviorSanitizer cannot compare addresses in a
    // constant expression.
    std::size_t found = N;
    for (std::size_t j = 0; j < N; ++j) {
      if (table[j].name == names[i]) found = j;
    }
    if (found == N) throw "Pick: the table has no column of that name";
    picked[i] = table[found];
  }
  return picked;
}

// "a, b, c" (each name after `prefix`, e.g. "l.").
template <typename E>
std::string NameList(std::span<const Column<E>> columns, std::string_view prefix = {}) {
  std::string out;
  for (const Column<E>& c : columns) {
    if (!out.empty()) out += ", ";
    out.append(prefix).append(c.name);
  }
  return out;
}

// What a SELECT reads for the columns: each one's read_as, or its name after `prefix`.
template <typename E>
std::string SelectList(std::span<const Column<E>> columns, std::string_view prefix = {}) {
  std::string out;
  for (const Column<E>& c : columns) {
    if (c.read == nullptr) continue;
    if (!out.empty()) out += ", ";
    if (c.read_as.empty()) {
      out.append(prefix).append(c.name);
    } else {
      out.append(c.read_as);
    }
  }
  return out;
}

// "?1,?2,...,?n".
std::string Placeholders(std::size_t n);

// "b = ?2, c = ?3" for every column after the first, which is the key the statement's WHERE
// matches as ?1.
template <typename E>
std::string AssignmentsAfterKey(std::span<const Column<E>> columns) {
  std::string out;
  for (std::size_t i = 1; i < columns.size(); ++i) {
    if (!out.empty()) out += ", ";
    out.append(columns[i].name).append(" = ?").append(std::to_string(i + 1));
  }
  return out;
}

// The values of every column, in the list's order.
template <typename E>
std::vector<SqlValue> ValuesOf(const E& entity, std::span<const Column<E>> columns) {
  std::vector<SqlValue> values;
  values.reserve(columns.size());
  for (const Column<E>& c : columns) values.push_back(c.write(entity));
  return values;
}

// Reads `columns` into `entity` from a row holding them, in order, from column `first` on. Row:
// the SQLite statement or the PostgreSQL row (OptInt, OptText, Bool by index).
template <typename E, typename Row>
void ReadColumnsInto(E& entity, const Row& row, std::span<const Column<E>> columns, int first) {
  int index = first;
  for (const Column<E>& c : columns) {
    if (c.read == nullptr) continue;  // not in the SELECT (SelectList)
    SqlValue value = nullptr;
    switch (c.type) {
      case SqlType::kInt:
        if (auto v = row.OptInt(index)) value = *v;
        break;
      case SqlType::kBool:
        value = row.Bool(index);
        break;
      case SqlType::kText:
        if (auto v = row.OptText(index)) value = std::move(*v);
        break;
    }
    c.read(entity, value);
    ++index;
  }
}

template <typename E, typename Row>
E ReadColumns(const Row& row, std::span<const Column<E>> columns, int first) {
  E entity{};
  ReadColumnsInto(entity, row, columns, first);
  return entity;
}

// Reads rows of "SELECT seq, <columns> ..." (TableStatements::select) into entities.
template <typename E, std::size_t N>
auto RowsOf(const Column<E> (&columns)[N]) {
  return [&columns](const auto& row) { return ReadColumns<E>(row, std::span(columns), 1); };
}

// The same, for rows of "SELECT <columns> ..." (no seq).
template <typename E, std::size_t N>
auto RowsWithoutSeqOf(const Column<E> (&columns)[N]) {
  return [&columns](const auto& row) { return ReadColumns<E>(row, std::span(columns), 0); };
}

// The same, for an entity that keeps its row's seq (E::*Seq), read from column 0.
template <auto Seq, typename E, std::size_t N>
auto RowsWithSeqOf(const Column<E> (&columns)[N]) {
  return [&columns](const auto& row) {
    E entity{};
    entity.*Seq = row.Int(0);
    ReadColumnsInto<E>(entity, row, std::span(columns), 1);
    return entity;
  };
}

}  // namespace licensor::storage

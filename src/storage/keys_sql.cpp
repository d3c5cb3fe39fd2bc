#include "storage/keys_sql.hpp"

#include "storage/tables.hpp"

namespace licensor::storage {

KeysSql::KeysSql(Dialect d) : signing_keys(StatementsOf("signing_keys", tables::kSigningKeys, d)) {
  using tables::kKeyRing;
  const std::string ring_columns = NameList<core::KeyRingRecord>(kKeyRing);
  get_ring = "SELECT " + SelectList<core::KeyRingRecord>(kKeyRing) + " FROM key_ring WHERE id = 1";
  insert_ring = InDialect("INSERT INTO key_ring (id, " + ring_columns + ") VALUES (1, " +
                              Placeholders(std::size(kKeyRing)) + ")",
                          d);
  raise_generation =
      "UPDATE key_ring SET generation = generation + 1 WHERE id = 1 RETURNING generation";
  list_signing_keys = signing_keys.select + " ORDER BY seq";
}

}  // namespace licensor::storage

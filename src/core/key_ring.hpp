// The server's keys, held by the store so that every node that opens it shares them: the
// Ed25519 keys that sign files and answers, and the key that hashes tokens. Their secrets are
// sealed under the master key (crypto/master_key.hpp), which stays outside the store.
//
// One key is CURRENT and signs new files; older ACTIVE keys keep verifying what they signed;
// retiring a key destroys its secret and keeps its public half, so that what it signed is
// recognised and refused. A rotation or retirement on any node takes effect on all of them:
// each node checks the ring's generation in the store before it signs a file, and every second
// (Refresh) for the key that signs client answers.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/store.hpp"
#include "crypto/license_envelope.hpp"
#include "crypto/master_key.hpp"

namespace licensor::core {

class KeyRing {
 public:
  using TokenKey = std::array<unsigned char, 32>;

  // Opens the ring the store holds. On the store's first start it creates one: from the keys
  // directory (DATA_DIR/keys) that earlier releases wrote, once, removing its files after the
  // import commits; else with new keys. `report` says what was done, for the log.
  // kForbidden, with a message an operator can act on, when `master` is not the key the store's
  // secrets are sealed with.
  static Result<std::unique_ptr<KeyRing>> Open(Store& store, const Clock& clock,
                                               const crypto::MasterKey& master,
                                               const std::string& data_dir, std::string& report);

  const TokenKey& token_key() const { return token_key_; }
  // Seals the store's other secrets (webhook secrets).
  const crypto::MasterKey& master() const { return master_; }

  // The key that signs a file now, as the store says at this moment.
  crypto::SigningKey Current();
  // The key that signs client answers, which are signed far more often than files, on threads
  // that must not wait: never reads the store, so it may lag a rotation on another node until
  // the next Refresh().
  crypto::SigningKey CurrentForAnswers() const;
  // Rereads the keys when another node changed them (a no-op on a store no other node shares).
  Status Refresh();
  // The oldest key not retired: it signs update bundles, so that a product which knows only an
  // older key can still accept a bundle carrying the newer keys (and the files they signed).
  crypto::SigningKey OldestActive();
  std::vector<crypto::PublicKeyInfo> Keys();
  crypto::PublicKeys Trusted();

  // Creates a new key and makes it current; the old one keeps verifying.
  Result<crypto::PublicKeyInfo> Rotate(const Actor& actor);
  // Errors: kNotFound for an unknown id, kConflict for the current key (rotate first).
  Status Retire(const Actor& actor, const std::string& key_id);

 private:
  // What the ring held at one generation. Immutable once built; replaced whole on a change.
  struct Snapshot {
    std::int64_t generation = 0;
    std::vector<crypto::SigningKey> usable;  // not retired, oldest first
    std::string current_id;
    std::vector<crypto::PublicKeyInfo> keys;  // all, oldest first
  };

  KeyRing(Store& store, const Clock& clock, const crypto::MasterKey& master)
      : store_(store), clock_(clock), master_(master) {}
  // Reads the whole ring from the store, in the caller's transaction.
  Result<std::shared_ptr<const Snapshot>> ReadSnapshot(StoreTx& tx) const;
  Status Reload();
  // The snapshot, first brought up to date when another node may have changed the ring.
  std::shared_ptr<const Snapshot> Fresh();
  std::shared_ptr<const Snapshot> Cached() const;

  Store& store_;
  const Clock& clock_;
  const crypto::MasterKey master_;
  TokenKey token_key_{};
  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> snapshot_;
};

}  // namespace licensor::core

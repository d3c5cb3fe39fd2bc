// The reference for durable activations: single-row SQLite commits per second on this disk,
// with the same settings as licensord's store (WAL, synchronous=FULL), one row per transaction.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DB_PATH SECONDS\n", argv[0]);
    return 2;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) return 1;
  sqlite3_exec(
      db,
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
      "CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL);",
      nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO rows (fingerprint) VALUES (?1)", -1, &insert, nullptr);
  const double seconds = std::atof(argv[2]);
  const auto start = std::chrono::steady_clock::now();
  long commits = 0;
  for (;;) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    const std::string fp = "fp-" + std::to_string(commits);
    sqlite3_bind_text(insert, 1, fp.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(insert);
    sqlite3_reset(insert);
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return 1;
    ++commits;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed >= seconds) {
      std::printf("%.0f\n", commits / elapsed);
      break;
    }
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return 0;
}

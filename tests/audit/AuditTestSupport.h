// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test helpers for audit_test: a temporary storage folder with a manual clock, typical events,
// and raw SQLite access to audit.db for the tamper tests (an attacker drops the triggers first).

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/Merkle.h"
#include "platedesk/common/Files.h"
#include "platedesk/common/Time.h"

#include <boost/test/unit_test.hpp>
#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace platedesk::audit::test {

/// A storage folder with audit.db and a manual clock that tests move.
struct LogFixture {
  TempFolder folder{"audit-test"};
  ManualClock clock{UtcFromCivil(2026, 3, 2, 9, 30)};

  [[nodiscard]] std::filesystem::path DbPath() const { return folder.Path() / "audit.db"; }
  [[nodiscard]] std::filesystem::path KeyPath() const { return folder.Path() / "audit-signing.key"; }

  std::unique_ptr<AuditLog> Open(const std::string& storageId = "test-storage") {
    AuditLogOptions options;
    options.storageId = storageId;
    options.workstation = "ws-01";
    options.appVersion = "0.1.0-test";
    auto log = AuditLog::Open(DbPath(), options, clock);
    BOOST_REQUIRE_MESSAGE(log.Ok(), (log.Ok() ? std::string() : log.Err().ToString()));
    return std::move(*log);
  }
};

inline AuditEvent LoginSuccess(const std::string& user) {
  AuditEvent e;
  e.event = "login.success";
  e.user = user;
  e.session = "s-" + user;
  return e;
}

inline AuditEvent SearchStart(const std::string& user, const std::string& caseNumber, const std::string& plate) {
  AuditEvent e;
  e.event = "search.start";
  e.user = user;
  e.session = "s-" + user;
  e.caseNumber = caseNumber;
  e.purposeCode = "CRIM-INV";
  e.purposeText = "criminal investigation";
  e.justification = "robbery suspect vehicle";
  e.query = {{"plate", plate}, {"from", "2026-02-01"}};
  return e;
}

inline AuditEvent SearchResult(const std::string& user, const std::string& caseNumber, std::uint64_t count) {
  AuditEvent e;
  e.event = "search.result";
  e.user = user;
  e.session = "s-" + user;
  e.caseNumber = caseNumber;
  e.resultCount = count;
  e.resultHash = std::string(64, 'a');
  return e;
}

/// Appends `count` varied events, one second apart. Returns what was appended.
inline std::vector<AppendedRecord> AppendSome(AuditLog& log, ManualClock& clock, int count, int offset = 0) {
  std::vector<AppendedRecord> out;
  for (int i = 0; i < count; ++i) {
    clock.Advance(kMsPerSecond);
    const int k = offset + i;
    const std::string user = k % 2 == 0 ? "alice" : "bob";
    AuditEvent e;
    switch (k % 3) {
      case 0:
        e = SearchStart(user, "2026-" + std::to_string(100 + k % 5), "ABC" + std::to_string(k));
        break;
      case 1:
        e = SearchResult(user, "2026-" + std::to_string(100 + k % 5), static_cast<std::uint64_t>(k));
        break;
      default:
        e = LoginSuccess(user);
        break;
    }
    auto r = log.Append(e);
    BOOST_REQUIRE_MESSAGE(r.Ok(), (r.Ok() ? std::string() : r.Err().ToString()));
    out.push_back(*r);
  }
  return out;
}

/// Raw access to audit.db, as an attacker with file access has it.
class RawDb {
 public:
  explicit RawDb(const std::filesystem::path& path) {
    BOOST_REQUIRE(sqlite3_open(path.string().c_str(), &mDb) == SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(mDb); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  /// Runs SQL; returns the SQLite result code (tests assert on it).
  int Exec(const std::string& sql) { return sqlite3_exec(mDb, sql.c_str(), nullptr, nullptr, nullptr); }
  void MustExec(const std::string& sql) {
    const int rc = Exec(sql);
    BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, sql + ": " + sqlite3_errmsg(mDb));
  }

  void DropTriggers() {
    for (const char* t :
         {"records_append_only", "records_no_delete", "nodes_no_update", "nodes_no_delete", "keys_no_update",
          "keys_no_delete", "checkpoints_no_update", "checkpoints_no_delete", "meta_no_delete"})
      MustExec(std::string("DROP TRIGGER IF EXISTS ") + t);
  }

  std::string Text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(mDb, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
      out.assign(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                 static_cast<std::size_t>(sqlite3_column_bytes(st, 0)));
    sqlite3_finalize(st);
    return out;
  }

  std::string Record(std::uint64_t seq) {
    return Text("SELECT record FROM records WHERE seq = " + std::to_string(seq));
  }

  /// Replaces a record's text; with recomputeLeaf the leaf hash is updated too (a careful forger).
  void SetRecord(std::uint64_t seq, const std::string& text, bool recomputeLeaf) {
    sqlite3_stmt* st = nullptr;
    const char* sql = recomputeLeaf ? "UPDATE records SET record = ?1, leaf = ?2 WHERE seq = ?3"
                                    : "UPDATE records SET record = ?1 WHERE seq = ?3";
    BOOST_REQUIRE(sqlite3_prepare_v2(mDb, sql, -1, &st, nullptr) == SQLITE_OK);
    sqlite3_bind_text(st, 1, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    const Sha256Digest leaf = LeafHash(text);
    if (recomputeLeaf) sqlite3_bind_blob(st, 2, leaf.data(), 32, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, static_cast<sqlite3_int64>(seq));
    BOOST_REQUIRE(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
  }

  /// Binds one text parameter and runs sql.
  void ExecWithText(const std::string& sql, const std::string& text) {
    sqlite3_stmt* st = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(mDb, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    sqlite3_bind_text(st, 1, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    BOOST_REQUIRE_MESSAGE(sqlite3_step(st) == SQLITE_DONE, sqlite3_errmsg(mDb));
    sqlite3_finalize(st);
  }

  /// Replaces the nodes table by the subtrees of the stored leaves (a careful forger does this).
  void RebuildNodes() {
    MustExec("DELETE FROM nodes");
    CompactRange range;
    std::vector<SubtreeNode> completed;
    for (const auto& leaf : Leaves()) range.Append(leaf, &completed);
    for (const auto& node : completed) {
      sqlite3_stmt* st = nullptr;
      BOOST_REQUIRE(sqlite3_prepare_v2(mDb, "INSERT INTO nodes(level, idx, hash) VALUES(?1, ?2, ?3)", -1, &st,
                                       nullptr) == SQLITE_OK);
      sqlite3_bind_int(st, 1, static_cast<int>(node.level));
      sqlite3_bind_int64(st, 2, static_cast<sqlite3_int64>(node.index));
      sqlite3_bind_blob(st, 3, node.hash.data(), 32, SQLITE_TRANSIENT);
      BOOST_REQUIRE(sqlite3_step(st) == SQLITE_DONE);
      sqlite3_finalize(st);
    }
  }

  /// Every stored leaf hash in seq order.
  std::vector<Sha256Digest> Leaves() {
    sqlite3_stmt* st = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(mDb, "SELECT leaf FROM records ORDER BY seq", -1, &st, nullptr) == SQLITE_OK);
    std::vector<Sha256Digest> out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      Sha256Digest d{};
      std::memcpy(d.data(), sqlite3_column_blob(st, 0), 32);
      out.push_back(d);
    }
    sqlite3_finalize(st);
    return out;
  }

 private:
  sqlite3* mDb = nullptr;
};

/// Replaces the first occurrence of `from` in s (BOOST_REQUIREs that it occurs).
inline std::string ReplaceOnce(std::string s, const std::string& from, const std::string& to) {
  const auto pos = s.find(from);
  BOOST_REQUIRE_MESSAGE(pos != std::string::npos, "'" + from + "' not in " + s);
  return s.replace(pos, from.size(), to);
}

}  // namespace platedesk::audit::test

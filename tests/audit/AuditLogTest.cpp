// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditTestSupport.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/CanonicalJson.h"
#include "platedesk/audit/SignedNote.h"
#include "platedesk/audit/Verifier.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <thread>

using namespace platedesk;
using namespace platedesk::audit;
using namespace platedesk::audit::test;
namespace fs = std::filesystem;

namespace {

std::string NonceOf(const std::string& record) {
  const auto pos = record.find("\"nonce\":\"");
  BOOST_REQUIRE(pos != std::string::npos);
  return record.substr(pos + 9, 32);
}

void RequireVerifies(const fs::path& db, const VerifyOptions& options = {}) {
  auto report = VerifyLog(db, options);
  BOOST_REQUIRE(report.Ok());
  BOOST_TEST(report->ok, report->reason);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(AuditLogTest)

BOOST_AUTO_TEST_CASE(CreatesTheLogWithAnOwnerOnlySigningKey) {
  LogFixture f;
  auto log = f.Open("storage-7");
  BOOST_TEST(log->Origin() == "platedesk.local/storage-7");
  BOOST_TEST(fs::exists(f.DbPath()));
  BOOST_REQUIRE(fs::exists(f.KeyPath()));
  BOOST_TEST(!fs::exists(f.KeyPath().string() + ".new"));
#ifndef _WIN32
  const auto perms = fs::status(f.KeyPath()).permissions();
  BOOST_TEST((perms == (fs::perms::owner_read | fs::perms::owner_write)));
#endif
  auto vkey = log->VerifierKey();
  BOOST_REQUIRE(vkey.Ok());
  auto parsed = ParseVerifierKey(*vkey);
  BOOST_REQUIRE(parsed.Ok());
  BOOST_TEST(parsed->name == "platedesk.local/storage-7");
  BOOST_TEST(*log->Size() == 0u);
  BOOST_TEST((*log->RootAt(0) == EmptyRoot()));
  RawDb raw(f.DbPath());
  BOOST_TEST(raw.Text("PRAGMA journal_mode") == "wal");
}

BOOST_AUTO_TEST_CASE(AppendWritesTheExactCanonicalRecordWithGapFreeSeq) {
  LogFixture f;
  auto log = f.Open();
  auto first = log->Append(LoginSuccess("alice"));
  BOOST_REQUIRE(first.Ok());
  f.clock.Advance(1234);
  auto second = log->Append(SearchStart("alice", "2026-00042", "ABC?23"));
  BOOST_REQUIRE(second.Ok());
  BOOST_TEST(first->seq == 0u);
  BOOST_TEST(second->seq == 1u);
  const std::string nonce = NonceOf(second->canonical);
  BOOST_TEST(nonce != NonceOf(first->canonical));
  BOOST_TEST(second->canonical ==
             "{\"app_version\":\"0.1.0-test\",\"case\":\"2026-00042\",\"event\":\"search.start\","
             "\"justification\":\"robbery suspect vehicle\",\"nonce\":\"" +
                 nonce +
                 "\",\"outcome\":\"success\",\"purpose_code\":\"CRIM-INV\",\"purpose_text\":\"criminal investigation\","
                 "\"query\":{\"from\":\"2026-02-01\",\"plate\":\"ABC?23\"},\"seq\":1,\"session\":\"s-alice\","
                 "\"time\":\"2026-03-02T09:30:01.234Z\",\"user\":\"alice\",\"workstation\":\"ws-01\"}");
  BOOST_TEST(*CanonicalizeJson(second->canonical) == second->canonical);
  BOOST_TEST((second->leafHash == LeafHash(second->canonical)));
  BOOST_TEST(second->time == f.clock.Now());
  auto stored = log->Get(1);
  BOOST_REQUIRE(stored.Ok());
  BOOST_TEST(stored->canonical == second->canonical);
  BOOST_TEST(stored->caseNumber == "2026-00042");
  BOOST_TEST(!stored->pruned);
}

BOOST_AUTO_TEST_CASE(AppendRefusesEventsThatBreakTheCatalogueWithoutUsingASeq) {
  LogFixture f;
  auto log = f.Open();
  auto expectRefused = [&](AuditEvent e, const std::string& mention) {
    auto r = log->Append(e);
    BOOST_REQUIRE(!r.Ok());
    BOOST_TEST((r.Err().code == ErrorCode::InvalidArgument));
    BOOST_TEST(r.Err().ToString().find(mention) != std::string::npos, r.Err().ToString());
  };
  AuditEvent unknown = LoginSuccess("alice");
  unknown.event = "login.maybe";
  expectRefused(unknown, "unknown event type");
  AuditEvent noCase = SearchStart("alice", "", "ABC");
  expectRefused(noCase, "\"case\"");
  AuditEvent noPurpose = SearchStart("alice", "C-1", "ABC");
  noPurpose.purposeCode.clear();
  expectRefused(noPurpose, "purpose_code");
  AuditEvent noQuery = SearchStart("alice", "C-1", "ABC");
  noQuery.query.clear();
  expectRefused(noQuery, "query");
  AuditEvent noUser = LoginSuccess("");
  expectRefused(noUser, "\"user\"");
  AuditEvent failure;
  failure.event = "login.failure";
  failure.user = "mallory";
  failure.reason = "wrong password";
  failure.outcome = Outcome::Success;
  expectRefused(failure, "outcome");
  AuditEvent floats = LoginSuccess("alice");
  floats.detailsJson = R"({"confidence":0.93})";
  expectRefused(floats, "floating-point");
  AuditEvent notObject = LoginSuccess("alice");
  notObject.detailsJson = "[1,2]";
  expectRefused(notObject, "object");
  AuditEvent badUtf8 = LoginSuccess("al\xC3\x28ice");
  expectRefused(badUtf8, "UTF-8");
  BOOST_TEST(*log->Size() == 0u);
  failure.outcome = Outcome::Failure;
  auto ok = log->Append(failure);
  BOOST_REQUIRE(ok.Ok());
  BOOST_TEST(ok->seq == 0u);
}

BOOST_AUTO_TEST_CASE(DetailsAreStoredCanonically) {
  LogFixture f;
  auto log = f.Open();
  AuditEvent e;
  e.event = "purge";
  e.user = "system";
  e.resultCount = 12;
  e.detailsJson = R"( { "reads" : 12, "images": 24, "held": {"kept": 3, "case": "C-9"} } )";
  auto r = log->Append(e);
  BOOST_REQUIRE(r.Ok());
  BOOST_TEST(r->canonical.find(R"("details":{"held":{"case":"C-9","kept":3},"images":24,"reads":12})") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(AppendsSurviveReopeningAndContinueTheSequence) {
  LogFixture f;
  Sha256Digest root{};
  {
    auto log = f.Open();
    AppendSome(*log, f.clock, 5);
    root = *log->RootAt(5);
  }
  auto log = f.Open();
  BOOST_TEST(*log->Size() == 5u);
  BOOST_TEST((*log->RootAt(5) == root));
  auto next = log->Append(LoginSuccess("carol"));
  BOOST_REQUIRE(next.Ok());
  BOOST_TEST(next->seq == 5u);
  RequireVerifies(f.DbPath());
}

BOOST_AUTO_TEST_CASE(TriggersRefuseUpdatesAndDeletes) {
  LogFixture f;
  {
    auto log = f.Open();
    AppendSome(*log, f.clock, 4);
    BOOST_REQUIRE(log->SignCheckpoint().Ok());
  }
  RawDb raw(f.DbPath());
  BOOST_TEST(raw.Exec("UPDATE records SET record = '{}' WHERE seq = 1") != SQLITE_OK);
  BOOST_TEST(raw.Exec("UPDATE records SET user_name = 'eve' WHERE seq = 1") != SQLITE_OK);
  BOOST_TEST(raw.Exec("UPDATE records SET pruned = 1, record = NULL, leaf = zeroblob(32) WHERE seq = 1") != SQLITE_OK);
  BOOST_TEST(raw.Exec("DELETE FROM records WHERE seq = 3") != SQLITE_OK);
  BOOST_TEST(raw.Exec("DELETE FROM nodes") != SQLITE_OK);
  BOOST_TEST(raw.Exec("UPDATE checkpoints SET note = 'x'") != SQLITE_OK);
  BOOST_TEST(raw.Exec("DELETE FROM checkpoints") != SQLITE_OK);
  BOOST_TEST(raw.Exec("UPDATE keys SET vkey = 'x'") != SQLITE_OK);
  BOOST_TEST(raw.Exec("DELETE FROM keys") != SQLITE_OK);
  BOOST_TEST(raw.Text("SELECT COUNT(*) FROM records") == "4");
  RequireVerifies(f.DbPath());
}

BOOST_AUTO_TEST_CASE(RootsAndProofsFromTheDatabaseMatchAnInMemoryTree) {
  LogFixture f;
  auto log = f.Open();
  const auto appended = AppendSome(*log, f.clock, 37);
  MerkleTree tree;
  for (const auto& a : appended) tree.Append(a.leafHash);
  for (std::uint64_t n = 0; n <= 37; ++n) {
    const Sha256Digest root = *tree.RootAt(n);
    BOOST_TEST((*log->RootAt(n) == root), "root " << n);
    for (std::uint64_t m = 0; m < n; m += 3) {
      auto proof = log->InclusionProof(m, n);
      BOOST_REQUIRE(proof.Ok());
      BOOST_TEST(VerifyInclusion(m, n, appended[m].leafHash, *proof, root));
    }
    for (std::uint64_t m = 0; m <= n; m += 2) {
      auto proof = log->ConsistencyProof(m, n);
      BOOST_REQUIRE(proof.Ok());
      BOOST_TEST(VerifyConsistency(m, n, *tree.RootAt(m), root, *proof), m << "->" << n);
    }
  }
  BOOST_TEST(!log->RootAt(38).Ok());
  BOOST_TEST(!log->InclusionProof(37, 37).Ok());
  BOOST_TEST(!log->ConsistencyProof(5, 38).Ok());
}

BOOST_AUTO_TEST_CASE(SignCheckpointProducesAVerifiableC2spNoteOnlyOncePerSize) {
  LogFixture f;
  auto log = f.Open("abc");
  const auto appended = AppendSome(*log, f.clock, 3);
  auto cp = log->SignCheckpoint();
  BOOST_REQUIRE(cp.Ok());
  BOOST_TEST(cp->size == 3u);
  BOOST_TEST((cp->root == *log->RootAt(3)));
  BOOST_TEST(cp->note.find("platedesk.local/abc\n3\n") == 0u);
  BOOST_TEST(cp->note.find("\n\n\xE2\x80\x94 platedesk.local/abc ") != std::string::npos);
  auto key = ParseVerifierKey(*log->VerifierKey());
  BOOST_REQUIRE(key.Ok());
  BOOST_TEST(cp->keyId == key->KeyIdHex());
  auto head = OpenCheckpoint(cp->note, *key);
  BOOST_REQUIRE(head.Ok());
  BOOST_TEST((head->root == cp->root));
  // An export needs the inclusion proof of its event against this checkpoint.
  BOOST_TEST(VerifyInclusion(1, 3, appended[1].leafHash, *log->InclusionProof(1, 3), head->root));
  auto again = log->SignCheckpoint();
  BOOST_REQUIRE(again.Ok());
  BOOST_TEST(again->note == cp->note);
  BOOST_TEST(log->Checkpoints()->size() == 1u);
}

BOOST_AUTO_TEST_CASE(MaybeCheckpointSignsEveryFiveMinutesWhileEventsOccur) {
  LogFixture f;
  auto log = f.Open();
  BOOST_TEST(!log->MaybeCheckpoint(f.clock.Now())->has_value());  // nothing to sign
  AppendSome(*log, f.clock, 2);
  auto first = log->MaybeCheckpoint(f.clock.Now());
  BOOST_REQUIRE(first.Ok());
  BOOST_REQUIRE(first->has_value());
  BOOST_TEST((*first)->size == 2u);
  AppendSome(*log, f.clock, 1);
  BOOST_TEST(!log->MaybeCheckpoint(f.clock.Now() + kMsPerMinute)->has_value());  // too soon
  auto due = log->MaybeCheckpoint((*first)->signedAt + kCheckpointInterval);
  BOOST_REQUIRE(due.Ok());
  BOOST_REQUIRE(due->has_value());
  BOOST_TEST((*due)->size == 3u);
  BOOST_TEST(!log->MaybeCheckpoint(f.clock.Now() + kMsPerHour)->has_value());  // no new entries
  BOOST_TEST(log->Checkpoints()->size() == 2u);
}

BOOST_AUTO_TEST_CASE(AClockThatGoesBackIsRecordedAndStillVerifies) {
  LogFixture f;
  {
    auto log = f.Open();
    AppendSome(*log, f.clock, 2);
    f.clock.Advance(-10 * kMsPerSecond);
    auto r = log->Append(LoginSuccess("alice"));
    BOOST_REQUIRE(r.Ok());
    BOOST_TEST(r->canonical.find("\"clock_back_ms\":10000") != std::string::npos, r->canonical);
    f.clock.Advance(20 * kMsPerSecond);
    auto later = log->Append(LoginSuccess("bob"));
    BOOST_REQUIRE(later.Ok());
    BOOST_TEST(later->canonical.find("clock_back_ms") == std::string::npos);
  }
  RequireVerifies(f.DbPath());
}

BOOST_AUTO_TEST_CASE(ListFiltersByUserTimeCaseEventAndPurposeInSeqOrder) {
  LogFixture f;
  auto log = f.Open();
  const UtcMs start = f.clock.Now();
  AppendSome(*log, f.clock, 30);  // alternating alice/bob; search.start, search.result, login.success
  auto all = log->List({});
  BOOST_REQUIRE(all.Ok());
  BOOST_REQUIRE_EQUAL(all->size(), 30u);
  for (std::size_t i = 0; i < all->size(); ++i) BOOST_TEST((*all)[i].seq == i);

  RecordFilter byUser;
  byUser.user = "alice";
  const auto alice = *log->List(byUser);
  for (const auto& r : alice) BOOST_TEST(r.user == "alice");
  BOOST_TEST(alice.size() == 15u);

  RecordFilter byTime;
  byTime.from = start + 5 * kMsPerSecond;  // seq 4 has time start + 5 s
  byTime.to = start + 10 * kMsPerSecond;
  auto window = log->List(byTime);
  BOOST_REQUIRE_EQUAL(window->size(), 5u);
  BOOST_TEST(window->front().seq == 4u);

  RecordFilter byCase;
  byCase.caseNumber = "2026-100";
  const auto inCase = *log->List(byCase);
  for (const auto& r : inCase) BOOST_TEST(r.canonical.find("\"case\":\"2026-100\"") != std::string::npos);
  BOOST_TEST(!inCase.empty());

  RecordFilter byEvent;
  byEvent.eventType = "search.*";
  BOOST_TEST(log->List(byEvent)->size() == 20u);
  byEvent.eventType = "search.start";
  BOOST_TEST(log->List(byEvent)->size() == 10u);
  byEvent.purposeCode = "CRIM-INV";
  BOOST_TEST(log->List(byEvent)->size() == 10u);
  byEvent.purposeCode = "OTHER";
  BOOST_TEST(log->List(byEvent)->empty());

  RecordFilter page;
  page.fromSeq = 10;
  page.limit = 3;
  auto p = log->List(page);
  BOOST_REQUIRE_EQUAL(p->size(), 3u);
  BOOST_TEST(p->front().seq == 10u);
  BOOST_TEST(p->back().seq == 12u);
}

BOOST_AUTO_TEST_CASE(RotatingTheKeyChainsKeysAndEverythingStillVerifies) {
  LogFixture f;
  std::string firstKey;
  {
    auto log = f.Open();
    AppendSome(*log, f.clock, 6);
    firstKey = *log->VerifierKey();
    auto newKey = log->RotateKey("admin", "s-admin");
    BOOST_REQUIRE(newKey.Ok());
    BOOST_TEST(*newKey != firstKey);
    BOOST_TEST(*log->VerifierKey() == *newKey);
    BOOST_TEST((*log->KeyChain() == std::vector<std::string>{firstKey, *newKey}));
    // Old key signed size 6; the rotation event is seq 6; the new key signed size 7.
    auto rotation = log->Get(6);
    BOOST_REQUIRE(rotation.Ok());
    BOOST_TEST(rotation->event == "audit.key_rotated");
    auto cps = *log->Checkpoints();
    BOOST_REQUIRE_EQUAL(cps.size(), 2u);
    BOOST_TEST(cps[0].size == 6u);
    BOOST_TEST(cps[0].keyId == ParseVerifierKey(firstKey)->KeyIdHex());
    BOOST_TEST(cps[1].size == 7u);
    BOOST_TEST(cps[1].keyId == ParseVerifierKey(*newKey)->KeyIdHex());
    auto keyFile = ReadFile(f.KeyPath());
    BOOST_REQUIRE(keyFile.Ok());
    BOOST_TEST(NoteSigner::Parse(*keyFile)->Verifier().Encode() == *newKey);
    AppendSome(*log, f.clock, 3);
    BOOST_REQUIRE(log->SignCheckpoint().Ok());
  }
  auto reopened = f.Open();  // finds the new key
  BOOST_TEST(reopened->SignCheckpoint().Ok());
  VerifyOptions options;
  options.trustedKey = firstKey;
  RequireVerifies(f.DbPath(), options);
}

BOOST_AUTO_TEST_CASE(KeyRecordsCarryTheEndorsementAWitnessFollows) {
  LogFixture f;
  auto log = f.Open();
  AppendSome(*log, f.clock, 4);
  const std::string firstKey = *log->VerifierKey();
  const std::string newKey = log->RotateKey("admin", "s-admin").Value();
  auto records = log->KeyRecords();
  BOOST_REQUIRE(records.Ok());
  BOOST_REQUIRE_EQUAL(records->size(), 2u);
  BOOST_TEST((*records)[0].verifierKey == firstKey);
  BOOST_TEST((*records)[0].validFrom == 0u);
  BOOST_TEST((*records)[0].endorsement.empty());
  BOOST_TEST((*records)[1].verifierKey == newKey);
  BOOST_TEST((*records)[1].validFrom == 5u);  // after the rotation record, seq 4
  // The old key signed the endorsement; the new key did not, and a checkpoint is no endorsement.
  auto endorsed = OpenEndorsement((*records)[1].endorsement, *ParseVerifierKey(firstKey));
  BOOST_REQUIRE_MESSAGE(endorsed.Ok(), (endorsed.Ok() ? "" : endorsed.Err().ToString()));
  BOOST_TEST(endorsed->newKey == newKey);
  BOOST_TEST(endorsed->validFrom == 5u);
  BOOST_TEST(endorsed->origin == log->Origin());
  auto byNewKey = OpenEndorsement((*records)[1].endorsement, *ParseVerifierKey(newKey));
  BOOST_REQUIRE(!byNewKey.Ok());
  BOOST_TEST((byNewKey.Err().code == ErrorCode::PermissionDenied));
  auto checkpoint = OpenEndorsement(log->Checkpoints()->front().note, *ParseVerifierKey(firstKey));
  BOOST_REQUIRE(!checkpoint.Ok());
  BOOST_TEST((checkpoint.Err().code == ErrorCode::InvalidArgument));
  // The rotation record says which key it was.
  const auto record = nlohmann::json::parse(log->Get(4)->canonical);
  BOOST_TEST(record["details"]["which"].get<std::string>() == "audit");
}

BOOST_AUTO_TEST_CASE(OpenFinishesARotationInterruptedBeforeTheKeyFileRename) {
  LogFixture f;
  std::string oldKeyFile;
  {
    auto log = f.Open();
    AppendSome(*log, f.clock, 2);
    oldKeyFile = *ReadFile(f.KeyPath());
    BOOST_REQUIRE(log->RotateKey("admin", "s-admin").Ok());
  }
  // Simulate a crash after the commit: the new key still under .new, the old one in place.
  fs::rename(f.KeyPath(), f.KeyPath().string() + ".new");
  BOOST_REQUIRE(WriteFileAtomic(f.KeyPath(), oldKeyFile).Ok());
  auto log = f.Open();
  BOOST_TEST(!fs::exists(f.KeyPath().string() + ".new"));
  BOOST_TEST(NoteSigner::Parse(*ReadFile(f.KeyPath()))->Verifier().Encode() == *log->VerifierKey());
  AppendSome(*log, f.clock, 1);
  BOOST_TEST(log->SignCheckpoint().Ok());
}

BOOST_AUTO_TEST_CASE(OpenRefusesAKeyFileWithoutALogAndAForeignKey) {
  LogFixture f;
  {
    auto log = f.Open();
    AppendSome(*log, f.clock, 2);
  }
  const std::string realKey = *ReadFile(f.KeyPath());
  auto foreign = NoteSigner::Generate("platedesk.local/test-storage");
  BOOST_REQUIRE(WriteFileAtomic(f.KeyPath(), foreign->Encode()).Ok());
  AuditLogOptions options{"test-storage", "ws-01", "1"};
  auto mismatched = AuditLog::Open(f.DbPath(), options, f.clock);
  BOOST_REQUIRE(!mismatched.Ok());
  BOOST_TEST((mismatched.Err().code == ErrorCode::Corrupt));
  // Deleting audit.db must not silently start a new log next to the old key.
  BOOST_REQUIRE(WriteFileAtomic(f.KeyPath(), realKey).Ok());
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(f.DbPath().string() + suffix);
  auto fresh = AuditLog::Open(f.DbPath(), options, f.clock);
  BOOST_REQUIRE(!fresh.Ok());
  BOOST_TEST((fresh.Err().code == ErrorCode::Corrupt));
  BOOST_TEST(!AuditLog::Open(f.folder.Path() / "missing" / "audit.db", options, f.clock).Ok());
  // Another SQLite database (platedesk.db picked by mistake) is never turned into an audit log.
  {
    RawDb other(f.folder.Path() / "platedesk.db");
    other.MustExec("CREATE TABLE reads(id INTEGER PRIMARY KEY)");
  }
  auto wrongDb = AuditLog::Open(f.folder.Path() / "platedesk.db", options, f.clock);
  BOOST_REQUIRE(!wrongDb.Ok());
  BOOST_TEST((wrongDb.Err().code == ErrorCode::Corrupt));
  BOOST_TEST(!AuditLog::Open(f.DbPath(), AuditLogOptions{"x", "", "1"}, f.clock).Ok());
}

BOOST_AUTO_TEST_CASE(ReadOnlyOpenListsButRefusesWrites) {
  LogFixture f;
  {
    auto log = f.Open();
    AppendSome(*log, f.clock, 3);
  }
  auto ro = AuditLog::OpenReadOnly(f.DbPath());
  BOOST_REQUIRE(ro.Ok());
  BOOST_TEST((*ro)->List({})->size() == 3u);
  BOOST_TEST((*ro)->Origin() == "platedesk.local/test-storage");
  auto w = (*ro)->Append(LoginSuccess("alice"));
  BOOST_REQUIRE(!w.Ok());
  BOOST_TEST((w.Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST(!(*ro)->SignCheckpoint().Ok());
  BOOST_TEST(!AuditLog::OpenReadOnly(f.folder.Path() / "nope.db").Ok());
}

BOOST_AUTO_TEST_CASE(TwoWritersOnOneFileKeepTheSequenceGapFree) {
  LogFixture f;
  auto a = f.Open();
  auto b = f.Open();
  for (int i = 0; i < 10; ++i) {
    f.clock.Advance(10);
    auto ra = a->Append(LoginSuccess("alice"));
    auto rb = b->Append(LoginSuccess("bob"));
    BOOST_REQUIRE(ra.Ok() && rb.Ok());
    BOOST_TEST(ra->seq == static_cast<std::uint64_t>(2 * i));
    BOOST_TEST(rb->seq == static_cast<std::uint64_t>(2 * i + 1));
  }
  BOOST_TEST((*a->RootAt(20) == *b->RootAt(20)));
  BOOST_REQUIRE(a->SignCheckpoint().Ok());
  a.reset();
  b.reset();
  RequireVerifies(f.DbPath());
}

BOOST_AUTO_TEST_CASE(ConcurrentAppendsFromThreadsAreSerialised) {
  LogFixture f;
  auto log = f.Open();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        if (!log->Append(LoginSuccess("user" + std::to_string(t))).Ok()) ++failures;
    });
  for (auto& th : threads) th.join();
  BOOST_TEST(failures.load() == 0);
  BOOST_TEST(*log->Size() == 100u);
  BOOST_REQUIRE(log->SignCheckpoint().Ok());
  log.reset();
  RequireVerifies(f.DbPath());
}

BOOST_AUTO_TEST_CASE(AppendBatchIsAllOrNothing) {
  LogFixture f;
  auto log = f.Open();
  AuditEvent bad = SearchStart("alice", "", "X");
  auto r = log->AppendBatch({LoginSuccess("alice"), bad, LoginSuccess("bob")});
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST(*log->Size() == 0u);
  auto ok = log->AppendBatch({LoginSuccess("alice"), SearchStart("alice", "C-1", "X"), LoginSuccess("bob")});
  BOOST_REQUIRE(ok.Ok());
  BOOST_TEST(ok->back().seq == 2u);
  BOOST_TEST(*log->Size() == 3u);
}

BOOST_AUTO_TEST_CASE(AppendFailsClosedWhenTheDatabaseRefusesTheWrite) {
  LogFixture f;
  auto log = f.Open();
  AppendSome(*log, f.clock, 2);
  const Sha256Digest root = *log->RootAt(2);
  {
    RawDb raw(f.DbPath());  // fault injection: the disk "refuses" every insert
    raw.MustExec("CREATE TRIGGER fault BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'injected'); END");
  }
  auto r = log->Append(LoginSuccess("alice"));
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::Io));
  {
    RawDb raw(f.DbPath());
    raw.MustExec("DROP TRIGGER fault");
  }
  BOOST_TEST(*log->Size() == 2u);
  BOOST_TEST((*log->RootAt(2) == root));
  auto next = log->Append(LoginSuccess("alice"));
  BOOST_REQUIRE(next.Ok());
  BOOST_TEST(next->seq == 2u);
}

BOOST_AUTO_TEST_CASE(PruneRefusesRecordsYoungerThanAYear) {
  LogFixture f;
  auto log = f.Open();
  AppendSome(*log, f.clock, 3);
  auto r = log->Prune(f.clock.Now() - 364 * kMsPerDay, "admin", "s-admin");
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::InvalidArgument));
  auto none = log->Prune(f.clock.Now() - 400 * kMsPerDay, "admin", "s-admin");
  BOOST_REQUIRE(none.Ok());
  BOOST_TEST(none->pruned == 0u);
  BOOST_TEST(*log->Size() == 3u);
}

BOOST_AUTO_TEST_CASE(PruneTombstonesAPrefixAndKeepsEveryRootAndCheckpoint) {
  LogFixture f;
  auto log = f.Open();
  const auto prunedRecords = AppendSome(*log, f.clock, 10);
  auto old = log->SignCheckpoint();
  BOOST_REQUIRE(old.Ok());
  const UtcMs cut = f.clock.Now() + kMsPerDay;
  f.clock.Advance(30 * kMsPerDay);
  const auto kept = AppendSome(*log, f.clock, 5);
  const Sha256Digest root15 = *log->RootAt(15);
  f.clock.Advance(400 * kMsPerDay);
  auto report = log->Prune(cut, "admin", "s-admin");
  BOOST_REQUIRE(report.Ok());
  BOOST_TEST(report->fromSeq == 0u);
  BOOST_TEST(report->toSeq == 10u);
  BOOST_TEST(report->pruned == 10u);
  BOOST_TEST(*log->Size() == 16u);
  BOOST_TEST((*log->RootAt(15) == root15));
  BOOST_TEST((*log->RootAt(10) == old->root));
  auto gone = log->Get(3);
  BOOST_REQUIRE(gone.Ok());
  BOOST_TEST(gone->pruned);
  BOOST_TEST(gone->canonical.empty());
  BOOST_TEST(gone->user.empty());
  BOOST_TEST(!log->Get(10)->pruned);
  auto event = log->Get(15);
  BOOST_TEST(event->event == "audit.pruned");
  BOOST_TEST(event->canonical.find("\"to_seq\":10") != std::string::npos);
  // A second prune with the same cut finds nothing more.
  BOOST_TEST(log->Prune(cut, "admin", "s-admin")->pruned == 0u);
  BOOST_REQUIRE(log->SignCheckpoint().Ok());
  log.reset();
  // secure_delete and the WAL truncation leave no trace of the pruned text in the files.
  std::string bytes = *ReadFile(f.DbPath());
  if (fs::exists(f.DbPath().string() + "-wal")) bytes += *ReadFile(f.DbPath().string() + "-wal");
  BOOST_TEST(bytes.find(NonceOf(kept[0].canonical)) != std::string::npos);  // the search works
  for (const auto& r : prunedRecords) BOOST_TEST(bytes.find(NonceOf(r.canonical)) == std::string::npos);
  auto verified = VerifyLog(f.DbPath(), {old->note});
  BOOST_REQUIRE(verified.Ok());
  BOOST_TEST(verified->ok, verified->reason);
  BOOST_TEST(verified->pruned == 10u);
}

BOOST_AUTO_TEST_CASE(SignStatementSignsOnlyStatementsWithTheCurrentKey) {
  LogFixture f;
  auto log = f.Open();
  const std::string text = "platedesk statement evidence-package/1\npackage 1234\n";
  auto signedNote = log->SignStatement(text);
  BOOST_REQUIRE(signedNote.Ok());
  auto note = ParseSignedNote(*signedNote);
  BOOST_REQUIRE(note.Ok());
  BOOST_TEST(note->text == text);
  auto key = ParseVerifierKey(log->VerifierKey().Value());
  BOOST_REQUIRE(key.Ok());
  BOOST_TEST(HasValidSignature(*note, *key));
  // A checkpoint body or a key endorsement cannot be had through this door.
  BOOST_TEST(!log->SignStatement(log->Origin() + "\n5\nAAAA\n").Ok());
  BOOST_TEST(!log->SignStatement("platedesk audit key\nx\n").Ok());
  BOOST_TEST(!ParseCheckpointBody(note->text).Ok());
  auto readOnly = AuditLog::OpenReadOnly(f.DbPath());
  BOOST_REQUIRE(readOnly.Ok());
  BOOST_TEST(((*readOnly)->SignStatement(text).Err().code == ErrorCode::PermissionDenied));
}

BOOST_AUTO_TEST_SUITE_END()

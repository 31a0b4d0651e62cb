// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditTestSupport.h"

#include "platedesk/audit/CanonicalJson.h"
#include "platedesk/audit/Verifier.h"
#include "platedesk/common/Hash.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

using namespace platedesk;
using namespace platedesk::audit;
using namespace platedesk::audit::test;
namespace fs = std::filesystem;

namespace {

// A closed log of 24 records with stored checkpoints at 8, 16 and 24. The notes are kept, as an
// evidence package or a review report would keep them outside the machine.
struct Tampered : LogFixture {
  std::vector<Checkpoint> checkpoints;
  std::string rootKey;

  explicit Tampered(bool finalCheckpoint = true) {
    auto log = Open();
    rootKey = *log->VerifierKey();
    for (int batch = 0; batch < 3; ++batch) {
      AppendSome(*log, clock, 8, batch * 8);
      if (batch < 2 || finalCheckpoint) checkpoints.push_back(*log->SignCheckpoint());
    }
  }

  VerifyReport Verify(const std::vector<std::string>& external = {},
                      const std::optional<std::string>& trusted = std::nullopt) {
    auto report = VerifyLog(DbPath(), external, trusted);
    BOOST_REQUIRE_MESSAGE(report.Ok(), (report.Ok() ? std::string() : report.Err().ToString()));
    return *report;
  }

  NoteSigner RealKey() {
    auto signer = NoteSigner::Parse(*ReadFile(KeyPath()));
    BOOST_REQUIRE(signer.Ok());
    return std::move(*signer);
  }

  // Re-signs every stored checkpoint over the roots of the (possibly forged) leaves.
  void ResignAll(RawDb& raw, const NoteSigner& signer) {
    MerkleTree tree;
    for (const auto& leaf : raw.Leaves()) tree.Append(leaf);
    for (const auto& cp : checkpoints) {
      const std::string note = *signer.Sign(FormatCheckpointBody({Origin(), cp.size, *tree.RootAt(cp.size)}));
      raw.ExecWithText("UPDATE checkpoints SET note = ?1 WHERE tree_size = " + std::to_string(cp.size), note);
    }
  }

  static std::string Origin() { return "platedesk.local/test-storage"; }
};

void ExpectFail(const VerifyReport& r, VerifyProblem problem, std::optional<std::uint64_t> index) {
  BOOST_TEST(!r.ok);
  BOOST_TEST(VerifyProblemName(r.problem) == VerifyProblemName(problem), r.reason);
  if (index) {
    BOOST_REQUIRE_MESSAGE(r.firstBadIndex.has_value(), r.reason);
    BOOST_TEST(*r.firstBadIndex == *index, r.reason);
  }
  BOOST_TEST(!r.reason.empty());
}

std::string Sha256OfFile(const fs::path& p) { return Sha256Hex(*ReadFile(p)); }

}  // namespace

BOOST_AUTO_TEST_SUITE(VerifierTest)

BOOST_AUTO_TEST_CASE(AnUntouchedLogPassesAndReportsItsUnanchoredTail) {
  Tampered t;
  auto r = t.Verify();
  BOOST_TEST(r.ok, r.reason);
  BOOST_TEST(VerifyProblemName(r.problem) == std::string("none"));
  BOOST_TEST(r.entries == 24u);
  BOOST_TEST(r.storedCheckpoints == 3u);
  BOOST_TEST(r.keys == 1u);
  BOOST_TEST(r.origin == Tampered::Origin());
  BOOST_TEST((r.root == t.checkpoints.back().root));
  BOOST_TEST(r.unanchoredTail == 24u);
  BOOST_TEST(!r.warnings.empty());

  auto anchored = t.Verify({t.checkpoints[1].note}, t.rootKey);
  BOOST_TEST(anchored.ok, anchored.reason);
  BOOST_TEST(anchored.externalCheckpoints == 1u);
  BOOST_TEST(*anchored.newestExternalCheckpointSize == 16u);
  BOOST_TEST(anchored.unanchoredTail == 8u);
}

BOOST_AUTO_TEST_CASE(AChangedByteInAnyRecordFailsAtThatRecord) {
  Tampered t;
  for (std::uint64_t seq = 0; seq < 24; ++seq) {
    std::string original;
    {
      RawDb raw(t.DbPath());
      original = raw.Record(seq);
    }
    for (std::size_t pos : {std::size_t{0}, original.size() / 2, original.size() - 1}) {
      const fs::path copy = t.folder.Path() / ("copy-" + std::to_string(seq) + "-" + std::to_string(pos));
      fs::create_directory(copy);
      fs::copy_file(t.DbPath(), copy / "audit.db");
      {
        RawDb raw(copy / "audit.db");
        raw.DropTriggers();
        std::string changed = original;
        changed[pos] = changed[pos] == 'x' ? 'y' : 'x';
        raw.SetRecord(seq, changed, /*recomputeLeaf=*/false);
      }
      auto r = VerifyLog(copy / "audit.db", VerifyOptions{});
      BOOST_REQUIRE(r.Ok());
      ExpectFail(*r, VerifyProblem::LeafHashMismatch, seq);
      fs::remove_all(copy);
    }
  }
}

BOOST_AUTO_TEST_CASE(ADeletedRecordIsAGapAtItsIndex) {
  Tampered t;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    raw.MustExec("DELETE FROM records WHERE seq = 10");
  }
  ExpectFail(t.Verify(), VerifyProblem::SequenceGap, 10);
}

BOOST_AUTO_TEST_CASE(ADeletedRecordWithRenumberedSuccessorsFailsAtItsIndex) {
  Tampered t;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    raw.MustExec("DELETE FROM records WHERE seq = 10");
    raw.MustExec("UPDATE records SET seq = seq + 1000000 WHERE seq > 10");
    raw.MustExec("UPDATE records SET seq = seq - 1000000 - 1 WHERE seq >= 1000000");
  }
  ExpectFail(t.Verify(), VerifyProblem::SequenceMismatch, 10);
}

BOOST_AUTO_TEST_CASE(AnInsertedRecordFailsAtItsIndex) {
  Tampered t;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    // A well-formed forged record (own seq, another nonce, valid leaf) slipped in at 10.
    std::string forged = ReplaceOnce(raw.Record(9), "\"seq\":9,", "\"seq\":10,");
    const auto nonce = forged.find("\"nonce\":\"") + 9;
    forged[nonce] = forged[nonce] == '0' ? '1' : '0';
    raw.MustExec("UPDATE records SET seq = seq + 1000000 WHERE seq >= 10");
    raw.MustExec("UPDATE records SET seq = seq - 1000000 + 1 WHERE seq >= 1000000");
    raw.MustExec(
        "INSERT INTO records(seq, record, leaf, time_ms, event, outcome, user_name, case_no, purpose) "
        "SELECT 10, record, leaf, time_ms, event, outcome, user_name, case_no, purpose FROM records "
        "WHERE seq = 9");
    raw.SetRecord(10, forged, /*recomputeLeaf=*/true);
  }
  auto r = t.Verify();
  ExpectFail(r, VerifyProblem::SequenceMismatch, 10);
}

BOOST_AUTO_TEST_CASE(TwoSwappedRecordsFailAtTheFirst) {
  Tampered t;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    raw.MustExec("UPDATE records SET seq = -1 WHERE seq = 5");
    raw.MustExec("UPDATE records SET seq = 5 WHERE seq = 12");
    raw.MustExec("UPDATE records SET seq = 12 WHERE seq = -1");
  }
  ExpectFail(t.Verify(), VerifyProblem::SequenceMismatch, 5);
}

BOOST_AUTO_TEST_CASE(SwappedContentsWithRewrittenSeqAndLeafFailTheirTreeNodeAndCheckpoint) {
  Tampered t;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    // A careful attacker swaps two records' texts, fixing seq, time and leaf so each looks valid.
    const std::string a = raw.Record(9), b = raw.Record(12);
    auto seqTime = [](const std::string& r) {
      const auto seq = r.substr(r.find("\"seq\":"), r.find(',', r.find("\"seq\":")) - r.find("\"seq\":"));
      const auto time = r.substr(r.find("\"time\":"), 33);
      return std::pair{seq, time};
    };
    const auto [seqA, timeA] = seqTime(a);
    const auto [seqB, timeB] = seqTime(b);
    raw.SetRecord(9, ReplaceOnce(ReplaceOnce(b, seqB, seqA), timeB, timeA), true);
    raw.SetRecord(12, ReplaceOnce(ReplaceOnce(a, seqA, seqB), timeA, timeB), true);
    raw.MustExec(
        "UPDATE records SET event = (SELECT json_extract(record, '$.event')), "
        "outcome = json_extract(record, '$.outcome'), user_name = json_extract(record, '$.user'), "
        "case_no = json_extract(record, '$.case'), purpose = json_extract(record, '$.purpose_code') "
        "WHERE seq IN (9, 12)");
  }
  auto r = t.Verify();
  ExpectFail(r, VerifyProblem::TreeNodeMismatch, 8);  // the stored node over [8, 10) no longer matches
  BOOST_TEST(*r.badRangeEnd == 10u);
  {
    RawDb raw(t.DbPath());
    raw.RebuildNodes();
  }
  r = t.Verify();
  ExpectFail(r, VerifyProblem::CheckpointRootMismatch, 8);
  BOOST_TEST(*r.badRangeEnd == 16u);
}

BOOST_AUTO_TEST_CASE(AForgedRecordWithARecomputedLeafFailsItsTreeNodeAndTheNextCheckpoint) {
  Tampered t;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    const std::string original = raw.Record(12);  // a search.start (12 % 3 == 0)
    BOOST_REQUIRE(original.find("\"case\":\"2026-102\"") != std::string::npos);
    raw.SetRecord(12, ReplaceOnce(original, "\"case\":\"2026-102\"", "\"case\":\"2026-999\""), true);
    raw.MustExec("UPDATE records SET case_no = '2026-999' WHERE seq = 12");
  }
  auto r = t.Verify();
  ExpectFail(r, VerifyProblem::TreeNodeMismatch, 12);  // the stored node over [12, 14)
  BOOST_TEST(*r.badRangeEnd == 14u);
  {
    RawDb raw(t.DbPath());
    raw.RebuildNodes();  // a careful forger rebuilds the tree as well
  }
  r = t.Verify();
  ExpectFail(r, VerifyProblem::CheckpointRootMismatch, 8);  // entries [8, 16) are suspect
  BOOST_TEST(*r.badRangeEnd == 16u);
  BOOST_TEST(*r.checkpointNumber == 2u);
}

BOOST_AUTO_TEST_CASE(AForgedRecordAfterTheNewestCheckpointIsOnlyFlaggedAsUnsigned) {
  Tampered t(/*finalCheckpoint=*/false);
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    const std::string original = raw.Record(20);
    raw.SetRecord(20, ReplaceOnce(original, "\"user\":\"alice\"", "\"user\":\"carol\""), true);
    raw.MustExec("UPDATE records SET user_name = 'carol' WHERE seq = 20");
    raw.RebuildNodes();
  }
  // Nothing signed covers entry 20 yet: the verifier can only say so (the limit a checkpoint
  // every five minutes keeps small).
  auto r = t.Verify();
  BOOST_TEST(r.ok, r.reason);
  BOOST_TEST(*r.newestStoredCheckpointSize == 16u);
  bool warned = false;
  for (const auto& w : r.warnings) warned = warned || w.find("8 entries are newer") != std::string::npos;
  BOOST_TEST(warned);
}

BOOST_AUTO_TEST_CASE(ACorruptedTreeNodeIsReportedWithTheEntriesItCovers) {
  Tampered t;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    raw.MustExec("UPDATE nodes SET hash = zeroblob(32) WHERE level = 2 AND idx = 1");
  }
  auto r = t.Verify();
  ExpectFail(r, VerifyProblem::TreeNodeMismatch, 4);
  BOOST_TEST(*r.badRangeEnd == 8u);
}

BOOST_AUTO_TEST_CASE(ChangedReviewColumnsFailAtTheirRecord) {
  Tampered t;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    raw.MustExec("UPDATE records SET user_name = 'nobody' WHERE seq = 7");
  }
  ExpectFail(t.Verify(), VerifyProblem::IndexMismatch, 7);
}

BOOST_AUTO_TEST_CASE(ABackdatedForgedRecordFailsTheTimeOrder) {
  Tampered t;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    const std::string r = raw.Record(6);
    const auto pos = r.find("\"time\":\"") + 8;
    const std::string backdated = r.substr(0, pos) + "2020-01-01T00:00:00.000Z" + r.substr(pos + 24);
    raw.SetRecord(6, backdated, true);
    raw.MustExec("UPDATE records SET time_ms = 1577836800000 WHERE seq = 6");
  }
  ExpectFail(t.Verify(), VerifyProblem::TimeOrder, 6);
}

BOOST_AUTO_TEST_CASE(NonCanonicalOrIncompleteForgedRecordsFailAtTheirIndex) {
  {
    Tampered t;
    {
      RawDb raw(t.DbPath());
      raw.DropTriggers();
      raw.SetRecord(4, ReplaceOnce(raw.Record(4), ",", ", "), true);
    }
    ExpectFail(t.Verify(), VerifyProblem::NotCanonical, 4);
  }
  {
    Tampered t;
    {
      RawDb raw(t.DbPath());
      raw.DropTriggers();
      const std::string r = raw.Record(3);  // search.start: drop its purpose text
      const auto from = r.find("\"purpose_text\":");
      const auto to = r.find(',', from);
      raw.SetRecord(3, r.substr(0, from) + r.substr(to + 1), true);
    }
    auto r = t.Verify();
    ExpectFail(r, VerifyProblem::InvalidRecord, 3);
    BOOST_TEST(r.reason.find("purpose_text") != std::string::npos, r.reason);
  }
}

BOOST_AUTO_TEST_CASE(AnEvidenceKeyRecordIsNotAnAuditKeyRotationButAnUnlabelledOneIs) {
  Tampered t;
  const std::string evidenceKey = NoteSigner::Generate(Tampered::Origin() + "/evidence")->Verifier().Encode();
  {
    auto log = t.Open();
    AuditEvent e;
    e.event = "audit.key_rotated";
    e.user = "system";
    e.detailsJson = nlohmann::json{{"which", "evidence"}, {"new_key", evidenceKey}}.dump();
    BOOST_REQUIRE(log->Append(e).Ok());
    BOOST_REQUIRE(log->SignCheckpoint().Ok());
  }
  auto ok = t.Verify({}, t.rootKey);
  BOOST_TEST(ok.ok, ok.reason);
  BOOST_TEST(ok.keys == 1u);
  // The same change without "which" claims an audit key the chain does not have.
  {
    auto log = t.Open();
    AuditEvent e;
    e.event = "audit.key_rotated";
    e.user = "system";
    e.detailsJson = nlohmann::json{{"new_key", evidenceKey}}.dump();
    BOOST_REQUIRE(log->Append(e).Ok());
  }
  ExpectFail(t.Verify({}, t.rootKey), VerifyProblem::KeyChain, std::nullopt);
}

BOOST_AUTO_TEST_CASE(TruncationIsDetectedAgainstAnExternalCheckpoint) {
  Tampered t;
  const std::string external = t.checkpoints[2].note;  // size 24, e.g. in an evidence package
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    raw.MustExec("DELETE FROM records WHERE seq >= 20");
    raw.MustExec("DELETE FROM checkpoints WHERE tree_size > 20");
  }
  ExpectFail(t.Verify(), VerifyProblem::TreeNodeMismatch, 20);  // nodes over the removed entries remain
  {
    RawDb raw(t.DbPath());
    raw.MustExec("DELETE FROM nodes WHERE ((idx + 1) << level) > 20");
  }
  auto alone = t.Verify();
  BOOST_TEST(alone.ok, alone.reason);  // nothing on the machine can tell
  BOOST_TEST(alone.entries == 20u);
  auto r = t.Verify({external});
  ExpectFail(r, VerifyProblem::ExternalCheckpointBeyondLog, 20);
  BOOST_TEST(*r.checkpointNumber == 0u);
}

BOOST_AUTO_TEST_CASE(AStoredCheckpointBeyondTheLogRevealsNaiveTruncation) {
  Tampered t;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    raw.MustExec("DELETE FROM records WHERE seq >= 21");
  }
  ExpectFail(t.Verify(), VerifyProblem::CheckpointBeyondLog, 21);
}

BOOST_AUTO_TEST_CASE(RollbackAndForkBelowAnExternalCheckpointAreDetected) {
  Tampered t;
  const fs::path backup = t.folder.Path() / "backup.db";
  fs::copy_file(t.DbPath(), backup);  // the log at size 24
  {
    auto log = t.Open();
    AppendSome(*log, t.clock, 6, 100);
  }
  const std::string external = t.Open()->SignCheckpoint()->note;  // size 30, taken away
  // Rollback: the old copy is put back.
  fs::copy_file(backup, t.DbPath(), fs::copy_options::overwrite_existing);
  ExpectFail(t.Verify({external}), VerifyProblem::ExternalCheckpointBeyondLog, 24);
  // Fork: the rolled-back log grows again with other entries, past the external size.
  {
    auto log = t.Open();
    AppendSome(*log, t.clock, 8, 200);
    BOOST_REQUIRE(log->SignCheckpoint().Ok());
  }
  auto fork = t.Verify({t.checkpoints[1].note, external});
  ExpectFail(fork, VerifyProblem::ExternalCheckpointRootMismatch, 16);  // last external anchor: 16
  BOOST_TEST(*fork.badRangeEnd == 30u);
  BOOST_TEST(*fork.checkpointNumber == 1u);
}

BOOST_AUTO_TEST_CASE(AReplacedStoredCheckpointFails) {
  {
    Tampered t;  // replaced by a note with a different root and a broken signature
    {
      RawDb raw(t.DbPath());
      raw.DropTriggers();
      std::string note = t.checkpoints[1].note;
      const auto rootLine = note.find('\n', note.find('\n') + 1) + 1;
      note[rootLine] = note[rootLine] == 'A' ? 'B' : 'A';
      raw.ExecWithText("UPDATE checkpoints SET note = ?1 WHERE tree_size = 16", note);
    }
    auto r = t.Verify();
    ExpectFail(r, VerifyProblem::CheckpointSignature, std::nullopt);
    BOOST_TEST(*r.checkpointNumber == 2u);
  }
  {
    Tampered t;  // replaced by a validly signed note (the key file leaked) with another root
    {
      RawDb raw(t.DbPath());
      raw.DropTriggers();
      const auto note = *t.RealKey().Sign(FormatCheckpointBody({Tampered::Origin(), 16, LeafHash("forged")}));
      raw.ExecWithText("UPDATE checkpoints SET note = ?1 WHERE tree_size = 16", note);
    }
    auto r = t.Verify();
    ExpectFail(r, VerifyProblem::CheckpointRootMismatch, 8);
    BOOST_TEST(*r.badRangeEnd == 16u);
  }
  {
    Tampered t;  // replaced by a checkpoint of another size (the column no longer matches)
    {
      RawDb raw(t.DbPath());
      raw.DropTriggers();
      raw.ExecWithText("UPDATE checkpoints SET note = ?1 WHERE tree_size = 16", t.checkpoints[0].note);
    }
    ExpectFail(t.Verify(), VerifyProblem::CheckpointInvalid, std::nullopt);
  }
}

BOOST_AUTO_TEST_CASE(ACheckpointResignedWithAnotherKeyFails) {
  Tampered t;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    auto attacker = NoteSigner::Generate(Tampered::Origin());
    const auto note = *attacker->Sign(FormatCheckpointBody({Tampered::Origin(), 8, t.checkpoints[0].root}));
    raw.ExecWithText("UPDATE checkpoints SET note = ?1 WHERE tree_size = 8", note);
  }
  auto r = t.Verify();
  ExpectFail(r, VerifyProblem::CheckpointSignature, std::nullopt);
  BOOST_TEST(*r.checkpointNumber == 1u);
  BOOST_TEST(r.reason.find("not signed by the log's key") != std::string::npos, r.reason);
}

BOOST_AUTO_TEST_CASE(ACheckpointSignedByARetiredKeyIsBoundToItsValidity) {
  LogFixture f;
  std::string oldKey;
  {
    auto log = f.Open();
    AppendSome(*log, f.clock, 5);
    oldKey = *ReadFile(f.KeyPath());
    BOOST_REQUIRE(log->RotateKey("admin", "s-admin").Ok());  // old key valid for sizes 0..5
    AppendSome(*log, f.clock, 3);                            // size 9
  }
  {
    RawDb raw(f.DbPath());
    MerkleTree tree;
    for (const auto& leaf : raw.Leaves()) tree.Append(leaf);
    const auto note =
        *NoteSigner::Parse(oldKey)->Sign(FormatCheckpointBody({"platedesk.local/test-storage", 9, *tree.RootAt(9)}));
    raw.ExecWithText("INSERT INTO checkpoints(tree_size, signed_ms, key_id, note) VALUES(9, 0, 'x', ?1)", note);
  }
  auto r = VerifyLog(f.DbPath(), VerifyOptions{});
  BOOST_REQUIRE(r.Ok());
  ExpectFail(*r, VerifyProblem::CheckpointSignature, std::nullopt);
  BOOST_TEST(r->reason.find("is the one valid at tree size 9") != std::string::npos, r->reason);
}

BOOST_AUTO_TEST_CASE(ABrokenKeyEndorsementFailsTheKeyChain) {
  LogFixture f;
  {
    auto log = f.Open();
    AppendSome(*log, f.clock, 2);
    BOOST_REQUIRE(log->RotateKey("admin", "s-admin").Ok());
  }
  {
    RawDb raw(f.DbPath());
    raw.DropTriggers();
    raw.MustExec("UPDATE keys SET valid_from = 1 WHERE endorsement IS NOT NULL");
  }
  auto r = VerifyLog(f.DbPath(), VerifyOptions{});
  BOOST_REQUIRE(r.Ok());
  ExpectFail(*r, VerifyProblem::KeyChain, std::nullopt);
}

BOOST_AUTO_TEST_CASE(ARewriteWithTheLeakedKeyIsCaughtOnlyByAnExternalCheckpoint) {
  Tampered t;
  const std::string external = t.checkpoints[1].note;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    raw.SetRecord(3, ReplaceOnce(raw.Record(3), "\"case\":\"2026-103\"", "\"case\":\"2026-999\""), true);
    raw.MustExec("UPDATE records SET case_no = '2026-999' WHERE seq = 3");
    raw.RebuildNodes();
    t.ResignAll(raw, t.RealKey());
  }
  auto alone = t.Verify();
  BOOST_TEST(alone.ok, alone.reason);
  BOOST_TEST(alone.unanchoredTail == 24u);
  auto r = t.Verify({external});
  ExpectFail(r, VerifyProblem::ExternalCheckpointRootMismatch, 0);
  BOOST_TEST(*r.badRangeEnd == 16u);
}

BOOST_AUTO_TEST_CASE(AReplacedRootKeyIsCaughtByTheTrustedKeyOrAnExternalCheckpoint) {
  Tampered t;
  const std::string external = t.checkpoints[0].note;
  {
    RawDb raw(t.DbPath());
    raw.DropTriggers();
    auto attacker = NoteSigner::Generate(Tampered::Origin());
    raw.ExecWithText("UPDATE keys SET vkey = ?1", attacker->Verifier().Encode());
    t.ResignAll(raw, *attacker);
  }
  BOOST_TEST(t.Verify().ok);
  ExpectFail(t.Verify({}, t.rootKey), VerifyProblem::KeyChain, std::nullopt);
  ExpectFail(t.Verify({external}), VerifyProblem::ExternalCheckpointSignature, std::nullopt);
}

BOOST_AUTO_TEST_CASE(TombstonesOutsideADeclaredPruneFail) {
  {
    Tampered t;
    {
      RawDb raw(t.DbPath());
      raw.DropTriggers();
      raw.MustExec("UPDATE records SET record = NULL, pruned = 1 WHERE seq = 5");
    }
    ExpectFail(t.Verify(), VerifyProblem::Tombstone, 5);
  }
  {
    Tampered t;
    {
      RawDb raw(t.DbPath());
      raw.DropTriggers();
      raw.MustExec("UPDATE records SET record = NULL, pruned = 1 WHERE seq < 6");
    }
    ExpectFail(t.Verify(), VerifyProblem::Tombstone, 0);
  }
  {
    Tampered t;
    {
      RawDb raw(t.DbPath());
      BOOST_TEST(raw.Exec("UPDATE records SET record = NULL WHERE seq = 2") != SQLITE_OK);  // triggers refuse
      BOOST_TEST(raw.Text("SELECT record IS NULL FROM records WHERE seq = 2") == "0");
      raw.DropTriggers();
      raw.MustExec("UPDATE records SET record = NULL WHERE seq = 2");
    }
    ExpectFail(t.Verify(), VerifyProblem::Tombstone, 2);
  }
}

BOOST_AUTO_TEST_CASE(ExternalCheckpointsForAnotherLogOrMalformedFail) {
  Tampered t;
  LogFixture other;
  auto otherLog = other.Open("other-storage");
  AppendSome(*otherLog, other.clock, 3);
  const std::string foreign = otherLog->SignCheckpoint()->note;
  auto r = t.Verify({t.checkpoints[0].note, foreign});
  ExpectFail(r, VerifyProblem::ExternalCheckpointInvalid, std::nullopt);
  BOOST_TEST(*r.checkpointNumber == 1u);
  ExpectFail(t.Verify({"not a checkpoint"}), VerifyProblem::ExternalCheckpointInvalid, std::nullopt);
  // Same origin, but signed by someone else: not the log's key.
  auto attacker = NoteSigner::Generate(Tampered::Origin());
  const auto fake = *attacker->Sign(FormatCheckpointBody({Tampered::Origin(), 8, t.checkpoints[0].root}));
  ExpectFail(t.Verify({fake}), VerifyProblem::ExternalCheckpointSignature, std::nullopt);
}

BOOST_AUTO_TEST_CASE(VerificationNeverWritesAndWorksOnReadOnlyFiles) {
  Tampered t;
  const std::string before = Sha256OfFile(t.DbPath());
  const auto mtime = fs::last_write_time(t.DbPath());
  BOOST_TEST(t.Verify().ok);
  BOOST_TEST(Sha256OfFile(t.DbPath()) == before);
  BOOST_TEST((fs::last_write_time(t.DbPath()) == mtime));
  BOOST_TEST((!fs::exists(t.DbPath().string() + "-wal") || fs::file_size(t.DbPath().string() + "-wal") == 0u));

  // A copy on "read-only media": file and folder without write permission.
  const fs::path media = t.folder.Path() / "media";
  fs::create_directory(media);
  fs::copy_file(t.DbPath(), media / "audit.db");
  fs::permissions(media / "audit.db", fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(media, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
  auto r = VerifyLog(media / "audit.db", VerifyOptions{});
  fs::permissions(media, fs::perms::owner_all);
  BOOST_REQUIRE(r.Ok());
  BOOST_TEST(r->ok, r->reason);
  BOOST_TEST(r->entries == 24u);
  BOOST_TEST(Sha256OfFile(media / "audit.db") == before);
}

BOOST_AUTO_TEST_CASE(ReportsProgressAndHonoursCancellation) {
  Tampered t;
  VerifyOptions options;
  std::uint64_t lastDone = 0, lastTotal = 0;
  options.progress = [&](std::uint64_t done, std::uint64_t total) {
    lastDone = done;
    lastTotal = total;
  };
  auto r = VerifyLog(t.DbPath(), options);
  BOOST_REQUIRE(r.Ok());
  BOOST_TEST(lastTotal == 24u);
  BOOST_TEST(lastDone == 24u);
  std::stop_source stop;
  stop.request_stop();
  options.stop = stop.get_token();
  auto cancelled = VerifyLog(t.DbPath(), options);
  BOOST_REQUIRE(!cancelled.Ok());
  BOOST_TEST((cancelled.Err().code == ErrorCode::Cancelled));
  BOOST_TEST(!VerifyLog(t.folder.Path() / "missing.db", VerifyOptions{}).Ok());
}

BOOST_AUTO_TEST_SUITE_END()

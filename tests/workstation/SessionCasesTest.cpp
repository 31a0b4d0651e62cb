// SPDX-License-Identifier: GPL-3.0-or-later
// Session's case methods: "Add to case" (audited, a hold retention respects, exported by
// --case-reads), the case summary of the Cases panel (gated, audited, built from the holds and the
// audit log), and the offline verification of a package the user has just written.
#include "WorkstationTestSupport.h"

#include "platedesk/evidence/Package.h"
#include "platedesk/store/Storage.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

namespace {

struct CaseFixture : AgencyFixture {
  fs::path media = folder.Path() / "media";
  CaseFixture() { fs::create_directories(media); }
  nlohmann::json Last() { return nlohmann::json::parse(LastRecord()); }
  std::vector<store::CaseHold> Holds(const std::string& caseNumber = "26-004512") {
    return store::Storage::Open(dir, clock).Value()->CaseHoldRecords(caseNumber).Value();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SessionCasesTest, CaseFixture)

BOOST_AUTO_TEST_CASE(AddToCaseIsAuditedFirstAndHoldsTheReadsForTheCase) {
  auto s = Detective();
  const std::vector<store::ReadId> two{reads[2], reads[0], reads[2]};
  auto added = s->CollectForCase(Context(), two);
  BOOST_REQUIRE_MESSAGE(added.Ok(), (added.Ok() ? "" : added.Err().ToString()));
  BOOST_TEST(*added == 2u);  // the duplicate counts once
  const auto record = Last();
  BOOST_TEST(record["event"].get<std::string>() == "case.collected");
  BOOST_TEST(record["case"].get<std::string>() == "26-004512");
  BOOST_TEST(record["purpose_code"].get<std::string>() == "INV-PROPERTY");
  BOOST_TEST(record["justification"].get<std::string>().find("grey sedan") != std::string::npos);
  BOOST_TEST(record["result_count"].get<int>() == 2);
  const auto objects = record["objects"].dump();
  BOOST_TEST(objects.find("read:" + std::to_string(reads[0])) != std::string::npos);
  BOOST_TEST(objects.find("read:" + std::to_string(reads[2])) != std::string::npos);
  BOOST_TEST(objects.find("read:" + std::to_string(reads[1])) == std::string::npos);

  auto holds = Holds();
  BOOST_REQUIRE_EQUAL(holds.size(), 2u);
  for (const auto& h : holds) {
    BOOST_TEST(h.reason == std::string(kCollectedForCase));
    BOOST_TEST(h.createdBy == "d.reyes");
  }
  BOOST_TEST(Holds("26-000001").empty());  // other cases are untouched

  // Again, with one more: only the new one counts; the first holds keep their placement.
  const std::vector<store::ReadId> all{reads[0], reads[1], reads[2]};
  BOOST_TEST(s->CollectForCase(Context(), all).Value() == 1u);
  BOOST_TEST(Holds().size() == 3u);
}

BOOST_AUTO_TEST_CASE(CollectedReadsAreWhatCaseReadsExports) {
  auto s = Detective();
  const std::vector<store::ReadId> one{reads[1]};
  BOOST_REQUIRE(s->CollectForCase(Context(), one).Ok());
  EvidenceRequest r;
  r.mediaLabel = "USB-0042";
  r.caseReads = true;
  r.selectionMethod = "case-reads";
  r.destination = media;
  auto out = s->ExportEvidence(Context(), r);
  BOOST_REQUIRE_MESSAGE(out.Ok(), (out.Ok() ? "" : out.Err().ToString()));
  BOOST_TEST(out->reads == 1u);
  // The collected hold is kept (first placement), so the reason still says "collected".
  BOOST_TEST(Holds().at(0).reason == std::string(kCollectedForCase));
}

BOOST_AUTO_TEST_CASE(AddToCaseWithAMissingReadCollectsNothing) {
  auto s = Detective();
  const auto before = AuditSize();
  const std::vector<store::ReadId> ids{reads[0], 999};
  auto added = s->CollectForCase(Context(), ids);
  BOOST_REQUIRE(!added.Ok());
  BOOST_TEST((added.Err().code == ErrorCode::NotFound));
  BOOST_TEST(Holds().empty());
  BOOST_TEST(AuditSize() == before);  // nothing was done, so nothing is recorded as done
  auto none = s->CollectForCase(Context(), std::span<const store::ReadId>{});
  BOOST_REQUIRE(!none.Ok());
  BOOST_TEST((none.Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(AddToCaseFollowsTheRulesAndAuditsTheRefusal) {
  auto s = Detective();
  const std::vector<store::ReadId> ids{reads[0]};
  auto refused = s->CollectForCase(Context("26-004512", "PROHIB-PERSONAL"), ids);
  BOOST_REQUIRE(!refused.Ok());
  BOOST_TEST(LastEvent() == "access.refused");
  BOOST_TEST(Last()["details"]["action"].get<std::string>() == "add to case");
  auto noJustification = s->CollectForCase(Context("26-004512", "INV-PROPERTY", ""), ids);
  BOOST_REQUIRE(!noJustification.Ok());
  BOOST_TEST(Holds().empty());
  auto auditor = Login("j.lind", kAuditorPassword);
  BOOST_TEST(!auditor->CollectForCase(Context(), ids).Ok());
  BOOST_TEST(Holds().empty());
}

BOOST_AUTO_TEST_CASE(TheCaseSummaryHasTheHoldsSearchesAndExportsOfTheCaseOnly) {
  auto s = Detective();
  search::Query q;
  q.plate = "ABC12?";
  BOOST_REQUIRE(s->Search(Context(), q).Ok());
  BOOST_REQUIRE(!s->Search(Context("26-004512", "PROHIB-PERSONAL"), q).Ok());  // refused, still the case's
  search::Query other;
  other.plate = "XYZ*";
  BOOST_REQUIRE(s->Search(Context("26-000077"), other).Ok());  // another case: not in this summary
  const std::vector<store::ReadId> one{reads[0]};
  BOOST_REQUIRE(s->CollectForCase(Context(), one).Ok());
  EvidenceRequest r;
  r.mediaLabel = "USB-0042";
  r.reads = {reads[1]};
  r.destination = media;
  r.mediaLabel = "USB-0042";
  r.custodian = "Property room";
  auto exported = s->ExportEvidence(Context(), r);
  BOOST_REQUIRE(exported.Ok());
  EvidenceRequest failing = r;
  failing.writeFault = [](std::string_view rel) -> Status {
    if (rel == "data/reads.json") return Fail(ErrorCode::Io, "the medium is full", std::string(rel));
    return {};
  };
  BOOST_REQUIRE(!s->ExportEvidence(Context(), failing).Ok());

  const auto before = AuditSize();
  auto summary = s->GetCaseSummary(Context());
  BOOST_REQUIRE_MESSAGE(summary.Ok(), (summary.Ok() ? "" : summary.Err().ToString()));
  BOOST_TEST(AuditSize() == before + 1);
  const auto record = Last();
  BOOST_TEST(record["event"].get<std::string>() == "case.reviewed");
  BOOST_TEST(record["case"].get<std::string>() == "26-004512");
  BOOST_TEST(record["result_count"].get<int>() == 2);
  BOOST_TEST(record["objects"].dump().find("read:" + std::to_string(reads[1])) != std::string::npos);

  BOOST_TEST(summary->registered);
  BOOST_TEST(summary->record.title == "Burglary, 5th Ave");
  BOOST_TEST(summary->record.lead == "d.reyes");
  BOOST_REQUIRE_EQUAL(summary->holds.size(), 2u);
  BOOST_REQUIRE_EQUAL(summary->reads.size(), 2u);
  BOOST_TEST(summary->holds[0].read == reads[0]);
  BOOST_TEST(summary->holds[0].reason == std::string(kCollectedForCase));
  BOOST_TEST(summary->holds[1].read == reads[1]);
  BOOST_TEST(summary->holds[1].reason == "evidence package " + exported->packageId);
  BOOST_TEST(summary->reads[0].id == reads[0]);
  BOOST_TEST(summary->reads[1].plate == "ABC121");

  BOOST_REQUIRE_EQUAL(summary->searches.size(), 2u);
  const auto& done = summary->searches[0];
  BOOST_TEST(done.outcome == "success");
  BOOST_TEST(done.query.at("plate") == "ABC12?");
  BOOST_TEST(done.user == "d.reyes");
  BOOST_TEST(done.purposeCode == "INV-PROPERTY");
  BOOST_TEST(done.justification.find("grey sedan") != std::string::npos);
  BOOST_REQUIRE(done.matches.has_value());
  BOOST_TEST(*done.matches == 3u);
  BOOST_TEST(summary->searches[1].outcome == "refused");
  BOOST_TEST(!summary->searches[1].reason.empty());
  BOOST_TEST(!summary->searches[1].matches.has_value());

  BOOST_REQUIRE_EQUAL(summary->exports.size(), 2u);
  const auto& ok = summary->exports[0];
  BOOST_TEST(ok.outcome == "success");
  BOOST_TEST(ok.packageId == exported->packageId);
  BOOST_TEST(ok.seq == exported->auditSeq);
  BOOST_TEST(ok.encryption == "none");
  BOOST_TEST(ok.mediaLabel == "USB-0042");
  BOOST_TEST(ok.recipient == "Property room");
  BOOST_TEST(ok.reads == 1u);
  BOOST_TEST(ok.file == exported->path);
  BOOST_TEST(ok.sha256 == exported->sha256);
  BOOST_TEST(ok.bytes == exported->bytes);
  BOOST_TEST(summary->exports[1].outcome == "failure");
  BOOST_TEST(summary->exports[1].reason == "the medium is full");
  BOOST_TEST(summary->exports[1].file.empty());

  // Another case has its own summary: its search, nothing held.
  auto second = s->GetCaseSummary(Context("26-000077"));
  BOOST_REQUIRE(second.Ok());
  BOOST_TEST(!second->registered);
  BOOST_TEST(second->record.number == "26-000077");
  BOOST_TEST(second->holds.empty());
  BOOST_REQUIRE_EQUAL(second->searches.size(), 1u);
  BOOST_TEST(second->searches[0].query.at("plate") == "XYZ*");
  BOOST_TEST(second->exports.empty());
}

BOOST_AUTO_TEST_CASE(TheCaseSummaryIsRefusedWithoutAnAllowedPurposeOrToAuditors) {
  auto s = Detective();
  auto refused = s->GetCaseSummary(Context("26-004512", "PROHIB-PERSONAL"));
  BOOST_REQUIRE(!refused.Ok());
  BOOST_TEST(LastEvent() == "access.refused");
  BOOST_TEST(Last()["details"]["action"].get<std::string>() == "review case");
  auto auditor = Login("j.lind", kAuditorPassword);
  auto denied = auditor->GetCaseSummary(Context());
  BOOST_REQUIRE(!denied.Ok());
  BOOST_TEST((denied.Err().code == ErrorCode::PermissionDenied));
}

BOOST_AUTO_TEST_CASE(VerifyEvidenceChecksAPackageAgainstThisStoragesKey) {
  auto s = Detective();
  EvidenceRequest r;
  r.mediaLabel = "USB-0042";
  r.reads = reads;
  r.destination = media;
  auto out = s->ExportEvidence(Context(), r);
  BOOST_REQUIRE(out.Ok());
  const auto before = AuditSize();
  auto verified = s->VerifyEvidence(out->path, std::nullopt);
  BOOST_REQUIRE_MESSAGE(verified.Ok(), (verified.Ok() ? "" : verified.Err().ToString()));
  BOOST_TEST(verified->valid, verified->firstProblem);
  BOOST_TEST(!verified->keyFromPackage);  // checked against the storage's key, not the package's own
  BOOST_TEST(verified->reads == 3u);
  BOOST_TEST(AuditSize() == before);  // reads only the package on the medium

  // One changed byte in the image: the verification fails and says where.
  const fs::path image = out->path / "data/images" / (imageSha + ".jpg");
  {
    std::fstream f(image, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4);
    f.put('X');
  }
  auto tampered = s->VerifyEvidence(out->path, std::nullopt);
  BOOST_REQUIRE(tampered.Ok());
  BOOST_TEST(!tampered->valid);
  BOOST_TEST(!tampered->firstProblem.empty());

  BOOST_REQUIRE(s->Lock().Ok());
  auto locked = s->VerifyEvidence(out->path, std::nullopt);
  BOOST_REQUIRE(!locked.Ok());
  BOOST_TEST((locked.Err().code == ErrorCode::Locked));
}

BOOST_AUTO_TEST_CASE(VerifyEvidenceOpensAnEncryptedPackageWithItsPassphraseOnly) {
  auto s = Detective();
  EvidenceRequest r;
  r.mediaLabel = "USB-0042";
  r.reads = reads;
  r.destination = media;
  r.encrypt = true;
  r.custodian = "Deputy prosecutor";
  r.passphraseDelivery = "by phone";
  auto out = s->ExportEvidence(Context(), r);
  BOOST_REQUIRE_MESSAGE(out.Ok(), (out.Ok() ? "" : out.Err().ToString()));
  BOOST_REQUIRE(out->encrypted);
  auto verified = s->VerifyEvidence(out->path, out->passphrase);
  BOOST_REQUIRE_MESSAGE(verified.Ok(), (verified.Ok() ? "" : verified.Err().ToString()));
  BOOST_TEST(verified->valid, verified->firstProblem);
  auto wrong = s->VerifyEvidence(out->path, std::string("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA"));
  BOOST_TEST(!(wrong.Ok() && wrong->valid));
  auto summary = s->GetCaseSummary(Context());
  BOOST_REQUIRE(summary.Ok());
  BOOST_REQUIRE_EQUAL(summary->exports.size(), 1u);
  BOOST_TEST(summary->exports[0].encryption == "aes-256-zip");
  BOOST_TEST(summary->exports[0].file == out->path);
}

BOOST_AUTO_TEST_SUITE_END()

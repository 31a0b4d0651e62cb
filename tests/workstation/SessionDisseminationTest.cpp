// SPDX-License-Identifier: GPL-3.0-or-later
// Secondary dissemination through the session: the whole flow (request, review, release through
// the evidence export, receipt, a correction reaching the recipient as a notice) and every refusal
// the policies ask for, each audited.
#include "WorkstationTestSupport.h"

#include "platedesk/store/Storage.h"

#include <boost/test/unit_test.hpp>

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

namespace {

const char* kSecondSupervisorPassword = "harbor violet compass";

store::Document Pdf(const std::string& text) { return {"request.pdf", "", "%PDF-1.4\n% " + text + "\n", ""}; }

struct DisseminationFixture : AgencyFixture {
  std::int64_t local = 0;    // King County Sheriff: MOU until 2027
  std::int64_t federal = 0;  // FBI: MOU, needs a second approval
  std::int64_t insurer = 0;  // not law enforcement
  std::int64_t noMou = 0;    // a sheriff's office without an agreement
  fs::path media = folder.Path() / "media";

  DisseminationFixture() {
    auto admin = Admin();
    BOOST_REQUIRE(admin->AddUser("m.chen", store::Role::Supervisor, kSecondSupervisorPassword).Ok());
    secrets["m.chen"] = Secret(admin->EnrollTotp("m.chen").Value());
    auto add = [&](const std::string& name, store::AgencyKind kind, bool mou, std::optional<UtcMs> expires) {
      store::Agency a{0, name, "WA0000000", kind, "WA", "", "", expires, "", 0};
      auto saved = admin->SaveAgency(a, mou ? Pdf("MOU with " + name) : store::Document{});
      BOOST_REQUIRE_MESSAGE(saved.Ok(), (saved.Ok() ? std::string() : saved.Err().ToString()));
      return saved->id;
    };
    local = add("King County Sheriff", store::AgencyKind::Local, true, UtcFromCivil(2027, 12, 31));
    federal = add("FBI Seattle", store::AgencyKind::Federal, true, std::nullopt);
    insurer = add("Acme Insurance", store::AgencyKind::NonLawEnforcement, false, std::nullopt);
    noMou = add("Pierce County Sheriff", store::AgencyKind::Local, false, std::nullopt);
    fs::create_directories(media);
  }
  std::unique_ptr<Session> Supervisor() { return Login("s.okafor", kSupervisorPassword); }
  std::unique_ptr<Session> SecondSupervisor() { return Login("m.chen", kSecondSupervisorPassword); }

  store::DisseminationRequest Request(std::int64_t agency, std::string purpose = "INV-PROPERTY") {
    store::DisseminationRequest r;
    r.agency = agency;
    r.requesterName = "Det. Ana Ruiz";
    r.requesterTitle = "Detective";
    r.requesterContact = "206-555-0101, ruiz@kcso.example";
    r.theirCase = "KC-26-1182";
    r.caseNumber = "26-004512";
    r.purposeCode = std::move(purpose);
    r.justification = "Burglary series crossing into their county";
    r.authority = "RCW 10.97.050; MOU section 4";
    r.asks = "reads of ABC120 and ABC121, 2026-11-01 to 2026-11-02";
    return r;
  }
  EvidenceRequest Release(std::int64_t request) {
    EvidenceRequest e;
    e.mediaLabel = "USB-0042";
    e.reads = {reads[0], reads[1]};
    e.destination = media;
    e.release = request;
    e.releaseMethod = store::ReleaseMethod::Media;
    e.mediaLabel = "USB-0042";
    e.receivedBy = "Det. Ana Ruiz";
    return e;
  }
  std::size_t Count(const std::string& event) {
    std::size_t n = 0;
    for (const auto& r : AllRecords()) n += r.event == event ? 1 : 0;
    return n;
  }
};

template <class T>
bool Refused(const Result<T>& r) {
  return !r.Ok() && r.Err().code == ErrorCode::PermissionDenied;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SessionDissemination, DisseminationFixture)

BOOST_AUTO_TEST_CASE(ARequestIsApprovedReleasedReceiptedAndACorrectionReachesTheRecipient) {
  auto detective = Detective();
  auto entered = detective->RequestDissemination(Request(local), Pdf("written request"));
  BOOST_TEST_REQUIRE(entered.Ok(), (entered.Ok() ? "" : entered.Err().ToString()));
  BOOST_TEST((entered->state == store::DisseminationState::Received));
  BOOST_TEST(entered->request.enteredBy == "d.reyes");
  BOOST_TEST(entered->request.agencyName == "King County Sheriff");
  BOOST_TEST(entered->request.documentSha256.size() == 64u);
  BOOST_TEST(LastEvent() == "dissemination.request");
  const std::int64_t id = entered->request.id;

  auto approved = Supervisor()->ReviewDissemination(id, true, "MOU in force; their case is linked to ours");
  BOOST_TEST_REQUIRE(approved.Ok(), (approved.Ok() ? "" : approved.Err().ToString()));
  BOOST_TEST((approved->state == store::DisseminationState::Approved));
  BOOST_TEST(LastEvent() == "dissemination.review");

  // The case's lead releases (the default: supervisors and the lead).
  auto released =
      detective->ExportEvidence(Context("26-004512", "INV-PROPERTY", entered->request.justification), Release(id));
  BOOST_TEST_REQUIRE(released.Ok(), (released.Ok() ? "" : released.Err().ToString()));
  BOOST_TEST(released->release > 0);
  BOOST_TEST(LastEvent() == "dissemination.release");
  BOOST_TEST(LastRecord().find("King County Sheriff, Det. Ana Ruiz, Detective") != std::string::npos);
  auto log = detective->Disseminations({});
  BOOST_TEST_REQUIRE(log.Ok());
  BOOST_TEST_REQUIRE(log->size() == 1u);
  BOOST_TEST((log->front().state == store::DisseminationState::ReceiptPending));
  BOOST_TEST_REQUIRE(log->front().release.has_value());
  BOOST_TEST(log->front().release->packageSha256 == released->sha256);
  BOOST_TEST((log->front().release->reads == std::vector<store::ReadId>{reads[0], reads[1]}));
  // The Cases page lists the case's releases.
  auto summary = detective->GetCaseSummary(Context());
  BOOST_TEST_REQUIRE(summary.Ok());
  BOOST_TEST_REQUIRE(summary->releases.size() == 1u);
  BOOST_TEST(summary->releases.front().release->packageId == released->packageId);
  // A second release of the same request is refused.
  BOOST_TEST(Refused(
      detective->ExportEvidence(Context("26-004512", "INV-PROPERTY", entered->request.justification), Release(id))));

  auto receipted = detective->RecordReceipt(id, "Det. Ana Ruiz", 0, Pdf("signed receipt"));
  BOOST_TEST_REQUIRE(receipted.Ok(), (receipted.Ok() ? "" : receipted.Err().ToString()));
  BOOST_TEST((receipted->state == store::DisseminationState::Released));
  BOOST_TEST(LastEvent() == "dissemination.receipt");

  // A misread reported on a released read: a notice for the recipient, open until sent.
  auto corrected = detective->ReportMisread(Context(), reads[1], "ABC128", "WA", "the images show an 8");
  BOOST_TEST_REQUIRE(corrected.Ok(), (corrected.Ok() ? "" : corrected.Err().ToString()));
  auto supervisor = Supervisor();
  auto open = supervisor->DisseminationNotices(true);
  BOOST_TEST_REQUIRE(open.Ok());
  BOOST_TEST_REQUIRE(open->size() == 1u);
  BOOST_TEST(open->front().agencyName == "King County Sheriff");
  BOOST_TEST(open->front().read == reads[1]);
  BOOST_TEST(open->front().change.find("ABC121") != std::string::npos);
  BOOST_TEST(open->front().change.find("ABC128") != std::string::npos);
  BOOST_TEST(Count("dissemination.notice") == 1u);
  // A read that was never released makes no notice.
  BOOST_TEST(detective->ReportMisread(Context(), reads[2], "ABC129", "WA", "the images show a 9").Ok());
  BOOST_TEST(supervisor->DisseminationNotices(true)->size() == 1u);

  auto sent = supervisor->MarkNoticeSent(open->front().id, "e-mail to ruiz@kcso.example");
  BOOST_TEST_REQUIRE(sent.Ok());
  BOOST_TEST(sent->sentBy == "s.okafor");
  BOOST_TEST(supervisor->DisseminationNotices(true)->empty());
  BOOST_TEST((supervisor->MarkNoticeSent(open->front().id, "again").Err().code == ErrorCode::AlreadyExists));
  BOOST_TEST(Count("dissemination.notice") == 2u);

  // The written request stays on file, readable by those who may see the request.
  auto doc = supervisor->DisseminationDocument(entered->request.documentSha256);
  BOOST_TEST_REQUIRE(doc.Ok());
  BOOST_TEST(doc->bytes.find("written request") != std::string::npos);
  BOOST_TEST(doc->mediaType == "application/pdf");
}

BOOST_AUTO_TEST_CASE(EveryRefusalIsAudited) {
  auto detective = Detective();
  auto supervisor = Supervisor();
  const std::size_t before = Count("dissemination.refused");

  // Release without approval.
  auto pending = detective->RequestDissemination(Request(local), Pdf("one"));
  BOOST_TEST_REQUIRE(pending.Ok());
  const auto ctx = Context("26-004512", "INV-PROPERTY", pending->request.justification);
  BOOST_TEST(Refused(supervisor->ExportEvidence(ctx, Release(pending->request.id))));
  BOOST_TEST(LastEvent() == "dissemination.refused");
  BOOST_TEST(fs::is_empty(media));

  // Approval by the one who entered it.
  auto own = supervisor->RequestDissemination(Request(local), Pdf("two"));
  BOOST_TEST_REQUIRE(own.Ok());
  BOOST_TEST(Refused(supervisor->ReviewDissemination(own->request.id, true, "looks fine")));
  BOOST_TEST(LastEvent() == "dissemination.refused");
  // A detective approving.
  BOOST_TEST(Refused(detective->ReviewDissemination(pending->request.id, true, "looks fine")));

  // A recipient an agency rule refuses (no MOU on file), and a prohibited purpose (the gate).
  BOOST_TEST(Refused(detective->RequestDissemination(Request(noMou), Pdf("three"))));
  BOOST_TEST(LastEvent() == "dissemination.refused");
  BOOST_TEST(!detective->RequestDissemination(Request(local, "PROHIB-IMMIGRATION"), Pdf("four")).Ok());
  BOOST_TEST(LastRecord().find("Immigration enforcement") != std::string::npos);

  // Not law enforcement: recorded and referred, never approvable.
  auto referred = detective->RequestDissemination(Request(insurer), Pdf("five"));
  BOOST_TEST_REQUIRE(referred.Ok());
  BOOST_TEST((referred->state == store::DisseminationState::Referred));
  BOOST_TEST(Refused(supervisor->ReviewDissemination(referred->request.id, true, "they asked nicely")));

  // An export naming an outside recipient without a release.
  EvidenceRequest outside;
  outside.mediaLabel = "USB-0042";
  outside.reads = {reads[0]};
  outside.destination = media;
  outside.recipient = "FBI Seattle";
  BOOST_TEST(Refused(detective->ExportEvidence(Context(), outside)));
  BOOST_TEST(LastEvent() == "dissemination.refused");
  BOOST_TEST(fs::is_empty(media));

  // A detective who does not lead the case may not release (default: supervisors and the lead).
  BOOST_TEST(supervisor->RegisterCase("26-004513", "Vehicle theft", "s.okafor").Ok());
  auto other = Request(local);
  other.caseNumber = "26-004513";
  auto otherCase = detective->RequestDissemination(other, Pdf("six"));
  BOOST_TEST_REQUIRE(otherCase.Ok());
  // ... and the case's lead may not approve a release of its data.
  BOOST_TEST(Refused(supervisor->ReviewDissemination(otherCase->request.id, true, "my own case")));
  BOOST_TEST(SecondSupervisor()->ReviewDissemination(otherCase->request.id, true, "reviewed for s.okafor").Ok());
  BOOST_TEST(Refused(detective->ExportEvidence(Context("26-004513", "INV-PROPERTY", other.justification),
                                               Release(otherCase->request.id))));
  BOOST_TEST(Count("dissemination.refused") == before + 8);
}

BOOST_AUTO_TEST_CASE(AFederalRecipientNeedsTwoSupervisorsAndAnExpiredAgreementStopsTheApproval) {
  auto detective = Detective();
  auto fbi = detective->RequestDissemination(Request(federal), Pdf("federal"));
  BOOST_TEST_REQUIRE(fbi.Ok());
  BOOST_TEST(fbi->request.approvalsNeeded == 2);
  auto first = Supervisor()->ReviewDissemination(fbi->request.id, true, "federal task force, MOU on file");
  BOOST_TEST_REQUIRE(first.Ok());
  BOOST_TEST((first->state == store::DisseminationState::SecondApproval));
  BOOST_TEST(Refused(Supervisor()->ReviewDissemination(fbi->request.id, true, "again")));
  auto second = SecondSupervisor()->ReviewDissemination(fbi->request.id, true, "concur");
  BOOST_TEST_REQUIRE(second.Ok());
  BOOST_TEST((second->state == store::DisseminationState::Approved));

  // An agreement that expires between the request and the review.
  auto admin = Admin();
  store::Agency shortLived{
      0, "Snohomish County Sheriff", "", store::AgencyKind::Local, "WA", "", "", clock.Now() + 2 * kMsPerDay, "", 0};
  auto agency = admin->SaveAgency(shortLived, Pdf("short MOU"));
  BOOST_TEST_REQUIRE(agency.Ok());
  auto request = detective->RequestDissemination(Request(agency->id), Pdf("snohomish"));
  BOOST_TEST_REQUIRE(request.Ok());
  clock.Advance(3 * kMsPerDay);
  auto late = Supervisor()->ReviewDissemination(request->request.id, true, "fine");
  BOOST_TEST(Refused(late));
  BOOST_TEST(late.Err().message.find("expired") != std::string::npos);
  // Denials are kept with their reason.
  auto denied = Supervisor()->ReviewDissemination(request->request.id, false, "agreement expired");
  BOOST_TEST_REQUIRE(denied.Ok());
  BOOST_TEST((denied->state == store::DisseminationState::Denied));
  BOOST_TEST(denied->reviews.size() == 1u);
}

BOOST_AUTO_TEST_CASE(ReleasesUnderAnotherContextAndUnknownIdsAreRefusedWithNothingWritten) {
  auto detective = Detective();
  auto supervisor = Supervisor();
  auto entered = detective->RequestDissemination(Request(local), Pdf("context"));
  BOOST_TEST_REQUIRE(entered.Ok());
  BOOST_TEST_REQUIRE(supervisor->ReviewDissemination(entered->request.id, true, "agreement in force").Ok());
  // The release must run under the request's own case and purpose.
  BOOST_TEST(supervisor->RegisterCase("26-004513", "Vehicle theft", "s.okafor").Ok());
  auto elsewhere = detective->ExportEvidence(Context("26-004513"), Release(entered->request.id));
  BOOST_TEST_REQUIRE(!elsewhere.Ok());
  BOOST_TEST((elsewhere.Err().code == ErrorCode::InvalidArgument));
  auto noMedium = Release(entered->request.id);
  noMedium.mediaLabel.clear();  // portable media without its label
  BOOST_TEST((detective->ExportEvidence(Context("26-004512", "INV-PROPERTY", entered->request.justification), noMedium)
                  .Err()
                  .code == ErrorCode::InvalidArgument));
  BOOST_TEST(fs::is_empty(media));
  // Ids that name nothing.
  BOOST_TEST((supervisor->ReviewDissemination(999, true, "x").Err().code == ErrorCode::NotFound));
  BOOST_TEST((supervisor->RecordReceipt(999, "x", 0, {}).Err().code == ErrorCode::NotFound));
  BOOST_TEST((supervisor->MarkNoticeSent(999, "e-mail").Err().code == ErrorCode::NotFound));
  BOOST_TEST((detective->ExportEvidence(Context(), Release(999)).Err().code == ErrorCode::NotFound));
  BOOST_TEST((supervisor->DisseminationDocument("not a hash").Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((supervisor->DisseminationDocument(std::string(64, 'a')).Err().code == ErrorCode::NotFound));
  // Still approved, nothing released.
  auto after = supervisor->Disseminations({});
  BOOST_TEST_REQUIRE(after.Ok());
  BOOST_TEST((after->front().state == store::DisseminationState::Approved));
  // A document too large or of no kept kind is refused by the storage too.
  auto opened = store::Storage::Open(dir, clock);
  BOOST_TEST_REQUIRE(opened.Ok());
  BOOST_TEST(!(*opened)->PutDocument({"big.pdf", "", "%PDF-" + std::string(store::kMaxDocumentBytes, 'x'), ""}).Ok());
  BOOST_TEST(!(*opened)->PutDocument({"x.exe", "", "MZ\x90\x00", ""}).Ok());
  BOOST_TEST(!(*opened)->PutDocument({"empty.pdf", "", "", ""}).Ok());
  // Reading a document file: missing, and over the limit before anything is read.
  BOOST_TEST((store::LoadDocumentFile(folder.Path() / "missing.pdf").Err().code == ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(NothingIsStoredWhenTheAuditRecordCannotBeWritten) {
  auto detective = Detective();
  BreakAuditLog();
  BOOST_TEST(!detective->RequestDissemination(Request(local), Pdf("lost")).Ok());
  auto storage = store::Storage::Open(dir, clock).Value();
  BOOST_TEST(storage->Disseminations({})->empty());
}

BOOST_AUTO_TEST_CASE(DisseminationRecordsAreNeverEditedOrDeleted) {
  BOOST_TEST_REQUIRE(Detective()->RequestDissemination(Request(local), Pdf("kept")).Ok());
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open((dir / "platedesk.db").string().c_str(), &db) == SQLITE_OK);
  BOOST_TEST(sqlite3_exec(db, "UPDATE dissemination_requests SET asks = 'less'", nullptr, nullptr, nullptr) !=
             SQLITE_OK);
  BOOST_TEST(sqlite3_exec(db, "DELETE FROM dissemination_requests", nullptr, nullptr, nullptr) != SQLITE_OK);
  BOOST_TEST(sqlite3_exec(db, "DELETE FROM documents", nullptr, nullptr, nullptr) != SQLITE_OK);
  sqlite3_close(db);
}

BOOST_AUTO_TEST_SUITE_END()

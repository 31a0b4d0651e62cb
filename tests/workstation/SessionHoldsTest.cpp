// SPDX-License-Identifier: GPL-3.0-or-later
// Session's holds (issue 15): placed by the case's lead or a supervisor with a reason (anyone else
// refused and audited), released and reviewed by a supervisor with a reason, due for review after
// hold_review_days, a preservation order that keeps reads arriving later; every change audited
// before it is stored.
#include "WorkstationTestSupport.h"

#include "platedesk/store/Storage.h"

#include <nlohmann/json.hpp>

using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

namespace {

struct HoldsFixture : AgencyFixture {
  HoldsFixture() {
    auto admin = Admin();
    BOOST_REQUIRE(admin->AddUser("c.ward", store::Role::Detective, kDetectivePassword, "Chris Ward").Ok());
    BOOST_REQUIRE(admin->SetTraining("c.ward", clock.Now() - 30 * kMsPerDay, std::nullopt).Ok());
    secrets["c.ward"] = Secret(admin->EnrollTotp("c.ward").Value());
  }
  std::unique_ptr<Session> OtherDetective() { return Login("c.ward", kDetectivePassword); }
  nlohmann::json Last() { return nlohmann::json::parse(LastRecord()); }

  HoldRequest Discovery() const {
    HoldRequest r;
    r.kind = store::HoldKind::Discovery;
    r.reason = "defence discovery request of 1 Dec, State v. Doe";
    r.reads = {reads[0], reads[1]};
    return r;
  }
  HoldRequest Order(UtcMs from, UtcMs to) const {
    HoldRequest r;
    r.kind = store::HoldKind::Preservation;
    r.reason = "preservation request PR-2026-118 (King County Superior Court)";
    r.cameras = {"cam-1"};
    r.plates = {"abc 777"};
    r.from = from;
    r.to = to;
    return r;
  }
  store::ReadId AddRead(const std::string& uuid, const std::string& plate, UtcMs at) {
    auto s = store::Storage::Open(dir, clock).Value();
    store::NewRead r;
    r.sourceFormat = "csv";
    r.sourceUuid = uuid;
    r.capturedAt = at;
    r.camera = s->FindCameraByExternalId("cam-1").Value()->id;
    r.plateReported = r.plate = plate;
    r.state = "WA";
    r.confidence = 90;
    r.payloadSha256 = Sha256Hex(uuid);
    return s->InsertRead(r)->id;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SessionHoldsTest, HoldsFixture)

BOOST_AUTO_TEST_CASE(OnlyTheLeadOrASupervisorPlacesAHoldAndARefusalIsAudited) {
  auto other = OtherDetective();
  auto refused = other->PlaceHold(Context(), Discovery());
  BOOST_REQUIRE(!refused.Ok());
  BOOST_TEST((refused.Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST(refused.Err().message.find("lead (d.reyes)") != std::string::npos, refused.Err().message);
  auto record = Last();
  BOOST_TEST(record["event"].get<std::string>() == "access.refused");
  BOOST_TEST(record["user"].get<std::string>() == "c.ward");
  // "Add to case" places a hold too: the same rule.
  const std::vector<store::ReadId> one{reads[0]};
  BOOST_TEST((other->CollectForCase(Context(), one).Err().code == ErrorCode::PermissionDenied));

  auto lead = Detective();
  auto placed = lead->PlaceHold(Context(), Discovery());
  BOOST_REQUIRE_MESSAGE(placed.Ok(), (placed.Ok() ? "" : placed.Err().ToString()));
  BOOST_TEST((placed->kind == store::HoldKind::Discovery));
  BOOST_TEST(placed->reads == 2u);
  BOOST_TEST(placed->placedBy == "d.reyes");
  record = Last();
  BOOST_TEST(record["event"].get<std::string>() == "hold.placed");
  BOOST_TEST(record["case"].get<std::string>() == "26-004512");
  BOOST_TEST(record["reason"].get<std::string>() == "defence discovery request of 1 Dec, State v. Doe");
  BOOST_TEST(record["details"]["kind"].get<std::string>() == "discovery");
  BOOST_TEST(record["objects"].dump().find("read:" + std::to_string(reads[1])) != std::string::npos);

  // A supervisor may place one on any case; a hold without a reason is refused.
  auto supervisor = Supervisor();
  HoldRequest noReason = Discovery();
  noReason.reason = "  ";
  BOOST_TEST((supervisor->PlaceHold(Context(), noReason).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(supervisor->PlaceHold(Context(), Discovery()).Ok());
  // The plate-data rules still apply: no justification, no hold.
  BOOST_TEST(!supervisor->PlaceHold(Context("26-004512", "INV-PROPERTY", ""), Discovery()).Ok());
}

BOOST_AUTO_TEST_CASE(ASupervisorReleasesAndReviewsWithAReasonAndTheRegisterShowsIt) {
  auto lead = Detective();
  const auto placed = lead->PlaceHold(Context(), Discovery()).Value();
  // Not the detective's to release, review or list.
  BOOST_TEST((lead->ReleaseHold(placed.id, "done").Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST((lead->ReviewHold(placed.id, "keep").Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST((lead->Holds({}).Err().code == ErrorCode::PermissionDenied));

  auto supervisor = Supervisor();
  BOOST_TEST((supervisor->ReleaseHold(placed.id, " ").Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((supervisor->ReleaseHold(999, "done").Err().code == ErrorCode::NotFound));
  BOOST_REQUIRE(supervisor->ReviewHold(placed.id, "trial set for March 2027: keep").Ok());
  auto record = Last();
  BOOST_TEST(record["event"].get<std::string>() == "hold.reviewed");
  BOOST_TEST(record["reason"].get<std::string>() == "trial set for March 2027: keep");
  BOOST_TEST(record["objects"].dump().find("hold:" + std::to_string(placed.id)) != std::string::npos);

  BOOST_REQUIRE(supervisor->ReleaseHold(placed.id, "case closed: no charges filed").Ok());
  record = Last();
  BOOST_TEST(record["event"].get<std::string>() == "hold.released");
  BOOST_TEST(record["case"].get<std::string>() == "26-004512");
  BOOST_TEST((supervisor->ReleaseHold(placed.id, "again").Err().code == ErrorCode::AlreadyExists));

  auto list = supervisor->Holds({}).Value();
  BOOST_REQUIRE_EQUAL(list.size(), 1u);
  BOOST_TEST(!list[0].InForce());
  BOOST_TEST(list[0].releaseReason == "case closed: no charges filed");
  BOOST_TEST(list[0].reviewNote == "trial set for March 2027: keep");
  BOOST_TEST(LastEvent() == "audit.review");
  BOOST_TEST(supervisor->Holds({.inForceOnly = true})->empty());
  // The auditor reads the register too.
  auto auditor = Login("j.lind", kAuditorPassword);
  BOOST_TEST(auditor->Holds({})->size() == 1u);
}

BOOST_AUTO_TEST_CASE(AHoldIsDueForReviewAfterTheSettingAndAReviewStartsTheClockAgain) {
  auto lead = Detective();
  const auto placed = lead->PlaceHold(Context(), Discovery()).Value();
  auto supervisor = Supervisor();
  BOOST_TEST(!supervisor->Holds({})->at(0).reviewDue);
  clock.Advance(180 * kMsPerDay);
  supervisor = Supervisor();
  BOOST_TEST(supervisor->Holds({})->at(0).reviewDue);
  BOOST_REQUIRE(supervisor->ReviewHold(placed.id, "appeal pending").Ok());
  BOOST_TEST(!supervisor->Holds({})->at(0).reviewDue);
  // A shorter period (agency setting) makes it due sooner; a bad value is refused.
  auto admin = Admin();
  BOOST_TEST((admin->SetSetting("hold_review_days", "0").Err().code == ErrorCode::InvalidArgument));
  BOOST_REQUIRE(admin->SetSetting("hold_review_days", "30").Ok());
  clock.Advance(31 * kMsPerDay);
  supervisor = Supervisor();
  BOOST_TEST(supervisor->Holds({})->at(0).reviewDue);
  // The case's summary marks it too (the Cases page's Holds tab).
  lead = Detective();
  auto summary = lead->GetCaseSummary(Context()).Value();
  BOOST_REQUIRE_EQUAL(summary.holdList.size(), 1u);
  BOOST_TEST(summary.holdList[0].reviewDue);
}

BOOST_AUTO_TEST_CASE(APreservationOrderKeepsReadsThatArriveLaterInsideItsWindow) {
  const UtcMs from = clock.Now() - 60 * kMsPerDay;
  const UtcMs to = clock.Now() - 40 * kMsPerDay;  // all of it past the 30 days of retention
  auto supervisor = Supervisor();
  auto placed = supervisor->PlaceHold(Context(), Order(from, to));
  BOOST_REQUIRE_MESSAGE(placed.Ok(), (placed.Ok() ? "" : placed.Err().ToString()));
  BOOST_TEST(placed->plates == (std::vector<std::string>{"ABC777"}));  // normalised as reads are
  BOOST_TEST(placed->reads == 0u);
  auto record = Last();
  BOOST_TEST(record["details"]["kind"].get<std::string>() == "preservation");
  BOOST_TEST(record["objects"].dump().find("plate:ABC777") != std::string::npos);
  BOOST_TEST(record["objects"].dump().find("camera:cam-1") != std::string::npos);

  // A camera's backlog arrives after the order: one read inside the window, one outside, one
  // of another plate.
  const store::ReadId kept = AddRead("backlog-1", "ABC777", from + kMsPerDay);
  const store::ReadId outside = AddRead("backlog-2", "ABC777", to + kMsPerDay);
  const store::ReadId other = AddRead("backlog-3", "XYZ111", from + kMsPerDay);
  auto admin = Admin();
  auto purged = admin->PurgeExpired();
  BOOST_REQUIRE_MESSAGE(purged.Ok(), (purged.Ok() ? "" : purged.Err().ToString()));
  BOOST_TEST(purged->counts.readsHeld == 1u);
  auto storage = store::Storage::Open(dir, clock).Value();
  BOOST_TEST(storage->GetRead(kept)->has_value());
  BOOST_TEST(!storage->GetRead(outside)->has_value());
  BOOST_TEST(!storage->GetRead(other)->has_value());
  storage.reset();

  // Bad orders: no window, an unknown camera, nothing named.
  HoldRequest bad = Order(from, to);
  bad.to.reset();
  BOOST_TEST((supervisor->PlaceHold(Context(), bad).Err().code == ErrorCode::InvalidArgument));
  bad = Order(from, to);
  bad.cameras = {"no-such-camera"};
  BOOST_TEST((supervisor->PlaceHold(Context(), bad).Err().code == ErrorCode::NotFound));
  bad = Order(from, to);
  bad.cameras.clear();
  bad.plates = {"--"};
  BOOST_TEST((supervisor->PlaceHold(Context(), bad).Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_SUITE_END()

// SPDX-License-Identifier: GPL-3.0-or-later
// Storage: reads, candidates, corrections, ForEachRead.
#include "StoreTestSupport.h"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <limits>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;

namespace {

void CheckSame(const Read& got, const NewRead& want) {
  BOOST_TEST(got.sourceFormat == want.sourceFormat);
  BOOST_TEST(got.sourceUuid == want.sourceUuid);
  BOOST_TEST(got.capturedAt == want.capturedAt);
  BOOST_TEST(got.camera == want.camera);
  BOOST_TEST(got.plateReported == want.plateReported);
  BOOST_TEST(got.plate == want.plate);
  BOOST_TEST(got.state == want.state);
  BOOST_TEST(got.confidence == want.confidence);
  BOOST_TEST((got.candidates == want.candidates));
  BOOST_TEST((got.vehicle == want.vehicle));
  BOOST_TEST((got.directionDeg == want.directionDeg));
  BOOST_TEST((got.latitude == want.latitude));
  BOOST_TEST((got.longitude == want.longitude));
  BOOST_TEST(got.plateImage == want.plateImage);
  BOOST_TEST(got.vehicleImage == want.vehicleImage);
  BOOST_TEST(got.payloadSha256 == want.payloadSha256);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ReadsTest)

BOOST_AUTO_TEST_CASE(EveryFieldOfAReadRoundTrips) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  auto plateImg = f.storage->PutImage("plate-crop", "image/jpeg", 120, 40);
  auto carImg = f.storage->PutImage("overview", "image/png", 640, 480);
  BOOST_REQUIRE(plateImg.Ok());
  BOOST_REQUIRE(carImg.Ok());
  NewRead r = MakeRead(cam, "9f0c1e6a-0000-4000-8000-000000000001", "KX4410");
  r.plateReported = "kx-4410";
  r.state = "";
  r.confidence = 100;
  r.candidates = {{"KX441O", "KX441O", 55.125}, {"KX4A10", "KX4A10", 0}, {"K X 4410", "KX4410", 12.5}};
  r.vehicle.color = {{"blue", 70.5}, {"black", 20}};
  r.vehicle.make = {{"ford", 93.25}};
  r.vehicle.model = {{"ford_f-150", 61.0}, {"ford_ranger", 30.0}};
  r.vehicle.body = {{"pickup truck", 99.9}};
  r.vehicle.year = {{"2015-2019", 44.4}, {"2010-2014", 30.1}};
  r.directionDeg = 271.5;
  r.latitude = 38.62727;
  r.longitude = -90.19789;
  r.plateImage = plateImg->sha256;
  r.vehicleImage = carImg->sha256;
  f.clock.Advance(1234);

  auto out = f.storage->InsertRead(r);
  BOOST_REQUIRE_MESSAGE(out.Ok(), (out.Ok() ? std::string() : out.Err().ToString()));
  BOOST_TEST(out->inserted);
  BOOST_TEST(out->id > 0);
  auto got = f.storage->GetRead(out->id);
  BOOST_REQUIRE(got.Ok());
  BOOST_REQUIRE(got->has_value());
  CheckSame(**got, r);
  BOOST_TEST((*got)->id == out->id);
  BOOST_TEST((*got)->ingestedAt == kStart + 1234);

  // The top-ranked attribute columns are there for SQL filters.
  sqlite3* db = f.Raw();
  const std::string where = " FROM reads WHERE id = " + std::to_string(out->id);
  BOOST_TEST(RawText(db, "SELECT color" + where) == "blue");
  BOOST_TEST(RawText(db, "SELECT make" + where) == "ford");
  BOOST_TEST(RawText(db, "SELECT model" + where) == "ford_f-150");
  BOOST_TEST(RawText(db, "SELECT body" + where) == "pickup truck");
  BOOST_TEST(RawText(db, "SELECT year" + where) == "2015-2019");
  BOOST_TEST(RawText(db, "SELECT color_conf" + where) == "70.5");
}

BOOST_AUTO_TEST_CASE(AReadWithoutOptionalPartsRoundTripsWithThemAbsent) {
  StorageFixture f;
  NewRead r = MakeRead(f.Camera(), "bare");
  r.candidates.clear();
  r.vehicle = {};
  r.payloadSha256.clear();
  auto out = f.storage->InsertRead(r);
  BOOST_REQUIRE(out.Ok());
  auto got = f.storage->GetRead(out->id);
  BOOST_REQUIRE(got.Ok() && got->has_value());
  CheckSame(**got, r);
  BOOST_TEST(!(*got)->directionDeg.has_value());
  BOOST_TEST(!(*got)->latitude.has_value());
  BOOST_TEST(RawInt(f.Raw(), "SELECT attributes_json IS NULL AND color IS NULL FROM reads") == 1);
}

BOOST_AUTO_TEST_CASE(ManyCandidatesAndAwkwardAttributeTextRoundTrip) {
  StorageFixture f;
  NewRead r = MakeRead(f.Camera(), "many");
  r.candidates.clear();
  for (int i = 0; i < 11; ++i)
    r.candidates.push_back({"P" + std::to_string(i), "P" + std::to_string(i), 90.0 - i * 0.1});
  r.vehicle.make = {{"Citro\xC3\xABn \"DS\" \\ back\tslash\x01", 33.333333333333336},
                    {"\xE6\xB1\xBD\xE8\xBD\xA6", 1e-7}};
  r.vehicle.year = {{"2019", 100}};
  auto out = f.storage->InsertRead(r);
  BOOST_REQUIRE(out.Ok());
  auto got = f.storage->GetRead(out->id);
  BOOST_REQUIRE(got.Ok() && got->has_value());
  CheckSame(**got, r);
  BOOST_TEST(RawInt(f.Raw(), "SELECT json_valid(attributes_json) FROM reads") == 1);
  BOOST_TEST(RawInt(f.Raw(), "SELECT max(rank) FROM read_candidates") == 11);
}

BOOST_AUTO_TEST_CASE(InvalidUtf8InAnAttributeIsStoredAsValidJson) {
  StorageFixture f;
  NewRead r = MakeRead(f.Camera(), "latin1");
  r.vehicle.make = {{"Citro\xEBn", 50}};
  auto out = f.storage->InsertRead(r);
  BOOST_REQUIRE(out.Ok());
  BOOST_TEST(RawInt(f.Raw(), "SELECT json_valid(attributes_json) FROM reads") == 1);
  auto got = f.storage->GetRead(out->id);
  BOOST_REQUIRE(got.Ok() && got->has_value());
  BOOST_TEST((*got)->vehicle.make.at(0).value == "Citro\xEF\xBF\xBDn");  // U+FFFD
}

// Fault injection: a temporary trigger refuses candidates of plate FAIL1; returns a read that
// carries one, so storing it fails half way.
NewRead ReadWhoseCandidatesFail(StorageFixture& f, CameraId cam) {
  BOOST_REQUIRE(RawExec(f.Raw(),
                        "CREATE TRIGGER fail_c BEFORE INSERT ON read_candidates "
                        "WHEN NEW.plate = 'FAIL1' BEGIN SELECT RAISE(ABORT, 'injected failure'); END") == SQLITE_OK);
  NewRead bad = MakeRead(cam, "bad");
  bad.candidates.push_back({"FAIL1", "FAIL1", 10});
  return bad;
}

BOOST_AUTO_TEST_CASE(AReadWhoseCandidatesFailIsUndoneAndTheTransactionGoesOn) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  const NewRead bad = ReadWhoseCandidatesFail(f, cam);
  {
    auto tx = f.storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "ok-1")).Ok());
    BOOST_TEST(!f.storage->InsertRead(bad).Ok());
    BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "ok-2")).Ok());
    BOOST_REQUIRE(tx->Commit().Ok());
  }
  sqlite3* db = f.Raw();
  BOOST_TEST(RawInt(db, "SELECT count(*) FROM reads") == 2);
  BOOST_TEST(RawInt(db, "SELECT count(*) FROM reads WHERE source_uuid = 'bad'") == 0);
  BOOST_TEST(RawInt(db, "SELECT count(*) FROM read_candidates") == 4);
  // Outside a transaction the failed read leaves nothing either.
  BOOST_TEST(!f.storage->InsertRead(bad).Ok());
  BOOST_TEST(RawInt(db, "SELECT count(*) FROM reads") == 2);
  BOOST_TEST(RawInt(db, "SELECT count(*) FROM read_candidates") == 4);
  BOOST_TEST(sqlite3_get_autocommit(db) != 0);
}

BOOST_AUTO_TEST_CASE(AFailedReadAPreservationOrderKeepsFailsItsWholeTransaction) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  // An order keeps every read of the camera around now: the undo of a failed read is refused, so
  // the transaction must not commit that read without its candidates.
  Hold order;
  order.caseNumber = "26-000009";
  order.kind = HoldKind::Preservation;
  order.reason = "preservation request";
  order.placedBy = "s.okafor";
  order.cameras = {"cam-1"};
  order.from = kStart - kMsPerDay;
  order.to = kStart + kMsPerDay;
  BOOST_REQUIRE(f.storage->AddHold(order, {}).Ok());
  const NewRead bad = ReadWhoseCandidatesFail(f, cam);
  {
    auto tx = f.storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "ok-1")).Ok());
    BOOST_TEST(!f.storage->InsertRead(bad).Ok());
    BOOST_TEST(!tx->Commit().Ok());
  }
  BOOST_TEST(RawInt(f.Raw(), "SELECT count(*) FROM reads") == 0);
  BOOST_TEST(sqlite3_get_autocommit(f.Raw()) != 0);
  // The next transaction starts whole.
  auto tx = f.storage->Begin();
  BOOST_REQUIRE(tx.Ok());
  BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "ok-2")).Ok());
  BOOST_TEST(tx->Commit().Ok());
}

BOOST_AUTO_TEST_CASE(TheSameSourceRecordTwiceIsStoredOnceAndNotReplaced) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  NewRead first = MakeRead(cam, "dup", "AAA111");
  auto a = f.storage->InsertRead(first);
  BOOST_REQUIRE(a.Ok());
  BOOST_TEST(a->inserted);
  NewRead second = MakeRead(cam, "dup", "ZZZ999");
  second.candidates.clear();
  auto b = f.storage->InsertRead(second);
  BOOST_REQUIRE(b.Ok());
  BOOST_TEST(!b->inserted);
  BOOST_TEST(b->id == a->id);
  auto got = f.storage->GetRead(a->id);
  BOOST_TEST((*got)->plate == "AAA111");
  BOOST_TEST((*got)->candidates.size() == 2u);
  BOOST_TEST(f.storage->GetStatus()->reads == 1);

  // Inside a transaction too.
  auto tx = f.storage->Begin();
  BOOST_REQUIRE(tx.Ok());
  auto c = f.storage->InsertRead(first);
  BOOST_REQUIRE(c.Ok());
  BOOST_TEST(!c->inserted);
  BOOST_TEST(c->id == a->id);
  BOOST_REQUIRE(tx->Commit().Ok());
}

BOOST_AUTO_TEST_CASE(TheSameUuidFromAnotherFormatIsAnotherRead) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  NewRead a = MakeRead(cam, "same");
  NewRead b = MakeRead(cam, "same");
  b.sourceFormat = "platerecognizer";
  auto x = f.storage->InsertRead(a);
  auto y = f.storage->InsertRead(b);
  BOOST_REQUIRE(x.Ok() && y.Ok());
  BOOST_TEST(y->inserted);
  BOOST_TEST(x->id != y->id);
}

BOOST_AUTO_TEST_CASE(EachValidationFailureNamesItsField) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    const char* field;
    std::function<void(NewRead&)> spoil;
  };
  const Case cases[] = {
      {"sourceFormat", [](NewRead& r) { r.sourceFormat.clear(); }},
      {"sourceUuid", [](NewRead& r) { r.sourceUuid.clear(); }},
      {"capturedAt", [](NewRead& r) { r.capturedAt = 0; }},
      {"plate", [](NewRead& r) { r.plate = "abc123"; }},
      {"plate", [](NewRead& r) { r.plate = ""; }},
      {"plate", [](NewRead& r) { r.plate = "ABCDEFGHJKLMN"; }},
      {"state", [](NewRead& r) { r.state = "mo"; }},
      {"state", [](NewRead& r) { r.state = "MOO"; }},
      {"confidence", [](NewRead& r) { r.confidence = 100.5; }},
      {"confidence", [](NewRead& r) { r.confidence = -1; }},
      {"confidence", [nan](NewRead& r) { r.confidence = nan; }},
      {"candidates[1].plate", [](NewRead& r) { r.candidates[1].plate = "AB-12"; }},
      {"candidates[0].confidence", [inf](NewRead& r) { r.candidates[0].confidence = inf; }},
      {"vehicle.color[1].confidence", [](NewRead& r) { r.vehicle.color[1].confidence = 101; }},
      {"vehicle.make[0].value",
       [](NewRead& r) {
         r.vehicle.make = {{"", 50}};
       }},
      {"directionDeg", [](NewRead& r) { r.directionDeg = 361; }},
      {"latitude",
       [](NewRead& r) {
         r.latitude = 91;
         r.longitude = 0;
       }},
      {"longitude",
       [](NewRead& r) {
         r.latitude = 0;
         r.longitude = -181;
       }},
      {"longitude", [](NewRead& r) { r.latitude = 10; }},
      {"plateImage", [](NewRead& r) { r.plateImage = "not-a-hash"; }},
      {"plateImage", [](NewRead& r) { r.plateImage = Sha256Hex("never stored"); }},
      {"vehicleImage", [](NewRead& r) { r.vehicleImage = Sha256Hex("never stored"); }},
      {"payloadSha256", [](NewRead& r) { r.payloadSha256 = "XYZ"; }},
      {"camera", [cam](NewRead& r) { r.camera = cam + 100; }},
  };
  int n = 0;
  for (const Case& c : cases) {
    NewRead r = MakeRead(cam, "v" + std::to_string(n++));
    c.spoil(r);
    auto out = f.storage->InsertRead(r);
    BOOST_TEST_CONTEXT("field " << c.field) {
      BOOST_REQUIRE(!out.Ok());
      BOOST_TEST((out.Err().code == ErrorCode::InvalidArgument));
      BOOST_TEST(out.Err().context == c.field);
    }
  }
  BOOST_TEST(f.storage->GetStatus()->reads == 0);
}

BOOST_AUTO_TEST_CASE(UpdatingAReadIsRefusedByTheSchema) {
  StorageFixture f;
  auto out = f.storage->InsertRead(MakeRead(f.Camera(), "imm"));
  BOOST_REQUIRE(out.Ok());
  sqlite3* db = f.Raw();
  std::string error;
  BOOST_TEST(((RawExec(db, "UPDATE reads SET plate = 'XXX999'", &error) & 0xff) == SQLITE_CONSTRAINT));
  BOOST_TEST(error == "reads are immutable: record a correction instead");
  BOOST_TEST(((RawExec(db, "UPDATE read_candidates SET plate = 'XXX999'", &error) & 0xff) == SQLITE_CONSTRAINT));
  BOOST_TEST(error == "reads are immutable: record a correction instead");
  BOOST_TEST((*f.storage->GetRead(out->id))->plate == "ABC1234");
}

BOOST_AUTO_TEST_CASE(DeletingAReadTakesItsCandidatesAndCorrectionsAlong) {
  StorageFixture f;
  auto out = f.storage->InsertRead(MakeRead(f.Camera(), "purge"));
  BOOST_REQUIRE(out.Ok());
  BOOST_REQUIRE(f.storage->AddCorrection(out->id, "ABC1235", "MO", "misread 4 as 5", "jdoe").Ok());
  sqlite3* db = f.Raw();
  BOOST_REQUIRE(f.storage->AddVerification(out->id, "jdoe", "26-000001").Ok());
  BOOST_REQUIRE(RawPurgeExec(db, "DELETE FROM reads") == SQLITE_OK);
  BOOST_TEST(RawInt(db, "SELECT count(*) FROM read_candidates") == 0);
  BOOST_TEST(RawInt(db, "SELECT count(*) FROM read_corrections") == 0);
  BOOST_TEST(RawInt(db, "SELECT count(*) FROM read_verifications") == 0);
}

BOOST_AUTO_TEST_CASE(GetReadsKeepsTheOrderGivenAndSkipsMissingIds) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  std::vector<ReadId> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(f.storage->InsertRead(MakeRead(cam, "g" + std::to_string(i)))->id);
  const std::vector<ReadId> ask = {ids[2], 999999, ids[0]};
  auto got = f.storage->GetReads(ask);
  BOOST_REQUIRE(got.Ok());
  BOOST_REQUIRE(got->size() == 2u);
  BOOST_TEST((*got)[0].sourceUuid == "g2");
  BOOST_TEST((*got)[1].sourceUuid == "g0");
  BOOST_TEST((*got)[0].candidates.size() == 2u);
  BOOST_TEST(!f.storage->GetRead(999999)->has_value());
}

BOOST_AUTO_TEST_CASE(ForEachReadVisitsEveryReadInIdOrderAcrossBatches) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  constexpr int kCount = 23456;  // more than two batches
  {
    auto tx = f.storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    for (int i = 0; i < kCount; ++i) {
      NewRead r = MakeRead(cam, "e" + std::to_string(i));
      if (i % 3 == 0) r.candidates.clear();
      BOOST_REQUIRE(f.storage->InsertRead(r).Ok());
    }
    BOOST_REQUIRE(tx->Commit().Ok());
  }
  int seen = 0;
  ReadId last = 0;
  bool ordered = true;
  bool candidatesRight = true;
  std::uint64_t lastDone = 0;
  std::uint64_t lastTotal = 0;
  auto st = f.storage->ForEachRead(
      [&](const Read& r) {
        ordered = ordered && r.id > last;
        last = r.id;
        const int i = std::stoi(r.sourceUuid.substr(1));
        candidatesRight = candidatesRight && r.candidates.size() == (i % 3 == 0 ? 0u : 2u) &&
                          (r.candidates.empty() || r.candidates[1].plate == "ABCI234") && r.vehicle.color.size() == 2u;
        ++seen;
        return true;
      },
      {},
      [&](std::uint64_t done, std::uint64_t total) {
        lastDone = done;
        lastTotal = total;
      });
  BOOST_REQUIRE(st.Ok());
  BOOST_TEST(seen == kCount);
  BOOST_TEST(ordered);
  BOOST_TEST(candidatesRight);
  BOOST_TEST(lastDone == static_cast<std::uint64_t>(kCount));
  BOOST_TEST(lastTotal == static_cast<std::uint64_t>(kCount));
}

BOOST_AUTO_TEST_CASE(ForEachReadStopsQuietlyWhenTheCallbackSaysSo) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  for (int i = 0; i < 10; ++i) BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "s" + std::to_string(i))).Ok());
  int seen = 0;
  auto st = f.storage->ForEachRead([&](const Read&) { return ++seen < 4; });
  BOOST_TEST(st.Ok());
  BOOST_TEST(seen == 4);
}

BOOST_AUTO_TEST_CASE(ForEachReadIsCancelledByItsStopToken) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  for (int i = 0; i < 10; ++i) BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "c" + std::to_string(i))).Ok());
  std::stop_source stop;
  int seen = 0;
  auto st = f.storage->ForEachRead(
      [&](const Read&) {
        if (++seen == 3) stop.request_stop();
        return true;
      },
      stop.get_token());
  BOOST_REQUIRE(!st.Ok());
  BOOST_TEST((st.Err().code == ErrorCode::Cancelled));
  BOOST_TEST(seen == 3);

  std::stop_source early;
  early.request_stop();
  seen = 0;
  auto st2 = f.storage->ForEachRead([&](const Read&) { return ++seen > 0; }, early.get_token());
  BOOST_TEST((st2.Err().code == ErrorCode::Cancelled));
  BOOST_TEST(seen == 0);
}

BOOST_AUTO_TEST_CASE(TheCallbackMayUseTheStorageWhileIterating) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  for (int i = 0; i < 5; ++i) BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "n" + std::to_string(i))).Ok());
  int corrected = 0;
  auto st = f.storage->ForEachRead([&](const Read& r) {
    corrected += f.storage->AddCorrection(r.id, "ABC1235", "", "check", "tester").Ok() ? 1 : 0;
    return true;
  });
  BOOST_TEST(st.Ok());
  BOOST_TEST(corrected == 5);
}

BOOST_AUTO_TEST_CASE(ACorrectionIsASeparateRecordAndTheReadStaysAsItWas) {
  StorageFixture f;
  auto out = f.storage->InsertRead(MakeRead(f.Camera(), "corr"));
  BOOST_REQUIRE(out.Ok());
  f.clock.Advance(kMsPerMinute);
  auto c = f.storage->AddCorrection(out->id, "ABC1284", "KS", "8 read as 3 on the photo", "det.smith");
  BOOST_REQUIRE(c.Ok());
  BOOST_TEST(c->id > 0);
  BOOST_TEST(c->createdAt == kStart + kMsPerMinute);
  auto list = f.storage->Corrections(out->id);
  BOOST_REQUIRE(list.Ok());
  BOOST_REQUIRE(list->size() == 1u);
  const Correction& got = (*list)[0];
  BOOST_TEST(got.id == c->id);
  BOOST_TEST(got.read == out->id);
  BOOST_TEST(got.plate == "ABC1284");
  BOOST_TEST(got.state == "KS");
  BOOST_TEST(got.reason == "8 read as 3 on the photo");
  BOOST_TEST(got.user == "det.smith");
  BOOST_TEST(got.createdAt == kStart + kMsPerMinute);
  BOOST_TEST((*f.storage->GetRead(out->id))->plate == "ABC1234");
  std::string error;
  BOOST_TEST(((RawExec(f.Raw(), "UPDATE read_corrections SET plate = 'X'", &error) & 0xff) == SQLITE_CONSTRAINT));
}

BOOST_AUTO_TEST_CASE(ACorrectionNeedsAnExistingReadAndValidFields) {
  StorageFixture f;
  auto out = f.storage->InsertRead(MakeRead(f.Camera(), "corr"));
  BOOST_REQUIRE(out.Ok());
  BOOST_TEST((f.storage->AddCorrection(out->id + 1, "ABC1", "", "r", "u").Err().code == ErrorCode::NotFound));
  BOOST_TEST(f.storage->AddCorrection(out->id, "abc 1", "", "r", "u").Err().context == "plate");
  BOOST_TEST(f.storage->AddCorrection(out->id, "ABC1", "Kansas", "r", "u").Err().context == "state");
  BOOST_TEST(f.storage->AddCorrection(out->id, "ABC1", "", "", "u").Err().context == "reason");
  BOOST_TEST(f.storage->AddCorrection(out->id, "ABC1", "", "r", "").Err().context == "user");
  BOOST_TEST(f.storage->Corrections(out->id)->empty());
}

BOOST_AUTO_TEST_CASE(AVerificationRecordsWhoAndWhenAndCannotBeChanged) {
  StorageFixture f;
  auto out = f.storage->InsertRead(MakeRead(f.Camera(), "verify"));
  BOOST_REQUIRE(out.Ok());
  BOOST_TEST(f.storage->Verifications(out->id)->empty());
  f.clock.Advance(kMsPerMinute);
  auto v = f.storage->AddVerification(out->id, "det.smith", "26-004512");
  BOOST_REQUIRE(v.Ok());
  f.clock.Advance(kMsPerMinute);
  BOOST_REQUIRE(f.storage->AddVerification(out->id, "det.jones", "26-004513").Ok());
  auto list = f.storage->Verifications(out->id);
  BOOST_REQUIRE(list.Ok());
  BOOST_REQUIRE(list->size() == 2u);
  BOOST_TEST((*list)[0].id == v->id);
  BOOST_TEST((*list)[0].user == "det.smith");
  BOOST_TEST((*list)[0].caseNumber == "26-004512");
  BOOST_TEST((*list)[0].createdAt == kStart + kMsPerMinute);
  BOOST_TEST((*list)[1].user == "det.jones");
  std::string error;
  BOOST_TEST(((RawExec(f.Raw(), "UPDATE read_verifications SET user_name = 'x'", &error) & 0xff) == SQLITE_CONSTRAINT));
}

BOOST_AUTO_TEST_CASE(AVerificationNeedsAnExistingReadAndAUser) {
  StorageFixture f;
  auto out = f.storage->InsertRead(MakeRead(f.Camera(), "verify"));
  BOOST_REQUIRE(out.Ok());
  BOOST_TEST((f.storage->AddVerification(out->id + 1, "u", "").Err().code == ErrorCode::NotFound));
  BOOST_TEST(f.storage->AddVerification(out->id, "", "").Err().context == "user");
  BOOST_TEST(f.storage->Verifications(out->id)->empty());
}

BOOST_AUTO_TEST_SUITE_END()

// SPDX-License-Identifier: GPL-3.0-or-later
// Session::PurgeExpired / CountExpired: administrators only, recorded before anything is deleted,
// fail closed, and the search index of a running workstation forgets purged reads.
#include "WorkstationTestSupport.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stop_token>

using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

namespace {

struct RetentionFixture : AgencyFixture {
  std::string oldImage;

  // Reads from before the retention period, stored as an import would (store level: test setup).
  store::ReadId AddOld(const std::string& uuid, UtcMs age, const std::string& plate, bool withImage = true) {
    auto s = store::Storage::Open(dir, clock).Value();
    auto cam = s->EnsureCamera("cam-1", "", store::CameraKind::Fixed, std::nullopt).Value();
    if (oldImage.empty()) oldImage = s->PutImage("\xFF\xD8 an old plate crop \xFF\xD9", "image/jpeg", 10, 5)->sha256;
    store::NewRead r;
    r.sourceFormat = "csv";
    r.sourceUuid = uuid;
    r.capturedAt = clock.Now() - age;
    r.camera = cam;
    r.plateReported = r.plate = plate;
    r.state = "WA";
    r.confidence = 90;
    if (withImage) r.plateImage = oldImage;
    r.payloadSha256 = Sha256Hex(uuid);
    return s->InsertRead(r)->id;
  }
  void Hold(store::ReadId id) {
    auto s = store::Storage::Open(dir, clock).Value();
    BOOST_REQUIRE(s->AddCaseHolds("26-004512", std::vector<store::ReadId>{id}, "evidence export", "d.reyes").Ok());
  }
  bool Exists(store::ReadId id) { return store::Storage::Open(dir, clock).Value()->GetRead(id)->has_value(); }
  std::size_t Found(Session& s, const std::string& plate) {
    search::Query q;
    q.plate = plate;
    auto r = s.Search(Context(), q);
    BOOST_REQUIRE_MESSAGE(r.Ok(), (r.Ok() ? std::string() : r.Err().ToString()));
    return r->result.totalMatches;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SessionRetentionTest, RetentionFixture)

BOOST_AUTO_TEST_CASE(AnAdministratorPurgesReadsPastRetentionRecordedBeforeAndAfter) {
  const auto a = AddOld("old-a", 40 * kMsPerDay, "OLD100");
  const auto b = AddOld("old-b", 31 * kMsPerDay, "OLD101");
  const auto held = AddOld("old-held", 60 * kMsPerDay, "OLD102", false);
  Hold(held);
  auto admin = Admin();

  auto dry = admin->CountExpired();
  BOOST_REQUIRE(dry.Ok());
  BOOST_TEST(dry->retentionDays == 30);
  BOOST_TEST(dry->counts.readsDeleted == 2u);
  BOOST_TEST(dry->counts.readsHeld == 1u);
  BOOST_TEST(dry->counts.imagesDeleted == 1u);
  BOOST_TEST(LastEvent() == "retention.dry_run");
  BOOST_TEST(Exists(a));

  const auto before = AuditSize();
  std::string eventWhenDeletingStarted;
  auto done = admin->PurgeExpired({}, [&](std::uint64_t, std::uint64_t) {
    if (eventWhenDeletingStarted.empty()) eventWhenDeletingStarted = LastEvent();
  });
  BOOST_REQUIRE_MESSAGE(done.Ok(), (done.Ok() ? std::string() : done.Err().ToString()));
  BOOST_TEST(eventWhenDeletingStarted == "retention.start");  // committed before the first read went
  BOOST_TEST(done->counts.readsDeleted == 2u);
  BOOST_TEST(done->counts.readsHeld == 1u);
  BOOST_TEST(done->counts.imagesDeleted == 1u);
  BOOST_TEST(done->counts.bytesFreed > 0u);
  BOOST_TEST(done->counts.cutoffs.fixed == clock.Now() - 30 * kMsPerDay);
  BOOST_TEST(!Exists(a));
  BOOST_TEST(!Exists(b));
  BOOST_TEST(Exists(held));
  for (auto id : reads) BOOST_TEST(Exists(id));  // the fixture's recent reads

  const auto records = AllRecords();
  BOOST_REQUIRE(records.size() == before + 2);
  const auto& start = records[before];
  const auto& result = records[before + 1];
  BOOST_TEST(start.event == "retention.start");
  BOOST_TEST(result.event == "retention.purge");
  const auto startJson = nlohmann::json::parse(start.canonical);
  const auto resultJson = nlohmann::json::parse(result.canonical);
  BOOST_TEST(startJson.at("user").get<std::string>() == "a.rivera");
  BOOST_TEST(startJson.at("details").at("cutoff").get<std::string>() == FormatIso8601(done->counts.cutoffs.fixed));
  BOOST_TEST(startJson.at("details").at("reads_deleted").get<std::string>() == "2");  // expected
  BOOST_TEST(resultJson.at("outcome").get<std::string>() == "success");
  BOOST_TEST(resultJson.at("result_count").get<int>() == 2);
  BOOST_TEST(resultJson.at("bytes").get<std::uint64_t>() == done->counts.bytesFreed);
  for (const char* key : {"reads_deleted", "reads_held", "images_deleted", "bytes_freed", "cutoff", "retention_days"})
    BOOST_TEST(resultJson.at("details").contains(key), key);
  BOOST_TEST(resultJson.at("details").at("reads_held").get<std::string>() == "1");
}

BOOST_AUTO_TEST_CASE(OnlyAdministratorsMayPurgeOrCount) {
  const auto a = AddOld("old-a", 40 * kMsPerDay, "OLD100");
  for (auto* user : {"d.reyes", "s.okafor"}) {
    auto s = Login(user, std::string(user) == "d.reyes" ? kDetectivePassword : kSupervisorPassword);
    const auto before = AuditSize();
    auto purged = s->PurgeExpired();
    BOOST_REQUIRE(!purged.Ok());
    BOOST_TEST((purged.Err().code == ErrorCode::PermissionDenied));
    BOOST_TEST((s->CountExpired().Err().code == ErrorCode::PermissionDenied));
    BOOST_TEST(AuditSize() == before);
  }
  BOOST_TEST(Exists(a));
}

BOOST_AUTO_TEST_CASE(WhenTheStartCannotBeRecordedNothingIsDeleted) {
  const auto a = AddOld("old-a", 40 * kMsPerDay, "OLD100");
  auto admin = Admin();
  BreakAuditLog();
  auto purged = admin->PurgeExpired();
  BOOST_REQUIRE(!purged.Ok());
  BOOST_TEST(purged.Err().message.find("audit log could not record") != std::string::npos);
  BOOST_TEST(Exists(a));
}

BOOST_AUTO_TEST_CASE(ARunningWorkstationsSearchIndexForgetsPurgedReads) {
  AddOld("old-a", 40 * kMsPerDay, "OLD100");
  auto detective = Detective();
  BOOST_TEST(Found(*detective, "OLD100") == 1u);  // the index is built and held by this workstation
  BOOST_TEST(Found(*detective, "ABC12?") == 3u);
  auto admin = Admin();
  BOOST_REQUIRE(admin->PurgeExpired().Ok());
  BOOST_TEST(Found(*detective, "OLD100") == 0u);
  BOOST_TEST(Found(*detective, "ABC12?") == 3u);
}

BOOST_AUTO_TEST_CASE(TheScheduleRecordsNothingWhenNothingIsPastRetention) {
  const auto before = AuditSize();
  auto idle = ws->PurgeOnSchedule({}, {});
  BOOST_REQUIRE(idle.Ok());
  BOOST_REQUIRE(idle->has_value());
  BOOST_TEST((*idle)->counts.readsDeleted == 0u);
  BOOST_TEST(AuditSize() == before);  // no empty purge at every sign-in
  const auto old = AddOld("old-a", 40 * kMsPerDay, "OLD100");
  auto due = ws->PurgeOnSchedule({}, {});
  BOOST_REQUIRE(due.Ok());
  BOOST_TEST((*due)->counts.readsDeleted == 1u);
  BOOST_TEST(LastEvent() == "retention.purge");
  BOOST_TEST(!Exists(old));
}

BOOST_AUTO_TEST_CASE(NothingOfAPurgedReadRemainsAnywhereInTheStorageFolder) {
  // Reads with distinctive plates and image bytes, past retention; quarantined input naming them,
  // received before the cutoff; a migration backup made before it; a saved search index holding
  // them. Then the schedule's purge, and every byte of every file in the folder is searched.
  const std::vector<std::string> plates{"QZXJ7K1", "QZXJ7K2", "QZXJ7K3"};
  const std::string imageMark = "PURGE-TEST-IMAGE-MARK-4F1C";
  {
    auto s = store::Storage::Open(dir, clock).Value();
    auto cam = s->EnsureCamera("cam-9", "", store::CameraKind::Fixed, std::nullopt).Value();
    for (std::size_t i = 0; i < plates.size(); ++i) {
      const std::string bytes = "\xFF\xD8 " + imageMark + " " + std::to_string(i) + " \xFF\xD9";
      store::NewRead r;
      r.sourceFormat = "csv";
      r.sourceUuid = "distinct-" + std::to_string(i);
      r.capturedAt = clock.Now() - 40 * kMsPerDay - static_cast<UtcMs>(i) * kMsPerHour;
      r.camera = cam;
      r.plateReported = r.plate = plates[i];
      r.state = "WA";
      r.confidence = 90;
      r.plateImage = s->PutImage(bytes, "image/jpeg", 10, 5)->sha256;
      r.payloadSha256 = Sha256Hex(r.sourceUuid);
      BOOST_REQUIRE(s->InsertRead(r).Ok());
    }
    store::QuarantineEntry q;
    q.sourcePath = "cam-9/2026-09-20.csv";
    q.line = 7;
    q.reason = "confidence is not a number";
    q.receivedAt = clock.Now() - 35 * kMsPerDay;
    BOOST_REQUIRE(s->Quarantine("2026-09-20T10:00:00Z,cam-9," + plates[0] + ",WA,high", "csv", q).Ok());
    store::QuarantineEntry recent = q;
    recent.receivedAt = clock.Now() - kMsPerDay;  // inside the period: kept
    BOOST_REQUIRE(s->Quarantine("2026-11-01T10:00:00Z,cam-9,KEEP77,WA,high", "csv", recent).Ok());
  }
  const std::string backup = "platedesk.db.bak-v13-20260901T120000Z";
  {
    std::ofstream old(dir / backup, std::ios::binary);
    old << "SQLite format 3 ... " << plates[1] << " ...";
  }
  const std::string recentBackup = "platedesk.db.bak-v14-20261030T120000Z";  // 3 days old: kept
  { std::ofstream(dir / recentBackup, std::ios::binary) << "a recent backup"; }
  auto detective = Detective();
  BOOST_TEST(Found(*detective, "ABC120") == 1u);  // builds and saves search.index with every read
  BOOST_REQUIRE(std::filesystem::exists(dir / "search.index"));

  auto purged = ws->PurgeOnSchedule({}, {});
  BOOST_REQUIRE_MESSAGE(purged.Ok(), (purged.Ok() ? std::string() : purged.Err().ToString()));
  BOOST_REQUIRE(purged->has_value());
  BOOST_TEST((*purged)->counts.readsDeleted == 3u);
  BOOST_TEST((*purged)->counts.quarantineDeleted == 1u);
  BOOST_TEST((*purged)->counts.backupsDeleted == 1u);
  BOOST_TEST(LastEvent() == "retention.purge");
  BOOST_TEST(LastRecord().find("retention-schedule") != std::string::npos, LastRecord());

  std::vector<std::string> needles = plates;
  needles.push_back(imageMark);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const auto& needle : needles)
      BOOST_TEST(bytes.find(needle) == std::string::npos, needle << " remains in " << entry.path().string());
  }
  BOOST_TEST(files > 5u);  // the database, the audit log, images, quarantine, keys...
  BOOST_TEST(!std::filesystem::exists(dir / backup));
  BOOST_TEST(std::filesystem::exists(dir / recentBackup));
  // What is inside the period stays and is found.
  BOOST_TEST(Found(*detective, "ABC120") == 1u);
  std::size_t kept = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "quarantine")) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    kept += bytes.find("KEEP77") != std::string::npos ? 1 : 0;
  }
  BOOST_TEST(kept == 1u);
}

BOOST_AUTO_TEST_CASE(ThePeriodIsAnAuditedAgencySettingOfAtLeastOneDay) {
  const auto a = AddOld("old-a", 40 * kMsPerDay, "OLD100");
  auto admin = Admin();
  for (const char* bad : {"0", "-3", "abc", "30.5", "", "36501"})
    BOOST_TEST(!admin->SetSetting("retention_days", bad).Ok(), bad);
  BOOST_REQUIRE(admin->SetSetting("retention_days", "45").Ok());
  BOOST_TEST(LastEvent() == "config.changed");
  BOOST_TEST(admin->RetentionDays().Value() == 45);
  auto kept = admin->PurgeExpired();
  BOOST_REQUIRE(kept.Ok());
  BOOST_TEST(kept->retentionDays == 45);
  BOOST_TEST(kept->counts.readsDeleted == 0u);
  BOOST_TEST(Exists(a));
  BOOST_REQUIRE(admin->SetSetting("retention_days", "1").Ok());
  BOOST_TEST(admin->PurgeExpired()->counts.readsDeleted == 1u);  // the fixture's reads are hours old
  BOOST_TEST(!Exists(a));
}

BOOST_AUTO_TEST_CASE(AStoppedPurgeIsRecordedAsStoppedWithWhatItDeleted) {
  const auto a = AddOld("old-a", 40 * kMsPerDay, "OLD100");
  auto admin = Admin();
  std::stop_source stop;
  stop.request_stop();
  auto purged = admin->PurgeExpired(stop.get_token());
  BOOST_REQUIRE(!purged.Ok());
  BOOST_TEST((purged.Err().code == ErrorCode::Cancelled));
  const auto result = nlohmann::json::parse(LastRecord());
  BOOST_TEST(result.at("event").get<std::string>() == "retention.purge");
  BOOST_TEST(result.at("outcome").get<std::string>() == "failure");
  BOOST_TEST(result.at("details").at("phase").get<std::string>() == "stopped");
  BOOST_TEST(result.at("result_count").get<int>() == 0);
  BOOST_TEST(Exists(a));
}

BOOST_AUTO_TEST_CASE(RetentionPeriodsAreReadAsPeopleWriteThem) {
  BOOST_TEST(ParseRetentionPeriod("30").value() == 30 * kMsPerDay);
  BOOST_TEST(ParseRetentionPeriod("30d").value() == 30 * kMsPerDay);
  BOOST_TEST(ParseRetentionPeriod("36h").value() == 36 * kMsPerHour);
  BOOST_TEST(ParseRetentionPeriod("90min").value() == 90 * kMsPerMinute);
  for (const char* bad :
       {"", "0", "0min", "6m", "-5d", "5x", "d", "min", "1.5d", "36501d", "99999999999999999999min", " 5d"})
    BOOST_TEST(!ParseRetentionPeriod(bad).has_value(), bad);
  BOOST_TEST(FormatRetentionPeriod(30 * kMsPerDay) == "30 days");
  BOOST_TEST(FormatRetentionPeriod(kMsPerDay + 6 * kMsPerHour) == "1 day 6 hours");
  BOOST_TEST(FormatRetentionPeriod(90 * kMsPerMinute) == "1 hour 30 minutes");
  BOOST_TEST(FormatRetentionPeriod(kMsPerMinute) == "1 minute");
  BOOST_TEST(FormatRetentionPeriod(1095 * kMsPerDay) == "3 years");
  BOOST_TEST(FormatRetentionPeriod(400 * kMsPerDay) == "400 days");
}

BOOST_AUTO_TEST_CASE(EachCameraKindKeepsReadsForItsOwnPeriodAndAnAgencyPeriodMayBeHours) {
  // Two reads three hours old: one from a patrol car's camera, one from a fixed camera.
  store::ReadId mobileRead = 0;
  {
    auto s = store::Storage::Open(dir, clock).Value();
    auto car = s->EnsureCamera("car-12", "Patrol car 12", store::CameraKind::Mobile, std::nullopt).Value();
    store::NewRead r;
    r.sourceFormat = "csv";
    r.sourceUuid = "car-12-1";
    r.capturedAt = clock.Now() - 3 * kMsPerHour;
    r.camera = car;
    r.plateReported = r.plate = "MOB123";
    r.state = "WA";
    r.confidence = 90;
    r.payloadSha256 = Sha256Hex(r.sourceUuid);
    mobileRead = s->InsertRead(r)->id;
  }
  const auto fixedRead = AddOld("fixed-3h", 3 * kMsPerHour, "FIX123");
  auto admin = Admin();
  for (const char* bad : {"0", "0min", "6m", "two hours"})
    BOOST_TEST((admin->SetSetting("retention_period_mobile", bad).Err().code == ErrorCode::InvalidArgument), bad);
  BOOST_REQUIRE(admin->SetSetting("retention_period_mobile", "2h").Ok());
  auto dry = admin->CountExpired();
  BOOST_REQUIRE(dry.Ok());
  BOOST_TEST(dry->periods.mobile == 2 * kMsPerHour);
  BOOST_TEST(dry->periods.fixed == 30 * kMsPerDay);
  BOOST_TEST(dry->counts.cutoffs.mobile == clock.Now() - 2 * kMsPerHour);
  BOOST_TEST(dry->counts.readsDeleted == 1u);
  auto done = admin->PurgeExpired();
  BOOST_REQUIRE(done.Ok());
  BOOST_TEST(!Exists(mobileRead));
  BOOST_TEST(Exists(fixedRead));
  // The record names every kind's period and cutoff.
  const auto records = AllRecords();
  const auto start = std::find_if(records.rbegin(), records.rend(),
                                  [](const audit::StoredRecord& r) { return r.event == "retention.start"; });
  BOOST_REQUIRE(start != records.rend());
  const auto details = nlohmann::json::parse(start->canonical).at("details");
  BOOST_TEST(details.at("retention_mobile").get<std::string>() == "2 hours");
  BOOST_TEST(details.at("retention_fixed").get<std::string>() == "30 days");

  // An agency period under a day: the fixed camera's read goes too (its kind has no period of its own).
  BOOST_REQUIRE(admin->SetSetting("retention_days", "150min").Ok());
  done = admin->PurgeExpired();
  BOOST_REQUIRE(done.Ok());
  BOOST_TEST(done->retentionDays == 0);
  BOOST_TEST(done->periods.agency == 150 * kMsPerMinute);
  BOOST_TEST(!Exists(fixedRead));
  // Clearing a kind's period gives it the agency's again.
  BOOST_REQUIRE(admin->SetSetting("retention_period_mobile", "").Ok());
  BOOST_TEST(admin->CountExpired()->periods.mobile == 150 * kMsPerMinute);
}

BOOST_AUTO_TEST_CASE(TheAuditLogKeepsItsOwnPeriodAndTheScheduleTombstonesWhatIsOlder) {
  const auto read = AddOld("old-a", 40 * kMsPerDay, "OLD100");
  auto admin = Admin();
  BOOST_TEST((admin->SetSetting("audit_retention_days", "300").Err().code == ErrorCode::InvalidArgument));
  BOOST_REQUIRE(admin->SetSetting("audit_retention_days", "400").Ok());
  // An administrator may not prune inside the agency's period (it binds more than CJIS's year).
  BOOST_TEST((admin->PruneAudit(clock.Now() - 380 * kMsPerDay).Err().code == ErrorCode::InvalidArgument));
  BOOST_REQUIRE(admin->Logout().Ok());
  const std::uint64_t before = AuditSize();
  // The reads' purge leaves the log whole.
  auto first = ws->PurgeOnSchedule({}, {});
  BOOST_REQUIRE(first.Ok());
  BOOST_TEST(!Exists(read));
  for (const auto& r : AllRecords()) BOOST_TEST(!r.pruned);
  BOOST_TEST(AuditSize() > before);
  // 401 days on: the records older than 400 days are tombstoned by the schedule, the rest stay.
  clock.Advance(401 * kMsPerDay);
  auto later = ws->PurgeOnSchedule({}, {});
  BOOST_REQUIRE_MESSAGE(later.Ok(), (later.Ok() ? "" : later.Err().ToString()));
  const auto records = AllRecords();
  BOOST_TEST(records.front().pruned);
  const auto pruned = std::find_if(records.begin(), records.end(),
                                   [](const audit::StoredRecord& r) { return r.event == "audit.pruned"; });
  BOOST_REQUIRE(pruned != records.end());
  BOOST_TEST(nlohmann::json::parse(pruned->canonical).at("user").get<std::string>() ==
             std::string(kRetentionScheduleUser));
  BOOST_TEST(!records.back().pruned);  // what happened since stays
  // Nothing older again: nothing more is recorded.
  const std::uint64_t size = AuditSize();
  BOOST_REQUIRE(ws->PurgeOnSchedule({}, {}).Ok());
  BOOST_TEST(AuditSize() == size);
}

BOOST_AUTO_TEST_SUITE_END()

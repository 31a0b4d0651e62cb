// SPDX-License-Identifier: GPL-3.0-or-later
// A worker thread may run Session::Search while the GUI thread goes on using the same session:
// the facade serialises its calls (one storage connection, one audit writer) and leaves the index
// phase of a search outside its lock.
#include "WorkstationTestSupport.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <thread>

using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;
using namespace std::chrono_literals;

namespace {

// ABC129, stored over a connection of its own, as the server's camera ingest stores reads.
void StoreReadElsewhere(const AgencyFixture& f, const std::string& sourceUuid) {
  auto writer = store::Storage::Open(f.dir, f.clock).Value();
  store::NewRead r;
  r.sourceFormat = "csv";
  r.sourceUuid = sourceUuid;
  r.capturedAt = f.clock.Now() - kMsPerMinute;
  r.camera = writer->Cameras().Value().front().id;
  r.plateReported = r.plate = "ABC129";
  r.state = "WA";
  r.confidence = 88;
  r.payloadSha256 = Sha256Hex(r.sourceUuid);
  BOOST_REQUIRE(writer->InsertRead(r).Ok());
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SessionThreadsTest, AgencyFixture)

BOOST_AUTO_TEST_CASE(AWorkerSearchesWhileTheGuiThreadReadsAndTheAuditLogStaysWhole) {
  auto s = Detective();
  const auto before = AuditSize();
  constexpr int kRounds = 25;
  std::atomic<int> searchesOk{0};
  std::thread worker([&] {
    for (int i = 0; i < kRounds; ++i) {
      search::Query q;
      q.plate = "ABC12?";
      auto r = s->Search(Context(), q);
      if (r.Ok() && r->result.totalMatches == 3) ++searchesOk;
    }
  });
  int readsOk = 0;
  for (int i = 0; i < kRounds; ++i) {
    auto r = s->GetReads(Context(), ReadIds());
    if (r.Ok() && r->size() == 3) ++readsOk;
    (void)s->Purposes();
  }
  worker.join();
  BOOST_TEST(searchesOk.load() == kRounds);
  BOOST_TEST(readsOk == kRounds);
  // Two records per search and one per GetReads, none lost or interleaved into a broken chain.
  BOOST_TEST(AuditSize() == before + 3 * kRounds);
  auto verdict = Admin()->VerifyAudit({});
  BOOST_REQUIRE(verdict.Ok());
  BOOST_TEST(verdict->pass, verdict->summary);
}

BOOST_AUTO_TEST_CASE(TheSessionIsNotHeldWhileTheIndexSearches) {
  auto s = Detective();
  std::promise<void> guiCallDone;
  auto guiCallDoneFuture = guiCallDone.get_future();
  std::atomic<bool> guiFinishedDuringSearch{false};
  search::SearchOptions options;
  options.batchSize = 1;
  // The first batch arrives while the search is in its index phase; it waits for a call made by
  // the other thread. Were the facade locked for the whole search, that call could not finish.
  options.onBatch = [&](std::span<const search::Hit>) {
    if (!guiFinishedDuringSearch)
      guiFinishedDuringSearch = guiCallDoneFuture.wait_for(10s) == std::future_status::ready;
    return true;
  };
  search::Query q;
  q.plate = "ABC1*";
  auto worker = std::async(std::launch::async, [&] { return s->Search(Context(), q, options).Ok(); });
  std::this_thread::sleep_for(50ms);
  const bool guiOk = s->GetReads(Context(), ReadIds()).Ok();
  guiCallDone.set_value();
  BOOST_TEST(worker.get());
  BOOST_TEST(guiOk);
  BOOST_TEST(guiFinishedDuringSearch.load());
}

BOOST_AUTO_TEST_CASE(TwoSearchesRunAtTheSameTimeOnTheSharedIndex) {
  // The server hosts one session per workstation over one index: a search that is in its index
  // phase must not keep another workstation's search waiting.
  auto first = Detective();
  auto second = Detective();  // the same detective at a second workstation
  std::promise<void> inIndexPhase;
  std::promise<void> secondDone;
  auto secondDoneFuture = secondDone.get_future();
  std::atomic<bool> overlapped{false};
  search::SearchOptions options;
  options.batchSize = 1;
  bool told = false;
  options.onBatch = [&](std::span<const search::Hit>) {
    if (!told) {
      told = true;
      inIndexPhase.set_value();
      overlapped = secondDoneFuture.wait_for(10s) == std::future_status::ready;
    }
    return true;
  };
  search::Query q;
  q.plate = "ABC1*";
  auto worker = std::async(std::launch::async, [&] { return first->Search(Context(), q, options).Ok(); });
  BOOST_REQUIRE(inIndexPhase.get_future().wait_for(20s) == std::future_status::ready);
  search::Query other;
  other.plate = "ABC12?";
  auto found = second->Search(Context(), other);
  secondDone.set_value();
  BOOST_TEST(worker.get());
  BOOST_REQUIRE(found.Ok());
  BOOST_TEST(found->result.totalMatches == 3u);
  BOOST_TEST(overlapped.load(), "the second search waited for the first one's index phase");
}

BOOST_AUTO_TEST_CASE(AReadStoredByAnotherWriterIsFoundByTheNextSearch) {
  // The server's camera ingest writes reads over a connection of its own; with no other search
  // running, the next search appends them to the index first.
  auto s = Detective();
  search::Query q;
  q.plate = "ABC12?";
  auto before = s->Search(Context(), q);
  BOOST_REQUIRE(before.Ok());
  BOOST_TEST(before->result.totalMatches == 3u);
  StoreReadElsewhere(*this, "posted-after-the-first-search");
  auto after = s->Search(Context(), q);
  BOOST_REQUIRE(after.Ok());
  BOOST_TEST(after->result.totalMatches == 4u);
}

BOOST_AUTO_TEST_CASE(ManyNewReadsAreFoundAtOnceAndMergedOffTheSearchPath) {
  // Cameras post thousands of reads: the next search finds them (kept apart from the bulk of the
  // index), and their merge into it (which saves search.index) runs on a thread of its own.
  auto s = Detective();
  search::Query q;
  q.plate = "ABC12?";
  BOOST_REQUIRE(s->Search(Context(), q).Ok());  // opens the index and saves the file
  const auto file = dir / "search.index";
  BOOST_REQUIRE(std::filesystem::exists(file));
  const auto saved = std::filesystem::last_write_time(file);
  {
    auto writer = store::Storage::Open(dir, clock).Value();
    const auto camera = writer->Cameras().Value().front().id;
    auto tx = writer->Begin();
    BOOST_REQUIRE(tx.Ok());
    for (int i = 0; i < 5000; ++i) {
      store::NewRead r;
      r.sourceFormat = "csv";
      r.sourceUuid = "burst-" + std::to_string(i);
      r.capturedAt = clock.Now() - kMsPerMinute + i;
      r.camera = camera;
      char plate[8];
      std::snprintf(plate, sizeof plate, "MRG%04d", i);
      r.plateReported = r.plate = plate;
      r.confidence = 80;
      r.payloadSha256 = Sha256Hex(r.sourceUuid);
      BOOST_REQUIRE(writer->InsertRead(r).Ok());
    }
    BOOST_REQUIRE(tx->Commit().Ok());
  }
  q.plate = "MRG0042";
  auto found = s->Search(Context(), q);
  BOOST_REQUIRE(found.Ok());
  BOOST_TEST(found->result.totalMatches == 1u);
  // The merge saves the file when it is done.
  const auto until = std::chrono::steady_clock::now() + 20s;
  while (std::filesystem::last_write_time(file) == saved && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(20ms);
  BOOST_TEST((std::filesystem::last_write_time(file) != saved), "search.index was not saved by a merge");
  q.plate = "MRG4999";
  auto last = s->Search(Context(), q);
  BOOST_REQUIRE(last.Ok());
  BOOST_TEST(last->result.totalMatches == 1u);
  auto verdict = Admin()->VerifyAudit({});
  BOOST_REQUIRE(verdict.Ok());
  BOOST_TEST(verdict->pass, verdict->summary);
}

BOOST_AUTO_TEST_CASE(ASearchStuckOnASlowReaderKeepsNoOneFromNewReads) {
  // A search whose results wait on a slow client (a server's workstation that stops reading)
  // holds its snapshot of the index; a second later another search appends the new reads to a
  // copy and finds them, without waiting for the first.
  auto slow = Detective();
  auto other = Detective();
  std::promise<void> holding;
  std::promise<void> release;
  auto releaseFuture = release.get_future();
  search::SearchOptions options;
  options.batchSize = 1;
  bool told = false;
  options.onBatch = [&](std::span<const search::Hit>) {
    if (!told) {
      told = true;
      holding.set_value();
      (void)releaseFuture.wait_for(20s);
    }
    return true;
  };
  search::Query q;
  q.plate = "ABC12?";
  auto stuck = std::async(std::launch::async, [&] { return slow->Search(Context(), q, options); });
  BOOST_REQUIRE(holding.get_future().wait_for(20s) == std::future_status::ready);
  StoreReadElsewhere(*this, "posted-while-a-search-was-stuck");
  std::this_thread::sleep_for(1100ms);  // past the batching interval
  const auto started = std::chrono::steady_clock::now();
  auto fresh = other->Search(Context(), q);
  const bool quick = std::chrono::steady_clock::now() - started < 5s;
  release.set_value();
  BOOST_REQUIRE(fresh.Ok());
  BOOST_TEST(fresh->result.totalMatches == 4u);
  BOOST_TEST(quick, "the second search waited for the stuck one");
  auto first = stuck.get();
  BOOST_REQUIRE(first.Ok());
  BOOST_TEST(first->result.totalMatches == 3u);  // its snapshot, from before the new read
}

BOOST_AUTO_TEST_CASE(TheSessionIsNotHeldWhileAnExportWritesToTheMedium) {
  auto s = Detective();
  const auto media = folder.Path() / "media";
  std::filesystem::create_directories(media);
  EvidenceRequest request;
  request.mediaLabel = "USB-0042";
  request.reads = reads;
  request.destination = media;
  request.selection = {{"reads", "1,2,3"}};
  std::promise<void> guiCallDone;
  auto guiCallDoneFuture = guiCallDone.get_future();
  std::atomic<bool> guiFinishedDuringWrite{false};
  std::promise<void> writing;
  bool told = false;
  // Progress arrives while the package is being written; it waits for a call made by the other
  // thread. Were the facade locked for the whole export, that call could not finish.
  auto progress = [&](std::uint64_t, std::uint64_t) {
    if (!told) {
      told = true;
      writing.set_value();
      guiFinishedDuringWrite = guiCallDoneFuture.wait_for(10s) == std::future_status::ready;
    }
  };
  auto worker =
      std::async(std::launch::async, [&] { return s->ExportEvidence(Context(), request, {}, progress).Ok(); });
  BOOST_REQUIRE(writing.get_future().wait_for(20s) == std::future_status::ready);
  const bool guiOk = s->Purposes().Ok() && !s->IsLocked();
  guiCallDone.set_value();
  BOOST_TEST(worker.get());
  BOOST_TEST(guiOk);
  BOOST_TEST(guiFinishedDuringWrite.load());
}

BOOST_AUTO_TEST_CASE(TheIdleLimitWaitsForTheFacadeLikeEveryOtherCall) {
  // IdleLimit reads a setting over the facade's storage connection (whose prepared-statement
  // cache is not thread-safe), so it must wait while another thread holds the facade. The
  // export's first media probe runs under the facade lock: it holds it for a moment here.
  auto s = Detective();
  const auto media = folder.Path() / "media";
  std::filesystem::create_directories(media);
  EvidenceRequest request;
  request.mediaLabel = "USB-0042";
  request.reads = reads;
  request.destination = media;
  request.selection = {{"reads", "1,2,3"}};
  std::promise<void> entered;
  std::atomic<bool> left{false};
  std::atomic<int> probes{0};
  request.probeMedia = [&](const std::filesystem::path& p) -> Result<evidence::MediaInfo> {
    if (probes++ == 0) {
      entered.set_value();
      std::this_thread::sleep_for(300ms);
      left = true;
    }
    return evidence::ProbeMedia(p);
  };
  auto worker = std::async(std::launch::async, [&] { return s->ExportEvidence(Context(), request).Ok(); });
  BOOST_REQUIRE(entered.get_future().wait_for(20s) == std::future_status::ready);
  const UtcMs limit = s->IdleLimit();
  const bool waited = left.load();
  BOOST_TEST(worker.get());
  BOOST_TEST(limit == 30 * kMsPerMinute);
  BOOST_TEST(waited, "IdleLimit ran while another thread held the facade");
}

BOOST_AUTO_TEST_CASE(ASessionLockedDuringASearchGetsNoResults) {
  auto s = Detective();
  search::SearchOptions options;
  // Locks the session while the index phase runs, as the GUI thread's lock screen would.
  options.onBatch = [&](std::span<const search::Hit>) {
    BOOST_CHECK(s->Lock().Ok());
    return true;
  };
  search::Query q;
  q.plate = "ABC12?";
  auto r = s->Search(Context(), q, options);
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::Locked));
  const auto record = AllRecords().back();
  BOOST_TEST(record.event == "search.result");
  BOOST_TEST(record.canonical.find("\"outcome\":\"failure\"") != std::string::npos, record.canonical);
}

BOOST_AUTO_TEST_CASE(ACancelledSearchReturnsNothingAndItsRecordSaysSo) {
  auto s = Detective();
  std::stop_source stop;
  stop.request_stop();  // the user pressed Cancel before the worker got going
  search::Query q;
  q.plate = "ABC12?";
  auto r = s->Search(Context(), q, {}, false, stop.get_token());
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::Cancelled));
  const auto records = AllRecords();
  BOOST_TEST(records[records.size() - 2].event == "search.start");
  BOOST_TEST(records.back().event == "search.result");
  BOOST_TEST(records.back().canonical.find("\"outcome\":\"failure\"") != std::string::npos);
  // The session is still usable afterwards.
  BOOST_TEST(s->Search(Context(), q).Ok());
}

BOOST_AUTO_TEST_SUITE_END()

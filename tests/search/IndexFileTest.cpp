// SPDX-License-Identifier: GPL-3.0-or-later
// The saved index file: used when it matches the database, appended to when reads were added,
// and rebuilt from the database when it is missing, truncated, damaged, stale or foreign.
#include "SearchTestSupport.h"

#include "platedesk/search/SearchIndex.h"

#include <boost/test/unit_test.hpp>
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <set>

namespace platedesk::search::test {
namespace {

struct FileFixture : StorageFixture {
  store::CameraId cam = Camera("a", 47.6, -122.33);
  int uuid = 0;
  std::filesystem::path file = folder / "search.index";

  FileFixture() {
    auto tx = storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    for (int i = 0; i < 3000; ++i)
      Add("P" + std::to_string(i), {{"Q" + std::to_string(i), "Q" + std::to_string(i), 40}});
    BOOST_REQUIRE(tx->Commit().Ok());
  }

  store::ReadId Add(const std::string& plate, std::vector<store::Candidate> candidates = {}) {
    ++uuid;
    auto r = MakeRead(cam, "f" + std::to_string(uuid), plate, kStart - kMsPerHour + uuid);
    r.candidates = std::move(candidates);
    return Insert(r);
  }

  std::unique_ptr<SearchIndex> Open() {
    auto opened = SearchIndex::Open(*storage);
    if (!opened) throw std::runtime_error(opened.Err().ToString());
    return std::move(*opened);
  }

  static std::set<store::ReadId> Find(const SearchIndex& index, const std::string& pattern) {
    Query q;
    q.plate = pattern;
    auto found = index.Search(q);
    BOOST_REQUIRE(found.Ok());
    std::set<store::ReadId> ids;
    for (const auto& h : found->hits) ids.insert(h.read);
    return ids;
  }

  std::string Bytes() const {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  void Write(const std::string& bytes) const {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
  }

  /// Deletes as the retention purge does: the schema (v7) refuses to delete reads without its marker.
  void PurgeSql(const std::string& sql) const {
    Sql("BEGIN; INSERT INTO retention_purge(id, cutoff_ms) VALUES (1, 9000000000000000); " + sql +
        "; DELETE FROM retention_purge; COMMIT");
  }

  void Sql(const std::string& sql) const {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open((folder / "platedesk.db").string().c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string message = err != nullptr ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, message);
  }

  // A second Open that must come from the file and agree with a fresh build.
  void ExpectLoadedAndCorrect() {
    auto loaded = Open();
    BOOST_TEST(loaded->Stats().loadedFromFile);
    auto built = SearchIndex::Build(*storage);
    BOOST_REQUIRE(built.Ok());
    BOOST_TEST(loaded->Stats().reads == (*built)->Stats().reads);
    BOOST_TEST(loaded->Stats().distinctPlates == (*built)->Stats().distinctPlates);
    for (const char* p : {"P1*", "*12*", "Q2?", "P2999", "[PQ]7"}) BOOST_TEST(Find(*loaded, p) == Find(**built, p), p);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(IndexFileTest, FileFixture)

BOOST_AUTO_TEST_CASE(TheFirstOpenBuildsAndSavesTheNextLoadsTheFile) {
  BOOST_TEST(!std::filesystem::exists(file));
  auto first = Open();
  BOOST_TEST(!first->Stats().loadedFromFile);
  BOOST_TEST(std::filesystem::exists(file));
  const auto saved = std::filesystem::last_write_time(file);
  ExpectLoadedAndCorrect();
  BOOST_TEST((std::filesystem::last_write_time(file) == saved));  // a current file is not rewritten
}

BOOST_AUTO_TEST_CASE(ASaveRemovesTheTemporaryFilesOfSavesThatNeverFinished) {
  // What a save killed half way leaves: its temporary file (hundreds of MB on a big storage).
  const auto abandoned = folder / "search.index.tmp-1234567";
  const auto running = folder / "search.index.tmp-7654321";  // another process saving right now
  for (const auto& p : {abandoned, running}) std::ofstream(p, std::ios::binary) << std::string(4096, 'x');
  std::filesystem::last_write_time(abandoned, std::filesystem::file_time_type::clock::now() - std::chrono::hours(3));
  const auto other = folder / "search.index.tmp-notes";
  std::filesystem::create_directory(other);  // not a file: not ours to remove
  (void)Open();
  BOOST_TEST(!std::filesystem::exists(abandoned));
  BOOST_TEST(std::filesystem::exists(running));
  BOOST_TEST(std::filesystem::exists(other));
  BOOST_TEST(std::filesystem::exists(file));
}

BOOST_AUTO_TEST_CASE(ReadsAddedSinceAreAppendedAndTheFileUpdated) {
  (void)Open();
  auto added = Add("NEW123", {{"NEW128", "NEW128", 30}});
  auto opened = Open();
  BOOST_TEST(opened->Stats().loadedFromFile);
  BOOST_TEST(Find(*opened, "NEW12?") == std::set<store::ReadId>{added});
  ExpectLoadedAndCorrect();  // the appended state was saved
  BOOST_TEST(Find(*Open(), "NEW128") == std::set<store::ReadId>{added});
}

BOOST_AUTO_TEST_CASE(RefreshAppendsAndSaves) {
  auto index = Open();
  auto added = Add("LATER1");
  BOOST_REQUIRE(index->Refresh(*storage).Ok());
  BOOST_TEST(Find(*index, "LATER1") == std::set<store::ReadId>{added});
  ExpectLoadedAndCorrect();
}

BOOST_AUTO_TEST_CASE(ARefreshWithNothingNewDoesNotScanTheDatabase) {
  auto index = Open();
  // A scan opens connections of its own by the database's name: with the file moved away it
  // would fail. The storage's own connection goes on working.
  std::filesystem::rename(folder / "platedesk.db", folder / "platedesk.db.away");
  const Status refreshed = index->Refresh(*storage);
  std::filesystem::rename(folder / "platedesk.db.away", folder / "platedesk.db");
  BOOST_TEST(refreshed.Ok(), (refreshed.Ok() ? "" : refreshed.Err().ToString()));
  // Something new is loaded by the next refresh.
  auto added = Add("LATER2");
  BOOST_REQUIRE(index->Refresh(*storage).Ok());
  BOOST_TEST(Find(*index, "LATER2") == std::set<store::ReadId>{added});
}

BOOST_AUTO_TEST_CASE(ARefreshSeesACameraMovedWhenNoReadArrived) {
  auto index = Open();
  Query near;
  near.near = GeoCircle{{47.7, -122.33}, 1.0};  // 11 km north of the camera
  auto before = index->Search(near);
  BOOST_REQUIRE(before.Ok());
  BOOST_TEST(before->totalMatches == 0U);
  // Moved there half way through its 3000 reads: the later half were taken there.
  BOOST_REQUIRE(storage->MoveCamera(cam, {47.7, -122.33, "", kStart - kMsPerHour + 1501, std::nullopt}).Ok());
  BOOST_REQUIRE(index->Refresh(*storage).Ok());
  auto after = index->Search(near);
  BOOST_REQUIRE(after.Ok());
  BOOST_TEST(after->totalMatches == 1500U);
}

BOOST_AUTO_TEST_CASE(ReadsAppendedApartAreMergedWhenACameraMoves) {
  auto index = Open();
  auto added = Add("LATER3", {{"LATER8", "LATER8", 30}});  // kept apart from the main part
  BOOST_REQUIRE(index->Refresh(*storage).Ok());
  BOOST_TEST(Find(*index, "LATER?") == std::set<store::ReadId>{added});
  auto clone = index->Clone();  // shares the main part, which the merge must not change
  BOOST_REQUIRE(storage->MoveCamera(cam, {47.7, -122.33, "", kStart - kMsPerHour + 1501, std::nullopt}).Ok());
  BOOST_REQUIRE(index->Refresh(*storage).Ok());
  BOOST_TEST(Find(*index, "LATER?") == std::set<store::ReadId>{added});
  BOOST_TEST(Find(*index, "P2999").size() == 1U);
  BOOST_TEST(index->Stats().reads == 3001U);
  Query near;
  near.near = GeoCircle{{47.7, -122.33}, 1.0};
  auto there = index->Search(near);
  BOOST_REQUIRE(there.Ok());
  BOOST_TEST(there->totalMatches == 1501U);  // the later half and the read added
  auto before = clone->Search(near);
  BOOST_REQUIRE(before.Ok());
  BOOST_TEST(before->totalMatches == 0U);
  BOOST_TEST(Find(*clone, "LATER?") == std::set<store::ReadId>{added});
  ExpectLoadedAndCorrect();
}

BOOST_AUTO_TEST_CASE(NewReadsGatherApartUntilTheirMergeIsDue) {
  auto index = Open();
  auto addMany = [&](int n, const std::string& prefix) {
    auto tx = storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    for (int i = 0; i < n; ++i) Add(prefix + std::to_string(i));
    BOOST_REQUIRE(tx->Commit().Ok());
  };
  addMany(4000, "N");  // under the 4,096 a merge waits for
  BOOST_REQUIRE(index->Refresh(*storage).Ok());
  BOOST_TEST(index->Stats().appendedReads == 4000U);
  BOOST_TEST(!index->MergeDue());
  addMany(200, "M");
  // Told not to merge (the workstation merges on a thread of its own): the reads still gather.
  BOOST_REQUIRE(index->Refresh(*storage, {}, {}, false).Ok());
  BOOST_TEST(index->Stats().appendedReads == 4200U);
  BOOST_TEST(index->MergeDue());
  BOOST_TEST(Find(*index, "M19?").size() == 10U);
  const auto saved = std::filesystem::last_write_time(file);
  BOOST_REQUIRE(index->Merge(*storage).Ok());
  BOOST_TEST(index->Stats().appendedReads == 0U);
  BOOST_TEST(index->Stats().reads == 7200U);
  BOOST_TEST(!index->MergeDue());
  BOOST_TEST((std::filesystem::last_write_time(file) != saved));  // the merged index is saved
  BOOST_TEST(Find(*index, "M19?").size() == 10U);
  ExpectLoadedAndCorrect();
  // Left to itself, a refresh merges when the new reads bring the merge due; told not to, it
  // still merges at four times as many (an import of millions goes to the main part).
  addMany(4100, "K");
  BOOST_REQUIRE(index->Refresh(*storage).Ok());
  BOOST_TEST(index->Stats().appendedReads == 0U);
  BOOST_TEST(index->Stats().reads == 11300U);
  addMany(4096 * 4, "J");
  BOOST_REQUIRE(index->Refresh(*storage, {}, {}, false).Ok());
  BOOST_TEST(index->Stats().appendedReads == 0U);
  BOOST_TEST(index->Stats().reads == 11300U + 4096 * 4);
  Add("LAST1");
  BOOST_REQUIRE(index->Refresh(*storage, {}, {}, false).Ok());
  BOOST_TEST(index->Stats().appendedReads == 1U);
  BOOST_TEST(Find(*index, "LAST1").size() == 1U);
}

BOOST_AUTO_TEST_CASE(ATruncatedFileIsRebuilt) {
  (void)Open();
  const auto bytes = Bytes();
  for (std::size_t keep : {std::size_t{0}, std::size_t{7}, std::size_t{40}, bytes.size() / 2, bytes.size() - 1}) {
    Write(bytes.substr(0, keep));
    auto opened = Open();
    BOOST_TEST(!opened->Stats().loadedFromFile, "kept " << keep);
    BOOST_TEST(Find(*opened, "P2999").size() == 1U);
    ExpectLoadedAndCorrect();  // and the rebuilt file is good again
  }
}

BOOST_AUTO_TEST_CASE(AFlippedBitAnywhereIsDetected) {
  (void)Open();
  const auto bytes = Bytes();
  for (std::size_t at : {std::size_t{3}, std::size_t{20}, std::size_t{60}, bytes.size() / 3, bytes.size() / 2,
                         bytes.size() - 20, bytes.size() - 3}) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x10);
    Write(damaged);
    auto opened = Open();
    BOOST_TEST(!opened->Stats().loadedFromFile, "flipped byte " << at);
    BOOST_TEST(Find(*opened, "P1234").size() == 1U);
  }
  Write(std::string(bytes.size(), 'x'));
  BOOST_TEST(!Open()->Stats().loadedFromFile);
}

BOOST_AUTO_TEST_CASE(DeletedReadsMakeTheFileStaleAndRefreshRebuilds) {
  auto index = Open();
  const auto gone = *Find(*index, "P17").begin();
  PurgeSql("DELETE FROM read_candidates WHERE read_id = " + std::to_string(gone) +
           "; DELETE FROM reads WHERE id = " + std::to_string(gone));
  auto reopened = Open();
  BOOST_TEST(!reopened->Stats().loadedFromFile);
  BOOST_TEST(Find(*reopened, "P17").empty());
  BOOST_TEST(Find(*index, "P17").size() == 1U);  // the old one still has it until refreshed
  BOOST_REQUIRE(index->Refresh(*storage).Ok());
  BOOST_TEST(Find(*index, "P17").empty());
  BOOST_TEST(Find(*index, "Q17").empty());
  ExpectLoadedAndCorrect();
}

BOOST_AUTO_TEST_CASE(DeletingTheNewestReadIsNotMistakenForTheReadThatReusesItsId) {
  (void)Open();
  PurgeSql(
      "DELETE FROM read_candidates WHERE read_id = (SELECT max(id) FROM reads); DELETE FROM reads WHERE id = (SELECT "
      "max(id) FROM reads)");
  auto reused = Add("REUSED9");  // SQLite gives the new read the deleted read's id
  auto opened = Open();
  BOOST_TEST(!opened->Stats().loadedFromFile);
  BOOST_TEST(Find(*opened, "REUSED9") == std::set<store::ReadId>{reused});
  BOOST_TEST(Find(*opened, "P2999").empty());
}

BOOST_AUTO_TEST_CASE(AFileFromAnotherStorageIsNotUsed) {
  (void)Open();
  StorageFixture other;
  auto otherCam = other.Camera("a", 47.6, -122.33);
  other.Insert(MakeRead(otherCam, "o1", "OTHER1"));
  auto otherIndex = SearchIndex::Open(*other.storage);
  BOOST_REQUIRE(otherIndex.Ok());
  std::filesystem::copy_file(other.folder / "search.index", file, std::filesystem::copy_options::overwrite_existing);
  auto opened = Open();
  BOOST_TEST(!opened->Stats().loadedFromFile);
  BOOST_TEST(Find(*opened, "OTHER1").empty());
  BOOST_TEST(Find(*opened, "P5").size() == 1U);
}

BOOST_AUTO_TEST_CASE(AnUnwritableFolderStillSearches) {
  // The file is a cache: failing to save it (here a directory in its place) is not an error.
  std::filesystem::create_directory(file);
  auto opened = Open();
  BOOST_TEST(Find(*opened, "P42").size() == 1U);
  std::filesystem::remove(file);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::search::test

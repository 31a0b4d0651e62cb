// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Progress.h"
#include "platedesk/common/Result.h"
#include "platedesk/search/OcrConfusions.h"
#include "platedesk/search/Query.h"
#include "platedesk/store/Types.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stop_token>
#include <vector>

namespace platedesk::store {
class Storage;
}

namespace platedesk::search {

/// Size figures of an index.
struct IndexStats {
  std::uint64_t reads = 0;
  std::uint64_t plateOccurrences = 0;  ///< best plates + candidates indexed
  std::uint64_t distinctPlates = 0;
  std::uint64_t bytes = 0;          ///< heap bytes held by the index
  store::ReadId maxReadId = 0;      ///< newest read indexed (for Append)
  bool loadedFromFile = false;      ///< Open took the columns from the saved index file
  std::uint64_t appendedReads = 0;  ///< of `reads`, those kept apart since the last merge
};

/// The in-memory plate index and query engine. Built from a storage's reads (a direct scan of
/// the reads and read_candidates tables), kept up to date with Refresh.
///
/// Threads: Search/MultiScene are const and may run concurrently from several threads (each uses
/// up to two worker threads of its own); Append needs exclusive access. The index holds no
/// reference to the Storage after a call returns. This is the engine only: views and the CLI
/// reach it through workstation::Session, which checks case/purpose and audits first.
class SearchIndex {
 public:
  /// Builds the index over every read in storage (reads and candidates; candidates beyond rank
  /// 15 and plates longer than 12 characters are skipped) through store's bulk scans, which use
  /// read-only connections of their own, so the storage may be used by its thread meanwhile.
  /// Errors: Cancelled, Io, Corrupt.
  [[nodiscard]] static Result<std::unique_ptr<SearchIndex>> Build(store::Storage& storage, std::stop_token stop = {},
                                                                  const ProgressFn& progress = {});
  /// The index of a storage, ready to search: loads the saved index file (FilePath) when it
  /// matches the database and passes its checks, then appends the reads added since; builds from
  /// the database instead when the file is missing, stale (reads deleted, another storage, another
  /// format) or damaged (truncated, flipped bits). Saves the file whenever it built or appended;
  /// a failure to save is logged, not returned (the database stays the truth).
  /// Errors: Build's.
  [[nodiscard]] static Result<std::unique_ptr<SearchIndex>> Open(store::Storage& storage, std::stop_token stop = {},
                                                                 const ProgressFn& progress = {});
  /// Brings an index from Open or Build up to date: does nothing when no read and no camera place
  /// is new; appends new reads, kept apart from the main part; rebuilds from the database (and
  /// saves the file) when reads were deleted since it was loaded. With mergeWhenDue the reads kept
  /// apart are merged into the main part once the new ones make a merge due (MergeDue), and the
  /// file saved (it is a cache: Open appends what it lacks); without, they gather up to four times
  /// as many, for a Merge the caller runs where no search waits for it. A camera's changed places
  /// merge at once (the main part's reads take their places from them).
  /// Needs exclusive access. Errors: Cancelled (the index is unchanged), Io.
  [[nodiscard]] Status Refresh(store::Storage& storage, std::stop_token stop = {}, const ProgressFn& progress = {},
                               bool mergeWhenDue = true);
  /// True when the reads kept apart are as many as a merge waits for: a sixteenth of the main
  /// part, at least 4,096 and at most 131,072 (a refresh appends to them at their own cost, a merge
  /// costs the whole index's).
  [[nodiscard]] bool MergeDue() const;
  /// Merges the reads kept apart, and any newer ones, into a new main part, and saves the file.
  /// Needs exclusive access. Errors: Cancelled (the index is unchanged), Io.
  [[nodiscard]] Status Merge(store::Storage& storage, std::stop_token stop = {}, const ProgressFn& progress = {});
  /// Writes the index file for storage now. Errors: Io.
  [[nodiscard]] Status Save(store::Storage& storage) const;
  /// Where the index file of a storage lives (search.index in its folder).
  [[nodiscard]] static std::filesystem::path FilePath(const store::Storage& storage);

  /// An empty index (then Append reads).
  SearchIndex();
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  /// A copy of this index: a refresh appends to a copy when searches are running on the original.
  /// The main part is shared (it never changes once shared); only the reads appended since are
  /// copied.
  [[nodiscard]] std::unique_ptr<SearchIndex> Clone() const;

  /// Adds the reads with id > Stats().maxReadId from storage and the current camera locations
  /// (into the main part, merging what was appended before). Errors: Cancelled (the index is
  /// unchanged), Io.
  [[nodiscard]] Status Append(store::Storage& storage, std::stop_token stop = {}, const ProgressFn& progress = {});

  /// Replaces the OCR-confusion table (default: OcrConfusions::Default()).
  void SetConfusions(const OcrConfusions& confusions);
  [[nodiscard]] const OcrConfusions& Confusions() const;

  /// Runs a query. Errors: InvalidArgument (bad pattern with its position, maxEdits outside 0-2,
  /// bad filter values), Cancelled (checked every block), Internal.
  [[nodiscard]] Result<SearchResult> Search(const Query& query, const SearchOptions& options = {},
                                            std::stop_token stop = {}, const ProgressFn& progress = {}) const;

  /// Multi-scene search; vehicles seen in >= minScenes scenes, most scenes first, then by plate.
  /// Errors: InvalidArgument (fewer than 2 or more than 5 scenes, minScenes outside 1..scenes,
  /// a scene with neither cameras nor a circle, or with to <= from), Cancelled.
  [[nodiscard]] Result<std::vector<SceneVehicle>> MultiScene(const MultiSceneQuery& query,
                                                             double lowConfidenceBelow = 70,
                                                             std::stop_token stop = {}) const;

  [[nodiscard]] IndexStats Stats() const;
  /// Heap bytes held only for the alternative reads: their plate occurrences, and the dictionary
  /// entries and trigram postings of plates that no read has as its best plate. Scans the index
  /// (tens of milliseconds on 10 M reads).
  [[nodiscard]] std::uint64_t CandidateBytes() const;

  struct Impl;

 private:
  /// Every read up to the last merge: shared by clones, and never changed once shared.
  std::shared_ptr<Impl> mImpl;
  /// The reads appended since (ids above the main part's). A refresh appends here at the cost of
  /// the new reads, where appending to the main part rebuilds its dictionary (the whole index:
  /// 150 ms at 1 M reads, seconds at 10 M); the two are merged into a new main part when this
  /// holds enough reads (MergeDue) or a camera's places changed. Searches run on both.
  std::unique_ptr<Impl> mDelta;
  /// Starts an empty delta after the main part's newest read (keeping what the old one knew of
  /// the storage).
  void ResetDelta();
  /// A new main part holding every read and the current camera places; the delta is emptied.
  [[nodiscard]] Status MergeParts(store::Storage& storage, std::stop_token stop, const ProgressFn& progress);
};

}  // namespace platedesk::search

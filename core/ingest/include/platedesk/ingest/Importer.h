// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Progress.h"
#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::store {
class Storage;
}

namespace platedesk::ingest {

/// What kind of problem a record or file had.
enum class ProblemKind {
  Rejected,  ///< bad input, kept in quarantine; nothing of it was stored
  Skipped,   ///< not a plate read (heartbeat, vehicle-only record); nothing stored, not quarantined
  Warning,   ///< imported, but something was dropped (a documentation placeholder image, an unknown state)
};

/// "rejected", "skipped", "warning".
[[nodiscard]] const char* ProblemKindName(ProblemKind kind);

/// One problem, located precisely enough to find it in the input.
struct ImportProblem {
  ProblemKind kind = ProblemKind::Rejected;
  std::string file;       ///< the input file's path
  std::int64_t line = 0;  ///< 1-based line (of a JSON syntax error: where it is); 0 = the whole file
  std::string field;      ///< the offending field ("best_plate.plate_crop_jpeg"), "" if none
  std::string message;    ///< one sentence, no plate data beyond what the field itself held
  bool operator==(const ImportProblem&) const = default;
};

/// The files Importer::Import takes from a folder: every .json, .jsonl, .ndjson and .csv file in
/// it and its subfolders (hidden files and folders skipped), sorted by path. Errors: Io.
[[nodiscard]] Result<std::vector<std::filesystem::path>> ImportableFiles(const std::filesystem::path& folder);

/// Counts of one Import call. records = inserted-or-duplicate records + skipped + rejected, where
/// one record (an alpr_results frame) may carry several reads.
struct ImportSummary {
  std::uint64_t files = 0;              ///< files read
  std::uint64_t records = 0;            ///< JSON documents, JSON Lines lines and CSV rows seen
  std::uint64_t reads = 0;              ///< plate reads in accepted records (inserted + duplicates)
  std::uint64_t inserted = 0;           ///< reads newly stored
  std::uint64_t duplicates = 0;         ///< reads already stored (same source format and id): nothing changed
  std::uint64_t skipped = 0;            ///< records that are not plate reads
  std::uint64_t rejected = 0;           ///< records (or whole files) put in quarantine
  std::uint64_t images = 0;             ///< images stored or found already stored
  std::vector<ImportProblem> problems;  ///< in input order, at most ImportOptions::maxProblems
  std::uint64_t problemsOmitted = 0;    ///< problems beyond maxProblems (counted, not listed)
  bool operator==(const ImportSummary&) const = default;
};

/// Settings of an Importer.
struct ImportOptions {
  /// Camera external id for records that name no camera (`alpr -j` output, the cloud API).
  std::string defaultCamera = "unknown";
  /// Records per write transaction.
  std::size_t batchSize = 5000;
  /// Longest problem list kept in the summary.
  std::size_t maxProblems = 10000;
};

/// Imports camera files into a storage: OpenALPR/Rekor alpr_group (v1-3), alpr_results (agent,
/// old alprd, `alpr -j`), alpr_alert, Plate Recognizer webhooks and snapshot responses, and the
/// PlateDesk CSV; each file one JSON document, JSON Lines, or CSV (docs/formats.md). Bad records
/// are quarantined with their reason and the rest imports; re-importing adds nothing.
/// Parsing and image checks run on a worker thread while the calling thread writes to the
/// storage. One Import call at a time per Importer; the Storage must not be used by another
/// thread meanwhile.
class Importer {
 public:
  /// storage and clock must outlive the Importer.
  Importer(store::Storage& storage, const Clock& clock, ImportOptions options = {});

  /// Imports files and folders (folders recursively: *.json, *.jsonl, *.ndjson, *.csv, hidden
  /// entries ignored, sorted by path so runs are deterministic). Commits every batchSize records.
  /// Progress is in bytes of input. Errors: NotFound (a path does not exist; nothing imported),
  /// Cancelled (stop requested; what was imported before stays committed), Io (storage failure;
  /// the current batch is rolled back, earlier batches stay).
  [[nodiscard]] Result<ImportSummary> Import(std::span<const std::filesystem::path> paths, std::stop_token stop = {},
                                             const ProgressFn& progress = {});

  /// Imports one file's worth of bytes received another way (a webhook body). sourceName is used
  /// for problems, quarantine and format detection (its extension). Errors as Import.
  [[nodiscard]] Result<ImportSummary> ImportBytes(std::string_view bytes, std::string_view sourceName,
                                                  std::stop_token stop = {});

 private:
  store::Storage& mStorage;
  const Clock& mClock;
  ImportOptions mOptions;
};

struct ParseOptions;
class BodyWriter;

/// One received body (a camera's webhook) parsed and its images checked, off the writing thread:
/// see PrepareBody. A BodyWriter writes it, with others, in the caller's transaction. This is the
/// storage server's path into the same parsers and writer as Import; files use Importer.
class PreparedBody {
 public:
  PreparedBody();
  ~PreparedBody();
  PreparedBody(PreparedBody&&) noexcept;
  PreparedBody& operator=(PreparedBody&&) noexcept;

  /// Every camera external id the body posts for: its reads' cameras and a heartbeat's cameras.
  [[nodiscard]] std::vector<std::string> Cameras() const;
  /// The cameras a heartbeat reports alive.
  [[nodiscard]] std::vector<std::string> HeardCameras() const;
  /// Plate reads in the body's accepted records.
  [[nodiscard]] std::size_t ReadCount() const;
  /// Records that will be quarantined (bad input), and whether the body holds nothing usable
  /// (a syntax error, an unsupported shape, every record rejected).
  [[nodiscard]] std::size_t RejectedCount() const;
  [[nodiscard]] bool Unusable() const;
  /// The first rejection's field and reason ("" when none).
  [[nodiscard]] std::string FirstProblemField() const;
  [[nodiscard]] std::string FirstProblem() const;
  /// The first record's detected source format ("openalpr-group", ...; "" unknown).
  [[nodiscard]] std::string SourceFormat() const;

 private:
  friend class BodyWriter;
  friend PreparedBody PrepareBody(std::string_view, std::string_view, const ParseOptions&, std::string_view);
  struct Impl;
  std::unique_ptr<Impl> mImpl;
};

/// Parses a body (sourceName names it in problems and quarantine, and its extension picks JSON
/// Lines) and checks its images. overview: an image received beside the JSON (a multipart
/// webhook's file), given to each read that carries no overview of its own. Thread-safe.
[[nodiscard]] PreparedBody PrepareBody(std::string_view bytes, std::string_view sourceName, const ParseOptions& options,
                                       std::string_view overview = {});

/// Writes prepared bodies into a storage inside the caller's open write transaction
/// (Storage::Begin), exactly as Import writes files: reads, images, duplicates, quarantine. One
/// thread at a time.
class BodyWriter {
 public:
  BodyWriter(store::Storage& storage, const Clock& clock);
  ~BodyWriter();
  BodyWriter(const BodyWriter&) = delete;
  BodyWriter& operator=(const BodyWriter&) = delete;

  /// Writes one body. Errors: Io (storage failure: the caller rolls back and calls Forget).
  [[nodiscard]] Result<ImportSummary> Write(PreparedBody& body);
  /// After the caller rolled its transaction back: forgets what it created.
  void Forget();

 private:
  struct Impl;
  std::unique_ptr<Impl> mImpl;
};

}  // namespace platedesk::ingest

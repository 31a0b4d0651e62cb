// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/store/Types.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::ingest {

/// Largest single record accepted: a JSON document, a JSON Lines line or a CSV line.
inline constexpr std::size_t kMaxRecordBytes = 64u * 1024 * 1024;

/// How a file's content was recognised (by content, not by name).
enum class FileFormat {
  Empty,         ///< no bytes, or only white space
  JsonDocument,  ///< one JSON document (may span many lines)
  JsonLines,     ///< one JSON record per line
  Csv,           ///< the PlateDesk CSV (docs/formats.md)
  Unsupported,   ///< another vendor's format or not a record file at all
};

/// "empty", "json", "jsonl", "csv", "unsupported".
[[nodiscard]] const char* FileFormatName(FileFormat format);

/// An image received inside a record: base64-decoded, not yet checked (see CheckImage).
struct ReceivedImage {
  std::string field;  ///< where it came from ("best_plate.plate_crop_jpeg"); "" when none
  std::string bytes;  ///< decoded bytes; empty when the record carries no such image
};

/// One plate read parsed from a record: complete except for what only the store can give (the
/// camera's id and the images' hashes).
struct ParsedRead {
  store::NewRead read;           ///< camera == 0; plateImage/vehicleImage == ""
  std::string cameraExternalId;  ///< "<agent_uid or site_id>/<camera_id>", or camera_id alone
  ReceivedImage plateImage;
  ReceivedImage vehicleImage;
};

/// What became of one record.
enum class RecordStatus {
  Parsed,    ///< reads holds one or more reads
  Skipped,   ///< not a plate read (heartbeat, vehicle-only record, a response without plates)
  Rejected,  ///< bad input: field and message say why; the importer quarantines it
};

/// A note about a record that was accepted anyway (e.g. a documentation placeholder image).
struct RecordNote {
  std::string field;
  std::string message;
  /// The record is also kept in quarantine for review (a damaged image: the read imports without it).
  bool keepCopy = false;
};

/// The outcome of parsing one record.
struct ParsedRecord {
  std::int64_t line = 0;  ///< 1-based line where the record starts in its file
  std::string_view raw;   ///< the record's bytes as received (valid during the callback only)
  RecordStatus status = RecordStatus::Parsed;
  /// "openalpr-group", "openalpr-results", "openalpr-heartbeat", "openalpr-vehicle", "platerecognizer",
  /// "genetec", "axis", "survision", "csv"; "" unknown
  std::string sourceFormat;
  std::vector<ParsedRead> reads;  ///< when Parsed
  std::string field;              ///< when Skipped/Rejected: the field at fault ("" = the whole record)
  std::string message;            ///< when Skipped/Rejected: why, in one sentence
  std::vector<RecordNote> warnings;
  /// When a camera status record (an OpenALPR heartbeat) is Skipped: the external ids of the
  /// cameras it reports alive (streaming), each formed exactly like ParsedRead::cameraExternalId
  /// of a read from the same agent ("<agent_uid or site_id>/<camera_id>"), so a heartbeat and the
  /// reads name the same camera alike. In the record's order, without repeats, at most
  /// kMaxHeardCameras; empty for every other record. Entries of the wrong type are left out with
  /// a warning (a heartbeat is never rejected).
  std::vector<std::string> heardCameras;
};

/// Most cameras one heartbeat lists in ParsedRecord::heardCameras (the rest are ignored).
inline constexpr std::size_t kMaxHeardCameras = 256;

/// Settings of the record parsers.
struct ParseOptions {
  /// Camera for records that name none (`alpr -j` output, the cloud API, every Survision message).
  std::string defaultCamera = "unknown";
  /// Reads captured after now + 1 day are rejected as implausible; 0 disables that check.
  UtcMs now = 0;
};

/// Parses one JSON record (a whole document, or one JSON Lines line; a leading UTF-8 BOM is
/// ignored). Recognises, by content: OpenALPR alpr_group (v1-3), alpr_results (agent, old alprd,
/// `alpr -j`), alpr_alert, heartbeats (Skipped, with heardCameras), vehicle records; Plate
/// Recognizer webhooks/snapshot responses; Genetec AutoVu reads; Axis License Plate Verifier
/// events; Survision `anpr` messages (docs/formats.md). Survision bodies name no camera: their
/// reads use options.defaultCamera (a server sets it from the `survision-serial-number` header).
/// Never throws; thread-safe; images are decoded but not checked.
[[nodiscard]] ParsedRecord ParseJsonRecord(std::string_view bytes, const ParseOptions& options);

/// Reads records from a file's bytes, delivered in pieces by `read` (returns how many bytes it
/// put in the buffer; 0 at the end). Detects the format from the content (and, for JSON Lines
/// vs one document, from the name's extension .jsonl/.ndjson), then calls onRecord for each
/// record in order. The whole-file outcome (Empty, Unsupported with the reason, a document over
/// kMaxRecordBytes, a CSV without the PlateDesk header) is reported as one Rejected or Skipped
/// record at line 0 or 1. Returns the detected format, or an Io error from `read`.
/// Memory use is bounded by kMaxRecordBytes plus one read chunk, whatever the file size.
class RecordReader {
 public:
  /// Fills buf (capacity size) and returns the byte count, 0 at the end, or an error.
  using ReadFn = std::function<Result<std::size_t>(char* buf, std::size_t size)>;
  /// Called for every record, in file order; return false to stop early.
  using RecordFn = std::function<bool(ParsedRecord& record)>;

  RecordReader(std::string fileName, ParseOptions options);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  /// Runs over the whole input. Not thread-safe (one reader per thread).
  [[nodiscard]] Result<FileFormat> Run(const ReadFn& read, const RecordFn& onRecord);
  /// Bytes consumed so far (for progress).
  [[nodiscard]] std::uint64_t BytesRead() const { return mBytesRead; }

 private:
  struct State;
  std::string mFileName;
  ParseOptions mOptions;
  std::uint64_t mBytesRead = 0;
};

/// Convenience for in-memory input (tests, fuzzing, webhooks): RecordReader over `bytes`.
[[nodiscard]] FileFormat ParseBuffer(std::string_view bytes, std::string_view fileName, const ParseOptions& options,
                                     const std::function<void(ParsedRecord& record)>& onRecord);

}  // namespace platedesk::ingest

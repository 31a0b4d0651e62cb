// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// BagIt 1.0 (RFC 8493): the tag-file and manifest parsers, the writer of PlateDesk's bags and the
// validator (completeness and validity) for PlateDesk packages and for bags made by other tools.

#include "platedesk/common/Progress.h"
#include "platedesk/common/Result.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::evidence {

/// Checksum algorithms a manifest may name (manifest-<name>.txt).
enum class DigestAlgorithm { Md5, Sha1, Sha224, Sha256, Sha384, Sha512 };

/// "md5", "sha1", "sha224", "sha256", "sha384", "sha512".
[[nodiscard]] const char* DigestAlgorithmName(DigestAlgorithm algorithm);
/// Parses a DigestAlgorithmName (lower case); nullopt for anything else.
[[nodiscard]] std::optional<DigestAlgorithm> DigestAlgorithmFromName(std::string_view name);
/// Lower-case hex digest of bytes. Thread-safe.
[[nodiscard]] std::string HexDigest(DigestAlgorithm algorithm, std::string_view bytes);

/// One "Label: value" element of a tag file (bag-info.txt), continuation lines joined by a space.
struct TagField {
  std::string label;
  std::string value;
  std::size_t line = 0;  ///< 1-based line of the label
};

/// Parses a tag file already decoded to UTF-8: "Label: value" lines, lines starting with white
/// space continue the previous value, blank lines are skipped. White space around the colon is
/// tolerated (seen in the wild). Errors: InvalidArgument naming the line.
[[nodiscard]] Result<std::vector<TagField>> ParseTagFile(std::string_view utf8Text);

/// One manifest line: the checksum and the file path it covers (as written, percent-decoded
/// when asked, a leading "./" or md5sum's "*" removed with a warning).
struct ManifestEntry {
  std::string digest;  ///< lower-case hex
  std::string path;
  std::size_t line = 0;
};

/// Parses a manifest decoded to UTF-8: "<hex checksum><white space><path>" per line. Paths are
/// percent-decoded (%0A, %0D, %25; RFC 8493 §2.1.3) when decodePercent is set (BagIt 1.0).
/// Appends notes on tolerated oddities to warnings when given. Errors: InvalidArgument naming the
/// line (no path, a checksum of the wrong length or not hex).
[[nodiscard]] Result<std::vector<ManifestEntry>> ParseManifest(std::string_view utf8Text, DigestAlgorithm algorithm,
                                                               bool decodePercent,
                                                               std::vector<std::string>* warnings = nullptr);

/// Encodes a path for a manifest line (%, CR and LF percent-encoded).
[[nodiscard]] std::string EncodeManifestPath(std::string_view path);

/// Decodes tag-file bytes in the bag's Tag-File-Character-Encoding (UTF-8, ISO-8859-1, US-ASCII,
/// UTF-16 with or without BOM) to UTF-8. Errors: InvalidArgument (malformed), Unsupported (another
/// encoding).
[[nodiscard]] Result<std::string> DecodeTagText(std::string_view bytes, std::string_view encoding);

/// Strict portable-path rules for paths inside a bag: relative, '/'-separated, no empty, "." or
/// ".." component, no drive letter, backslash or control character, no Windows reserved device
/// name (CON, NUL, COM1, ...). When portable is set, also none of <>:"|?* and no component ending
/// in a dot or a space (names that FAT, exFAT and NTFS media cannot hold). Errors: InvalidArgument.
[[nodiscard]] Status CheckBagPath(std::string_view path, bool portable);

/// A key under which two paths that name the same file on a case-insensitive or normalising file
/// system compare equal: Unicode NFC, then case folded (ICU).
[[nodiscard]] std::string PathCollisionKey(std::string_view utf8Path);

/// How strict ValidateBag is.
enum class BagMode {
  PlateDesk,  ///< a PlateDesk evidence package: BagIt 1.0, UTF-8, SHA-512 and SHA-256, no fetch.txt, no oddities,
              ///< every tag file listed in the tag manifests but platedesk-signature.txt
  BagItOnly,  ///< any bag (RFC 8493 and earlier drafts): fetch.txt allowed ("holey" bags), oddities are warnings
};

/// Outcome of ValidateBag. valid == problems.empty().
struct BagReport {
  bool valid = false;
  std::vector<std::string> problems;  ///< the first is the one to name
  std::vector<std::string> warnings;
  std::string version;                  ///< BagIt-Version
  std::string encoding;                 ///< Tag-File-Character-Encoding
  std::vector<std::string> algorithms;  ///< payload manifest algorithms found
  std::uint64_t payloadFiles = 0;
  std::uint64_t payloadBytes = 0;
  std::vector<std::string> payloadPaths;  ///< every payload file on disk, sorted
  std::vector<TagField> bagInfo;          ///< bag-info.txt, parsed (empty when absent)
};

/// Validates the bag in folder: completeness (every payload file in every payload manifest, every
/// listed file present, Payload-Oxum) and validity (every checksum of every manifest and tag
/// manifest). Reads every file with the page cache dropped first (posix_fadvise DONTNEED), so a
/// check right after writing reads the medium. Never writes anything. Errors only when the
/// folder cannot be read at all (NotFound, Io) or on Cancelled; a bad bag is a report.
[[nodiscard]] Result<BagReport> ValidateBag(const std::filesystem::path& folder, BagMode mode,
                                            std::stop_token stop = {}, const ProgressFn& progress = {});

/// Called before each file is written (its bag-relative path), so tests can inject a write
/// failure; returning an error aborts the write with that error.
using WriteFaultFn = std::function<Status(std::string_view relativePath)>;

/// A file the writer wrote, with its digests.
struct WrittenFile {
  std::string path;  ///< bag-relative ("data/reads.csv", "bagit.txt")
  std::uint64_t bytes = 0;
  std::string sha256;
  std::string sha512;
};

/// Writes a BagIt 1.0 bag into a new folder: every file created exclusively, written, fsynced;
/// Finish adds the SHA-512 and SHA-256 manifests, bag-info.txt with Payload-Oxum, bagit.txt and
/// the tag manifests, then fsyncs every folder. Files added after Finish (AddExtraTagFile) are
/// tag files outside the tag manifests (a signature over them). Move-only; one thread.
class BagWriter {
 public:
  /// Creates folder (its parent must exist; folder must not). Errors: AlreadyExists, Io.
  [[nodiscard]] static Result<BagWriter> Create(const std::filesystem::path& folder, WriteFaultFn fault = {});
  BagWriter(BagWriter&&) noexcept;
  BagWriter& operator=(BagWriter&&) noexcept;
  ~BagWriter();

  /// Adds a payload file at data/<relativePath>. Errors: InvalidArgument (path fails
  /// CheckBagPath portable, or twice), Io, whatever the fault hook returns.
  [[nodiscard]] Status AddPayload(std::string_view relativePath, std::string_view bytes);
  /// Adds a tag file (not under data/) that the tag manifests will list. Same errors.
  [[nodiscard]] Status AddTagFile(std::string_view relativePath, std::string_view bytes);
  /// Writes bag-info.txt (fields in order, then Payload-Oxum), the manifests, bagit.txt and the
  /// tag manifests. Returns every file written so far. Errors: Io, the fault hook's.
  [[nodiscard]] Result<std::vector<WrittenFile>> Finish(const std::vector<TagField>& bagInfo);
  /// After Finish: a tag file the tag manifests do not list (the signature over them).
  [[nodiscard]] Status AddExtraTagFile(std::string_view relativePath, std::string_view bytes);

  [[nodiscard]] const std::filesystem::path& Folder() const;
  /// Payload bytes and files so far.
  [[nodiscard]] std::uint64_t PayloadBytes() const;
  [[nodiscard]] std::uint64_t PayloadFiles() const;

 private:
  struct Impl;
  explicit BagWriter(std::unique_ptr<Impl> impl);
  [[nodiscard]] Status SyncFolders();
  std::unique_ptr<Impl> mImpl;
};

}  // namespace platedesk::evidence

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The PlateDesk evidence package: a BagIt 1.0 bag holding the reads (CSV and JSON), the original
// image bytes, the selection that found them, a report, the chain-of-custody record, the export's
// audit event with its inclusion proof and signed checkpoint, and an FRE 902(14) certification
// text; its tag manifests signed with the storage's evidence key (SigningKeys.h), the checkpoint
// with the audit log's key. Written to a temporary name,
// fsynced, renamed, then read back from the medium and verified before it is reported complete.
// Layout: docs/formats.md "Evidence package".

#include "platedesk/common/Hash.h"
#include "platedesk/common/Progress.h"
#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/evidence/Bag.h"
#include "platedesk/store/Types.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::evidence {

/// Package format version written in the signed statement ("evidence-package/1").
inline constexpr std::string_view kPackageFormat = "evidence-package/1";
/// Tag file with the signing key and the audit key of the checkpoint (listed in the tag manifests).
inline constexpr std::string_view kKeyFile = "platedesk-key.txt";
/// Tag file with the signature over the tag manifests (the one file they cannot list).
inline constexpr std::string_view kSignatureFile = "platedesk-signature.txt";

/// The file system a package goes to, as far as the platform tells.
struct MediaInfo {
  std::string fileSystem;  ///< "vfat", "exfat", "ntfs", "ext4", ... ("" unknown)
  std::uint64_t freeBytes = 0;
  std::uint64_t maxFileBytes = 0;  ///< largest file the file system holds; 0 = no known limit (FAT32: 4 GiB - 1)
  bool removable = false;          ///< on a removable drive (USB stick, card)
  std::string device;              ///< "/dev/sdb1", "E:" ("" unknown)
  std::string serial;              ///< the drive's serial number when the platform reports it
  bool operator==(const MediaInfo&) const = default;
};

/// Probes the file system holding folder (statfs / GetDiskFreeSpaceEx + GetVolumeInformation).
/// Errors: NotFound, Io.
[[nodiscard]] Result<MediaInfo> ProbeMedia(const std::filesystem::path& folder);

/// A mounted removable drive the export dialog offers.
struct RemovableDrive {
  std::filesystem::path mountPoint;
  std::string device;
  std::string fileSystem;
  std::string label;  ///< volume label when known
  bool operator==(const RemovableDrive&) const = default;
};

/// Mounted removable drives: Linux reads /proc/self/mounts and /sys/block/<disk>/removable;
/// Windows asks GetLogicalDrives + GetDriveType (DRIVE_REMOVABLE). Never fails: none is empty.
[[nodiscard]] std::vector<RemovableDrive> ListRemovableDrives();

/// Linux seam of ListRemovableDrives, for tests: mounts in /proc/self/mounts form, and whether a
/// block device ("sdb") is removable.
[[nodiscard]] std::vector<RemovableDrive> RemovableDrivesFromMounts(
    std::string_view procMounts, const std::function<bool(const std::string& disk)>& isRemovable);

/// The audit anchor of the export: the export.start record (committed before any data was
/// written), its inclusion proof and the signed checkpoint it is proved against.
struct AuditAnchor {
  std::string record;  ///< the canonical JSON record as hashed into the log
  std::uint64_t seq = 0;
  std::uint64_t treeSize = 0;
  std::vector<Sha256Digest> proof;
  std::string checkpointNote;  ///< C2SP signed note
};

/// Everything a package holds, gathered by the facade (which checked the rules and audited).
struct PackageContent {
  std::string packageId;    ///< random, 32 hex digits
  std::string agency;       ///< Source-Organization
  std::string contactName;  ///< the exporting user's display name
  std::string caseNumber;   ///< External-Identifier
  std::string caseTitle;
  std::string purposeCode;
  std::string purposeText;
  std::string justification;
  std::string exportedBy;  ///< user name
  std::string workstation;
  std::string softwareVersion;
  UtcMs exportedAt = 0;
  int utcOffsetMinutes = 0;  ///< the workstation's offset at exportedAt (custody record "UTC + offset")
  std::string description;
  std::string selectionMethod;                   ///< "reads", "from-search", "case-reads"
  std::map<std::string, std::string> selection;  ///< every element of the selection, by name
  /// Canonical audit records of the searches that selected the exported reads (search.start and
  /// search.result pairs, in log order); never other searches of the case.
  std::vector<std::string> searchRecords;
  std::vector<store::Read> reads;
  std::map<store::ReadId, std::vector<store::Correction>> corrections;
  /// "I visually verified this read": who looked at each read's images, for which case, and when.
  std::map<store::ReadId, std::vector<store::Verification>> verifications;
  std::vector<store::Camera> cameras;
  std::vector<store::ImageInfo> images;  ///< every image the reads refer to, as recorded at import
  /// The bytes of an image (the store checks them against their hash).
  std::function<Result<std::string>(const std::string& sha256)> imageBytes;
  AuditAnchor anchor;
  std::string verifierKey;  ///< the evidence signing key, signed-note verifier form
  /// The audit log's key that signed anchor.checkpointNote (verifier form). Empty: the same key as
  /// verifierKey (packages made before the keys were separated).
  std::string auditVerifierKey;
  /// Signs a statement with the evidence key (SigningKeys::Sign).
  std::function<Result<std::string>(std::string_view statement)> sign;
  std::string encryptionMethod;    ///< custody record: "" (none) or how the package is encrypted
  std::string passphraseDelivery;  ///< custody record: how and to whom the passphrase goes (never the passphrase)
  std::string mediaType;           ///< "removable drive", "folder"
  std::string mediaLabel;
  std::string recipient;  ///< to whom the medium goes (custody record)
};

/// Knobs of WritePackage. probe and fault are seams for tests (a full medium, a failing write).
struct WriteOptions {
  std::stop_token stop;
  ProgressFn progress;  ///< bytes written and read back / total
  WriteFaultFn fault;
  std::function<Result<MediaInfo>(const std::filesystem::path&)> probe;  ///< default ProbeMedia
  /// When set, the medium gets one AES-256 zip (WinZip AE-2) holding one inner zip of the bag, so
  /// no file name leaks; the bag is built and checked in a local temporary folder first, and the
  /// zip is read back, decrypted and verified. The passphrase is never written anywhere.
  std::string passphrase;
};

/// Name of the one entry of an encrypted package: the inner (unencrypted) zip of the bag.
inline constexpr std::string_view kInnerArchive = "evidence.zip";

/// A passphrase of 150 bits: 30 characters from a 32-letter alphabet without look-alikes, in
/// groups of five ("K7QMX-..."), to read out over the phone. Thread-safe.
[[nodiscard]] std::string GeneratePassphrase();

/// A package on the medium, verified by reading it back.
struct WrittenPackage {
  std::filesystem::path path;
  std::string name;
  std::string sha256;  ///< SHA-256 of tagmanifest-sha256.txt (what the signature covers; `sha256sum` shows it)
  std::uint64_t bytes = 0;
  std::uint64_t files = 0;
  bool encrypted = false;   ///< path is an AES-256 zip; sha256 is then the zip file's SHA-256
  std::string innerSha256;  ///< encrypted: SHA-256 of the bag's tagmanifest-sha256.txt
};

/// Writes the package into destination (an existing folder): first removes the partial folders
/// of exports that were killed outright there (only PlateDesk's, identified by their locked
/// marker file), checks free space and the file size limit, builds ".<name>.partial" (marked),
/// fsyncs files and folders, signs, renames to <name>,
/// then reads every file back with the page cache dropped and verifies the package as
/// VerifyPackage does. On any failure or cancellation removes what it wrote (nothing is left
/// that looks complete) and returns the error. Errors: InvalidArgument, Io (full medium, file too
/// large for the file system, write failure), Corrupt (read-back mismatch), Cancelled.
[[nodiscard]] Result<WrittenPackage> WritePackage(const PackageContent& content,
                                                  const std::filesystem::path& destination,
                                                  const WriteOptions& options = {});

/// Size estimate WritePackage checks against the free space (payload + tag files, generous).
[[nodiscard]] std::uint64_t EstimatePackageBytes(const PackageContent& content);

/// Checks that a package of the given total size and largest file fits on the medium.
/// Errors: Io naming what is short (free space, or the FAT32 4 GiB file limit).
[[nodiscard]] Status CheckFits(const MediaInfo& media, std::uint64_t totalBytes, std::uint64_t largestFile);

// --- verification -------------------------------------------------------------------------------

/// One line of a verification.
struct PackageCheck {
  std::string name;  ///< "bagit", "signature", "images", "checkpoint", "inclusion proof", "export record"
  bool ok = false;
  std::string detail;
  bool operator==(const PackageCheck&) const = default;
};

/// Outcome of VerifyPackage. valid == every check ok; firstProblem names the first that is not.
struct PackageVerification {
  bool valid = false;
  std::vector<PackageCheck> checks;
  std::vector<std::string> warnings;
  std::string firstProblem;
  std::string packageId;
  std::string caseNumber;
  std::string keyId;
  std::string fingerprint;
  /// No trusted key was given: the signature was checked with the key inside the package, so the
  /// package is intact but its signer is not verified (anyone can sign a package with a key of
  /// their own). `valid` then says only "intact"; SignerVerified() says "and signed by the agency".
  bool keyFromPackage = false;
  /// valid and checked against a trusted key: the only verdict that says who signed the package.
  [[nodiscard]] bool SignerVerified() const { return valid && !keyFromPackage; }
  std::uint64_t reads = 0;
  std::uint64_t images = 0;
  bool operator==(const PackageVerification&) const = default;
};

/// Verifies a package folder offline: BagIt completeness and validity (PlateDesk mode), the
/// signature over the tag manifests, every image's SHA-256 against the hash recorded at import,
/// the signed checkpoint, and the export event's inclusion proof against it (and that the event
/// names this package's case and every read and image in it). trustedKeys are the evidence keys
/// the agency published (every key its packages were signed with: evidence-keys.txt, current and
/// rotated out): the package's signing key must be one of them, else the signature check fails.
/// Never list the audit log's checkpoint key here: whoever holds a trusted key can sign packages.
/// The checkpoint is checked with the audit key named in platedesk-key.txt (covered by the
/// signature), or, in packages from before the keys were separated, with the signing key. With no
/// trusted key, the package's own key is used, a warning says so, and the result has
/// keyFromPackage set (intact, signer not verified). Read-only. Errors only when path cannot be
/// read at all, or Cancelled.
[[nodiscard]] Result<PackageVerification> VerifyPackage(const std::filesystem::path& folder,
                                                        const std::vector<std::string>& trustedKeys = {},
                                                        std::stop_token stop = {}, const ProgressFn& progress = {});
/// The same with at most one trusted key (nullopt: none).
[[nodiscard]] Result<PackageVerification> VerifyPackage(const std::filesystem::path& folder,
                                                        const std::optional<std::string>& trustedKey,
                                                        std::stop_token stop = {}, const ProgressFn& progress = {});

/// Verifies an encrypted package (the zip WritePackage writes with a passphrase): decrypts it into
/// a temporary folder (never writing outside it), then VerifyPackage on the bag inside. The
/// first check is "archive". Errors: Unauthenticated (wrong passphrase), NotFound, Cancelled; a
/// malformed or hostile archive is a failed verification.
[[nodiscard]] Result<PackageVerification> VerifyPackageArchive(const std::filesystem::path& zip,
                                                               const std::string& passphrase,
                                                               const std::vector<std::string>& trustedKeys = {},
                                                               std::stop_token stop = {},
                                                               const ProgressFn& progress = {});
/// The same with at most one trusted key (nullopt: none).
[[nodiscard]] Result<PackageVerification> VerifyPackageArchive(const std::filesystem::path& zip,
                                                               const std::string& passphrase,
                                                               const std::optional<std::string>& trustedKey,
                                                               std::stop_token stop = {},
                                                               const ProgressFn& progress = {});

/// The verifier keys in a trusted-keys text: one per line, bare ("<name>+<key id>+<base64>") or as
/// "Verifier-Key: ..." (a package's platedesk-key.txt, which an agency can publish as is); blank
/// lines and lines starting with '#' are skipped. Errors: InvalidArgument (a line that is not a
/// verifier key, or no key at all), naming the line.
[[nodiscard]] Result<std::vector<std::string>> ParseTrustedKeys(std::string_view text);

/// "ab12 cd34 ..." : SHA-256 of the raw public key of a verifier key, for reading aloud and
/// comparing with the admin panel. Errors: InvalidArgument.
[[nodiscard]] Result<std::string> KeyFingerprint(std::string_view verifierKey);

}  // namespace platedesk::evidence

// SPDX-License-Identifier: GPL-3.0-or-later
#include "Digest.h"
#include "FileWriter.h"
#include "PackageText.h"
#include "ReportPdf.h"
#include "Zip.h"

#include "platedesk/audit/Checkpoint.h"
#include "platedesk/audit/SignedNote.h"
#include "platedesk/common/Files.h"
#include "platedesk/common/Log.h"
#include "platedesk/common/Text.h"
#include "platedesk/evidence/Package.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace fs = std::filesystem;

namespace platedesk::evidence {
namespace {

// A case number as a file-name part: letters, digits, '-' and '_' kept, the rest '_'.
std::string SafeName(std::string_view s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  return out.empty() ? "case" : out.substr(0, 40);
}

std::string Compact(UtcMs t) {
  std::string iso = FormatIso8601(t);  // 2026-11-02T08:00:00.000Z
  std::string out;
  for (char c : iso.substr(0, 19))
    if (c != '-' && c != ':') out += c;
  return out + "Z";
}

std::string OneLine(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

// Removes a partial or unverified package; logs nothing (the caller reports the cause).
void RemoveQuietly(const fs::path& p) {
  std::error_code ec;
  fs::remove_all(p, ec);
}

class Writer {
 public:
  Writer(const PackageContent& c, fs::path destination, const WriteOptions& o)
      : mC(c), mDestination(std::move(destination)), mOptions(o), mThrottle(o.progress) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  // Whatever way Run ends (an error, a cancellation, an exception), nothing partial or
  // unverified stays on the medium.
  ~Writer() {
    mMarker.reset();
    if (!mStaging.empty()) RemoveQuietly(mStaging);
    if (!mPartialDir.empty()) RemoveQuietly(mPartialDir);
    if (mRenamed && !mVerified) RemoveQuietly(mFinal);
  }

  Result<WrittenPackage> Run() {
    PLATEDESK_TRY(CheckInput());
    // What an export killed outright left here (its marker unlocked) goes first, freeing its space.
    for (const auto& stale : detail::RemoveStalePartials(mDestination))
      Log(LogLevel::Info, "removed the partial folder of an interrupted export: " + stale.string());
    auto probe = mOptions.probe ? mOptions.probe(mDestination) : ProbeMedia(mDestination);
    if (!probe) return probe.Err();
    mMedia = *probe;
    std::uint64_t largest = 64u << 10;
    for (const auto& i : mC.images) largest = std::max<std::uint64_t>(largest, i.bytes);
    mTotal = EstimatePackageBytes(mC);
    PLATEDESK_TRY(CheckFits(mMedia, mTotal, largest));

    mName = "PlateDesk-" + SafeName(mC.caseNumber) + "-" + Compact(mC.exportedAt) + "-" + mC.packageId.substr(0, 8);
    if (!mOptions.passphrase.empty()) return RunEncrypted();
    mFinal = mDestination / mName;
    mStaging = mDestination / ("." + mName + ".partial");
    std::error_code ec;
    if (fs::exists(fs::symlink_status(mFinal, ec)))
      return Fail(ErrorCode::AlreadyExists, "a package of that name is already there", mFinal.string());
    PLATEDESK_TRY(Build());
    // The name that says "complete" appears only now, and only for a fully written, signed bag.
    fs::rename(mStaging, mFinal, ec);
    if (ec) return Fail(ErrorCode::Io, "cannot rename the package into place: " + ec.message(), mFinal.string());
    mRenamed = true;
    PLATEDESK_TRY(detail::SyncFolder(mDestination));
    PLATEDESK_TRY(ReadBack());
    mVerified = true;
    mThrottle.Report(mTotal * 2, mTotal * 2, true);
    return WrittenPackage{mFinal, mName, mTagSha256, mWrittenBytes, mWrittenFiles};
  }

 private:
  // The encrypted form: the bag is built and verified in a local temporary folder, zipped (inner,
  // stored), and only the AES-256 outer zip touches the medium, under a temporary name until it
  // is complete, then read back, decrypted and verified.
  Result<WrittenPackage> RunEncrypted() {
    TempFolder work("platedesk-export");
    // The case number stays inside the encryption: the outer name says only what and when.
    const std::string outerName =
        "PlateDesk-evidence-" + Compact(mC.exportedAt) + "-" + mC.packageId.substr(0, 8) + ".zip";
    mFinal = mDestination / outerName;
    std::error_code ec;
    if (fs::exists(fs::symlink_status(mFinal, ec)))
      return Fail(ErrorCode::AlreadyExists, "a package of that name is already there", mFinal.string());
    // One file holds everything: the FAT32 limit applies to the whole package.
    PLATEDESK_TRY(CheckFits(mMedia, mTotal, mTotal));
    mStaging = work.Path() / ("." + mName + ".partial");
    PLATEDESK_TRY(Build());
    const fs::path bag = work.Path() / mName;
    fs::rename(mStaging, bag, ec);
    if (ec) return Fail(ErrorCode::Io, "cannot rename the package: " + ec.message(), bag.string());
    mStaging.clear();
    auto local = VerifyPackage(bag, mC.verifierKey, mOptions.stop);
    if (!local) return local.Err();
    if (!local->valid)
      return Fail(ErrorCode::Corrupt, "the package does not verify before encryption: " + local->firstProblem);
    const fs::path innerFolder = work.Path() / "inner";
    fs::create_directories(innerFolder, ec);
    PLATEDESK_TRY(detail::ZipFolder(bag, mName + "/", innerFolder / std::string(kInnerArchive), "", mOptions.stop, {}));
    PLATEDESK_TRY(Cancelled());
    fs::remove_all(bag, ec);  // the clear bag leaves the workstation's temporary folder at once
    // On the medium the zip grows inside a marked partial folder (libzip's own temporary file
    // too), so that what a killed export leaves is found and removed by the next one.
    mPartialDir = mDestination / ("." + outerName + ".partial");
    if (!fs::create_directory(mPartialDir, ec) || ec) {
      const std::string why = ec ? ec.message() : "it exists";
      mPartialDir.clear();
      return Fail(ErrorCode::Io, "cannot create the partial folder: " + why, mDestination.string());
    }
    PLATEDESK_TRY(Mark(mPartialDir));
    const fs::path partialZip = mPartialDir / outerName;
    const std::uint64_t base = mDone;
    PLATEDESK_TRY(detail::ZipFolder(innerFolder, "", partialZip, mOptions.passphrase, mOptions.stop,
                                    [&](std::uint64_t d, std::uint64_t t) {
                                      if (t) mThrottle.Report(base + (mTotal * 2 - base) / 2 * d / t, mTotal * 2);
                                    }));
    PLATEDESK_TRY(Unmark());
    fs::rename(partialZip, mFinal, ec);
    if (ec) return Fail(ErrorCode::Io, "cannot rename the package into place: " + ec.message(), mFinal.string());
    mRenamed = true;
    RemoveQuietly(mPartialDir);
    mPartialDir.clear();
    PLATEDESK_TRY(detail::SyncFolder(mDestination));
    // Read back from the medium: the zip's own hash, then decrypt and verify what is inside.
    auto digest = detail::DigestFile(mFinal, {DigestAlgorithm::Sha256});
    if (!digest) return digest.Err();
    auto back = VerifyPackageArchive(mFinal, mOptions.passphrase, mC.verifierKey, mOptions.stop);
    if (!back) return back.Err();
    if (!back->valid)
      return Fail(ErrorCode::Corrupt, "the package read back from the medium does not verify: " + back->firstProblem,
                  mFinal.string());
    mVerified = true;
    mThrottle.Report(mTotal * 2, mTotal * 2, true);
    WrittenPackage out{mFinal, outerName, digest->hex[0], digest->bytes, 1, true, mTagSha256};
    return out;
  }

  Status CheckInput() {
    if (mC.packageId.size() < 8) return Fail(ErrorCode::InvalidArgument, "package id too short");
    if (mC.caseNumber.empty()) return Fail(ErrorCode::InvalidArgument, "a package needs a case number");
    if (mC.reads.empty()) return Fail(ErrorCode::InvalidArgument, "a package needs at least one read");
    if (!mC.sign || !mC.imageBytes) return Fail(ErrorCode::InvalidArgument, "no signer or image source");
    std::error_code ec;
    if (!fs::is_directory(mDestination, ec))
      return Fail(ErrorCode::NotFound, "the destination folder does not exist", mDestination.string());
    return {};
  }

  Status Cancelled() {
    if (mOptions.stop.stop_requested()) return Fail(ErrorCode::Cancelled, "the export was cancelled");
    return {};
  }

  Status Payload(BagWriter& bag, const std::string& rel, std::string_view bytes) {
    PLATEDESK_TRY(Cancelled());
    PLATEDESK_TRY(bag.AddPayload(rel, bytes));
    mHashes[rel] = HexDigest(DigestAlgorithm::Sha256, bytes);
    mDone += bytes.size();
    mThrottle.Report(mDone, mTotal * 2);
    return {};
  }

  // The marker goes into a partial folder before anything else, and leaves it just before the
  // folder (or the zip in it) is renamed into place.
  Status Mark(const fs::path& folder) {
    auto marker = detail::PartialMarker::Create(folder);
    if (!marker) return marker.Err();
    mMarker.emplace(std::move(*marker));
    return {};
  }
  Status Unmark() {
    if (!mMarker) return {};
    Status removed = mMarker->Remove();
    mMarker.reset();
    return removed;
  }

  Status Build() {
    auto bagOr = BagWriter::Create(mStaging, mOptions.fault);
    if (!bagOr) return bagOr.Err();
    BagWriter bag = std::move(*bagOr);
    PLATEDESK_TRY(Mark(mStaging));
    auto key = audit::ParseVerifierKey(mC.verifierKey);
    if (!key) return Fail(ErrorCode::InvalidArgument, "the signing key is malformed", key.Err().message);
    const std::string keyId = key->KeyIdHex();
    auto fingerprint = KeyFingerprint(mC.verifierKey);
    if (!fingerprint) return fingerprint.Err();
    if (!mC.auditVerifierKey.empty() && !audit::ParseVerifierKey(mC.auditVerifierKey))
      return Fail(ErrorCode::InvalidArgument, "the audit key is malformed", mC.auditVerifierKey);
    auto note = audit::ParseSignedNote(mC.anchor.checkpointNote);
    if (!note) return Fail(ErrorCode::InvalidArgument, "the checkpoint is malformed", note.Err().message);
    auto head = audit::ParseCheckpointBody(note->text);
    if (!head) return Fail(ErrorCode::InvalidArgument, "the checkpoint is malformed", head.Err().message);

    // Images first (the bulk), each checked against the hash recorded at import before it is written.
    std::vector<store::ImageInfo> images = mC.images;
    std::sort(images.begin(), images.end(), [](const auto& a, const auto& b) { return a.sha256 < b.sha256; });
    for (const auto& image : images) {
      auto bytes = mC.imageBytes(image.sha256);
      if (!bytes) return bytes.Err();
      if (Sha256Hex(*bytes) != image.sha256)
        return Fail(ErrorCode::Corrupt, "a stored image does not match the hash recorded at import", image.sha256);
      PLATEDESK_TRY(Payload(bag, detail::ImageFileName(image), *bytes));
    }
    PLATEDESK_TRY(Payload(bag, detail::kReadsCsv, detail::ReadsCsv(mC)));
    PLATEDESK_TRY(Payload(bag, detail::kReadsJson, detail::ReadsJson(mC)));
    PLATEDESK_TRY(Payload(bag, detail::kSelectionJson, detail::SelectionJson(mC)));
    PLATEDESK_TRY(Payload(bag, detail::kExportEventJson, detail::ExportEventJson(mC, head->origin)));
    PLATEDESK_TRY(Payload(bag, detail::kCheckpointTxt, mC.anchor.checkpointNote));
    const auto hashesSoFar = mHashes;
    PLATEDESK_TRY(Payload(
        bag, detail::kCustodyJson,
        detail::CustodyJson(mC, hashesSoFar, keyId, *fingerprint, head->origin, mMedia.fileSystem, mMedia.serial)));
    PLATEDESK_TRY(
        Payload(bag, detail::kCertification, detail::CertificationText(mC, hashesSoFar, keyId, *fingerprint)));
    PLATEDESK_TRY(Payload(bag, detail::kReportHtml, detail::ReportHtml(mC, hashesSoFar, keyId, *fingerprint)));
    // The thumbnails come from the copies just written, so the PDF shows what the package holds.
    auto pdf = detail::ReportPdf(mC, hashesSoFar, keyId, *fingerprint, [&](const store::ImageInfo& image) {
      auto bytes = ReadFile(mStaging / "data" / fs::u8path(detail::ImageFileName(image)));
      return bytes ? *bytes : std::string();
    });
    if (!pdf) return pdf.Err();
    PLATEDESK_TRY(Payload(bag, detail::kReportPdf, *pdf));

    PLATEDESK_TRY(Cancelled());
    PLATEDESK_TRY(bag.AddTagFile(detail::kReadme, detail::ReadmeText(mC, keyId, *fingerprint)));
    PLATEDESK_TRY(
        bag.AddTagFile(kKeyFile, detail::KeyFileText(mC.verifierKey, keyId, *fingerprint, mC.auditVerifierKey)));
    std::vector<TagField> info = {
        {"Source-Organization", OneLine(mC.agency), 0},
        {"Contact-Name", OneLine(mC.contactName.empty() ? mC.exportedBy : mC.contactName), 0},
        {"External-Identifier", OneLine(mC.caseNumber), 0},
        {"External-Description",
         OneLine(mC.description.empty() ? "LPR reads for case " + mC.caseNumber : mC.description), 0},
        {"Bagging-Date", FormatDate(mC.exportedAt), 0},
        {"Bag-Software-Agent", "PlateDesk " + mC.softwareVersion, 0},
        {"PlateDesk-Package-Id", mC.packageId, 0},
        {"PlateDesk-Purpose", OneLine(mC.purposeCode + " " + mC.purposeText), 0},
        {"PlateDesk-Exported-By", OneLine(mC.exportedBy), 0},
        {"PlateDesk-Export-Time",
         FormatIso8601(mC.exportedAt) + " (" + detail::FormatWithOffset(mC.exportedAt, mC.utcOffsetMinutes) + ")", 0},
        {"PlateDesk-Workstation", OneLine(mC.workstation), 0},
        {"PlateDesk-Audit-Origin", head->origin, 0},
        {"PlateDesk-Audit-Checkpoint-Size", std::to_string(head->size), 0},
        {"PlateDesk-Audit-Checkpoint-Root", ToHex(head->root), 0},
        {"PlateDesk-Signing-Key-Id", keyId, 0},
    };
    if (auto auditKey = audit::ParseVerifierKey(mC.auditVerifierKey); auditKey)
      info.push_back({"PlateDesk-Audit-Key-Id", auditKey->KeyIdHex(), 0});
    auto files = bag.Finish(info);
    if (!files) return files.Err();
    std::string tag512, tag256;
    for (const auto& f : *files) {
      if (f.path == "tagmanifest-sha512.txt") tag512 = f.sha512;
      if (f.path == "tagmanifest-sha256.txt") tag256 = f.sha256;
      mWrittenBytes += f.bytes;
    }
    mWrittenFiles = files->size() + 1;
    mTagSha256 = tag256;
    PLATEDESK_TRY(Cancelled());
    auto signature = mC.sign(detail::StatementText(mC.packageId, OneLine(mC.caseNumber), tag512, tag256));
    if (!signature) return signature.Err();
    mWrittenBytes += signature->size();
    // Last: a bag without this file never verifies, so an interrupted build never looks complete.
    PLATEDESK_TRY(bag.AddExtraTagFile(kSignatureFile, *signature));
    return Unmark();
  }

  Status ReadBack() {
    const std::uint64_t base = mDone;
    auto verified = VerifyPackage(mFinal, mC.verifierKey, mOptions.stop, [&](std::uint64_t d, std::uint64_t) {
      mThrottle.Report(std::min(base + d, mTotal * 2 - 1), mTotal * 2);
    });
    if (!verified) return verified.Err();
    if (!verified->valid)
      return Fail(ErrorCode::Corrupt,
                  "the package read back from the medium does not verify: " + verified->firstProblem, mFinal.string());
    return {};
  }

  const PackageContent& mC;
  fs::path mDestination;
  const WriteOptions& mOptions;
  ProgressThrottle mThrottle;
  MediaInfo mMedia;
  std::uint64_t mTotal = 0;
  std::uint64_t mDone = 0;
  std::string mName;
  fs::path mFinal;
  fs::path mStaging;
  std::map<std::string, std::string> mHashes;
  std::string mTagSha256;
  std::uint64_t mWrittenBytes = 0;
  std::uint64_t mWrittenFiles = 0;
  bool mRenamed = false;
  bool mVerified = false;
  fs::path mPartialDir;                          ///< encrypted: the marked folder the zip is written in
  std::optional<detail::PartialMarker> mMarker;  ///< held while a partial folder is being written
};

}  // namespace

std::uint64_t EstimatePackageBytes(const PackageContent& c) {
  std::uint64_t total = 256u << 10;  // tag files, custody, certificate, report frame
  for (const auto& i : c.images) total += i.bytes + 512;
  total += c.reads.size() * 6000;  // CSV + JSON + report row + manifest lines
  for (const auto& s : c.searchRecords) total += s.size() + 16;
  return total;
}

std::string GeneratePassphrase() {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base32: no I, L, O, U
  static_assert(sizeof kAlphabet == 33);
  unsigned char bytes[30];
  RandomBytes(bytes, sizeof bytes);
  std::string out;
  for (std::size_t i = 0; i < sizeof bytes; ++i) {
    if (i && i % 5 == 0) out += '-';
    out += kAlphabet[bytes[i] & 31];
  }
  return out;
}

Result<std::string> KeyFingerprint(std::string_view verifierKey) {
  auto key = audit::ParseVerifierKey(verifierKey);
  if (!key) return key.Err();
  const std::string hex =
      ToHex(Sha256(std::string_view(reinterpret_cast<const char*>(key->publicKey.data()), key->publicKey.size())));
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 4) out.append(i ? " " : "").append(hex, i, 4);
  return out;
}

Result<WrittenPackage> WritePackage(const PackageContent& content, const fs::path& destination,
                                    const WriteOptions& options) {
  try {
    Writer w(content, destination, options);
    return w.Run();
  } catch (const std::exception& e) {
    return Fail(ErrorCode::Io, std::string("export failed: ") + e.what(), destination.string());
  }
}

}  // namespace platedesk::evidence

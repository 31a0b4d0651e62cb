// SPDX-License-Identifier: GPL-3.0-or-later
// The offline verifier of evidence packages. A package is hostile input: every file is bounded
// in size, JSON parse errors are problems (never exceptions across the boundary), and nothing is
// written. The order of checks is the order of trust: the bag, the signature over it, the images
// against their recorded hashes, the checkpoint, the inclusion proof, what the audit record says.
#include "Digest.h"
#include "PackageText.h"
#include "Zip.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/Checkpoint.h"
#include "platedesk/audit/Merkle.h"
#include "platedesk/audit/SignedNote.h"
#include "platedesk/common/Files.h"
#include "platedesk/common/Text.h"
#include "platedesk/evidence/Package.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace fs = std::filesystem;

namespace platedesk::evidence {
namespace {

constexpr std::uint64_t kMaxJsonBytes = 256ull << 20;

bool FromHex(std::string_view hex, Sha256Digest& out) {
  if (hex.size() != 64) return false;
  for (std::size_t i = 0; i < 32; ++i) {
    auto v = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    const int hi = v(hex[2 * i]), lo = v(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return true;
}

class PackageVerifier {
 public:
  PackageVerifier(fs::path folder, std::vector<std::string> trustedKeys, std::stop_token stop,
                  const ProgressFn& progress)
      : mFolder(std::move(folder)), mTrusted(std::move(trustedKeys)), mStop(std::move(stop)), mProgress(progress) {}

  Result<PackageVerification> Run() {
    auto bag = ValidateBag(mFolder, BagMode::PlateDesk, mStop, mProgress);
    if (!bag) return bag.Err();
    mBag = std::move(*bag);
    for (const auto& w : mBag.warnings) mOut.warnings.push_back(w);
    for (const auto& f : mBag.bagInfo) {
      if (f.label == "External-Identifier") mOut.caseNumber = f.value;
      if (f.label == "PlateDesk-Package-Id") mOut.packageId = f.value;
    }
    Check("bagit", mBag.valid,
          mBag.valid ? std::to_string(mBag.payloadFiles) + " payload files, " + std::to_string(mBag.payloadBytes) +
                           " bytes; every file present, listed and matching its SHA-512 and SHA-256"
                     : mBag.problems.front());
    CheckSignature();
    CheckImages();
    CheckAudit();
    mOut.valid = std::all_of(mOut.checks.begin(), mOut.checks.end(), [](const PackageCheck& c) { return c.ok; });
    for (const auto& c : mOut.checks)
      if (!c.ok) {
        mOut.firstProblem = c.name + ": " + c.detail;
        break;
      }
    return std::move(mOut);
  }

 private:
  void Check(std::string name, bool ok, std::string detail) {
    mOut.checks.push_back({std::move(name), ok, std::move(detail)});
  }

  Result<std::string> Read(const std::string& rel, std::uint64_t limit = kMaxJsonBytes) {
    const fs::path p = mFolder / fs::u8path(rel);
    std::error_code ec;
    const auto st = fs::symlink_status(p, ec);
    if (ec || !fs::is_regular_file(st)) return Fail(ErrorCode::NotFound, rel + " is missing");
    if (fs::file_size(p, ec) > limit) return Fail(ErrorCode::InvalidArgument, rel + " is too large");
    return ReadFile(p);
  }

  // --- signature ----------------------------------------------------------------------------
  void CheckSignature() {
    auto keyText = Read(std::string(kKeyFile), 1 << 16);
    if (!keyText) return Check("signature", false, keyText.Err().message);
    auto fields = ParseTagFile(*keyText);
    std::string packageKey;
    if (fields)
      for (const auto& f : *fields) {
        if (f.label == "Verifier-Key") packageKey = f.value;
        if (f.label == "Audit-Verifier-Key") mAuditKeyText = f.value;
      }
    auto embedded = audit::ParseVerifierKey(packageKey);
    if (!embedded) return Check("signature", false, std::string(kKeyFile) + " holds no valid verifier key");
    if (!mTrusted.empty()) {
      std::string names;
      for (const auto& text : mTrusted) {
        auto trusted = audit::ParseVerifierKey(Trim(text));
        if (!trusted) return Check("signature", false, "a trusted key given is not a verifier key");
        if (trusted->Encode() == embedded->Encode()) mKey = *trusted;
        names += (names.empty() ? "" : ", ") + trusted->KeyIdHex();
      }
      if (!mKey)
        return Check("signature", false,
                     "the package was signed with key " + embedded->KeyIdHex() + ", not a trusted key (" + names + ")");
    } else {
      mKey = *embedded;
      mOut.keyFromPackage = true;
      mOut.warnings.push_back(
          "no trusted key given: the signature was checked with the key inside the package, which anyone can "
          "make; the package is intact but its signer is not verified (compare the fingerprint with the one the "
          "agency publishes, or give its key)");
    }
    mOut.keyId = mKey->KeyIdHex();
    mOut.fingerprint = KeyFingerprint(mKey->Encode()).Value();
    auto sigText = Read(std::string(kSignatureFile), 1 << 16);
    if (!sigText) return Check("signature", false, sigText.Err().message);
    auto note = audit::ParseSignedNote(*sigText);
    if (!note) return Check("signature", false, std::string(kSignatureFile) + " is not a signed note");
    if (!audit::HasValidSignature(*note, *mKey))
      return Check("signature", false,
                   "the signature does not verify with key " + mKey->KeyIdHex() + " (replaced or forged)");
    auto t512 = detail::DigestFile(mFolder / "tagmanifest-sha512.txt", {DigestAlgorithm::Sha512});
    auto t256 = detail::DigestFile(mFolder / "tagmanifest-sha256.txt", {DigestAlgorithm::Sha256});
    if (!t512 || !t256) return Check("signature", false, "the tag manifests cannot be read");
    const std::string want = detail::StatementText(mOut.packageId, mOut.caseNumber, t512->hex[0], t256->hex[0]);
    if (note->text != want)
      return Check("signature", false,
                   "the signed statement does not match this package's tag manifests, id or case (a file was changed "
                   "after signing)");
    mSignatureOk = true;
    Check("signature", true, "Ed25519 signature by key " + mKey->KeyIdHex() + " over both tag manifests");
  }

  // --- images -------------------------------------------------------------------------------
  void CheckImages() {
    auto text = Read("data/" + std::string(detail::kReadsJson));
    if (!text) return Check("images", false, text.Err().message);
    auto doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("reads") || !doc["reads"].is_array())
      return Check("images", false, "data/reads.json is not a PlateDesk reads file");
    std::set<std::string> listed;
    for (const auto& r : doc["reads"]) {
      if (!r.is_object()) return Check("images", false, "data/reads.json has a malformed read");
      if (r.contains("read_id") && r["read_id"].is_number_integer()) mReadIds.insert(r["read_id"].get<std::int64_t>());
      for (const char* which : {"plate_image", "vehicle_image"}) {
        if (!r.contains(which) || r[which].is_null()) continue;
        const auto& img = r[which];
        if (!img.is_object() || !img.contains("sha256_recorded_at_import") || !img.contains("file") ||
            !img["sha256_recorded_at_import"].is_string() || !img["file"].is_string())
          return Check("images", false, "data/reads.json has a malformed image entry");
        const std::string sha = img["sha256_recorded_at_import"].get<std::string>();
        const std::string file = img["file"].get<std::string>();
        if (!IsSha256Hex(sha)) return Check("images", false, "a recorded image hash is malformed: " + sha);
        if (auto ok = CheckBagPath(file, true); !ok || file.rfind("data/images/", 0) != 0)
          return Check("images", false, "an image file name is not inside data/images/: " + file);
        if (listed.insert(file).second) mImages.emplace(sha, file);
      }
    }
    mOut.reads = mReadIds.size();
    for (const auto& [sha, file] : mImages) {
      if (mStop.stop_requested()) return;
      auto d = detail::DigestFile(mFolder / fs::u8path(file), {DigestAlgorithm::Sha256});
      if (!d) return Check("images", false, file + " is missing");
      if (d->hex[0] != sha)
        return Check("images", false,
                     file + " does not match the SHA-256 recorded at import (" + sha.substr(0, 16) + "...)");
    }
    for (const auto& p : mBag.payloadPaths)
      if (p.rfind("data/images/", 0) == 0 && !listed.count(p))
        return Check("images", false, p + " is not an image of any read in the package");
    mOut.images = mImages.size();
    Check("images", true,
          std::to_string(mImages.size()) + " image files, each equal to the SHA-256 recorded at import");
  }

  // --- audit --------------------------------------------------------------------------------
  void CheckAudit() {
    if (!mKey) {
      Check("checkpoint", false, "no key to check the checkpoint with");
      return;
    }
    // The audit log's key signs the checkpoint; platedesk-key.txt names it, and the signature just
    // checked covers that file. Packages from before the keys were separated name none: one key
    // signed both.
    std::optional<audit::NoteVerifier> auditKey = mKey;
    if (!mAuditKeyText.empty()) {
      auto parsed = audit::ParseVerifierKey(mAuditKeyText);
      if (!parsed) return Check("checkpoint", false, std::string(kKeyFile) + " holds a malformed audit key");
      auditKey = *parsed;
    }
    auto cpText = Read("data/" + std::string(detail::kCheckpointTxt), 1 << 16);
    if (!cpText) return Check("checkpoint", false, cpText.Err().message);
    auto head = audit::OpenCheckpoint(*cpText, *auditKey);
    if (!head)
      return Check("checkpoint", false,
                   "the checkpoint is not signed by audit key " + auditKey->KeyIdHex() + ": " + head.Err().message);
    if (head->origin != auditKey->name)
      return Check("checkpoint", false,
                   "the checkpoint is for log " + head->origin + ", its key for " + auditKey->name);
    Check("checkpoint", true,
          "signed tree head of " + std::to_string(head->size) + " records of " + head->origin + ", by audit key " +
              auditKey->KeyIdHex());

    auto evText = Read("data/" + std::string(detail::kExportEventJson));
    if (!evText) return Check("inclusion proof", false, evText.Err().message);
    auto ev = nlohmann::json::parse(*evText, nullptr, false);
    if (ev.is_discarded() || !ev.is_object() || !ev.contains("record") || !ev["record"].is_string() ||
        !ev.contains("seq") || !ev["seq"].is_number_unsigned() || !ev.contains("tree_size") ||
        !ev["tree_size"].is_number_unsigned() || !ev.contains("inclusion_proof") || !ev["inclusion_proof"].is_array())
      return Check("inclusion proof", false, "data/audit/export-event.json is malformed");
    const std::string record = ev["record"].get<std::string>();
    const auto seq = ev["seq"].get<std::uint64_t>();
    const auto size = ev["tree_size"].get<std::uint64_t>();
    std::vector<Sha256Digest> proof;
    for (const auto& h : ev["inclusion_proof"]) {
      Sha256Digest d{};
      if (!h.is_string() || !FromHex(h.get<std::string>(), d))
        return Check("inclusion proof", false, "a proof hash is malformed");
      proof.push_back(d);
    }
    if (size != head->size)
      return Check(
          "inclusion proof", false,
          "the proof is for " + std::to_string(size) + " records, the checkpoint for " + std::to_string(head->size));
    if (!audit::VerifyInclusion(seq, size, audit::LeafHash(record), proof, head->root))
      return Check("inclusion proof", false,
                   "the export record is not in the signed audit log (the record or its proof was changed)");
    Check("inclusion proof", true, "export record seq " + std::to_string(seq) + " is in the signed tree");

    auto rec = nlohmann::json::parse(record, nullptr, false);
    if (rec.is_discarded() || !rec.is_object()) return Check("export record", false, "the audit record is not JSON");
    auto str = [&](const char* k) {
      return rec.contains(k) && rec[k].is_string() ? rec[k].get<std::string>() : std::string();
    };
    if (str("event") != "export.start")
      return Check("export record", false, "the audit record is not an export.start event");
    if (str("case") != mOut.caseNumber)
      return Check("export record", false,
                   "the audit record is for case '" + str("case") + "', the package says '" + mOut.caseNumber + "'");
    std::set<std::string> objects;
    if (rec.contains("objects") && rec["objects"].is_array())
      for (const auto& o : rec["objects"])
        if (o.is_string()) objects.insert(o.get<std::string>());
    if (!objects.count("package:" + mOut.packageId))
      return Check("export record", false, "the audit record does not name package " + mOut.packageId);
    for (auto id : mReadIds)
      if (!objects.count("read:" + std::to_string(id)))
        return Check("export record", false,
                     "read " + std::to_string(id) + " is in the package but not in the audited export");
    for (const auto& [sha, file] : mImages)
      if (!objects.count("image:" + sha))
        return Check("export record", false,
                     "image " + sha.substr(0, 16) + "... is in the package but not in the audited export");
    Check("export record", true,
          "audited by " + str("user") + " at " + str("time") + " for case " + str("case") + ", purpose " +
              str("purpose_code") + "; names every read and image in the package");
  }

  fs::path mFolder;
  std::vector<std::string> mTrusted;
  std::stop_token mStop;
  const ProgressFn& mProgress;
  BagReport mBag;
  PackageVerification mOut;
  std::optional<audit::NoteVerifier> mKey;
  std::string mAuditKeyText;  ///< platedesk-key.txt's Audit-Verifier-Key ("" in single-key packages)
  bool mSignatureOk = false;
  std::set<std::int64_t> mReadIds;
  std::map<std::string, std::string> mImages;  // sha -> file
};

}  // namespace

Result<PackageVerification> VerifyPackage(const fs::path& folder, const std::vector<std::string>& trustedKeys,
                                          std::stop_token stop, const ProgressFn& progress) {
  try {
    PackageVerifier v(folder, trustedKeys, stop, progress);
    auto r = v.Run();
    if (r && stop.stop_requested()) return Fail(ErrorCode::Cancelled, "verification cancelled");
    return r;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::Io, std::string("verification failed: ") + e.what(), folder.string());
  }
}

Result<PackageVerification> VerifyPackage(const fs::path& folder, const std::optional<std::string>& trustedKey,
                                          std::stop_token stop, const ProgressFn& progress) {
  return VerifyPackage(folder, trustedKey ? std::vector<std::string>{*trustedKey} : std::vector<std::string>{}, stop,
                       progress);
}

Result<PackageVerification> VerifyPackageArchive(const fs::path& zip, const std::string& passphrase,
                                                 const std::optional<std::string>& trustedKey, std::stop_token stop,
                                                 const ProgressFn& progress) {
  return VerifyPackageArchive(
      zip, passphrase, trustedKey ? std::vector<std::string>{*trustedKey} : std::vector<std::string>{}, stop, progress);
}

Result<std::vector<std::string>> ParseTrustedKeys(std::string_view text) {
  std::vector<std::string> keys;
  std::size_t number = 0;
  for (const auto& raw : Split(std::string(text), '\n')) {
    ++number;
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("Verifier-Key:", 0) == 0) {
      line = Trim(line.substr(13));
    } else if (line.find(':') != std::string::npos && line.find(' ') != std::string::npos) {
      continue;  // another field of a platedesk-key.txt ("Fingerprint: ...", "Key-Id: ...")
    }
    if (!audit::ParseVerifierKey(line))
      return Fail(ErrorCode::InvalidArgument, "not a verifier key", "line " + std::to_string(number));
    keys.push_back(line);
  }
  if (keys.empty()) return Fail(ErrorCode::InvalidArgument, "no verifier key in the trusted keys");
  return keys;
}

Result<PackageVerification> VerifyPackageArchive(const fs::path& zip, const std::string& passphrase,
                                                 const std::vector<std::string>& trustedKeys, std::stop_token stop,
                                                 const ProgressFn& progress) {
  try {
    std::error_code ec;
    if (!fs::is_regular_file(zip, ec)) return Fail(ErrorCode::NotFound, "no package archive there", zip.string());
    const std::uint64_t size = fs::file_size(zip, ec);
    PackageVerification failed;
    auto archiveProblem = [&](const std::string& why) {
      failed.checks.push_back({"archive", false, why});
      failed.firstProblem = "archive: " + why;
      return failed;
    };
    TempFolder work("platedesk-verify");
    // Stored entries: the contents cannot be larger than the archive (a zip bomb is refused).
    const std::uint64_t cap = size + (1u << 20);
    if (auto st = detail::UnzipTo(zip, work.Path() / "outer", passphrase, cap, stop); !st) {
      if (st.Err().code == ErrorCode::Unauthenticated || st.Err().code == ErrorCode::Cancelled) return st.Err();
      return archiveProblem(st.Err().message);
    }
    std::vector<fs::path> entries;
    for (const auto& e : fs::recursive_directory_iterator(work.Path() / "outer"))
      if (e.is_regular_file()) entries.push_back(e.path());
    if (entries.size() != 1 || entries[0].filename() != kInnerArchive)
      return archiveProblem("an encrypted package holds exactly one entry, " + std::string(kInnerArchive));
    if (auto st = detail::UnzipTo(entries[0], work.Path() / "bag", "", cap, stop); !st) {
      if (st.Err().code == ErrorCode::Cancelled) return st.Err();
      return archiveProblem("the inner archive: " + st.Err().message);
    }
    fs::remove_all(work.Path() / "outer", ec);
    std::vector<fs::path> tops;
    for (const auto& e : fs::directory_iterator(work.Path() / "bag")) tops.push_back(e.path());
    if (tops.size() != 1 || !fs::is_directory(tops[0]))
      return archiveProblem("the inner archive holds exactly one package folder");
    auto v = VerifyPackage(tops[0], trustedKeys, stop, progress);
    if (!v) return v.Err();
    v->checks.insert(v->checks.begin(),
                     {"archive", true, "AES-256 zip decrypted; one inner archive with one package folder"});
    return v;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::Io, std::string("verification failed: ") + e.what(), zip.string());
  }
}

}  // namespace platedesk::evidence

// SPDX-License-Identifier: GPL-3.0-or-later
// The BagIt validator. Read-only: it opens files to hash them and never creates, renames or
// deletes anything, so a hostile bag cannot make it write outside (or inside) its folder.
#include "Digest.h"
#include "TagLines.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Text.h"
#include "platedesk/evidence/Bag.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace platedesk::evidence {
namespace {

constexpr std::uint64_t kMaxTagFileBytes = 64ull << 20;    // a manifest of a million files fits
constexpr std::uint64_t kMaxDeclarationBytes = 64u << 10;  // bagit.txt is two short lines
// The signature over a PlateDesk package's tag manifests (evidence::kSignatureFile).
constexpr std::string_view kPlateDeskSignature = "platedesk-signature.txt";

bool IsSpecialSystemFile(std::string_view path) {
  const auto slash = path.rfind('/');
  const std::string name = ToLowerAscii(slash == std::string_view::npos ? path : path.substr(slash + 1));
  return name == ".ds_store" || name == "thumbs.db" || name == "desktop.ini" || name == ".spotlight-v100" ||
         name == ".trashes" || name == "ehthumbs.db" || name.rfind("._", 0) == 0;
}

struct VersionNumber {
  int major = 0;
  int minor = 0;
  [[nodiscard]] bool AtLeast(int ma, int mi) const { return major > ma || (major == ma && minor >= mi); }
};

class Validator {
 public:
  Validator(fs::path folder, BagMode mode, std::stop_token stop, const ProgressFn& progress)
      : mFolder(std::move(folder)), mMode(mode), mStop(std::move(stop)), mProgress(progress) {}

  Result<BagReport> Run() {
    std::error_code ec;
    const auto st = fs::symlink_status(mFolder, ec);
    if (ec || !fs::exists(st)) return Fail(ErrorCode::NotFound, "no bag there", mFolder.string());
    if (fs::is_symlink(st)) return Problem("the bag folder is a symbolic link"), Finish();
    if (!fs::is_directory(st)) return Fail(ErrorCode::InvalidArgument, "not a folder", mFolder.string());
    if (!ReadDeclaration()) return Finish();
    PLATEDESK_TRY(Walk());
    if (!mReport.problems.empty()) return Finish();
    ReadFetch();
    ReadBagInfo();
    PLATEDESK_TRY(ReadManifests());
    if (!mReport.problems.empty()) return Finish();
    CheckCompleteness();
    PLATEDESK_TRY(CheckValidity());
    CheckOxum();
    return Finish();
  }

 private:
  // --- reporting ------------------------------------------------------------------------------
  void Problem(std::string text) { mReport.problems.push_back(std::move(text)); }
  void Warn(std::string text) { mReport.warnings.push_back(std::move(text)); }
  // An oddity the suite tolerates: a warning for other tools' bags, a problem in a PlateDesk package.
  void Oddity(std::string text) {
    if (mMode == BagMode::PlateDesk)
      Problem(std::move(text));
    else
      Warn(std::move(text));
  }
  BagReport Finish() {
    mReport.valid = mReport.problems.empty();
    return std::move(mReport);
  }

  Result<std::string> ReadTag(const std::string& rel) {
    const fs::path p = mFolder / fs::u8path(rel);
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (!ec && size > kMaxTagFileBytes) return Fail(ErrorCode::InvalidArgument, rel + " is larger than 64 MiB");
    auto bytes = ReadFile(p);
    if (!bytes) return bytes.Err();
    return DecodeTagText(*bytes, mReport.encoding);
  }

  // --- bagit.txt ------------------------------------------------------------------------------
  bool ReadDeclaration() {
    // Checked before it is opened: a link could lead out of the bag, a named pipe would block.
    std::error_code statEc;
    const auto st = fs::symlink_status(mFolder / "bagit.txt", statEc);
    if (statEc || !fs::exists(st)) {
      Problem("bagit.txt is missing (this is not a bag)");
      return false;
    }
    if (!fs::is_regular_file(st)) {
      Problem("bagit.txt is not a regular file");
      return false;
    }
    if (fs::file_size(mFolder / "bagit.txt", statEc) > kMaxDeclarationBytes) {
      Problem("bagit.txt is far larger than its two lines");
      return false;
    }
    auto bytes = ReadFile(mFolder / "bagit.txt");
    if (!bytes) {
      Problem("bagit.txt cannot be read: " + bytes.Err().message);
      return false;
    }
    if (bytes->size() >= 3 && bytes->compare(0, 3, "\xEF\xBB\xBF") == 0) {
      Problem("bagit.txt starts with a byte-order mark (RFC 8493 §2.1.1 forbids it)");
      return false;
    }
    if (!IsValidUtf8(*bytes)) {
      Problem("bagit.txt is not UTF-8");
      return false;
    }
    std::vector<std::string_view> lines;
    for (auto l : detail::SplitLines(*bytes))
      if (!l.empty()) lines.push_back(l);
    constexpr std::string_view kVersion = "BagIt-Version: ";
    constexpr std::string_view kEncoding = "Tag-File-Character-Encoding: ";
    if (lines.size() != 2 || lines[0].substr(0, kVersion.size()) != kVersion ||
        lines[1].substr(0, kEncoding.size()) != kEncoding) {
      Problem("bagit.txt must be exactly 'BagIt-Version: M.N' and 'Tag-File-Character-Encoding: ENCODING'");
      return false;
    }
    mReport.version = std::string(lines[0].substr(kVersion.size()));
    mReport.encoding = std::string(lines[1].substr(kEncoding.size()));
    const auto dot = mReport.version.find('.');
    auto number = [](std::string_view s, int& out) {
      if (s.empty()) return false;
      const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
      return ec == std::errc() && ptr == s.data() + s.size();
    };
    if (dot == std::string::npos || !number(std::string_view(mReport.version).substr(0, dot), mVersion.major) ||
        !number(std::string_view(mReport.version).substr(dot + 1), mVersion.minor)) {
      Problem("bagit.txt has a malformed BagIt-Version '" + mReport.version + "'");
      return false;
    }
    if (mReport.encoding.empty() || Trim(mReport.encoding) != mReport.encoding) {
      Problem("bagit.txt has a malformed Tag-File-Character-Encoding");
      return false;
    }
    if (auto probe = DecodeTagText("", mReport.encoding); !probe) {
      Problem("tag-file character encoding '" + mReport.encoding + "' is not supported");
      return false;
    }
    if (mMode == BagMode::PlateDesk && (mReport.version != "1.0" || mReport.encoding != "UTF-8")) {
      Problem("a PlateDesk package is BagIt 1.0 in UTF-8 (found " + mReport.version + ", " + mReport.encoding + ")");
      return false;
    }
    return true;
  }

  // --- the files on disk ----------------------------------------------------------------------
  Status Walk() {
    std::error_code ec;
    fs::recursive_directory_iterator it(mFolder, fs::directory_options::none, ec);
    if (ec) return Fail(ErrorCode::Io, "cannot list the bag: " + ec.message(), mFolder.string());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) return Fail(ErrorCode::Io, "cannot list the bag: " + ec.message(), mFolder.string());
      if (mStop.stop_requested()) return Fail(ErrorCode::Cancelled, "bag validation cancelled");
      const auto st = it->symlink_status(ec);
      // Lexically: fs::relative would resolve a link and name its target instead of the entry.
      const std::string rel = it->path().lexically_relative(mFolder).generic_string();
      if (fs::is_symlink(st)) {
        Problem(rel + " is a symbolic link (bags hold only regular files)");
        it.disable_recursion_pending();
        continue;
      }
      if (fs::is_directory(st)) continue;
      if (!fs::is_regular_file(st)) {
        Problem(rel + " is not a regular file");
        continue;
      }
      if (mMode == BagMode::PlateDesk) {
        if (!IsValidUtf8(rel))
          Problem("a file name that is not UTF-8: " + rel);
        else if (auto ok = CheckBagPath(rel, true); !ok)
          Problem(rel + ": " + ok.Err().message);
      }
      const auto size = it->file_size(ec);
      mDisk[rel] = ec ? 0 : size;
      if (rel.rfind("data/", 0) == 0) mPayloadOnDisk.insert(rel);
    }
    std::error_code dataEc;
    if (!fs::is_directory(fs::symlink_status(mFolder / "data", dataEc))) Problem("the payload folder data/ is missing");
    mReport.payloadPaths.assign(mPayloadOnDisk.begin(), mPayloadOnDisk.end());
    return {};
  }

  // --- fetch.txt ------------------------------------------------------------------------------
  void ReadFetch() {
    if (!mDisk.count("fetch.txt")) return;
    if (mMode == BagMode::PlateDesk) {
      Problem("fetch.txt is present: a PlateDesk package carries every file itself and never fetches");
      return;
    }
    auto text = ReadTag("fetch.txt");
    if (!text) {
      Problem("fetch.txt: " + text.Err().message);
      return;
    }
    const auto lines = detail::SplitLines(*text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string line = Trim(lines[i]);
      if (line.empty()) continue;
      // URL LENGTH FILENAME; the file name may contain spaces.
      const auto a = line.find_first_of(" \t");
      const auto b = a == std::string::npos ? a : line.find_first_not_of(" \t", a);
      const auto c = b == std::string::npos ? b : line.find_first_of(" \t", b);
      const auto d = c == std::string::npos ? c : line.find_first_not_of(" \t", c);
      if (d == std::string::npos) {
        Problem("fetch.txt line " + std::to_string(i + 1) + " is not 'URL LENGTH FILENAME'");
        continue;
      }
      const std::string length = line.substr(b, c - b);
      const bool lengthOk =
          length == "-" || std::all_of(length.begin(), length.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      std::string path = line.substr(d);
      if (path.rfind("./", 0) == 0) path.erase(0, 2);
      if (!lengthOk) Problem("fetch.txt line " + std::to_string(i + 1) + " has a malformed length");
      if (auto ok = CheckBagPath(path, false); !ok)
        Problem("fetch.txt line " + std::to_string(i + 1) + ": " + ok.Err().message + " (" + path + ")");
      else if (path.rfind("data/", 0) != 0)
        Problem("fetch.txt line " + std::to_string(i + 1) + " names a file outside data/: " + path);
      else
        mFetched.insert(path);
    }
  }

  // --- bag-info.txt ---------------------------------------------------------------------------
  void ReadBagInfo() {
    if (!mDisk.count("bag-info.txt")) {
      if (mMode == BagMode::PlateDesk) Problem("bag-info.txt is missing");
      return;
    }
    auto text = ReadTag("bag-info.txt");
    if (!text) {
      Problem("bag-info.txt: " + text.Err().message);
      return;
    }
    auto fields = ParseTagFile(*text);
    if (!fields) {
      Problem("bag-info.txt: " + fields.Err().message + " (" + fields.Err().context + ")");
      return;
    }
    mReport.bagInfo = std::move(*fields);
  }

  // --- manifests ------------------------------------------------------------------------------
  struct Manifest {
    DigestAlgorithm algorithm;
    std::string file;
    std::map<std::string, std::string> entries;  // path -> digest
  };

  Status ReadManifests() {
    for (const auto& [rel, size] : mDisk) {
      const bool payload = rel.rfind("manifest-", 0) == 0;
      const bool tag = rel.rfind("tagmanifest-", 0) == 0;
      if ((!payload && !tag) || rel.find('/') != std::string::npos || rel.size() < 4 ||
          rel.compare(rel.size() - 4, 4, ".txt") != 0)
        continue;
      const std::string name = rel.substr(payload ? 9 : 12, rel.size() - (payload ? 9 : 12) - 4);
      auto alg = DigestAlgorithmFromName(name);
      if (!alg) {
        Problem(rel + " uses an algorithm this validator does not know ('" + name + "')");
        continue;
      }
      auto text = ReadTag(rel);
      if (!text) {
        Problem(rel + ": " + text.Err().message);
        continue;
      }
      std::vector<std::string> notes;
      auto entries = ParseManifest(*text, *alg, mVersion.AtLeast(1, 0), &notes);
      if (!entries) {
        Problem(rel + ": " + entries.Err().message + " (" + entries.Err().context + ")");
        continue;
      }
      for (auto& n : notes) Oddity(rel + " " + n);
      Manifest m{*alg, rel, {}};
      std::map<std::string, std::string> byKey;  // collision key -> first path
      for (const auto& e : *entries) {
        if (auto ok = CheckBagPath(e.path, mMode == BagMode::PlateDesk); !ok) {
          Problem(rel + " line " + std::to_string(e.line) + ": " + ok.Err().message + " (" + e.path + ")");
          continue;
        }
        const bool inData = e.path.rfind("data/", 0) == 0;
        if (payload && !inData) {
          Problem(rel + " line " + std::to_string(e.line) + " lists a file outside data/: " + e.path);
          continue;
        }
        if (tag && inData) {
          Problem(rel + " line " + std::to_string(e.line) + " lists a payload file: " + e.path);
          continue;
        }
        if (auto dup = m.entries.find(e.path); dup != m.entries.end()) {
          if (dup->second != e.digest)
            Problem(rel + " lists " + e.path + " twice with different checksums");
          else if (mVersion.AtLeast(1, 0))
            Problem(rel + " lists " + e.path + " twice (RFC 8493 §2.1.3: once only)");
          else
            Oddity(rel + " lists " + e.path + " twice with the same checksum");
          continue;
        }
        const std::string key = PathCollisionKey(e.path);
        if (auto other = byKey.find(key); other != byKey.end())
          Oddity(rel + " lists " + other->second + " and " + e.path +
                 ", which are the same file on case-insensitive or normalising file systems");
        else
          byKey.emplace(key, e.path);
        if (IsSpecialSystemFile(e.path)) Oddity(rel + " lists a system file: " + e.path);
        m.entries.emplace(e.path, e.digest);
      }
      if (*alg == DigestAlgorithm::Md5 || *alg == DigestAlgorithm::Sha1)
        Warn(rel + " uses " + name + ", which RFC 8493 advises against (collisions can be made)");
      (payload ? mPayloadManifests : mTagManifests).push_back(std::move(m));
    }
    if (mPayloadManifests.empty()) Problem("no payload manifest (manifest-<algorithm>.txt)");
    for (const auto& m : mPayloadManifests) mReport.algorithms.push_back(DigestAlgorithmName(m.algorithm));
    if (mMode == BagMode::PlateDesk) {
      for (auto need : {DigestAlgorithm::Sha512, DigestAlgorithm::Sha256}) {
        auto has = [&](const std::vector<Manifest>& v) {
          return std::any_of(v.begin(), v.end(), [&](const Manifest& m) { return m.algorithm == need; });
        };
        if (!has(mPayloadManifests)) Problem(std::string("manifest-") + DigestAlgorithmName(need) + ".txt is missing");
        if (!has(mTagManifests)) Problem(std::string("tagmanifest-") + DigestAlgorithmName(need) + ".txt is missing");
      }
    }
    return {};
  }

  // The file on disk a manifest path stands for: itself, or (tolerated for other tools' bags) the
  // one file whose name differs only in case or Unicode normalisation.
  std::optional<std::string> Resolve(const std::string& path) {
    if (mDisk.count(path)) return path;
    if (mMode == BagMode::PlateDesk) return std::nullopt;
    if (mKeyed.empty())
      for (const auto& [rel, size] : mDisk) mKeyed.emplace(PathCollisionKey(rel), rel);
    auto range = mKeyed.equal_range(PathCollisionKey(path));
    if (range.first == range.second || std::next(range.first) != range.second) return std::nullopt;
    return range.first->second;
  }

  void CheckCompleteness() {
    for (const auto& m : mPayloadManifests) {
      std::set<std::string> covered;
      for (const auto& [path, digest] : m.entries) {
        auto found = Resolve(path);
        if (!found) {
          if (mFetched.count(path))
            Warn(path + " is not in the bag yet (listed in fetch.txt)");
          else if (IsSpecialSystemFile(path) && mMode == BagMode::BagItOnly) {
            // Copy tools commonly drop .DS_Store and Thumbs.db; they carry nothing of the payload.
            Warn(path + " (a system file) is listed in " + m.file + " but missing");
            mToleratedMissing = true;
          } else
            Problem(path + " is listed in " + m.file + " but missing");
          continue;
        }
        if (*found != path) Warn(path + " is listed in " + m.file + "; the bag holds it as " + *found);
        covered.insert(*found);
        mToHash[*found].push_back({&m, digest});
      }
      for (const auto& rel : mPayloadOnDisk)
        if (!covered.count(rel)) Problem(rel + " is not listed in " + m.file);
    }
    for (const auto& m : mTagManifests) {
      for (const auto& [path, digest] : m.entries) {
        auto found = Resolve(path);
        if (!found) {
          Problem(path + " is listed in " + m.file + " but missing");
          continue;
        }
        mToHash[*found].push_back({&m, digest});
      }
      if (mMode == BagMode::PlateDesk) {
        // Every tag file is signed through the tag manifests; the signature itself is the one
        // file they cannot list. Anything else unlisted was added after the package was made.
        for (const auto& [rel, size] : mDisk)
          if (rel.rfind("data/", 0) != 0 && rel.rfind("tagmanifest-", 0) != 0 && rel != kPlateDeskSignature &&
              !m.entries.count(rel))
            Problem(rel + " is not listed in " + m.file);
      }
      for (const auto& pm : mPayloadManifests)
        if (!m.entries.count(pm.file)) {
          const std::string text = m.file + " does not list " + pm.file;
          if (mVersion.AtLeast(1, 0))
            Problem(text + " (RFC 8493 §2.2.1: every tag manifest lists every payload manifest)");
          else
            Warn(text);
        }
    }
  }

  Status CheckValidity() {
    std::uint64_t total = 0, done = 0;
    for (const auto& [rel, uses] : mToHash) total += mDisk[rel];
    ProgressThrottle throttle(mProgress);
    for (const auto& [rel, uses] : mToHash) {
      if (mStop.stop_requested()) return Fail(ErrorCode::Cancelled, "bag validation cancelled");
      std::vector<DigestAlgorithm> algorithms;
      for (const auto& u : uses)
        if (std::find(algorithms.begin(), algorithms.end(), u.manifest->algorithm) == algorithms.end())
          algorithms.push_back(u.manifest->algorithm);
      auto digests = detail::DigestFile(mFolder / fs::u8path(rel), algorithms);
      if (!digests) {
        Problem(rel + " cannot be read: " + digests.Err().message);
        continue;
      }
      for (const auto& u : uses) {
        const auto i = static_cast<std::size_t>(std::find(algorithms.begin(), algorithms.end(), u.manifest->algorithm) -
                                                algorithms.begin());
        if (digests->hex[i] != u.digest)
          Problem(rel + " does not match its " + DigestAlgorithmName(u.manifest->algorithm) + " checksum in " +
                  u.manifest->file + " (the file was changed or damaged)");
      }
      done += mDisk[rel];
      throttle.Report(done, total);
    }
    throttle.Report(done, total, true);
    return {};
  }

  void CheckOxum() {
    for (const auto& p : mPayloadOnDisk) mReport.payloadBytes += mDisk[p];
    mReport.payloadFiles = mPayloadOnDisk.size();
    const TagField* oxum = nullptr;
    for (const auto& f : mReport.bagInfo)
      if (ToLowerAscii(f.label) == "payload-oxum") {
        if (oxum) Problem("bag-info.txt has Payload-Oxum twice");
        oxum = &f;
      }
    if (!oxum) {
      if (mMode == BagMode::PlateDesk) Problem("bag-info.txt has no Payload-Oxum");
      return;
    }
    const std::string want = std::to_string(mReport.payloadBytes) + "." + std::to_string(mReport.payloadFiles);
    const auto dot = oxum->value.find('.');
    const bool wellFormed =
        dot != std::string::npos && dot > 0 && dot + 1 < oxum->value.size() &&
        std::all_of(oxum->value.begin(), oxum->value.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    if (!wellFormed) {
      Problem("bag-info.txt has a malformed Payload-Oxum '" + oxum->value + "'");
    } else if (oxum->value != want) {
      if (!mFetched.empty() || mToleratedMissing)
        Warn("Payload-Oxum " + oxum->value + " counts files that are not in the bag (on disk: " + want + ")");
      else
        Problem("Payload-Oxum says " + oxum->value + " (bytes.files) but the payload is " + want);
    }
  }

  struct Use {
    const Manifest* manifest;
    std::string digest;
  };

  fs::path mFolder;
  BagMode mMode;
  std::stop_token mStop;
  const ProgressFn& mProgress;
  BagReport mReport;
  VersionNumber mVersion;
  std::map<std::string, std::uint64_t> mDisk;  // every regular file, bag-relative
  std::set<std::string> mPayloadOnDisk;
  std::set<std::string> mFetched;
  bool mToleratedMissing = false;
  std::multimap<std::string, std::string> mKeyed;
  std::vector<Manifest> mPayloadManifests;
  std::vector<Manifest> mTagManifests;
  std::map<std::string, std::vector<Use>> mToHash;
};

}  // namespace

Result<BagReport> ValidateBag(const fs::path& folder, BagMode mode, std::stop_token stop, const ProgressFn& progress) {
  try {
    Validator v(folder, mode, std::move(stop), progress);
    return v.Run();
  } catch (const std::exception& e) {
    return Fail(ErrorCode::Io, std::string("bag validation failed: ") + e.what(), folder.string());
  }
}

}  // namespace platedesk::evidence

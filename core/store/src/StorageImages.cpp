// SPDX-License-Identifier: GPL-3.0-or-later
// Content-addressed image files and the quarantine of rejected input.
#include "StorageImpl.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Log.h"

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace platedesk::store {
namespace {

std::string_view ExtensionForMime(std::string_view mime) {
  if (mime == "image/jpeg" || mime == "image/jpg") return "jpg";
  if (mime == "image/png") return "png";
  return "bin";
}

// Quarantine file extensions come from outside (a file name, a content type): keep [a-z0-9] only.
std::string SafeExtension(std::string_view ext) {
  std::string out;
  for (char c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    if (out.size() == 10) break;
  }
  return out.empty() ? std::string("bin") : out;
}

Result<std::optional<ImageInfo>> LookUpImage(detail::State& impl, std::string_view sha256) {
  auto stmt = impl.Prepare("SELECT bytes, mime, width, height FROM images WHERE sha256 = ?1");
  if (!stmt) return stmt.Err();
  stmt->Text(1, sha256);
  auto row = stmt->Step();
  if (!row) return row.Err();
  if (!*row) return std::optional<ImageInfo>();
  ImageInfo info;
  info.sha256 = std::string(sha256);
  info.bytes = static_cast<std::uint64_t>(stmt->ColInt(0));
  info.mime = stmt->ColText(1);
  info.width = static_cast<int>(stmt->ColInt(2));
  info.height = static_cast<int>(stmt->ColInt(3));
  return std::optional<ImageInfo>(std::move(info));
}

}  // namespace

fs::path Storage::ImagePath(std::string_view sha256, std::string_view mime) const {
  const std::string name = std::string(sha256) + "." + std::string(ExtensionForMime(mime));
  if (sha256.size() < 4) return mImpl->folder / detail::kImagesFolder / name;
  return mImpl->folder / detail::kImagesFolder / std::string(sha256.substr(0, 2)) / std::string(sha256.substr(2, 2)) /
         name;
}

Result<ImageInfo> Storage::PutImage(std::string_view bytes, std::string_view mime, int width, int height) {
  return detail::Guarded("store image", [&]() -> Result<ImageInfo> {
    if (bytes.empty()) return Fail(ErrorCode::InvalidArgument, "image is empty", "bytes");
    if (mime.empty()) return Fail(ErrorCode::InvalidArgument, "image type is empty", "mime");
    if (width < 0 || height < 0) return Fail(ErrorCode::InvalidArgument, "image size is negative", "width/height");
    ImageInfo info;
    info.sha256 = Sha256Hex(bytes);
    // Look-up, file and row under the write lock: the retention purge removes the file of a
    // deleted image row under that lock too, so it can never remove a file this put relies on.
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    auto existing = LookUpImage(*mImpl, info.sha256);
    if (!existing) return existing.Err();
    if (*existing) return **existing;

    info.bytes = bytes.size();
    info.mime = std::string(mime);
    info.width = width;
    info.height = height;
    const fs::path path = ImagePath(info.sha256, mime);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return Fail(ErrorCode::Io, "cannot create image folder: " + ec.message(), path.parent_path().string());
    Status written = WriteFileExclusive(path, bytes);
    if (!written.Ok() && written.Err().code == ErrorCode::AlreadyExists) {
      // Left by an earlier put whose row was rolled back, or written by another connection just
      // now: fine if it holds these bytes. Anything else there is garbage no row refers to.
      auto onDisk = ReadFile(path);
      if (onDisk && Sha256Hex(*onDisk) == info.sha256) {
        written = {};
      } else {
        Log(LogLevel::Warning, "store: replacing a damaged unreferenced image file " + path.string());
        written = WriteFileAtomic(path, bytes);
      }
    }
    if (!written.Ok()) return written.Err();

    auto stmt = mImpl->Prepare(
        "INSERT INTO images(sha256, bytes, mime, width, height, stored_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        " ON CONFLICT(sha256) DO NOTHING");
    if (!stmt) return stmt.Err();
    stmt->Text(1, info.sha256);
    stmt->Int(2, static_cast<std::int64_t>(info.bytes));
    stmt->Text(3, info.mime);
    stmt->Int(4, width);
    stmt->Int(5, height);
    stmt->Int(6, mImpl->clock->Now());
    PLATEDESK_TRY(stmt->Run());
    if (sqlite3_changes(mImpl->Db()) == 0) {
      // Another connection recorded the same bytes between our lookup and insert: report its row.
      stmt->Reset();
      auto raced = LookUpImage(*mImpl, info.sha256);
      if (!raced) return raced.Err();
      if (*raced) info = **raced;
    }
    PLATEDESK_TRY(scope->Commit());
    return info;
  });
}

Result<std::optional<ImageInfo>> Storage::FindImage(std::string_view sha256) {
  return detail::Guarded("find image", [&]() -> Result<std::optional<ImageInfo>> {
    if (!IsSha256Hex(sha256)) return std::optional<ImageInfo>();
    return LookUpImage(*mImpl, sha256);
  });
}

Result<std::string> Storage::GetImage(std::string_view sha256) {
  return detail::Guarded("read image", [&]() -> Result<std::string> {
    if (!IsSha256Hex(sha256)) return Fail(ErrorCode::NotFound, "no such image (not a SHA-256)", std::string(sha256));
    auto info = LookUpImage(*mImpl, sha256);
    if (!info) return info.Err();
    if (!*info) return Fail(ErrorCode::NotFound, "no such image", std::string(sha256));
    const fs::path path = ImagePath(sha256, (*info)->mime);
    auto bytes = ReadFile(path);
    if (!bytes) {
      if (bytes.Err().code == ErrorCode::NotFound) {
        return Fail(ErrorCode::Corrupt, "an image file of the storage is missing", path.string());
      }
      return bytes.Err();
    }
    if (Sha256Hex(*bytes) != sha256) {
      return Fail(ErrorCode::Corrupt, "an image file of the storage was changed on disk (SHA-256 mismatch)",
                  path.string());
    }
    return std::move(*bytes);
  });
}

// --- quarantine -----------------------------------------------------------------------------

Result<QuarantineEntry> Storage::Quarantine(std::string_view bytes, std::string_view extension,
                                            const QuarantineEntry& info) {
  return detail::Guarded("quarantine input", [&]() -> Result<QuarantineEntry> {
    QuarantineEntry entry = info;
    entry.id = 0;
    if (entry.receivedAt == 0) entry.receivedAt = mImpl->clock->Now();
    const std::string sha = Sha256Hex(bytes);
    const fs::path folder = mImpl->folder / detail::kQuarantineFolder;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return Fail(ErrorCode::Io, "cannot create the quarantine folder: " + ec.message(), folder.string());

    // The name is stamped with the time the store took the input, so it sorts by arrival.
    const std::string stem = detail::CompactUtc(mImpl->clock->Now(), true) + "-" + sha.substr(0, 8);
    const std::string ext = SafeExtension(extension);
    Status written = Fail(ErrorCode::Internal, "no quarantine name tried");
    for (int n = 1; n < 1000; ++n) {
      entry.file = n == 1 ? stem + "." + ext : stem + "-" + std::to_string(n) + "." + ext;
      written = WriteFileExclusive(folder / entry.file, bytes);
      if (written.Ok() || written.Err().code != ErrorCode::AlreadyExists) break;
    }
    if (!written.Ok()) return written.Err();

    nlohmann::json reason = {
        {"file", entry.file},
        {"sourcePath", entry.sourcePath},
        {"line", entry.line},
        {"field", entry.field},
        {"reason", entry.reason},
        {"sourceFormat", entry.sourceFormat},
        {"receivedAt", FormatIso8601(entry.receivedAt)},
        {"sha256", sha},
        {"bytes", bytes.size()},
    };
    // Invalid UTF-8 in a reason (it may quote the input) is replaced rather than refused.
    const std::string reasonText = reason.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    PLATEDESK_TRY(WriteFileExclusive(folder / (entry.file + ".reason.json"), reasonText));

    // If this insert fails the two files stay: input is never thrown away.
    auto stmt = mImpl->Prepare(
        "INSERT INTO quarantine(file, source_path, line, field, reason, source_format, received_ms, sha256, bytes)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!stmt) return stmt.Err();
    stmt->Text(1, entry.file);
    stmt->Text(2, entry.sourcePath);
    stmt->Int(3, entry.line);
    stmt->Text(4, entry.field);
    stmt->Text(5, entry.reason);
    stmt->Text(6, entry.sourceFormat);
    stmt->Int(7, entry.receivedAt);
    stmt->Text(8, sha);
    stmt->Int(9, static_cast<std::int64_t>(bytes.size()));
    PLATEDESK_TRY(stmt->Run());
    entry.id = sqlite3_last_insert_rowid(mImpl->Db());
    return entry;
  });
}

Result<std::vector<QuarantineEntry>> Storage::QuarantineEntries() {
  return detail::Guarded("list quarantine", [&]() -> Result<std::vector<QuarantineEntry>> {
    auto stmt = mImpl->Prepare(
        "SELECT id, file, source_path, line, field, reason, source_format, received_ms FROM quarantine ORDER BY id");
    if (!stmt) return stmt.Err();
    std::vector<QuarantineEntry> list;
    for (;;) {
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) break;
      QuarantineEntry e;
      e.id = stmt->ColInt(0);
      e.file = stmt->ColText(1);
      e.sourcePath = stmt->ColText(2);
      e.line = stmt->ColInt(3);
      e.field = stmt->ColText(4);
      e.reason = stmt->ColText(5);
      e.sourceFormat = stmt->ColText(6);
      e.receivedAt = stmt->ColInt(7);
      list.push_back(std::move(e));
    }
    return list;
  });
}

}  // namespace platedesk::store

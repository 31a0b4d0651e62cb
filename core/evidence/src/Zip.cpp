// SPDX-License-Identifier: GPL-3.0-or-later
#include "Zip.h"

#include "FileWriter.h"

#include "platedesk/evidence/Bag.h"

#include <algorithm>
#include <fstream>
#include <vector>
#include <zip.h>

#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif

namespace fs = std::filesystem;

namespace platedesk::evidence::detail {
namespace {

struct Callbacks {
  std::stop_token stop;
  const ProgressFn* progress = nullptr;
};

extern "C" void ZipProgress(zip_t*, double fraction, void* ud) {
  auto* cb = static_cast<Callbacks*>(ud);
  if (cb->progress && *cb->progress) (*cb->progress)(static_cast<std::uint64_t>(fraction * 1000), 1000);
}
extern "C" int ZipCancel(zip_t*, void* ud) { return static_cast<Callbacks*>(ud)->stop.stop_requested() ? 1 : 0; }

std::string ZipErrorText(zip_t* za) { return za ? zip_strerror(za) : "zip error"; }

Status SyncFile(const fs::path& p) {
#ifndef _WIN32
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail(ErrorCode::Io, "cannot reopen the archive to flush it", p.string());
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Fail(ErrorCode::Io, "cannot flush the archive to the medium", p.string());
#else
  (void)p;
#endif
  return {};
}

}  // namespace

Status ZipFolder(const fs::path& folder, const std::string& prefix, const fs::path& zipPath,
                 const std::string& passphrase, std::stop_token stop, const ProgressFn& progress) {
  if (!passphrase.empty() && !zip_encryption_method_supported(ZIP_EM_AES_256, 1))
    return Fail(ErrorCode::Unsupported, "this libzip cannot write AES-256 archives");
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && !it->is_symlink(ec)) files.push_back(it->path());
  if (ec) return Fail(ErrorCode::Io, "cannot list " + folder.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  int err = 0;
  zip_t* za = zip_open(zipPath.string().c_str(), ZIP_CREATE | ZIP_EXCL, &err);
  if (za == nullptr) {
    zip_error_t e;
    zip_error_init_with_code(&e, err);
    const std::string text = zip_error_strerror(&e);
    zip_error_fini(&e);
    return Fail(ErrorCode::Io, "cannot create the archive: " + text, zipPath.string());
  }
  auto abandon = [&](const std::string& why) -> Error {
    const std::string text = why + ": " + ZipErrorText(za);
    zip_discard(za);
    std::error_code rm;
    fs::remove(zipPath, rm);
    return Fail(ErrorCode::Io, text, zipPath.string());
  };
  for (const auto& f : files) {
    const std::string name = prefix + fs::relative(f, folder).generic_string();
    zip_source_t* src = zip_source_file(za, f.string().c_str(), 0, -1);
    if (src == nullptr) return abandon("cannot read " + f.string());
    const zip_int64_t idx = zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
      zip_source_free(src);
      return abandon("cannot add " + name);
    }
    if (zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0) != 0)
      return abandon("cannot store " + name);
    if (!passphrase.empty() &&
        zip_file_set_encryption(za, static_cast<zip_uint64_t>(idx), ZIP_EM_AES_256, passphrase.c_str()) != 0)
      return abandon("cannot encrypt " + name);
  }
  Callbacks cb{stop, &progress};
  zip_register_progress_callback_with_state(za, 0.01, ZipProgress, nullptr, &cb);
  zip_register_cancel_callback_with_state(za, ZipCancel, nullptr, &cb);
  if (zip_close(za) != 0) {
    const bool cancelled = stop.stop_requested();
    const std::string text = ZipErrorText(za);
    zip_discard(za);
    std::error_code rm;
    fs::remove(zipPath, rm);
    if (cancelled) return Fail(ErrorCode::Cancelled, "the export was cancelled");
    return Fail(ErrorCode::Io, "cannot write the archive: " + text, zipPath.string());
  }
  return SyncFile(zipPath);
}

Status UnzipTo(const fs::path& zipPath, const fs::path& folder, const std::string& passphrase, std::uint64_t maxBytes,
               std::stop_token stop) {
  int err = 0;
  zip_t* za = zip_open(zipPath.string().c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (za == nullptr) return Fail(ErrorCode::Corrupt, "not a readable zip archive", zipPath.string());
  struct Closer {
    zip_t* z;
    ~Closer() { zip_discard(z); }
  } closer{za};
  const zip_int64_t n = zip_get_num_entries(za, 0);
  std::uint64_t total = 0;
  std::string buf(1 << 20, '\0');
  for (zip_int64_t i = 0; i < n; ++i) {
    if (stop.stop_requested()) return Fail(ErrorCode::Cancelled, "cancelled");
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
      return Fail(ErrorCode::Corrupt, "a zip entry without a name", zipPath.string());
    std::string name = st.name;
    if (!name.empty() && name.back() == '/') continue;  // a folder entry
    if (auto ok = CheckBagPath(name, false); !ok)
      return Fail(ErrorCode::Corrupt, "a zip entry would be written outside its folder: " + ok.Err().message, name);
    zip_file_t* zf = zip_fopen_index_encrypted(za, static_cast<zip_uint64_t>(i), 0,
                                               passphrase.empty() ? nullptr : passphrase.c_str());
    if (zf == nullptr) {
      const int code = zip_error_code_zip(zip_get_error(za));
      if (code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_NOPASSWD)
        return Fail(ErrorCode::Unauthenticated,
                    code == ZIP_ER_NOPASSWD ? "the archive is encrypted: a passphrase is needed" : "wrong passphrase");
      return Fail(ErrorCode::Corrupt, "cannot open a zip entry: " + ZipErrorText(za), name);
    }
    const fs::path target = folder / fs::u8path(name);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!out) {
      zip_fclose(zf);
      return Fail(ErrorCode::Io, "cannot write", target.string());
    }
    for (;;) {
      const zip_int64_t got = zip_fread(zf, buf.data(), buf.size());
      if (got < 0) {
        const int code = zip_error_code_zip(zip_file_get_error(zf));
        zip_fclose(zf);
        if (code == ZIP_ER_WRONGPASSWD) return Fail(ErrorCode::Unauthenticated, "wrong passphrase");
        return Fail(ErrorCode::Corrupt, "a zip entry is damaged", name);
      }
      if (got == 0) break;
      total += static_cast<std::uint64_t>(got);
      if (total > maxBytes) {
        zip_fclose(zf);
        return Fail(ErrorCode::Corrupt, "the archive unpacks to more than its declared size");
      }
      out.write(buf.data(), got);
    }
    zip_fclose(zf);
    if (!out) return Fail(ErrorCode::Io, "cannot write", target.string());
  }
  return {};
}

}  // namespace platedesk::evidence::detail

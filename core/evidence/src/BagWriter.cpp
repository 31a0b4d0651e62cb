// SPDX-License-Identifier: GPL-3.0-or-later
#include "Digest.h"
#include "FileWriter.h"

#include "platedesk/evidence/Bag.h"

#include <algorithm>
#include <set>

namespace fs = std::filesystem;

namespace platedesk::evidence {

struct BagWriter::Impl {
  fs::path folder;
  WriteFaultFn fault;
  std::vector<WrittenFile> payload;
  std::vector<WrittenFile> tags;
  std::set<std::string> names;
  std::set<std::string> folders;
  std::uint64_t payloadBytes = 0;
  bool finished = false;

  Result<WrittenFile> Write(const std::string& rel, std::string_view bytes) {
    PLATEDESK_TRY(CheckBagPath(rel, true));
    if (!names.insert(rel).second) return Fail(ErrorCode::InvalidArgument, "a file added twice to the bag", rel);
    if (fault) PLATEDESK_TRY(fault(rel));
    const fs::path target = folder / fs::u8path(rel);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) return Fail(ErrorCode::Io, "cannot create folder: " + ec.message(), target.parent_path().string());
    for (fs::path p = fs::u8path(rel).parent_path(); !p.empty(); p = p.parent_path())
      folders.insert(p.generic_string());
    detail::MultiDigest digest({DigestAlgorithm::Sha256, DigestAlgorithm::Sha512});
    digest.Update(bytes);
    PLATEDESK_TRY(detail::WriteNewFileDurably(target, bytes));
    auto hex = digest.Finish();
    return WrittenFile{rel, bytes.size(), hex[0], hex[1]};
  }
};

BagWriter::BagWriter(std::unique_ptr<Impl> impl) : mImpl(std::move(impl)) {}
BagWriter::BagWriter(BagWriter&&) noexcept = default;
BagWriter& BagWriter::operator=(BagWriter&&) noexcept = default;
BagWriter::~BagWriter() = default;

Result<BagWriter> BagWriter::Create(const fs::path& folder, WriteFaultFn fault) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(folder, ec)))
    return Fail(ErrorCode::AlreadyExists, "the bag folder exists already", folder.string());
  if (!fs::create_directory(folder, ec) || ec)
    return Fail(ErrorCode::Io, "cannot create the bag folder: " + ec.message(), folder.string());
  auto impl = std::make_unique<Impl>();
  impl->folder = folder;
  impl->fault = std::move(fault);
  return BagWriter(std::move(impl));
}

Status BagWriter::AddPayload(std::string_view relativePath, std::string_view bytes) {
  if (mImpl->finished) return Fail(ErrorCode::Internal, "payload added after Finish");
  auto w = mImpl->Write("data/" + std::string(relativePath), bytes);
  if (!w) return w.Err();
  mImpl->payloadBytes += w->bytes;
  mImpl->payload.push_back(std::move(*w));
  return {};
}

Status BagWriter::AddTagFile(std::string_view relativePath, std::string_view bytes) {
  if (mImpl->finished) return Fail(ErrorCode::Internal, "tag file added after Finish");
  const std::string rel(relativePath);
  if (rel.rfind("data/", 0) == 0 || rel == "bagit.txt" || rel == "bag-info.txt" || rel == "fetch.txt" ||
      rel.rfind("manifest-", 0) == 0 || rel.rfind("tagmanifest-", 0) == 0)
    return Fail(ErrorCode::InvalidArgument, "a reserved bag file name", rel);
  auto w = mImpl->Write(rel, bytes);
  if (!w) return w.Err();
  mImpl->tags.push_back(std::move(*w));
  return {};
}

Result<std::vector<WrittenFile>> BagWriter::Finish(const std::vector<TagField>& bagInfo) {
  if (mImpl->finished) return Fail(ErrorCode::Internal, "Finish called twice");
  auto& m = *mImpl;
  std::vector<WrittenFile> payload = m.payload;
  std::sort(payload.begin(), payload.end(), [](const WrittenFile& a, const WrittenFile& b) { return a.path < b.path; });
  std::string sha512, sha256;
  for (const auto& f : payload) {
    sha512 += f.sha512 + "  " + EncodeManifestPath(f.path) + "\n";
    sha256 += f.sha256 + "  " + EncodeManifestPath(f.path) + "\n";
  }
  std::string info;
  for (const auto& f : bagInfo) {
    std::string value = f.value;
    std::replace(value.begin(), value.end(), '\n', ' ');
    std::replace(value.begin(), value.end(), '\r', ' ');
    info += f.label + ": " + value + "\n";
  }
  info += "Payload-Oxum: " + std::to_string(m.payloadBytes) + "." + std::to_string(payload.size()) + "\n";

  std::vector<WrittenFile> tagFiles = m.tags;
  for (auto [name, bytes] : {std::pair<std::string, std::string>{"manifest-sha512.txt", sha512},
                             {"manifest-sha256.txt", sha256},
                             {"bag-info.txt", info},
                             {"bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"}}) {
    auto w = m.Write(name, bytes);
    if (!w) return w.Err();
    tagFiles.push_back(std::move(*w));
  }
  std::sort(tagFiles.begin(), tagFiles.end(),
            [](const WrittenFile& a, const WrittenFile& b) { return a.path < b.path; });
  std::string tag512, tag256;
  for (const auto& f : tagFiles) {
    tag512 += f.sha512 + "  " + EncodeManifestPath(f.path) + "\n";
    tag256 += f.sha256 + "  " + EncodeManifestPath(f.path) + "\n";
  }
  for (auto [name, bytes] :
       {std::pair<std::string, std::string>{"tagmanifest-sha512.txt", tag512}, {"tagmanifest-sha256.txt", tag256}}) {
    auto w = m.Write(name, bytes);
    if (!w) return w.Err();
    tagFiles.push_back(std::move(*w));
  }
  m.tags = tagFiles;
  m.finished = true;
  PLATEDESK_TRY(SyncFolders());
  std::vector<WrittenFile> all = payload;
  all.insert(all.end(), tagFiles.begin(), tagFiles.end());
  return all;
}

Status BagWriter::SyncFolders() {
  // Deepest first, so each folder's entry is durable in its parent before the parent is synced.
  std::vector<std::string> folders(mImpl->folders.begin(), mImpl->folders.end());
  std::sort(folders.begin(), folders.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const auto& f : folders) PLATEDESK_TRY(detail::SyncFolder(mImpl->folder / fs::u8path(f)));
  return detail::SyncFolder(mImpl->folder);
}

Status BagWriter::AddExtraTagFile(std::string_view relativePath, std::string_view bytes) {
  if (!mImpl->finished) return Fail(ErrorCode::Internal, "extra tag files come after Finish");
  auto w = mImpl->Write(std::string(relativePath), bytes);
  if (!w) return w.Err();
  return detail::SyncFolder(mImpl->folder);
}

const fs::path& BagWriter::Folder() const { return mImpl->folder; }
std::uint64_t BagWriter::PayloadBytes() const { return mImpl->payloadBytes; }
std::uint64_t BagWriter::PayloadFiles() const { return mImpl->payload.size(); }

}  // namespace platedesk::evidence

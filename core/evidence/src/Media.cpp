// SPDX-License-Identifier: GPL-3.0-or-later
// Removable drives and the file system under a destination folder (platform seam).
#include "platedesk/common/Files.h"
#include "platedesk/common/Text.h"
#include "platedesk/evidence/Package.h"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#ifdef _WIN32
#include <windows.h>
#else
#include <sys/statfs.h>
#endif

namespace fs = std::filesystem;

namespace platedesk::evidence {
namespace {

constexpr std::uint64_t kFat32MaxFile = 0xFFFFFFFFull;  // 4 GiB - 1

// /proc/self/mounts writes space, tab, newline and backslash as \040, \011, \012, \134.
std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool octal = s[i] == '\\' && s.size() - i >= 4 && s[i + 1] >= '0' && s[i + 1] <= '3' && s[i + 2] >= '0' &&
                       s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7';
    if (octal) {
      out += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
      i += 3;
      continue;
    }
    out += s[i];
  }
  return out;
}

struct MountLine {
  std::string device;
  std::string mountPoint;
  std::string fileSystem;
};

std::vector<MountLine> ParseMounts(std::string_view text) {
  std::vector<MountLine> out;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string dev, mnt, type;
    if (!(fields >> dev >> mnt >> type)) continue;
    out.push_back({Unescape(dev), Unescape(mnt), type});
  }
  return out;
}

// "sdb1" -> "sdb", "mmcblk0p1" -> "mmcblk0", "nvme0n1p2" -> "nvme0n1".
std::string DiskOf(std::string name) {
  if (name.rfind("/dev/", 0) == 0) name.erase(0, 5);
  const bool pStyle = name.rfind("mmcblk", 0) == 0 || name.rfind("nvme", 0) == 0 || name.rfind("loop", 0) == 0;
  if (pStyle) {
    const auto p = name.rfind('p');
    if (p != std::string::npos && p + 1 < name.size() && p > 0 && std::isdigit(static_cast<unsigned char>(name[p - 1])))
      return name.substr(0, p);
    return name;
  }
  while (!name.empty() && std::isdigit(static_cast<unsigned char>(name.back()))) name.pop_back();
  return name;
}

std::string ReadSmall(const fs::path& p) {
  auto text = ReadFile(p);
  return text ? Trim(*text) : std::string();
}

bool SysRemovable(const std::string& disk) { return ReadSmall(fs::path("/sys/block") / disk / "removable") == "1"; }

}  // namespace

std::vector<RemovableDrive> RemovableDrivesFromMounts(std::string_view procMounts,
                                                      const std::function<bool(const std::string&)>& isRemovable) {
  std::vector<RemovableDrive> out;
  for (const auto& m : ParseMounts(procMounts)) {
    if (m.device.rfind("/dev/", 0) != 0) continue;
    if (!isRemovable(DiskOf(m.device))) continue;
    RemovableDrive d{m.mountPoint, m.device, m.fileSystem, fs::path(m.mountPoint).filename().string()};
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<RemovableDrive> ListRemovableDrives() {
#ifdef _WIN32
  std::vector<RemovableDrive> out;
  const DWORD mask = GetLogicalDrives();
  for (int i = 0; i < 26; ++i) {
    if (!(mask & (1u << i))) continue;
    const std::string root = std::string(1, static_cast<char>('A' + i)) + ":\\";
    if (GetDriveTypeA(root.c_str()) != DRIVE_REMOVABLE) continue;
    char label[MAX_PATH + 1] = {};
    char fsName[MAX_PATH + 1] = {};
    GetVolumeInformationA(root.c_str(), label, MAX_PATH, nullptr, nullptr, nullptr, fsName, MAX_PATH);
    out.push_back({fs::path(root), root.substr(0, 2), fsName, label});
  }
  return out;
#else
  auto mounts = ReadFile("/proc/self/mounts");
  if (!mounts) return {};
  return RemovableDrivesFromMounts(*mounts, SysRemovable);
#endif
}

Result<MediaInfo> ProbeMedia(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    return Fail(ErrorCode::NotFound, "the destination folder does not exist", folder.string());
  MediaInfo info;
  auto free = FreeSpace(folder);
  if (!free) return free.Err();
  info.freeBytes = *free;
#ifdef _WIN32
  const std::string root = fs::absolute(folder).root_path().string();
  char fsName[MAX_PATH + 1] = {};
  DWORD serial = 0;
  if (GetVolumeInformationA(root.c_str(), nullptr, 0, &serial, nullptr, nullptr, fsName, MAX_PATH)) {
    info.fileSystem = ToLowerAscii(fsName);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08lX", static_cast<unsigned long>(serial));
    info.serial = buf;
  }
  info.removable = GetDriveTypeA(root.c_str()) == DRIVE_REMOVABLE;
  info.device = root.substr(0, 2);
  if (info.fileSystem == "fat32" || info.fileSystem == "fat") info.maxFileBytes = kFat32MaxFile;
#else
  struct statfs st {};
  if (::statfs(folder.c_str(), &st) == 0) {
    switch (static_cast<unsigned long>(st.f_type)) {
      case 0x4d44:
        info.fileSystem = "vfat";
        info.maxFileBytes = kFat32MaxFile;
        break;
      case 0x2011BAB0:
        info.fileSystem = "exfat";
        break;
      case 0x5346544e:
      case 0x7366746e:
        info.fileSystem = "ntfs";
        break;
      case 0xEF53:
        info.fileSystem = "ext4";
        break;
      case 0x01021994:
        info.fileSystem = "tmpfs";
        break;
      case 0x9123683E:
        info.fileSystem = "btrfs";
        break;
      case 0x58465342:
        info.fileSystem = "xfs";
        break;
      case 0x794c7630:
        info.fileSystem = "overlay";
        break;
      default:
        break;
    }
  }
  // The mount that holds the folder: the longest mount point that prefixes its canonical path.
  const std::string where = fs::weakly_canonical(folder, ec).string();
  if (auto mounts = ReadFile("/proc/self/mounts")) {
    std::size_t best = 0;
    for (const auto& m : ParseMounts(*mounts)) {
      const bool prefix =
          where == m.mountPoint ||
          (where.rfind(m.mountPoint, 0) == 0 &&
           (m.mountPoint == "/" || (where.size() > m.mountPoint.size() && where[m.mountPoint.size()] == '/')));
      if (prefix && m.mountPoint.size() >= best) {
        best = m.mountPoint.size();
        info.device = m.device;
        if (info.fileSystem.empty()) info.fileSystem = m.fileSystem;
      }
    }
  }
  if (info.device.rfind("/dev/", 0) == 0) {
    const std::string disk = DiskOf(info.device);
    info.removable = SysRemovable(disk);
    info.serial = ReadSmall(fs::path("/sys/block") / disk / "device/serial");
  }
#endif
  return info;
}

Status CheckFits(const MediaInfo& media, std::uint64_t totalBytes, std::uint64_t largestFile) {
  if (media.maxFileBytes != 0 && largestFile > media.maxFileBytes)
    return Fail(ErrorCode::Io, "a file of " + FormatBytes(largestFile) + " is larger than this file system allows (" +
                                   (media.fileSystem.empty() ? std::string("its limit") : media.fileSystem) + ": " +
                                   FormatBytes(media.maxFileBytes) + " per file); use an exFAT or NTFS medium");
  // Room for the package plus a margin for folder entries and the file system's own needs.
  const std::uint64_t need = totalBytes + totalBytes / 20 + (1u << 20);
  if (media.freeBytes < need)
    return Fail(ErrorCode::Io, "not enough free space on the medium: the package needs about " + FormatBytes(need) +
                                   ", " + FormatBytes(media.freeBytes) + " are free");
  return {};
}

}  // namespace platedesk::evidence

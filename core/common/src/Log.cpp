// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/Log.h"

#include "platedesk/common/Time.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

namespace platedesk {
namespace {

LogLevel InitialLevel() {
  const char* env = std::getenv("PLATEDESK_LOG");
  if (env == nullptr) return LogLevel::Warning;
  if (std::strcmp(env, "debug") == 0) return LogLevel::Debug;
  if (std::strcmp(env, "info") == 0) return LogLevel::Info;
  if (std::strcmp(env, "error") == 0) return LogLevel::Error;
  return LogLevel::Warning;
}

std::atomic<LogLevel> gLevel{InitialLevel()};
std::mutex gMutex;

const char* Name(LogLevel l) {
  switch (l) {
    case LogLevel::Debug:
      return "debug";
    case LogLevel::Info:
      return "info";
    case LogLevel::Warning:
      return "warning";
    case LogLevel::Error:
      return "error";
  }
  return "?";
}

}  // namespace

void SetLogLevel(LogLevel level) { gLevel = level; }

void Log(LogLevel level, std::string_view message) {
  if (level < gLevel.load()) return;
  const std::string line = FormatIso8601(SystemClock().Now()) + " " + Name(level) + " " + std::string(message) + "\n";
  std::lock_guard lock(gMutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace platedesk

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A test's own time zone: sets TZ (a POSIX rule such as "PST8PDT,M3.2.0,M11.1.0" needs no tz
// database) for the life of the object and puts the machine's zone back after it.

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace platedesk::testsupport {

class ScopedTimeZone {
 public:
  explicit ScopedTimeZone(const char* rule) {
    if (const char* tz = std::getenv("TZ")) mSaved = tz;
    Set(rule);
  }
  ~ScopedTimeZone() { Set(mSaved ? mSaved->c_str() : nullptr); }
  ScopedTimeZone(const ScopedTimeZone&) = delete;
  ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

 private:
  static void Set(const char* rule) {
#ifdef _WIN32
    _putenv_s("TZ", rule != nullptr ? rule : "");
    _tzset();
#else
    if (rule != nullptr)
      setenv("TZ", rule, 1);
    else
      unsetenv("TZ");
    tzset();
#endif
  }
  std::optional<std::string> mSaved;
};

}  // namespace platedesk::testsupport

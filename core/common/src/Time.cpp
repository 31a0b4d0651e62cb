// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/Time.h"

#include <chrono>
#include <cstdio>

namespace platedesk {
namespace {

// Howard Hinnant's days_from_civil algorithm (public-domain arithmetic, written out here).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month, day;
};

Civil CivilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

}  // namespace

UtcMs UtcFromCivil(int year, int month, int day, int hour, int minute, int second, int millisecond) {
  const std::int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * 24 + hour) * 60 + minute) * kMsPerMinute + second * kMsPerSecond + millisecond;
}

std::string FormatIso8601(UtcMs t) {
  const std::int64_t days = FloorDiv(t, kMsPerDay);
  const std::int64_t rem = t - days * kMsPerDay;
  const Civil c = CivilFromDays(days);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(c.year),
                c.month, c.day, static_cast<long long>(rem / kMsPerHour),
                static_cast<long long>(rem / kMsPerMinute % 60), static_cast<long long>(rem / kMsPerSecond % 60),
                static_cast<long long>(rem % 1000));
  return buf;
}

std::string FormatDate(UtcMs t) { return FormatIso8601(t).substr(0, 10); }

Result<UtcMs> ParseIso8601(std::string_view s) {
  auto bad = [&](const char* why) {
    return Fail(ErrorCode::InvalidArgument, std::string("not an ISO-8601 time: ") + why, std::string(s));
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, ms = 0;
  if (!Digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, mo) || s[7] != '-' || !Digits(s, 8, 2, d))
    return bad("expected YYYY-MM-DD");
  if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo)) return bad("no such date");
  std::size_t p = 10;
  std::int64_t offsetMin = 0;
  if (p < s.size()) {
    if (s[p] != 'T' && s[p] != ' ' && s[p] != 't') return bad("expected 'T' after the date");
    ++p;
    if (!Digits(s, p, 2, h) || p + 2 >= s.size() || s[p + 2] != ':' || !Digits(s, p + 3, 2, mi))
      return bad("expected hh:mm");
    p += 5;
    if (p < s.size() && s[p] == ':') {
      if (!Digits(s, p + 1, 2, se)) return bad("expected seconds");
      p += 3;
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        ++p;
        int scale = 100;
        std::size_t n = 0;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
          ms += (s[p] - '0') * scale;
          scale /= 10;
          ++p;
          ++n;
        }
        if (n == 0) return bad("empty fraction");
      }
    }
    if (h > 23 || mi > 59 || se > 60) return bad("time out of range");
    if (p < s.size()) {
      const char z = s[p];
      if (z == 'Z' || z == 'z') {
        ++p;
      } else if (z == '+' || z == '-') {
        int oh = 0, om = 0;
        if (!Digits(s, p + 1, 2, oh)) return bad("bad offset");
        std::size_t q = p + 3;
        if (q < s.size() && s[q] == ':') ++q;
        if (q < s.size() && !Digits(s, q, 2, om)) return bad("bad offset minutes");
        if (q < s.size()) q += 2;
        if (oh > 23 || om > 59) return bad("offset out of range");
        offsetMin = (oh * 60 + om) * (z == '+' ? 1 : -1);
        p = q;
      }
    }
  }
  if (p != s.size()) return bad("trailing characters");
  return UtcFromCivil(y, mo, d, h, mi, se, ms) - offsetMin * kMsPerMinute;
}

UtcMs SystemClock::Now() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace platedesk

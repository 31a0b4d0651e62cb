// SPDX-License-Identifier: GPL-3.0-or-later
// User names: NFC, case-insensitive (ICU), so `Detective`, `detective` and a name typed with a
// decomposed accent are one account.
#include "platedesk/access/Accounts.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <vector>

namespace platedesk::access {
namespace {

Error BadName(std::string_view name) {
  return Fail(ErrorCode::InvalidArgument,
              "a user name has 1 to 64 letters, digits, '.', '_' or '-' (letters may be accented or non-Latin)",
              std::string(name));
}

Result<std::u16string> ToUtf16(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8(nullptr, 0, &length, utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return BadName(utf8);
  std::u16string wide(static_cast<std::size_t>(length), u'\0');
  status = U_ZERO_ERROR;
  u_strFromUTF8(wide.data(), length, nullptr, utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) return BadName(utf8);
  return wide;
}

std::string ToUtf8(const std::u16string& wide) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strToUTF8(nullptr, 0, &length, wide.data(), static_cast<int32_t>(wide.size()), &status);
  std::string out(static_cast<std::size_t>(length), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), length, nullptr, wide.data(), static_cast<int32_t>(wide.size()), &status);
  return U_FAILURE(status) ? std::string() : out;
}

Result<std::u16string> Nfc(const std::u16string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) return Fail(ErrorCode::Internal, "ICU has no NFC normaliser");
  std::u16string out(text.size() * 3 + 8, u'\0');
  const int32_t length = unorm2_normalize(nfc, text.data(), static_cast<int32_t>(text.size()), out.data(),
                                          static_cast<int32_t>(out.size()), &status);
  if (U_FAILURE(status)) return Fail(ErrorCode::Internal, "NFC normalisation failed");
  out.resize(static_cast<std::size_t>(length));
  return out;
}

}  // namespace

Result<std::string> NormaliseUserName(std::string_view name) {
  if (name.empty() || name.size() > 256) return BadName(name);
  auto wide = ToUtf16(name);
  if (!wide) return wide.Err();
  auto nfc = Nfc(*wide);
  if (!nfc) return nfc.Err();
  int codePoints = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(nfc->size());) {
    UChar32 c = 0;
    U16_NEXT(nfc->data(), i, static_cast<int32_t>(nfc->size()), c);
    ++codePoints;
    const bool allowed = u_isalnum(c) || c == '.' || c == '_' || c == '-' || u_getCombiningClass(c) != 0 ||
                         u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK;
    if (!allowed) return BadName(name);
  }
  if (codePoints > 64) return BadName(name);
  return ToUtf8(*nfc);
}

Result<std::string> UserNameKey(std::string_view name) {
  auto normal = NormaliseUserName(name);
  if (!normal) return normal.Err();
  auto wide = ToUtf16(*normal);
  if (!wide) return wide.Err();
  UErrorCode status = U_ZERO_ERROR;
  std::u16string folded(wide->size() * 3 + 8, u'\0');
  const int32_t length = u_strFoldCase(folded.data(), static_cast<int32_t>(folded.size()), wide->data(),
                                       static_cast<int32_t>(wide->size()), U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE(status)) return Fail(ErrorCode::Internal, "case folding failed", std::string(name));
  folded.resize(static_cast<std::size_t>(length));
  auto key = Nfc(folded);  // folding can un-compose (e.g. U+0130): normalise again
  if (!key) return key.Err();
  return ToUtf8(*key);
}

}  // namespace platedesk::access

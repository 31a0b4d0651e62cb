// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <wx/bitmap.h>

#include <string_view>
#include <vector>

namespace platedesk::views {

/// A QR code (ISO/IEC 18004, via libqrencode) as a square of modules, for the otpauth:// URI an
/// authenticator app scans when a user enrols. Value type; any thread (Render: GUI thread).
class QrCode {
 public:
  /// Number of light modules around the code that scanners need (the standard's quiet zone).
  static constexpr int kQuietZone = 4;

  /// Encodes UTF-8 text in byte mode with error correction level M. Errors: InvalidArgument
  /// (empty, or too long for any QR version), Internal (libqrencode failed).
  [[nodiscard]] static Result<QrCode> Encode(std::string_view text);

  /// Modules per side (17 + 4 x version).
  [[nodiscard]] int Size() const { return mSize; }
  /// The QR version, 1 to 40.
  [[nodiscard]] int Version() const { return mVersion; }
  /// True for a dark module; (0, 0) is the top-left corner.
  [[nodiscard]] bool Dark(int x, int y) const { return mModules[static_cast<std::size_t>(y) * mSize + x]; }

  /// Black modules on white, each `modulePixels` square, with the quiet zone around:
  /// (Size() + 2 x kQuietZone) x modulePixels pixels a side.
  [[nodiscard]] wxBitmap Render(int modulePixels) const;

 private:
  QrCode(int size, int version, std::vector<bool> modules)
      : mSize(size), mVersion(version), mModules(std::move(modules)) {}
  int mSize = 0;
  int mVersion = 0;
  std::vector<bool> mModules;
};

}  // namespace platedesk::views

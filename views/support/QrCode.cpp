// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/QrCode.h"

#include <wx/image.h>

#include <cerrno>
#include <memory>
#include <qrencode.h>
#include <string>

namespace platedesk::views {

Result<QrCode> QrCode::Encode(std::string_view text) {
  if (text.empty()) {
    return Fail(ErrorCode::InvalidArgument, "nothing to encode in a QR code");
  }
  const std::string owned(text);  // libqrencode wants a NUL-terminated string
  errno = 0;
  // Version 0: the smallest version that holds the text. Byte mode keeps the URI's case as it is.
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(owned.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) {
    if (errno == ERANGE || errno == EINVAL) {
      return Fail(ErrorCode::InvalidArgument, "the text is too long for a QR code");
    }
    return Fail(ErrorCode::Internal, "libqrencode could not encode the text");
  }
  const int size = code->width;
  std::vector<bool> modules(static_cast<std::size_t>(size) * size);
  for (std::size_t i = 0; i < modules.size(); ++i) {
    modules[i] = (code->data[i] & 1) != 0;  // bit 0: dark; the other bits say which function a module has
  }
  return QrCode(size, code->version, std::move(modules));
}

wxBitmap QrCode::Render(int modulePixels) const {
  const int side = (mSize + 2 * kQuietZone) * modulePixels;
  wxImage image(side, side, false);
  image.SetRGB(wxRect(0, 0, side, side), 0xff, 0xff, 0xff);
  for (int y = 0; y < mSize; ++y) {
    for (int x = 0; x < mSize; ++x) {
      if (Dark(x, y)) {
        image.SetRGB(
            wxRect((x + kQuietZone) * modulePixels, (y + kQuietZone) * modulePixels, modulePixels, modulePixels), 0, 0,
            0);
      }
    }
  }
  return wxBitmap(image, 24);
}

}  // namespace platedesk::views

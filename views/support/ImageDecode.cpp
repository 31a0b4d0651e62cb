// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/ImageDecode.h"

#include <wx/colour.h>
#include <wx/mstream.h>

#include <algorithm>

namespace platedesk::views {

void EnsureImageHandlers() {
  if (wxImage::FindHandler(wxBITMAP_TYPE_JPEG) == nullptr) {
    wxImage::AddHandler(new wxJPEGHandler);
  }
  if (wxImage::FindHandler(wxBITMAP_TYPE_PNG) == nullptr) {
    wxImage::AddHandler(new wxPNGHandler);
  }
}

std::optional<wxImage> DecodeImage(std::string_view bytes) {
  for (const wxBitmapType type : {wxBITMAP_TYPE_JPEG, wxBITMAP_TYPE_PNG}) {
    wxImageHandler* handler = wxImage::FindHandler(type);
    if (handler == nullptr) {
      continue;
    }
    wxMemoryInputStream probe(bytes.data(), bytes.size());
    if (!handler->CanRead(probe)) {
      continue;
    }
    wxMemoryInputStream stream(bytes.data(), bytes.size());
    wxImage image;
    // verbose=false: a damaged image must not pop up a log window from a worker thread.
    if (handler->LoadFile(&image, stream, false) && image.IsOk()) {
      return image;
    }
  }
  return std::nullopt;
}

std::optional<wxSize> DeclaredImageSize(std::string_view bytes) {
  auto byteAt = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[i])); };
  auto be16 = [&](std::size_t i) { return (byteAt(i) << 8) | byteAt(i + 1); };
  auto be32 = [&](std::size_t i) { return (be16(i) << 16) | be16(i + 2); };
  constexpr std::string_view kPng("\x89PNG\r\n\x1a\n", 8);
  if (bytes.size() >= 24 && bytes.substr(0, 8) == kPng && bytes.substr(12, 4) == "IHDR") {
    const unsigned w = be32(16);
    const unsigned h = be32(20);
    if (w == 0 || h == 0 || w > 1U << 30 || h > 1U << 30) return std::nullopt;
    return wxSize(static_cast<int>(w), static_cast<int>(h));
  }
  if (bytes.size() >= 4 && byteAt(0) == 0xFF && byteAt(1) == 0xD8) {
    std::size_t i = 2;
    while (i + 4 <= bytes.size()) {
      if (byteAt(i) != 0xFF) return std::nullopt;
      const unsigned marker = byteAt(i + 1);
      if (marker == 0xFF) {  // fill byte
        ++i;
        continue;
      }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
        i += 2;
        continue;
      }
      const std::size_t length = be16(i + 2);
      const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (frame) {
        if (i + 9 > bytes.size()) return std::nullopt;
        const int h = static_cast<int>(be16(i + 5));
        const int w = static_cast<int>(be16(i + 7));
        if (w == 0 || h == 0) return std::nullopt;
        return wxSize(w, h);
      }
      if (marker == 0xD9 || marker == 0xDA || length < 2) return std::nullopt;  // no frame header before the data
      i += 2 + length;
    }
  }
  return std::nullopt;
}

wxImage FitImage(const wxImage& image, const wxSize& box, const wxColour& background) {
  const double scale =
      std::min(static_cast<double>(box.x) / image.GetWidth(), static_cast<double>(box.y) / image.GetHeight());
  const int w = std::max(1, static_cast<int>(image.GetWidth() * scale));
  const int h = std::max(1, static_cast<int>(image.GetHeight() * scale));
  wxImage scaled = image.Scale(w, h, wxIMAGE_QUALITY_HIGH);
  wxImage canvas(box.x, box.y);
  canvas.SetRGB(wxRect(0, 0, box.x, box.y), background.Red(), background.Green(), background.Blue());
  canvas.Paste(scaled, (box.x - w) / 2, (box.y - h) / 2);
  return canvas;
}

}  // namespace platedesk::views

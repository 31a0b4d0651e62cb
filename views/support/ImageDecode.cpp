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

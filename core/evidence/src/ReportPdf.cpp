// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportPdf.h"

#include "PackageText.h"

#include "platedesk/common/Text.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <cstdio>
#include <cstring>

namespace platedesk::evidence::detail {
namespace {

constexpr double kPageW = 595.0;  // A4 in points
constexpr double kPageH = 842.0;
constexpr double kMargin = 48.0;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct PngReader {
  const std::string* bytes;
  std::size_t pos = 0;
};
cairo_status_t ReadPng(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->pos + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, r->bytes->data() + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

void FreeString(void* p) { delete static_cast<std::string*>(p); }

class Pdf {
 public:
  explicit Pdf(std::string& out) {
    mSurface = cairo_pdf_surface_create_for_stream(Append, &out, kPageW, kPageH);
    mCr = cairo_create(mSurface);
    cairo_select_font_face(mCr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    mY = kMargin;
  }
  ~Pdf() {
    if (mCr) cairo_destroy(mCr);
    if (mSurface) cairo_surface_destroy(mSurface);
  }
  Pdf(const Pdf&) = delete;
  Pdf& operator=(const Pdf&) = delete;

  Status Finish() {
    cairo_show_page(mCr);
    cairo_destroy(mCr);
    mCr = nullptr;
    cairo_surface_finish(mSurface);
    const auto st = cairo_surface_status(mSurface);
    cairo_surface_destroy(mSurface);
    mSurface = nullptr;
    if (st != CAIRO_STATUS_SUCCESS)
      return Fail(ErrorCode::Io, std::string("the PDF report failed: ") + cairo_status_to_string(st));
    return {};
  }

  void Need(double h) {
    if (mY + h <= kPageH - kMargin) return;
    cairo_show_page(mCr);
    mY = kMargin;
  }

  // Wrapped text at x, of the given size; moves down.
  void Text(const std::string& text, double size = 9.5, bool bold = false, double x = kMargin,
            double width = kPageW - 2 * kMargin) {
    cairo_select_font_face(mCr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(mCr, size);
    const double lineH = size * 1.35;
    std::string line;
    auto flush = [&] {
      Need(lineH);
      cairo_move_to(mCr, x, mY + size);
      cairo_show_text(mCr, line.c_str());
      mY += lineH;
      line.clear();
    };
    for (const auto& word : Split(text, ' ')) {
      std::string candidate = line.empty() ? word : line + " " + word;
      cairo_text_extents_t ext;
      cairo_text_extents(mCr, candidate.c_str(), &ext);
      if (ext.x_advance > width && !line.empty()) {
        flush();
        candidate = word;
      }
      line = candidate;
    }
    flush();
  }

  void Gap(double h = 6) { mY += h; }

  // A thumbnail at most w x h points at (x, y) on the current page; returns its height.
  double Image(const store::ImageInfo& info, const std::string& bytes, double x, double y, double w, double h) {
    if (bytes.empty() || info.width <= 0 || info.height <= 0) return 0;
    cairo_surface_t* img = nullptr;
    if (info.mime == "image/jpeg") {
      // The JPEG goes into the PDF byte for byte; the image surface only gives it its size.
      img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, info.width, info.height);
      auto* copy = new std::string(bytes);
      cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()),
                                  copy->size(), FreeString, copy);
    } else if (info.mime == "image/png") {
      PngReader reader{&bytes};
      img = cairo_image_surface_create_from_png_stream(ReadPng, &reader);
    }
    if (img == nullptr) return 0;
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(img);
      return 0;
    }
    const double iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
    const double scale = std::min(w / iw, h / ih);
    cairo_save(mCr);
    cairo_translate(mCr, x, y);
    cairo_scale(mCr, scale, scale);
    cairo_set_source_surface(mCr, img, 0, 0);
    cairo_paint(mCr);
    cairo_restore(mCr);
    cairo_surface_destroy(img);
    return ih * scale;
  }

  double& Y() { return mY; }

 private:
  cairo_surface_t* mSurface = nullptr;
  cairo_t* mCr = nullptr;
  double mY = 0;
};

const store::ImageInfo* FindImage(const PackageContent& c, const std::string& sha) {
  for (const auto& i : c.images)
    if (i.sha256 == sha) return &i;
  return nullptr;
}

}  // namespace

Result<std::string> ReportPdf(const PackageContent& c, const std::map<std::string, std::string>& hashes,
                              const std::string& keyId, const std::string& fingerprint,
                              const std::function<std::string(const store::ImageInfo&)>& imageBytes) {
  std::string out;
  {
    Pdf pdf(out);
    pdf.Text("Evidence package: case " + c.caseNumber, 16, true);
    pdf.Gap();
    pdf.Text("Agency: " + c.agency);
    pdf.Text("Case: " + c.caseNumber + (c.caseTitle.empty() ? "" : " - " + c.caseTitle));
    pdf.Text("Package id: " + c.packageId);
    if (!c.description.empty()) pdf.Text("Description: " + c.description);
    pdf.Text("Purpose: " + c.purposeCode + " - " + c.purposeText);
    pdf.Text("Justification: " + c.justification);
    pdf.Text("Exported by: " + c.exportedBy + (c.contactName.empty() ? "" : " (" + c.contactName + ")"));
    pdf.Text("Export time: " + FormatIso8601(c.exportedAt) + " (" + FormatWithOffset(c.exportedAt, c.utcOffsetMinutes) +
             " local)");
    pdf.Text("Workstation: " + c.workstation + ", PlateDesk " + c.softwareVersion);
    pdf.Gap(10);
    pdf.Text("How these reads were selected", 12, true);
    pdf.Text("Method: " + c.selectionMethod);
    for (const auto& [k, v] : c.selection) pdf.Text(k + ": " + v);
    pdf.Text(std::to_string(c.searchRecords.size()) +
             " audit record(s) of the searches that selected these reads (and of no other search) are in "
             "data/selection.json.");
    pdf.Gap(10);
    pdf.Text("Reads (" + std::to_string(c.reads.size()) + ")", 12, true);
    for (const auto& r : c.reads) {
      pdf.Need(96);
      const double top = pdf.Y();
      double thumbs = 0, x = kPageW - kMargin - 2 * 124;
      for (const auto& sha : {r.plateImage, r.vehicleImage}) {
        const auto* info = sha.empty() ? nullptr : FindImage(c, sha);
        if (!info) continue;
        thumbs = std::max(thumbs, pdf.Image(*info, imageBytes(*info), x, top, 120, 86));
        x += 124;
      }
      const double textW = kPageW - 2 * kMargin - 2 * 124 - 8;
      pdf.Text("Read " + std::to_string(r.id) + "  " + r.plate + " (" + r.plateReported + ")  " + r.state, 10, true,
               kMargin, textW);
      std::string camera = std::to_string(r.camera);
      for (const auto& cam : c.cameras)
        if (cam.id == r.camera) camera = cam.name + " (" + cam.externalId + ")";
      pdf.Text("Captured " + FormatIso8601(r.capturedAt) + ", camera " + camera + ", confidence " +
                   std::to_string(static_cast<int>(r.confidence + 0.5)),
               9, false, kMargin, textW);
      if (auto it = c.corrections.find(r.id); it != c.corrections.end() && !it->second.empty())
        pdf.Text("Corrected to " + it->second.back().plate + " by " + it->second.back().user + ": " +
                     it->second.back().reason,
                 9, false, kMargin, textW);
      if (auto it = c.verifications.find(r.id); it != c.verifications.end() && !it->second.empty())
        pdf.Text("Visually verified by " + it->second.back().user + " on " + FormatIso8601(it->second.back().createdAt),
                 9, false, kMargin, textW);
      else
        pdf.Text("Not visually verified", 9, false, kMargin, textW);
      pdf.Y() = std::max(pdf.Y(), top + thumbs) + 2;
      // Hashes are long unbreakable words: full width, below the thumbnails.
      if (!r.plateImage.empty()) pdf.Text("Plate image SHA-256 " + r.plateImage, 7);
      if (!r.vehicleImage.empty()) pdf.Text("Vehicle image SHA-256 " + r.vehicleImage, 7);
      pdf.Gap(8);
    }
    pdf.Gap(6);
    pdf.Text("Files and hashes (SHA-256)", 12, true);
    for (const auto& [path, sha] : hashes) pdf.Text(sha + "  data/" + path, 7);
    pdf.Gap(10);
    pdf.Text("Chain of custody", 12, true);
    pdf.Text("Released by " + c.exportedBy + "; received by " +
             (c.recipient.empty() ? std::string("(to be completed on hand-over)") : c.recipient) + "; medium " +
             c.mediaType + (c.mediaLabel.empty() ? "" : ", label " + c.mediaLabel) + ".");
    pdf.Text("Export audit record seq " + std::to_string(c.anchor.seq) + ", proved against the signed checkpoint of " +
             std::to_string(c.anchor.treeSize) + " records (data/audit/).");
    pdf.Text("Signing key " + keyId + ", fingerprint " + fingerprint);
    pdf.Gap(10);
    pdf.Text("How to verify", 12, true);
    pdf.Text(
        "In the package folder: sha512sum -c manifest-sha512.txt checks every payload file; "
        "platedesk-cli verify --key agency-key.txt PACKAGE also checks the signature, the image hashes and the audit "
        "proof.");
    PLATEDESK_TRY(pdf.Finish());
  }
  return out;
}

}  // namespace platedesk::evidence::detail

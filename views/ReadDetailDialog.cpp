// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ReadDetailDialog.h"

#include "views/MapView.h"
#include "views/SearchResultsList.h"
#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/ImageDecode.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/listctrl.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cmath>

namespace platedesk::views {

// The vehicle image: fitted at first; the wheel zooms around the pointer, dragging pans,
// a double click fits again.
class ImageView : public wxWindow {
 public:
  explicit ImageView(wxWindow* parent)
      : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_NONE, wxS("readVehicleImage")) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &ImageView::OnPaint, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
      if (!mZoomed) {
        Fit();
      }
      Refresh();
      e.Skip();
    });
    Bind(wxEVT_MOUSEWHEEL, [this](wxMouseEvent& e) {
      const double factor = std::pow(1.25, static_cast<double>(e.GetWheelRotation()) / e.GetWheelDelta());
      ZoomAt(e.GetPosition(), factor);
    });
    Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& e) {
      mDragFrom = e.GetPosition();
      CaptureMouse();
    });
    Bind(wxEVT_MOTION, [this](wxMouseEvent& e) {
      if (HasCapture() && e.Dragging()) {
        mOffsetX += e.GetPosition().x - mDragFrom.x;
        mOffsetY += e.GetPosition().y - mDragFrom.y;
        mDragFrom = e.GetPosition();
        mZoomed = true;
        Refresh();
      }
    });
    Bind(wxEVT_LEFT_UP, [this](wxMouseEvent&) {
      if (HasCapture()) {
        ReleaseMouse();
      }
    });
    Bind(wxEVT_MOUSE_CAPTURE_LOST, [](wxMouseCaptureLostEvent&) {});
    Bind(wxEVT_LEFT_DCLICK, [this](wxMouseEvent&) {
      mZoomed = false;
      Fit();
      Refresh();
    });
    SetToolTip(_("Scroll to zoom, drag to pan, double-click to fit."));
  }

  void SetImage(const wxImage& image) {
    mBitmap = wxBitmap(image);
    mZoomed = false;
    Fit();
    Refresh();
  }
  void SetMessage(const wxString& message) {
    mMessage = message;
    Refresh();
  }
  [[nodiscard]] double Zoom() const { return mZoom; }
  void ZoomAt(const wxPoint& at, double factor) {
    if (!mBitmap.IsOk()) {
      return;
    }
    const double next = std::clamp(mZoom * factor, 0.05, 16.0);
    mOffsetX = at.x - (at.x - mOffsetX) * (next / mZoom);
    mOffsetY = at.y - (at.y - mOffsetY) * (next / mZoom);
    mZoom = next;
    mZoomed = true;
    Refresh();
  }

 private:
  void Fit() {
    const wxSize size = GetClientSize();
    if (!mBitmap.IsOk() || size.x <= 0 || size.y <= 0) {
      return;
    }
    mZoom =
        std::min(static_cast<double>(size.x) / mBitmap.GetWidth(), static_cast<double>(size.y) / mBitmap.GetHeight());
    mOffsetX = (size.x - mBitmap.GetWidth() * mZoom) / 2;
    mOffsetY = (size.y - mBitmap.GetHeight() * mZoom) / 2;
  }

  void OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(wxColour(0x22, 0x24, 0x28)));
    dc.Clear();
    if (!mBitmap.IsOk()) {
      dc.SetTextForeground(wxColour(0xcc, 0xcc, 0xcc));
      const wxSize text = dc.GetTextExtent(mMessage);
      const wxSize size = GetClientSize();
      dc.DrawText(mMessage, (size.x - text.x) / 2, (size.y - text.y) / 2);
      return;
    }
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) {
      return;
    }
    gc->SetInterpolationQuality(mZoom >= 2 ? wxINTERPOLATION_FAST : wxINTERPOLATION_GOOD);
    gc->DrawBitmap(mBitmap, mOffsetX, mOffsetY, mBitmap.GetWidth() * mZoom, mBitmap.GetHeight() * mZoom);
  }

  wxBitmap mBitmap;
  wxString mMessage = (_("Loading the image") + wxS("\u2026"));
  double mZoom = 1;
  double mOffsetX = 0;
  double mOffsetY = 0;
  bool mZoomed = false;
  wxPoint mDragFrom;
};

namespace {

wxString Attribute(const std::vector<store::RankedValue>& ranked) {
  if (ranked.empty()) {
    return wxS("\u2014");
  }
  wxString text;
  for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) {
    text += (i == 0 ? wxString() : wxString(wxS(", "))) +
            wxString::Format(wxS("%s (%.0f%%)"), ToWx(ranked[i].value), ranked[i].confidence);
  }
  return text;
}

wxString Coordinates(double lat, double lon) { return wxString::Format(wxS("%.5f, %.5f"), lat, lon); }

}  // namespace

struct ReadDetailDialog::Loaded {
  Result<store::Read> read = Error{ErrorCode::Internal, "not loaded", ""};
  std::optional<wxImage> vehicle;
  std::optional<wxImage> plate;
  bool vehicleStored = false;
  Result<workstation::ReadChecks> checks = Error{ErrorCode::Internal, "not loaded", ""};
};

void ReadDetailDialog::SetBaseMap(std::shared_ptr<map::TileProvider> tiles, const wxString& credit) {
  if (tiles) {
    mPlot->SetTiles(std::move(tiles), credit);
  }
}

ReadDetailDialog::ReadDetailDialog(wxWindow* parent, std::shared_ptr<workstation::Connection> workstation,
                                   std::shared_ptr<workstation::Session> session, AsyncJobs& jobs,
                                   workstation::AccessContext context, search::Hit hit,
                                   std::vector<store::Camera> cameras)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Read %s"), ToWx(hit.plate)), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("readDetail")),
      mWorkstation(std::move(workstation)),
      mSession(std::move(session)),
      mJobs(jobs),
      mContext(std::move(context)),
      mHit(std::move(hit)),
      mCameras(std::move(cameras)) {
  EnsureImageHandlers();
  const int gap = FromDIP(12);
  auto* columns = new wxBoxSizer(wxHORIZONTAL);

  // Left: the images.
  auto* left = new wxBoxSizer(wxVERTICAL);
  mVehicle = new ImageView(this);
  mVehicle->SetMinSize(FromDIP(wxSize(560, 380)));
  left->Add(mVehicle, 1, wxEXPAND);
  auto* cropRow = new wxBoxSizer(wxHORIZONTAL);
  mPlateCrop = new wxStaticBitmap(this, wxID_ANY, wxBitmap(FromDIP(240), FromDIP(80)), wxDefaultPosition, wxDefaultSize,
                                  0, wxS("readPlateCrop"));
  cropRow->Add(mPlateCrop, 0, wxALIGN_CENTER_VERTICAL);
  auto* hint = new wxStaticText(this, wxID_ANY,
                                _("Plate crop as the camera cut it.\nScroll the photo to zoom, drag to pan, "
                                  "double-click to fit."));
  hint->SetForegroundColour(MutedColour());
  cropRow->Add(hint, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
  left->Add(cropRow, 0, wxEXPAND | wxTOP, gap);
  columns->Add(left, 3, wxEXPAND | wxALL, gap);

  // Right: what is known about the read, and the two actions.
  auto* right = new wxBoxSizer(wxVERTICAL);
  mPlate = new wxStaticText(this, wxID_ANY,
                            ToWx(mHit.plate) + (mHit.state.empty() ? wxString() : wxS("  ") + ToWx(mHit.state)),
                            wxDefaultPosition, wxDefaultSize, 0, wxS("readPlate"));
  mPlate->SetFont(wxFont(wxFontInfo(GetFont().GetPointSize() * 2).Family(wxFONTFAMILY_TELETYPE).Bold()));
  right->Add(mPlate, 0);
  wxString match = _("How it matched:") + wxS(" ") + MatchText(mHit.match);
  if (mHit.lowConfidence) {
    match += wxS("\n") + _("Low confidence: verify the plate against the images before acting.");
  }
  mMatch = new wxStaticText(this, wxID_ANY, match, wxDefaultPosition, wxDefaultSize, 0, wxS("readMatch"));
  if (mHit.lowConfidence) {
    mMatch->SetForegroundColour(wxColour(0x9a, 0x5b, 0x00));
  }
  right->Add(mMatch, 0, wxTOP, FromDIP(4));

  auto* scroll =
      new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL, wxS("readFieldsScroll"));
  scroll->SetScrollRate(0, FromDIP(10));
  mFieldsPanel = scroll;
  mFields = new wxFlexGridSizer(2, FromDIP(3), gap);
  mFields->AddGrowableCol(1, 1);
  scroll->SetSizer(mFields);
  right->Add(scroll, 1, wxEXPAND | wxTOP, gap);

  auto* altTitle = new wxStaticText(this, wxID_ANY, _("Alternative reads"));
  altTitle->SetFont(GetFont().Bold());
  right->Add(altTitle, 0, wxTOP, gap);
  mAlternatives = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 92)),
                                 wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, wxS("readAlternatives"));
  mAlternatives->AppendColumn(_("Rank"), wxLIST_FORMAT_RIGHT, FromDIP(50));
  mAlternatives->AppendColumn(_("Plate"), wxLIST_FORMAT_LEFT, FromDIP(120));
  mAlternatives->AppendColumn(_("Confidence"), wxLIST_FORMAT_RIGHT, FromDIP(100));
  right->Add(mAlternatives, 0, wxEXPAND | wxTOP, FromDIP(4));

  auto* placeTitle = new wxStaticText(this, wxID_ANY, _("Where the camera stood (red) among the other cameras"));
  placeTitle->SetFont(GetFont().Bold());
  right->Add(placeTitle, 0, wxTOP, gap);
  mPlot = new MapView(this, mJobs, wxS("readCameraPlot"));
  mPlot->SetMinSize(FromDIP(wxSize(-1, 190)));
  right->Add(mPlot, 0, wxEXPAND | wxTOP, FromDIP(4));

  mReview = new wxStaticText(this, wxID_ANY, (_("Loading what has been recorded about this read") + wxS("\u2026")),
                             wxDefaultPosition, wxDefaultSize, 0, wxS("readReview"));
  right->Add(mReview, 0, wxEXPAND | wxTOP, gap);
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  mVerify = new wxButton(this, wxID_ANY, _("I visually verified this read"), wxDefaultPosition, wxDefaultSize, 0,
                         wxDefaultValidator, wxS("verifyRead"));
  mVerify->SetBitmap(Icon("verified", 16));
  mVerify->SetToolTip(
      _("Confirm that the plate in the images is the plate the camera read. Recorded with your "
        "name, the case and the time."));
  mReport = new wxButton(this, wxID_ANY, (_("Report a misread") + wxS("\u2026")), wxDefaultPosition, wxDefaultSize, 0,
                         wxDefaultValidator, wxS("reportMisread"));
  mReport->SetBitmap(Icon("warning", 16));
  mReport->SetToolTip(_("Record what the plate really says. The original read is kept unchanged."));
  auto* close = new wxButton(this, wxID_CLOSE, _("Close"));
  buttons->Add(mVerify, 0);
  buttons->Add(mReport, 0, wxLEFT, FromDIP(6));
  buttons->AddStretchSpacer();
  buttons->Add(close, 0);
  right->Add(buttons, 0, wxEXPAND | wxTOP, gap);
  columns->Add(right, 2, wxEXPAND | wxTOP | wxBOTTOM | wxRIGHT, gap);
  SetSizerAndFit(columns);
  SetSize(FromDIP(wxSize(1180, 780)));
  mVerify->Enable(false);
  mReport->Enable(false);

  mVerify->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { MarkVerified(); });
  mReport->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ReportMisread(); });
  close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Destroy(); });
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { Destroy(); });

  // Fetch the read, its images and its checks through the session, off the GUI thread.
  auto sessionRef = mSession;
  auto workstationRef = mWorkstation;
  RunAsync(
      mJobs, this,
      [sessionRef, workstationRef, context = mContext, id = mHit.read](std::stop_token) {
        Loaded out;
        const store::ReadId ids[] = {id};
        auto reads = sessionRef->GetReads(context, ids);
        if (!reads) {
          out.read = reads.Err();
          return out;
        }
        if (reads->empty()) {
          out.read = Error{ErrorCode::NotFound, "the read is gone", std::to_string(id)};
          return out;
        }
        const store::Read& r = reads->front();
        if (!r.vehicleImage.empty()) {
          out.vehicleStored = true;
          if (auto bytes = sessionRef->GetImage(context, r.vehicleImage); bytes) {
            out.vehicle = DecodeImage(*bytes);
          }
        }
        if (!r.plateImage.empty()) {
          if (auto bytes = sessionRef->GetImage(context, r.plateImage); bytes) {
            out.plate = DecodeImage(*bytes);
          }
        }
        out.checks = sessionRef->GetReadChecks(context, id);
        out.read = r;
        return out;
      },
      [this](Loaded loaded) { Populate(std::move(loaded)); });
}

void ReadDetailDialog::AddField(const wxString& label, const wxString& value, const wxString& name) {
  auto* l = new wxStaticText(mFieldsPanel, wxID_ANY, label);
  l->SetForegroundColour(MutedColour());
  mFields->Add(l, 0, wxALIGN_TOP);
  auto* v = new wxStaticText(mFieldsPanel, wxID_ANY, value, wxDefaultPosition, wxDefaultSize, 0, name);
  mFields->Add(v, 1, wxEXPAND);
}

void ReadDetailDialog::Populate(Loaded loaded) {
  if (!loaded.read) {
    LogError(loaded.read.Err(), Activity::DataAccess);
    mVehicle->SetMessage(_("The read could not be opened."));
    mReview->SetLabel(ErrorText(loaded.read.Err(), Activity::DataAccess));
    mReview->Wrap(FromDIP(420));
    Layout();
    return;
  }
  mRead = std::move(*loaded.read);
  const store::Read& r = *mRead;
  if (loaded.vehicle) {
    mVehicle->SetImage(*loaded.vehicle);
  } else {
    mVehicle->SetMessage(loaded.vehicleStored ? _("The vehicle image could not be decoded.")
                                              : _("The camera sent no vehicle image."));
  }
  if (loaded.plate) {
    const wxSize box = mPlateCrop->GetSize();
    mPlateCrop->SetBitmap(wxBitmap(FitImage(*loaded.plate, box, GetBackgroundColour())));
  }

  const store::Camera* camera = nullptr;
  for (const auto& c : mCameras) {
    if (c.id == r.camera) {
      camera = &c;
    }
  }
  const auto location = camera ? CameraLocationAt(*camera, r.capturedAt) : std::nullopt;
  AddField(_("Plate as reported"), ToWx(r.plateReported), wxS("readPlateReported"));
  AddField(_("State"), r.state.empty() ? _("unknown") : ToWx(r.state));
  AddField(_("Confidence"), wxString::Format(wxS("%.1f"), r.confidence) +
                                (mHit.lowConfidence ? wxS(" (") + _("low") + wxS(")") : wxString()));
  AddField(_("Captured"), FormatLocalTime(r.capturedAt), wxS("readCaptured"));
  AddField(_("Camera"),
           camera ? ToWx(camera->name) + wxS(" (") + ToWx(camera->externalId) + wxS(")")
                  : wxString::Format(wxS("%lld"), static_cast<long long>(r.camera)),
           wxS("readCamera"));
  if (r.latitude && r.longitude) {
    AddField(_("Place (GPS of the read)"), Coordinates(*r.latitude, *r.longitude));
  } else if (location) {
    AddField(_("Place (camera)"), Coordinates(location->latitude, location->longitude) +
                                      (location->address.empty() ? wxString() : wxS("\n") + ToWx(location->address)));
  }
  AddField(_("Direction"),
           r.directionDeg ? wxString::Format(wxS("%.0f\u00b0"), *r.directionDeg) : wxString(wxS("\u2014")));
  AddField(_("Colour"), Attribute(r.vehicle.color));
  AddField(_("Make"), Attribute(r.vehicle.make));
  AddField(_("Model"), Attribute(r.vehicle.model));
  AddField(_("Body"), Attribute(r.vehicle.body));
  AddField(_("Year"), Attribute(r.vehicle.year));
  AddField(_("Source"), ToWx(r.sourceFormat) + wxS(" \u00b7 ") + ToWx(r.sourceUuid));
  AddField(_("Stored"), FormatLocalTime(r.ingestedAt));
  AddField(_("Read id"), wxString::Format(wxS("%lld"), static_cast<long long>(r.id)), wxS("readId"));
  AddField(_("Record hash"), ToWx(r.payloadSha256.substr(0, 16)) + wxS("\u2026"));
  mFieldsPanel->FitInside();

  long row = 0;
  for (const auto& c : r.candidates) {
    const long item = mAlternatives->InsertItem(row, wxString::Format(wxS("%ld"), row + 1));
    mAlternatives->SetItem(item, 1, ToWx(c.plate));
    mAlternatives->SetItem(item, 2, wxString::Format(wxS("%.1f"), c.confidence));
    ++row;
  }
  if (r.candidates.empty()) {
    mAlternatives->InsertItem(0, wxString());
    mAlternatives->SetItem(0, 1, _("none sent"));
  }

  // Where the read was taken (its own GPS position, else its camera's place then), among the
  // places the other cameras stood at that time.
  std::vector<MapView::Marker> places;
  for (const auto& c : mCameras) {
    const auto loc = CameraLocationAt(c, r.capturedAt);
    if (!loc) {
      continue;
    }
    MapView::Marker marker{{loc->latitude, loc->longitude}, CameraLabel(c), 0, c.id};
    if (c.id == r.camera) {
      marker.at = {r.latitude.value_or(loc->latitude), r.longitude.value_or(loc->longitude)};
      marker.highlight = true;
    }
    places.push_back(std::move(marker));
  }
  mPlot->SetMarkers(std::move(places));
  mPlot->FitToMarkers();

  if (loaded.checks) {
    ShowChecks(*loaded.checks);
  } else {
    LogError(loaded.checks.Err(), Activity::DataAccess);
    mReview->SetLabel(ErrorText(loaded.checks.Err(), Activity::DataAccess));
  }
  mVerify->Enable(true);
  mReport->Enable(true);
  Layout();
}

void ReadDetailDialog::ShowChecks(const workstation::ReadChecks& checks) {
  wxString text;
  if (checks.verifications.empty()) {
    text = _("Not visually verified yet.");
  }
  for (const auto& v : checks.verifications) {
    text += (text.empty() ? wxString() : wxString(wxS("\n"))) + wxString::Format(_("Verified by %s for case %s on %s."),
                                                                                 ToWx(v.user), ToWx(v.caseNumber),
                                                                                 FormatLocalTime(v.createdAt));
  }
  for (const auto& c : checks.corrections) {
    text += wxS("\n") + wxString::Format(_("Misread reported by %s on %s: should read %s%s (%s)."), ToWx(c.user),
                                         FormatLocalTime(c.createdAt), ToWx(c.plate),
                                         c.state.empty() ? wxString() : wxS(" ") + ToWx(c.state), ToWx(c.reason));
  }
  mReview->SetLabel(text);
  mReview->Wrap(FromDIP(420));
  Layout();
}

bool ReadDetailDialog::MarkVerified() {
  if (!mRead) {
    return false;
  }
  auto verified = mSession->VerifyRead(mContext, mRead->id);
  if (!verified) {
    LogError(verified.Err(), Activity::DataAccess);
    mReview->SetLabel(ErrorText(verified.Err(), Activity::DataAccess));
    mReview->Wrap(FromDIP(420));
    Layout();
    return false;
  }
  // Show the full record, including what others recorded meanwhile.
  if (auto checks = mSession->GetReadChecks(mContext, mRead->id); checks) {
    ShowChecks(*checks);
  }
  return true;
}

void ReadDetailDialog::ReportMisread() {
  if (!mRead) {
    return;
  }
  wxDialog dialog(this, wxID_ANY, _("Report a misread"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE,
                  wxS("misreadDialog"));
  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(new wxStaticText(&dialog, wxID_ANY,
                          wxString::Format(_("The camera read %s. What does the plate in the images say?\n"
                                             "The original read stays as it is; the correction is kept beside it."),
                                           ToWx(mRead->plate))),
         0, wxALL, FromDIP(12));
  auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
  grid->AddGrowableCol(1, 1);
  grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Plate")), 0, wxALIGN_CENTER_VERTICAL);
  auto* plate = new wxTextCtrl(&dialog, wxID_ANY, ToWx(mRead->plate), wxDefaultPosition, wxDefaultSize, 0,
                               wxDefaultValidator, wxS("misreadPlate"));
  grid->Add(plate, 1, wxEXPAND);
  grid->Add(new wxStaticText(&dialog, wxID_ANY, _("State")), 0, wxALIGN_CENTER_VERTICAL);
  auto* state = new wxTextCtrl(&dialog, wxID_ANY, ToWx(mRead->state), wxDefaultPosition, wxDefaultSize, 0,
                               wxDefaultValidator, wxS("misreadState"));
  grid->Add(state, 1, wxEXPAND);
  grid->Add(new wxStaticText(&dialog, wxID_ANY, _("What the images show")), 0, wxALIGN_CENTER_VERTICAL);
  auto* reason = new wxTextCtrl(&dialog, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(320, -1)), 0,
                                wxDefaultValidator, wxS("misreadReason"));
  reason->SetHint(_("e.g. the third character is an 8, not a B"));
  grid->Add(reason, 1, wxEXPAND);
  s->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
  auto* error = new wxStaticText(&dialog, wxID_ANY, wxString());
  error->SetForegroundColour(ErrorColour());
  s->Add(error, 0, wxEXPAND | wxALL, FromDIP(12));
  s->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
  dialog.SetSizerAndFit(s);
  dialog.Bind(
      wxEVT_BUTTON,
      [&](wxCommandEvent&) {
        auto c = mSession->ReportMisread(mContext, mRead->id, FromWx(plate->GetValue()), FromWx(state->GetValue()),
                                         FromWx(reason->GetValue()));
        if (!c) {
          LogError(c.Err(), Activity::DataAccess);
          error->SetLabel(c.Err().code == ErrorCode::InvalidArgument
                              ? _("Type the plate as it should read (letters and digits), a two-letter state or "
                                  "nothing, and what the images show. It must differ from the read.")
                              : ErrorText(c.Err(), Activity::DataAccess));
          error->Wrap(FromDIP(420));
          dialog.Fit();
          return;
        }
        dialog.EndModal(wxID_OK);
      },
      wxID_OK);
  if (dialog.ShowModal() == wxID_OK) {
    if (auto checks = mSession->GetReadChecks(mContext, mRead->id); checks) {
      ShowChecks(*checks);
    }
  }
}

}  // namespace platedesk::views

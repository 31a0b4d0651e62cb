// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SearchPanel.h"

#include "views/MapView.h"
#include "views/ReadDetailDialog.h"
#include "views/ScenesDialog.h"
#include "views/SearchResultsList.h"
#include "views/VehicleGroups.h"
#include "views/support/AccessContextBar.h"
#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/ImageDecode.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include "platedesk/search/QueryText.h"
#include "platedesk/workstation/MisreadPreview.h"
#include "platedesk/workstation/ResultsFileName.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/dcbuffer.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/menu.h>
#include <wx/rearrangectrl.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/splitter.h>
#include <wx/statbmp.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/wrapsizer.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <tuple>

namespace platedesk::views {

// One colour choice: a rounded square of the colour, ringed when selected. Clicking toggles it;
// the panel keeps at most one selected (the query takes one colour).
class ColourSwatch : public wxWindow {
 public:
  ColourSwatch(wxWindow* parent, std::string value, const wxString& label, const wxColour& colour)
      : wxWindow(parent, wxID_ANY, wxDefaultPosition, parent->FromDIP(wxSize(26, 26)), wxBORDER_NONE,
                 wxS("colour_") + ToWx(value)),
        mValue(std::move(value)),
        mColour(colour) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetToolTip(label);
    SetCursor(wxCursor(wxCURSOR_HAND));
    Bind(wxEVT_PAINT, &ColourSwatch::OnPaint, this);
    Bind(wxEVT_LEFT_UP, [this](wxMouseEvent&) {
      SetSelected(!mSelected);
      if (mOnToggle) {
        mOnToggle(*this);
      }
    });
  }
  [[nodiscard]] const std::string& Value() const { return mValue; }
  [[nodiscard]] bool IsSelected() const { return mSelected; }
  void SetSelected(bool selected) {
    mSelected = selected;
    Refresh();
  }
  void SetOnToggle(std::function<void(ColourSwatch&)> fn) { mOnToggle = std::move(fn); }

 private:
  void OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    const wxSize size = GetClientSize();
    const int ring = FromDIP(2);
    if (mSelected) {
      dc.SetPen(wxPen(wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHT), ring));
      dc.SetBrush(*wxTRANSPARENT_BRUSH);
      dc.DrawRoundedRectangle(1, 1, size.x - 2, size.y - 2, FromDIP(6));
    }
    dc.SetPen(wxPen(wxColour(0x80, 0x80, 0x80), 1));
    dc.SetBrush(wxBrush(mColour));
    const int inset = ring + FromDIP(2);
    dc.DrawRoundedRectangle(inset, inset, size.x - 2 * inset, size.y - 2 * inset, FromDIP(4));
  }

  std::string mValue;
  wxColour mColour;
  bool mSelected = false;
  std::function<void(ColourSwatch&)> mOnToggle;
};

namespace {

// What a save left behind: how many reads, and where.
struct SavedResultsFile {
  std::size_t reads = 0;
  std::optional<Error> writeError;  ///< handed over and recorded, but the file failed
};

struct ColourChoice {
  const char* value;
  const char* label;
  unsigned rgb;
};
// The colours cameras report (the demo storage uses the same names).
constexpr ColourChoice kColours[] = {
    {"white", "white", 0xEDEDEA},   {"silver", "silver", 0xB7BBC0}, {"gray", "gray", 0x6E7175},
    {"black", "black", 0x1E1F22},   {"blue", "blue", 0x2C4E8C},     {"red", "red", 0xA8242A},
    {"green", "green", 0x2F5D3A},   {"brown", "brown", 0x6B4A32},   {"beige", "beige", 0xCDBB98},
    {"yellow", "yellow", 0xE3C23A}, {"orange", "orange", 0xD9711F}, {"gold", "gold", 0xB8963E},
    {"purple", "purple", 0x5A3A78},
};
// Suggestions only: the fields take any value the cameras report.
constexpr const char* kMakes[] = {"Audi",    "BMW",  "Chevrolet", "Dodge", "Ford",   "GMC",           "Honda",
                                  "Hyundai", "Jeep", "Kia",       "Lexus", "Mazda",  "Mercedes-Benz", "Mini",
                                  "Nissan",  "Ram",  "Subaru",    "Tesla", "Toyota", "Volkswagen",    "Volvo"};
constexpr const char* kModels[] = {"Accord",  "Altima", "Camry", "Civic",     "Corolla", "CR-V",
                                   "Equinox", "Escape", "F-150", "Forester",  "Model 3", "Model Y",
                                   "Outback", "Prius",  "RAV4",  "Silverado", "Tacoma",  "Wrangler"};
constexpr const char* kBodies[] = {"sedan", "suv-crossover", "pickup", "hatchback", "van", "minivan", "coupe", "wagon"};

enum TimeChoice : int { kAnyTime, kLast24h, kLast7d, kLast30d, kCustom };

Error FieldError(const std::string& field, const std::string& message) {
  return Error{ErrorCode::InvalidArgument, message, field};
}

std::optional<double> ParseNumber(const wxString& text) {
  double value = 0;
  wxString t = Trimmed(text);
  t.Replace(wxS(","), wxS("."));
  if (t.empty() || !t.ToCDouble(&value) || !std::isfinite(value)) {
    return std::nullopt;  // "inf" and "nan" are numbers to wxString, not to a form
  }
  return value;
}

wxStaticText* SectionTitle(wxWindow* parent, const wxString& text) {
  auto* title = new wxStaticText(parent, wxID_ANY, text);
  title->SetFont(parent->GetFont().Bold());
  return title;
}

}  // namespace

SearchPanel::SearchPanel(wxWindow* parent, std::shared_ptr<workstation::Connection> workstation,
                         std::shared_ptr<workstation::Session> session, const Clock& clock, AsyncJobs& jobs,
                         Preferences preferences)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("searchPanel")),
      mPreferences(std::move(preferences)),
      mWorkstation(std::move(workstation)),
      mSession(std::move(session)),
      mClock(clock),
      mJobs(jobs) {
  EnsureImageHandlers();
  // The catalogue, cases and cameras are small and carry no plate data: read them here.
  std::vector<store::PurposeRecord> purposes;
  if (auto p = mSession->Purposes(); p) {
    purposes = std::move(*p);
  } else {
    LogError(p.Err(), Activity::General);
  }
  std::vector<store::CaseRecord> cases;
  if (auto c = mSession->Cases(); c) {
    cases = std::move(*c);
  }
  if (auto cams = mSession->Cameras(); cams) {
    mCameras = std::move(*cams);
  }
  const int gap = FromDIP(12);

  auto* outer = new wxBoxSizer(wxVERTICAL);
  auto* head = new wxBoxSizer(wxHORIZONTAL);
  head->Add(new wxStaticBitmap(this, wxID_ANY, Icon("search", 24)), 0, wxALIGN_CENTER_VERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Search reads"));
  title->SetFont(GetFont().Scaled(1.4f).Bold());
  head->Add(title, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
  outer->Add(head, 0, wxLEFT | wxRIGHT | wxTOP, gap);

  mBar = new AccessContextBar(this, purposes, cases);
  outer->Add(mBar, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  outer->Add(new wxStaticLine(this), 0, wxEXPAND | wxTOP, gap);

  auto* body = new wxBoxSizer(wxHORIZONTAL);
  body->Add(BuildForm(this), 0, wxEXPAND);
  body->Add(new wxStaticLine(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLI_VERTICAL), 0, wxEXPAND);
  body->Add(BuildResults(this), 1, wxEXPAND | wxALL, gap);
  outer->Add(body, 1, wxEXPAND);
  SetSizer(outer);

  mBar->SetOnChange([this] {
    UpdateRunButton();
    CheckStale();
  });
  mBar->SetOnEnter([this] { StartSearch(); });
  UpdatePreview();
  UpdateRunButton();
  SetBusy(false);
  // Training lapsed or a second factor missing: say so before the user fills in the form.
  if (const std::optional<std::string> blocked = mSession->DataBlockedReason()) {
    ShowStatus(_("Searches will be refused for now:") + wxS(" ") + ToWx(*blocked), true);
  }
}

SearchPanel::~SearchPanel() { CancelSearch(); }

wxWindow* SearchPanel::BuildForm(wxWindow* parent) {
  // The fields scroll; the Search, Cancel and Clear buttons stay in a bar below them, always on
  // screen whatever the window's height (1366x768 laptops included).
  auto* pane = new wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("searchFormPane"));
  auto* form = new wxScrolledWindow(pane, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxTAB_TRAVERSAL,
                                    wxS("searchForm"));
  form->SetScrollRate(0, FromDIP(12));
  const int gap = FromDIP(12);
  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(BuildPlateSection(form), 0, wxEXPAND);
  s->Add(BuildWhenWhereSection(form), 0, wxEXPAND);
  s->Add(BuildVehicleSection(form), 0, wxEXPAND);

  auto* padded = new wxBoxSizer(wxVERTICAL);
  padded->Add(s, 1, wxEXPAND | wxALL, gap);
  form->SetSizer(padded);
  form->SetMinSize(wxSize(FromDIP(360), FromDIP(160)));  // the fields scroll: never the whole form's height
  form->FitInside();

  auto* outer = new wxBoxSizer(wxVERTICAL);
  outer->Add(form, 1, wxEXPAND);
  outer->Add(new wxStaticLine(pane), 0, wxEXPAND);
  outer->Add(BuildActions(pane), 0, wxEXPAND | wxALL, gap);
  pane->SetSizer(outer);
  // Any change in the form (the events rise from its fields) may make the rows shown stale.
  auto changed = [this](wxCommandEvent& event) {
    event.Skip();
    CallAfter([this] { CheckStale(); });
  };
  for (auto type : {wxEVT_TEXT, wxEVT_CHOICE, wxEVT_CHECKBOX, wxEVT_COMBOBOX, wxEVT_CHECKLISTBOX})
    pane->Bind(type, changed);
  pane->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent& event) {
    event.Skip();
    CallAfter([this] { CheckStale(); });
  });

  // Enter in any text field of any section runs the search.
  for (wxWindow* field : std::initializer_list<wxWindow*>{mPlate, mStates, mFrom, mTo, mHours, mNearLat, mNearLon,
                                                          mNearKm, mMake, mModel}) {
    field->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { StartSearch(); });
  }
  return pane;
}

wxSizer* SearchPanel::BuildPlateSection(wxWindow* form) {
  const int gap = FromDIP(12);
  const int small = FromDIP(4);
  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(SectionTitle(form, _("Plate")), 0, wxBOTTOM, small);
  mPlate = new wxTextCtrl(form, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER,
                          wxDefaultValidator, wxS("searchPlate"));
  mPlate->SetHint(_("e.g. ABC1234, 7353*, A?C1[8B]3 (empty: vehicle only)"));
  mPlate->SetFont(wxFont(wxFontInfo(GetFont().GetPointSize() + 2).Family(wxFONTFAMILY_TELETYPE)));
  s->Add(mPlate, 0, wxEXPAND);
  auto* syntax = Muted(form, _("? one character   * any run   [8B] one of   [A-F] a range; spaces and - are ignored"),
                       FromDIP(330), wxS("searchSyntax"));
  s->Add(syntax, 0, wxTOP, small);
  mPreview = new wxStaticText(form, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("searchPreview"));
  s->Add(mPreview, 0, wxEXPAND | wxTOP, small);

  auto* tolerance = new wxBoxSizer(wxHORIZONTAL);
  mOcr = new wxCheckBox(form, wxID_ANY, _("OCR look-alikes"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                        wxS("searchOcr"));
  mOcr->SetValue(true);
  mOcr->SetToolTip(_("A character also matches those cameras confuse it with (8 and B, 0 and O, 5 and S, ...)."));
  tolerance->Add(mOcr, 0, wxALIGN_CENTER_VERTICAL);
  mCandidates = new wxCheckBox(form, wxID_ANY, _("Alternative reads"), wxDefaultPosition, wxDefaultSize, 0,
                               wxDefaultValidator, wxS("searchCandidates"));
  mCandidates->SetValue(true);
  mCandidates->SetToolTip(_("Also match the camera's second and later guesses at the plate."));
  tolerance->Add(mCandidates, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
  s->Add(tolerance, 0, wxTOP, FromDIP(8));
  auto* edits = new wxBoxSizer(wxHORIZONTAL);
  edits->Add(new wxStaticText(form, wxID_ANY, _("Missing, extra or wrong characters allowed")), 0,
             wxALIGN_CENTER_VERTICAL);
  wxArrayString editChoices;
  editChoices.Add(wxS("0"));
  editChoices.Add(wxS("1"));
  editChoices.Add(wxS("2"));
  mEdits = new wxChoice(form, wxID_ANY, wxDefaultPosition, wxDefaultSize, editChoices, 0, wxDefaultValidator,
                        wxS("searchEdits"));
  mEdits->SetSelection(0);
  edits->Add(mEdits, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
  s->Add(edits, 0, wxTOP, small);

  // The preview of the misreads the options accept follows every change.
  auto preview = [this](wxCommandEvent& event) {
    UpdatePreview();
    event.Skip();  // the form's stale check sees it too
  };
  mPlate->Bind(wxEVT_TEXT, preview);
  mOcr->Bind(wxEVT_CHECKBOX, preview);
  mCandidates->Bind(wxEVT_CHECKBOX, preview);
  mEdits->Bind(wxEVT_CHOICE, preview);
  return s;
}

wxSizer* SearchPanel::BuildWhenWhereSection(wxWindow* form) {
  const int gap = FromDIP(12);
  const int small = FromDIP(4);
  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(SectionTitle(form, _("When and where")), 0, wxTOP | wxBOTTOM, gap);
  auto* grid = new wxFlexGridSizer(2, small, FromDIP(8));
  grid->AddGrowableCol(1, 1);
  grid->Add(new wxStaticText(form, wxID_ANY, _("Time")), 0, wxALIGN_CENTER_VERTICAL);
  wxArrayString times;
  times.Add(_("Any time"));
  times.Add(_("Last 24 hours"));
  times.Add(_("Last 7 days"));
  times.Add(_("Last 30 days"));
  times.Add(_("Custom range"));
  mTime =
      new wxChoice(form, wxID_ANY, wxDefaultPosition, wxDefaultSize, times, 0, wxDefaultValidator, wxS("searchTime"));
  mTime->SetSelection(kLast7d);
  grid->Add(mTime, 1, wxEXPAND);
  // ISO dates as everywhere in the application, with a time when one is wanted; local time, the
  // zone named on the label.
  grid->Add(new wxStaticText(form, wxID_ANY, wxString::Format(_("From / to (%s)"), LocalZoneName(mClock.Now()))), 0,
            wxALIGN_CENTER_VERTICAL);
  auto* dates = new wxBoxSizer(wxHORIZONTAL);
  const wxDateTime today = wxDateTime(wxLongLong(mClock.Now())).GetDateOnly();
  auto dateField = [&](const wxDateTime& initial, const wxString& name) {
    auto* t = new wxTextCtrl(form, wxID_ANY, initial.Format(wxS("%Y-%m-%d")), wxDefaultPosition,
                             FromDIP(wxSize(120, -1)), wxTE_PROCESS_ENTER, wxDefaultValidator, name);
    t->SetHint(_("YYYY-MM-DD HH:MM"));
    t->SetToolTip(_("A date (the whole day) or a date and a time, in local time: 2025-11-10 or 2025-11-10 08:30."));
    return t;
  };
  mFrom = dateField(today - wxDateSpan::Days(7), wxS("searchFrom"));
  mTo = dateField(today, wxS("searchTo"));
  dates->Add(mFrom, 1);
  dates->Add(mTo, 1, wxLEFT, small);
  grid->Add(dates, 1, wxEXPAND);

  grid->Add(new wxStaticText(form, wxID_ANY, _("Hours of day")), 0, wxALIGN_CENTER_VERTICAL);
  mHours = new wxTextCtrl(form, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER,
                          wxDefaultValidator, wxS("searchHours"));
  mHours->SetHint(_("any; or e.g. 22:00-04:00"));
  mHours->SetToolTip(_("Only reads at these local times, on every day of the range. 22:00-04:00 crosses midnight."));
  grid->Add(mHours, 1, wxEXPAND);

  grid->Add(new wxStaticText(form, wxID_ANY, _("States")), 0, wxALIGN_CENTER_VERTICAL);
  mStates = new wxTextCtrl(form, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER,
                           wxDefaultValidator, wxS("searchStates"));
  mStates->SetHint(_("any; or e.g. WA OR"));
  grid->Add(mStates, 1, wxEXPAND);
  grid->AddSpacer(0);
  mUnknownState = new wxCheckBox(form, wxID_ANY, _("Also reads with unknown state"), wxDefaultPosition, wxDefaultSize,
                                 0, wxDefaultValidator, wxS("searchUnknownState"));
  grid->Add(mUnknownState);

  grid->Add(new wxStaticText(form, wxID_ANY, _("Near")), 0, wxALIGN_CENTER_VERTICAL);
  auto* near = new wxBoxSizer(wxHORIZONTAL);
  auto numberField = [&](const wxString& hint, const wxString& name, int width) {
    auto* t = new wxTextCtrl(form, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(width, -1)),
                             wxTE_PROCESS_ENTER, wxDefaultValidator, name);
    t->SetHint(hint);
    return t;
  };
  mNearLat = numberField(_("latitude"), wxS("searchNearLat"), 86);
  mNearLon = numberField(_("longitude"), wxS("searchNearLon"), 86);
  mNearKm = numberField(_("km"), wxS("searchNearKm"), 44);
  near->Add(mNearLat, 1);
  near->Add(mNearLon, 1, wxLEFT, small);
  near->Add(mNearKm, 0, wxLEFT, small);
  grid->Add(near, 1, wxEXPAND);
  s->Add(grid, 0, wxEXPAND);

  s->Add(new wxStaticText(form, wxID_ANY, _("Cameras (none ticked: all)")), 0, wxTOP, FromDIP(8));
  wxArrayString cameraNames;
  for (const auto& c : mCameras) {
    cameraNames.Add(CameraLabel(c));
  }
  mCameraList = new wxCheckListBox(form, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 96)), cameraNames, 0,
                                   wxDefaultValidator, wxS("searchCameras"));
  s->Add(mCameraList, 0, wxEXPAND | wxTOP, small);

  // The dates count only for "Custom range".
  mTime->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
    const bool custom = mTime->GetSelection() == kCustom;
    mFrom->Enable(custom);
    mTo->Enable(custom);
    event.Skip();  // the form's stale check sees it too
  });
  mFrom->Enable(false);
  mTo->Enable(false);
  return s;
}

wxSizer* SearchPanel::BuildVehicleSection(wxWindow* form) {
  const int gap = FromDIP(12);
  const int small = FromDIP(4);
  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(SectionTitle(form, _("Vehicle")), 0, wxTOP | wxBOTTOM, gap);
  auto* swatches = new wxWrapSizer(wxHORIZONTAL);
  for (const auto& c : kColours) {
    auto* swatch = new ColourSwatch(form, c.value, wxGetTranslation(c.label),
                                    wxColour((c.rgb >> 16) & 0xff, (c.rgb >> 8) & 0xff, c.rgb & 0xff));
    swatch->SetOnToggle([this](ColourSwatch&) { CheckStale(); });  // several at once: any of them
    mSwatches.push_back(swatch);
    swatches->Add(swatch, 0, wxRIGHT | wxBOTTOM, FromDIP(2));
  }
  auto* vehicle = new wxFlexGridSizer(2, small, FromDIP(8));
  vehicle->AddGrowableCol(1, 1);
  vehicle->Add(new wxStaticText(form, wxID_ANY, _("Colour")), 0, wxALIGN_CENTER_VERTICAL);
  vehicle->Add(swatches, 1, wxEXPAND);
  auto combo = [&](const wxString& name, const auto& items) {
    wxArrayString list;
    for (const char* item : items) {
      list.Add(wxString::FromUTF8(item));
    }
    auto* box = new wxComboBox(form, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, list, wxTE_PROCESS_ENTER,
                               wxDefaultValidator, name);
    box->SetHint(_("any"));
    return box;
  };
  vehicle->Add(new wxStaticText(form, wxID_ANY, _("Make")), 0, wxALIGN_CENTER_VERTICAL);
  mMake = combo(wxS("searchMake"), kMakes);
  vehicle->Add(mMake, 1, wxEXPAND);
  vehicle->Add(new wxStaticText(form, wxID_ANY, _("Model")), 0, wxALIGN_CENTER_VERTICAL);
  mModel = combo(wxS("searchModel"), kModels);
  vehicle->Add(mModel, 1, wxEXPAND);
  vehicle->Add(new wxStaticText(form, wxID_ANY, _("Body")), 0, wxALIGN_CENTER_VERTICAL);
  wxArrayString bodies;
  bodies.Add(_("any"));
  for (const char* b : kBodies) {
    bodies.Add(wxString::FromUTF8(b));
  }
  mBody =
      new wxChoice(form, wxID_ANY, wxDefaultPosition, wxDefaultSize, bodies, 0, wxDefaultValidator, wxS("searchBody"));
  mBody->SetSelection(0);
  vehicle->Add(mBody, 1, wxEXPAND);
  vehicle->Add(new wxStaticText(form, wxID_ANY, _("Min. plate confidence")), 0, wxALIGN_CENTER_VERTICAL);
  mMinConfidence = new wxSpinCtrl(form, wxID_ANY, wxS("0"), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 100,
                                  0, wxS("searchMinConfidence"));
  vehicle->Add(mMinConfidence, 0);
  s->Add(vehicle, 0, wxEXPAND);
  return s;
}

wxSizer* SearchPanel::BuildActions(wxWindow* form) {
  auto* actions = new wxBoxSizer(wxHORIZONTAL);
  mRun = new wxButton(form, wxID_ANY, _("&Search"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                      wxS("searchRun"));
  mRun->SetBitmap(Icon("search", 16));
  mCancel = new wxButton(form, wxID_ANY, _("Cancel"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         wxS("searchCancel"));
  auto* clear = new wxButton(form, wxID_ANY, _("Clear"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                             wxS("searchClear"));
  actions->Add(mRun, 0);
  actions->Add(mCancel, 0, wxLEFT, FromDIP(4));
  actions->AddStretchSpacer();
  actions->Add(clear, 0);

  mRun->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { StartSearch(); });
  mCancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CancelSearch(); });
  clear->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ClearForm(); });
  return actions;
}

wxWindow* SearchPanel::BuildResults(wxWindow* parent) {
  auto* panel =
      new wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("searchResultsPane"));
  auto* s = new wxBoxSizer(wxVERTICAL);
  // Two rows: what happened (status and progress), then what can be done with the rows; one row
  // at 1366x768 squeezed the buttons below their size once "Request approval..." showed.
  auto* top = new wxBoxSizer(wxHORIZONTAL);
  auto* actions = new wxBoxSizer(wxHORIZONTAL);
  mStatus = new wxStaticText(panel, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                             wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END, wxS("searchStatus"));
  top->Add(mStatus, 1, wxALIGN_CENTER_VERTICAL);
  mProgress = new wxGauge(panel, wxID_ANY, 1000, wxDefaultPosition, FromDIP(wxSize(180, 12)), wxGA_HORIZONTAL,
                          wxDefaultValidator, wxS("searchProgress"));
  top->Add(mProgress, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
  mAddToCase = new wxButton(panel, wxID_ANY, _("Add to case"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("searchAddToCase"));
  mAddToCase->SetBitmap(Icon("cases", 16));
  mAddToCase->SetToolTip(
      _("Collect the selected reads for the case above: they are kept from retention and "
        "listed on the Cases page for export."));
  actions->Add(mAddToCase, 0, wxALIGN_CENTER_VERTICAL);
  mRequestApproval = new wxButton(panel, wxID_ANY, _("Request approval..."), wxDefaultPosition, wxDefaultSize, 0,
                                  wxDefaultValidator, wxS("searchRequestApproval"));
  mRequestApproval->SetToolTip(
      _("Ask a supervisor to approve this exact search (case, purpose, justification "
        "and every field); it is recorded in the audit log."));
  mRequestApproval->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { RequestApproval(); });
  mRequestApproval->Hide();
  actions->Add(mRequestApproval, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
  mSave = new wxButton(panel, wxID_ANY, _("Save..."), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                       wxS("searchSave"));
  mSave->SetToolTip(
      _("Save the rows shown as a CSV file or a PDF to print. It is plate data leaving PlateDesk: the save is recorded "
        "in the audit log with the search, the reads and the file's fingerprint."));
  mSave->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    wxFileDialog dialog(this, _("Save the results"), wxString(),
                        ToWx(workstation::ResultsFileName(mSearchContext ? mSearchContext->caseNumber : "", "csv")),
                        _("CSV files (*.csv)|*.csv|PDF files, to print (*.pdf)|*.pdf"), wxFD_SAVE);
    if (dialog.ShowModal() == wxID_OK) {
      wxString path = dialog.GetPath();
      // A name ending in .csv or .pdf says the format; otherwise the filter chosen in the dialog.
      if (!path.Lower().EndsWith(wxS(".csv")) && !path.Lower().EndsWith(wxS(".pdf"))) {
        path += dialog.GetFilterIndex() == 1 ? wxS(".pdf") : wxS(".csv");
      }
      SaveResultsTo(path);
    }
  });
  actions->Add(mSave, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
  auto* scenes = new wxButton(panel, wxID_ANY, _("Multi-scene..."), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, wxS("searchScenes"));
  scenes->SetToolTip(
      _("Which vehicles were at several places and times? A broad search: it runs under a "
        "supervisor's approval of the exact query."));
  scenes->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OpenScenes(); });
  actions->Add(scenes, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
  mByVehicle = new wxCheckBox(panel, wxID_ANY, _("By vehicle"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                              wxS("searchByVehicle"));
  mByVehicle->SetToolTip(
      _("One row per vehicle (best plate and state) with its sightings, first and last seen, "
        "and the chosen vehicle's sightings on a time line."));
  mByVehicle->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { ShowByVehicle(mByVehicle->GetValue()); });
  mShowMap = new wxCheckBox(panel, wxID_ANY, _("Map"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("searchShowMap"));
  mShowMap->SetToolTip(
      _("The cameras and the results at each on a map. Shift+drag (or right-click) on it to set "
        "the Near circle."));
  mShowMap->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { ShowMap(mShowMap->GetValue()); });
  actions->AddStretchSpacer();
  actions->Add(mByVehicle, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
  actions->Add(mShowMap, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(12));
  s->Add(top, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
  s->Add(actions, 0, wxEXPAND | wxBOTTOM, FromDIP(8));

  std::map<store::CameraId, wxString> names;
  for (const auto& c : mCameras) {
    names[c.id] = CameraLabel(c);
  }
  // By vehicle: the groups above, the chosen one's time line below (hidden until asked for).
  mVehiclesPane =
      new wxPanel(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("searchVehiclesPane"));
  auto* vehicles = new wxBoxSizer(wxVERTICAL);
  mVehicles = new VehicleGroupsList(mVehiclesPane);
  mTimeline = new SightingsTimeline(mVehiclesPane, names);
  mTimeline->SetOnOpen([this](const search::Hit& hit) { OpenHit(hit); });
  auto chosen = [this](wxListEvent& event) {
    mTimeline->SetGroup(mVehicles->GroupAt(event.GetIndex()));
    event.Skip();
  };
  mVehicles->Bind(wxEVT_LIST_ITEM_SELECTED, chosen);
  vehicles->Add(mVehicles, 1, wxEXPAND);
  vehicles->Add(mTimeline, 0, wxEXPAND | wxTOP, FromDIP(6));
  mVehiclesPane->SetSizer(vehicles);
  mVehiclesPane->Hide();
  s->Add(mVehiclesPane, 1, wxEXPAND);

  // The map: the cameras, the results at each and the Near circle (hidden until asked for).
  mMapPane = new wxPanel(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("searchMapPane"));
  auto* mapSizer = new wxBoxSizer(wxVERTICAL);
  mMap = new MapView(mMapPane, mJobs, wxS("searchMap"));
  mMap->SetOnCircle(
      [this](const MapView::Circle& circle) { SetNear(circle.centre.lat, circle.centre.lon, circle.km); });
  mMap->SetOnMarker([this](const MapView::Marker& marker) {
    if (marker.hits > 0) {
      ShowResultsAs(0);
      long first = -1;
      for (std::size_t row = 0; row < mResults->HitCount(); ++row) {
        const search::Hit& hit = mResults->HitAt(static_cast<long>(row));
        const auto camera =
            std::find_if(mCameras.begin(), mCameras.end(), [&](const store::Camera& c) { return c.id == hit.camera; });
        const auto place = camera == mCameras.end() ? std::nullopt : CameraLocationAt(*camera, hit.capturedAt);
        // This camera at this place: a camera that moved has a marker per place.
        const bool here = hit.camera == marker.camera && place && place->latitude == marker.at.lat &&
                          place->longitude == marker.at.lon;
        mResults->SetItemState(static_cast<long>(row), here ? wxLIST_STATE_SELECTED : 0, wxLIST_STATE_SELECTED);
        if (here && first < 0) {
          first = static_cast<long>(row);
        }
      }
      if (first >= 0) {
        mResults->EnsureVisible(first);
      }
      ShowStatus(wxString::Format(_("The rows at %s are selected."), marker.label));
      return;
    }
    for (std::size_t i = 0; i < mCameras.size(); ++i) {
      if (mCameras[i].id == marker.camera) {
        mCameraList->Check(static_cast<unsigned>(i), true);
        ShowStatus(wxString::Format(_("%s added to the Cameras filter: press Search."), marker.label));
        CheckStale();
      }
    }
  });
  mapSizer->Add(mMap, 1, wxEXPAND);
  auto* mapHint = Muted(mMapPane, _("Drag: move. Wheel: zoom. Shift+drag: the Near circle. Right-click: near here. "
                                    "Double-click a camera: its rows."));
  mapHint->SetWindowStyle(mapHint->GetWindowStyle() | wxST_ELLIPSIZE_END);
  mapHint->SetToolTip(mapHint->GetLabel());
  mapHint->SetMinSize(wxSize(FromDIP(100), -1));
  mapSizer->Add(mapHint, 0, wxEXPAND | wxTOP, FromDIP(4));
  mMapPane->SetSizer(mapSizer);
  mMapPane->Hide();
  s->Add(mMapPane, 1, wxEXPAND);
  for (wxTextCtrl* field : {mNearLat, mNearLon, mNearKm}) {
    field->Bind(wxEVT_TEXT, [this](wxCommandEvent& event) {
      event.Skip();
      if (mMapPane->IsShown()) {
        CallAfter([this] { RefreshMap(); });
      }
    });
  }

  mResults = new SearchResultsList(panel, std::move(names));
  mResults->SetThumbnailRequest([this](std::vector<store::ReadId> reads) { RequestThumbnails(std::move(reads)); });
  if (mPreferences.read) {
    if (const auto kept = mPreferences.read(ColumnsKey())) {
      mResults->SetColumns(SearchResultsList::ParseColumns(*kept));
    }
  }
  mResults->Bind(wxEVT_LIST_COL_RIGHT_CLICK, [this](wxListEvent&) {
    wxMenu menu;
    menu.Append(wxID_ANY, _("Columns..."));
    menu.Bind(wxEVT_MENU, [this](wxCommandEvent&) { ChooseColumns(); });
    PopupMenu(&menu);
  });
  mResults->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) { OpenDetail(event.GetIndex()); });
  auto selectionChanged = [this](wxListEvent& event) {
    UpdateRunButton();
    event.Skip();
  };
  mResults->Bind(wxEVT_LIST_ITEM_SELECTED, selectionChanged);
  mResults->Bind(wxEVT_LIST_ITEM_DESELECTED, selectionChanged);
  mResults->Bind(wxEVT_LIST_ITEM_RIGHT_CLICK, [this](wxListEvent&) {
    wxMenu menu;
    wxMenuItem* add = menu.Append(wxID_ANY, _("Add to case"));
    add->Enable(mAddToCase->IsEnabled());
    menu.Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { AddSelectedToCase(); }, add->GetId());
    PopupMenu(&menu);
  });
  mAddToCase->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { AddSelectedToCase(); });
  s->Add(mResults, 1, wxEXPAND);
  mLegend = Muted(panel, _("Amber rows are low-confidence reads: check the images before acting. "
                           "Double-click a row to open the read; click a column heading to sort."));
  mLegend->SetWindowStyle(mLegend->GetWindowStyle() | wxST_ELLIPSIZE_END);
  mLegend->SetToolTip(mLegend->GetLabel());
  mLegend->SetMinSize(wxSize(FromDIP(100), -1));  // shrinks with the pane instead of widening it
  s->Add(mLegend, 0, wxEXPAND | wxTOP, FromDIP(6));
  panel->SetSizer(s);
  ShowStatus(_("Fill in the case, purpose and justification above, then search."));
  return panel;
}

void SearchPanel::UpdatePreview() {
  const std::string pattern = FromWx(mPlate->GetValue());
  const bool ocr = mOcr->GetValue();
  const int edits = std::max(0, mEdits->GetSelection());
  mPreview->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  if (Trimmed(mPlate->GetValue()).empty()) {
    mPreview->SetLabel(_("No plate: a vehicle-only search (use the filters below)."));
    mPreview->Wrap(FromDIP(330));
    return;
  }
  auto preview = workstation::PreviewMisreads(pattern, ocr, edits, 5);
  if (!preview) {
    mPreview->SetForegroundColour(ErrorColour());
    wxString where = ToWx(preview.Err().context);
    mPreview->SetLabel(where.empty() ? _("This pattern is not valid.")
                                     : wxString::Format(_("This pattern is not valid at %s."), where));
    mPreview->Wrap(FromDIP(330));
    return;
  }
  wxString text;
  if (preview->examples.empty()) {
    wxString typed = Trimmed(mPlate->GetValue()).Upper();
    typed.Replace(wxS(" "), wxString());
    typed.Replace(wxS("-"), wxString());
    typed.Replace(wxS("."), wxString());
    if (preview->sample.empty()) {
      text = _("Matches every plate.");
    } else if (FromWx(typed) == preview->sample) {
      text = wxString::Format(_("Finds %s as typed, nothing else."), ToWx(preview->sample));
    } else {
      text = _("Finds the plates the pattern describes; the typed characters have no look-alikes to add.");
    }
  } else {
    wxString list;
    for (const auto& e : preview->examples) {
      list += (list.empty() ? wxString() : wxString(wxS(", "))) + ToWx(e.plate);
    }
    text = wxString::Format(_("%s also finds %s"), ToWx(preview->sample), list) + wxS("\u2026");
  }
  if (mCandidates->GetValue()) {
    text += wxS(" ") + _("Alternative reads count too.");
  }
  mPreview->SetLabel(text);
  mPreview->Wrap(FromDIP(330));
  mPreview->GetParent()->Layout();
}

void SearchPanel::UpdateRunButton() {
  if (mAddToCase != nullptr && mResults != nullptr) {
    mAddToCase->Enable(!mCollecting && mBar->Context().has_value() && mResults->GetSelectedItemCount() > 0);
  }
  mRun->Enable(!mSearching && mBar->Context().has_value());
  if (mSave != nullptr && mResults != nullptr) {
    mSave->Enable(!mSearching && !mSaving && mResults->HitCount() > 0);
  }
  if (!mSearching && !mBar->Context()) {
    mRun->SetToolTip(mBar->Problem());
  } else {
    mRun->UnsetToolTip();
  }
}

void SearchPanel::SetBusy(bool busy) {
  mSearching = busy;
  mCancel->Enable(busy);
  if (!busy) {
    mProgress->SetValue(0);
  }
  UpdateRunButton();
}

void SearchPanel::ShowStatus(const wxString& text, bool problem) {
  mStatus->SetForegroundColour(problem ? ErrorColour() : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  mStatus->SetLabel(text);
  mStatus->SetToolTip(text);
}

Result<search::Query> SearchPanel::BuildQuery() const {
  search::Query q;
  const wxString plate = Trimmed(mPlate->GetValue());
  if (!plate.empty()) {
    q.plate = FromWx(plate);
  }
  q.ocrTolerant = mOcr->GetValue();
  q.alternatives = mCandidates->GetValue();
  q.maxEdits = std::max(0, mEdits->GetSelection());

  wxString states = mStates->GetValue().Upper();
  states.Replace(wxS(","), wxS(" "));
  for (const wxString& code : wxSplit(states, ' ')) {
    if (code.empty()) {
      continue;
    }
    if (code.length() != 2 || !code.IsAscii() || !wxIsalpha(code[0]) || !wxIsalpha(code[1])) {
      return FieldError("states", "a state is a two-letter code");
    }
    q.states.push_back(FromWx(code));
  }
  q.includeUnknownState = mUnknownState->GetValue();

  const UtcMs now = mClock.Now();
  switch (mTime->GetSelection()) {
    case kLast24h:
      q.from = now - kMsPerDay;
      break;
    case kLast7d:
      q.from = now - 7 * kMsPerDay;
      break;
    case kLast30d:
      q.from = now - 30 * kMsPerDay;
      break;
    case kCustom: {
      const auto from = ParseLocalTime(mFrom->GetValue(), false);
      const auto to = ParseLocalTime(mTo->GetValue(), true);  // a date alone: the whole last day
      if (!from || !to) {
        return FieldError("time", "write the range as dates, 2025-11-10, or dates and times, 2025-11-10 08:30");
      }
      if (*to <= *from) {
        return FieldError("time", "the range ends before it starts");
      }
      q.from = *from;
      q.to = *to;
      break;
    }
    default:
      break;
  }

  if (const wxString hours = Trimmed(mHours->GetValue()); !hours.empty()) {
    auto parsed = search::ParseHoursOfDay(FromWx(hours));
    if (!parsed) {
      return FieldError("hours", parsed.Err().message);
    }
    q.hours = *parsed;
  }

  for (unsigned i = 0; i < mCameraList->GetCount(); ++i) {
    if (mCameraList->IsChecked(i)) {
      q.cameras.push_back(mCameras[i].id);
    }
  }

  const bool anyNear = !Trimmed(mNearLat->GetValue()).empty() || !Trimmed(mNearLon->GetValue()).empty() ||
                       !Trimmed(mNearKm->GetValue()).empty();
  if (anyNear) {
    const auto lat = ParseNumber(mNearLat->GetValue());
    const auto lon = ParseNumber(mNearLon->GetValue());
    const auto km = ParseNumber(mNearKm->GetValue());
    if (!lat || *lat < -90 || *lat > 90) return FieldError("near", "latitude is a number from -90 to 90");
    if (!lon || *lon < -180 || *lon > 180) return FieldError("near", "longitude is a number from -180 to 180");
    if (!km || *km <= 0) return FieldError("near", "the distance is a number of kilometres above 0");
    q.near = search::GeoCircle{{*lat, *lon}, *km};
  }

  for (const ColourSwatch* swatch : mSwatches) {
    if (swatch->IsSelected()) {
      if (!q.color) {
        q.color = search::AttributeFilter{};
      }
      q.color->values.push_back(swatch->Value());  // any of the ticked colours: grey or silver
    }
  }
  if (const wxString make = Trimmed(mMake->GetValue()); !make.empty()) {
    q.make = search::AttributeFilter{{FromWx(make)}, std::nullopt};
  }
  if (const wxString model = Trimmed(mModel->GetValue()); !model.empty()) {
    q.model = search::AttributeFilter{{FromWx(model)}, std::nullopt};
  }
  if (mBody->GetSelection() > 0) {
    q.body = search::AttributeFilter{{FromWx(mBody->GetStringSelection())}, std::nullopt};
  }
  if (mMinConfidence->GetValue() > 0) {
    q.minConfidence = mMinConfidence->GetValue();
  }
  return q;
}

bool SearchPanel::StartSearch() {
  if (mSearching) {
    return false;
  }
  const std::optional<workstation::AccessContext> context = mBar->Context();
  if (!context) {
    // Nothing reaches the session without a complete access context.
    ShowStatus(mBar->Problem() + wxS(" ") + _("The search did not run."), true);
    mContextProblemShown = true;
    return false;
  }
  Result<search::Query> query = BuildQuery();
  if (!query) {
    ShowStatus(wxString::Format(_("Check the %s field: %s."), ToWx(query.Err().context), ToWx(query.Err().message)),
               true);
    return false;
  }

  return RunSearch(*context, std::move(*query), 0);
}

bool SearchPanel::RunApproved(const store::SearchApproval& approval) {
  if (mSearching) {
    return false;
  }
  auto query = search::QueryFromElements(approval.query);
  std::size_t limit = 0;
  if (auto it = approval.query.find("limit"); it != approval.query.end()) {
    limit = static_cast<std::size_t>(std::strtoull(it->second.c_str(), nullptr, 10));
  }
  if (!query || approval.kind != "search") {
    ShowStatus(_("This approval is not for a search this page can run."), true);
    return false;
  }
  mBar->SetContext(approval.caseNumber, approval.purposeCode, approval.justification);
  workstation::AccessContext context{approval.caseNumber, approval.purposeCode, approval.justification, approval.id};
  if (!RunSearch(context, std::move(*query), limit)) {
    return false;
  }
  mSearchedTime = -1;  // its exact window, whatever the form's time choice says
  ShowStatus(wxString::Format(_("Running approved search %lld (approved by %s until %s)"),
                              static_cast<long long>(approval.id), ToWx(approval.decidedBy),
                              FormatLocalMinute(approval.validUntil)) +
             wxS("\u2026"));
  return true;
}

bool SearchPanel::RunSearch(const workstation::AccessContext& context, search::Query query, std::size_t limit) {
  mRefused.reset();
  mRequestApproval->Hide();
  mRequestApproval->GetParent()->Layout();
  const unsigned generation = ++mGeneration;
  const std::stop_token cancel = mCancelSearch.Arm();
  mSearchContext = context;
  mSearchedQuery = query;
  mSearchedTime = mTime->GetSelection();
  mStale = false;
  mContextProblemShown = false;
  mResultsText.clear();
  mTotalMatches = 0;
  mResults->SetHits({});
  mResults->ResetThumbnailRequests();
  RefreshVehicles();
  RefreshMap();
  mThumbnailQueue.clear();
  mStartedAt = std::chrono::steady_clock::now();
  SetBusy(true);
  mProgress->Pulse();
  ShowStatus((_("Searching") + wxS("\u2026")));

  const GuiPost post(this);
  auto session = mSession;
  auto workstation = mWorkstation;
  RunAsync(
      mJobs, this,
      [session, workstation, context, query, limit, post, cancel, generation,
       this](std::stop_token jobStop) -> Result<workstation::Session::SearchOutcome> {
        const JoinedStop stop(jobStop, cancel);  // Cancel or the application closing, whichever comes first
        search::SearchOptions options;
        options.batchSize = 200;
        options.limit = limit;  // 0: the agency's cap (search_limit_cap); an approval names its own
        bool first = true;
        options.onBatch = [&](std::span<const search::Hit> batch) {
          if (first) {
            first = false;
            std::vector<search::Hit> page(batch.begin(), batch.end());
            // `this` is only used if the panel still exists (GuiPost checks).
            post.Post([this, generation, page = std::move(page)]() mutable {
              if (generation == mGeneration && mSearching) {
                mResults->SetHits(std::move(page));
                ShowStatus((_("First results shown; still searching") + wxS("\u2026")));
              }
            });
          }
          return true;
        };
        const ProgressFn progress = GaugeProgress([&](int value, std::uint64_t, std::uint64_t) {
          post.Post([this, generation, value] {
            if (generation == mGeneration && mSearching) {
              mProgress->SetValue(value);
            }
          });
        });
        // With the reads (covered by the search's own audit record): the vehicle columns.
        return session->Search(context, query, options, true, stop.Token(), progress);
      },
      [this, generation, context, query, limit](Result<workstation::Session::SearchOutcome> outcome) {
        if (generation != mGeneration) {
          return;  // a newer search replaced this one
        }
        SetBusy(false);
        if (!outcome) {
          const Error& e = outcome.Err();
          if (e.code == ErrorCode::Cancelled) {
            mResults->SetHits({});
            ShowStatus(_("Search cancelled."));
            return;
          }
          mResults->SetHits({});
          if (e.detail == ErrorDetail::ApprovalNeeded && context.approval == 0) {
            // What to do next: ask a supervisor for this exact search.
            mRefused = Refused{context, query, limit};
            mRequestApproval->Show();
            mBar->ShowRefusal(e);
            ShowStatus(_("Refused: it needs approval."), true);
            mRequestApproval->GetParent()->Layout();  // the results pane: its size did not change
          } else {
            ShowFailure(e);
          }
          return;
        }
        mTotalMatches = outcome->result.totalMatches;
        const std::size_t shown = outcome->result.hits.size();
        mResults->SetHits(std::move(outcome->result.hits));
        mResults->SetVehicles(outcome->reads);
        RefreshVehicles();
        mMapFitted = false;  // the map shows where this search's results are
        RefreshMap();
        UpdateRunButton();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - mStartedAt).count();
        wxString text =
            wxString::Format(wxPLURAL("%s read matches", "%s reads match", static_cast<unsigned long>(mTotalMatches)),
                             FormatCount(static_cast<std::int64_t>(mTotalMatches)));
        if (shown < mTotalMatches) {
          text += wxS(" ") + wxString::Format(_("(best %s shown: narrow the search to see the rest)"),
                                              FormatCount(static_cast<std::int64_t>(shown)));
        }
        text += wxString::Format(wxS(" \u00b7 %.2f s"), seconds);
        // A missing read is evidence too: say which cameras were not reporting in the window.
        const auto& offline = outcome->offlineCameras;
        for (std::size_t i = 0; i < offline.size() && i < 3; ++i) {
          const store::OfflinePeriod& p = offline[i];
          text +=
              wxS(" \u00b7 ") + wxString::Format(_("camera %s was offline %s to %s"), wxString::FromUTF8(p.name),
                                                 FormatLocalMinute(p.from), p.to ? FormatLocalMinute(*p.to) : _("now"));
        }
        if (offline.size() > 3) {
          text += wxS(" ") + wxString::Format(_("and %zu more offline periods"), offline.size() - 3);
        }
        ShowStatus(text);
        mResultsText = text;
        CheckStale();
      });
  return true;
}

void SearchPanel::ShowFailure(const Error& error) {
  if (error.code == ErrorCode::PermissionDenied || error.code == ErrorCode::InvalidArgument) {
    mBar->ShowRefusal(error);  // the rule's reason and what to do next, under the access context
    ShowStatus(_("Refused: the reason is above, under the access context."), true);
  } else {
    LogError(error, Activity::DataAccess);
    ShowStatus(ErrorText(error, Activity::DataAccess), true);
  }
}

void SearchPanel::CheckStale() {
  if (mContextProblemShown && mBar->Context()) {
    mContextProblemShown = false;
    ShowStatus(_("Ready: press Search (or Enter)."));
  }
  if (mSearching || !mSearchedQuery || !mSearchContext || mResultsText.empty()) return;
  auto query = BuildQuery();
  // "Last 7 days" is a window that slides with the clock: the same choice as the search's is the
  // same search, though its start has moved on since it ran.
  const int time = mTime->GetSelection();
  if (query && time == mSearchedTime && (time == kLast24h || time == kLast7d || time == kLast30d) && query->from &&
      mSearchedQuery->from && !query->to && !mSearchedQuery->to) {
    query->from = mSearchedQuery->from;
  }
  const bool stale = !query || !(*query == *mSearchedQuery) || mBar->Context() != mSearchContext;
  if (stale == mStale) return;
  mStale = stale;
  if (stale) {
    ShowStatus(_("These results are for an earlier search: the form or the case has changed since. Press Search to "
                 "run this one."),
               true);
  } else {
    ShowStatus(mResultsText);
  }
}

wxString SearchPanel::StatusText() const { return mStatus->GetLabel(); }

bool SearchPanel::RequestApproval() {
  if (!mRefused || mRequesting) {
    return false;
  }
  mRequesting = true;
  mRequestApproval->Disable();
  ShowStatus(_("Sending the request for approval") + wxS("\u2026"));
  auto session = mSession;
  workstation::ApprovalSubject subject{mRefused->query, mRefused->limit, std::nullopt};
  RunAsync(
      mJobs, this,
      [session, context = mRefused->context, subject](std::stop_token) {
        return session->RequestApproval(context, subject);
      },
      [this](Result<store::SearchApproval> made) {
        mRequesting = false;
        mRequestApproval->Enable();
        if (!made) {
          ShowStatus(ErrorText(made.Err(), Activity::DataAccess), true);
          return;
        }
        mRefused.reset();
        mRequestApproval->Hide();
        mRequestApproval->GetParent()->Layout();
        ShowStatus(wxString::Format(_("Approval request %lld sent: it waits for a supervisor. Run it from the "
                                      "Approvals page once it is approved."),
                                    static_cast<long long>(made->id)));
      });
  return true;
}

bool SearchPanel::AddSelectedToCase() {
  if (mCollecting) {
    return false;
  }
  std::optional<workstation::AccessContext> context = mBar->Context();
  if (context && mSearchContext && context->caseNumber == mSearchContext->caseNumber &&
      context->purposeCode == mSearchContext->purposeCode && context->justification == mSearchContext->justification) {
    context->approval = mSearchContext->approval;  // the rows came from a search under an approval
  }
  if (!context) {
    ShowStatus(mBar->Problem() + wxS(" ") + _("Nothing was added to a case."), true);
    return false;
  }
  std::vector<store::ReadId> reads = mResults->SelectedReads();
  if (reads.empty()) {
    ShowStatus(_("Select the rows to add to the case first."), true);
    return false;
  }
  mCollecting = true;
  UpdateRunButton();
  auto session = mSession;
  auto workstation = mWorkstation;
  RunAsync(
      mJobs, this,
      [session, workstation, context = *context, reads](std::stop_token) {
        return session->CollectForCase(context, reads);
      },
      [this, context = *context, count = reads.size()](Result<std::size_t> added) {
        mCollecting = false;
        UpdateRunButton();
        if (!added) {
          ShowFailure(added.Err());
          return;
        }
        wxString text = wxString::Format(
            wxPLURAL("%s read added to case %s", "%s reads added to case %s", static_cast<unsigned long>(*added)),
            FormatCount(static_cast<std::int64_t>(*added)), ToWx(context.caseNumber));
        if (*added < count) {
          text += wxS(" ") + wxString::Format(_("(%s already collected or held)"),
                                              FormatCount(static_cast<std::int64_t>(count - *added)));
        }
        ShowStatus(text + wxS("."));
        if (mOnCollected) {
          mOnCollected(context.caseNumber);
        }
      });
  return true;
}

void SearchPanel::CancelSearch() { mCancelSearch.Cancel(); }

void SearchPanel::RequestThumbnails(std::vector<store::ReadId> reads) {
  if (!mSearchContext) {
    return;
  }
  if (mThumbnailsBusy) {
    mThumbnailQueue.insert(mThumbnailQueue.end(), reads.begin(), reads.end());
    return;
  }
  mThumbnailsBusy = true;
  const unsigned generation = mGeneration;
  auto session = mSession;
  auto workstation = mWorkstation;
  const wxSize box = SearchResultsList::ThumbnailSize();
  const wxColour background = wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOX);
  struct Thumb {
    store::ReadId read = 0;
    std::optional<wxImage> image;
  };
  // Plate crops come only through the session (each read and image access is audited).
  RunAsync(
      mJobs, this,
      [session, workstation, context = *mSearchContext, reads, box, background](std::stop_token stop) {
        std::vector<Thumb> out;
        // One audited call per page of thumbnails (image.opened naming every read and image).
        for (std::size_t at = 0; at < reads.size() && !stop.stop_requested();
             at += workstation::kMaxPlateImagesPerCall) {
          const std::size_t n = std::min(workstation::kMaxPlateImagesPerCall, reads.size() - at);
          auto crops = session->GetPlateImages(context, std::span<const store::ReadId>(reads).subspan(at, n));
          if (!crops) {
            return out;
          }
          for (const workstation::PlateImage& crop : *crops) {
            Thumb t{crop.read, std::nullopt};
            if (!crop.bytes.empty()) {
              if (auto image = DecodeImage(crop.bytes)) {
                t.image = FitImage(*image, box, background);
              }
            }
            out.push_back(std::move(t));
          }
        }
        return out;
      },
      [this, generation](std::vector<Thumb> thumbs) {
        mThumbnailsBusy = false;
        if (generation == mGeneration) {
          for (const Thumb& t : thumbs) {
            if (t.image) {
              mResults->SetThumbnail(t.read, wxBitmap(*t.image));
            } else {
              mResults->NoThumbnail(t.read);
            }
          }
        }
        if (!mThumbnailQueue.empty()) {
          std::vector<store::ReadId> next;
          next.swap(mThumbnailQueue);
          mResults->ResetThumbnailRequests();
          mResults->Refresh();  // rows still on screen ask again
        }
      });
}

void SearchPanel::OpenDetail(long row) {
  if (!mSearchContext || row < 0 || static_cast<std::size_t>(row) >= mResults->HitCount()) {
    return;
  }
  auto* dialog =
      new ReadDetailDialog(this, mWorkstation, mSession, mJobs, *mSearchContext, mResults->HitAt(row), mCameras);
  LendBaseMap(dialog);
  dialog->Show();
}

bool SearchPanel::SaveResultsTo(const wxString& file) {
  if (mSearching || mSaving || !mSearchContext || !mSearchedQuery || mResults->HitCount() == 0) {
    ShowStatus(_("There are no results to save: run a search first."), true);
    return false;
  }
  const std::filesystem::path path = PathFromWx(file);
  if (std::error_code ec; std::filesystem::exists(path, ec)) {
    // Said before anything is recorded: a saved list never replaces a file.
    ShowStatus(wxString::Format(_("%s exists: a saved result list never replaces a file. Choose another name."), file),
               true);
    return false;
  }
  std::vector<store::ReadId> reads;
  reads.reserve(mResults->HitCount());
  for (long row = 0; row < static_cast<long>(mResults->HitCount()); ++row) {
    reads.push_back(mResults->HitAt(row).read);  // in the order shown
  }
  mSaving = true;
  UpdateRunButton();
  ShowStatus(_("Saving the results") + wxS("\u2026"));
  auto session = mSession;
  RunAsync(
      mJobs, this,
      [session, context = *mSearchContext, query = *mSearchedQuery, reads = std::move(reads),
       path](std::stop_token) -> Result<SavedResultsFile> {
        auto saved = session->SaveResults(context, query, reads, workstation::SavedResultsFormat(path));
        if (!saved) return saved.Err();
        auto written = workstation::WriteSavedResults(*saved, path);
        if (!written) return SavedResultsFile{saved->reads, written.Err()};
        return SavedResultsFile{saved->reads, std::nullopt};
      },
      [this, file](Result<SavedResultsFile> done) {
        mSaving = false;
        UpdateRunButton();
        if (!done) {
          ShowFailure(done.Err());  // refused (and recorded) or failed: nothing was handed over
          return;
        }
        if (done->writeError) {
          // The rows were handed over (and recorded as saved) before the file failed.
          LogError(*done->writeError, Activity::DataAccess);
          ShowStatus(wxString::Format(_("The rows were handed over for saving (recorded in the audit log), but %s "
                                        "could not be written: %s. Choose another place or name."),
                                      file, ToWx(done->writeError->message)),
                     true);
          return;
        }
        ShowStatus(wxString::Format(
            wxPLURAL("Saved %zu read to %s (recorded in the audit log).",
                     "Saved %zu reads to %s (recorded in the audit log).", static_cast<unsigned long>(done->reads)),
            done->reads, file));
      });
  return true;
}

std::string SearchPanel::ColumnsKey() const { return "users/" + mSession->User().name + "/result_columns"; }

void SearchPanel::SetResultColumns(const std::vector<int>& columns) {
  std::vector<SearchResultsList::Column> chosen;
  for (const int c : columns) {
    if (c >= 0 && c < SearchResultsList::kColumnCount) chosen.push_back(static_cast<SearchResultsList::Column>(c));
  }
  mResults->SetColumns(chosen);
  if (mPreferences.write) {
    mPreferences.write(ColumnsKey(), SearchResultsList::ColumnsText(mResults->Columns()));
  }
}

void SearchPanel::ChooseColumns() {
  // Plate stays first (it carries the plate crop); the others in the order shown, then the hidden.
  std::vector<SearchResultsList::Column> order(mResults->Columns().begin() + 1, mResults->Columns().end());
  for (int c = SearchResultsList::kPlate + 1; c < SearchResultsList::kColumnCount; ++c) {
    const auto column = static_cast<SearchResultsList::Column>(c);
    if (std::find(order.begin(), order.end(), column) == order.end()) order.push_back(column);
  }
  wxArrayInt positions;
  wxArrayString titles;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const bool shown =
        std::find(mResults->Columns().begin(), mResults->Columns().end(), order[i]) != mResults->Columns().end();
    positions.Add(shown ? static_cast<int>(i) : ~static_cast<int>(i));  // ~i: listed, not ticked
    titles.Add(SearchResultsList::ColumnTitle(order[i]));
  }
  wxRearrangeDialog dialog(this,
                           _("Tick the columns to show and move them into the order you want. The plate always "
                             "comes first."),
                           _("Result columns"), positions, titles);
  dialog.SetName(wxS("resultColumns"));
  if (dialog.ShowModal() != wxID_OK) {
    return;
  }
  std::vector<int> chosen{SearchResultsList::kPlate};
  for (const int p : dialog.GetOrder()) {
    if (p >= 0) chosen.push_back(order[static_cast<std::size_t>(p)]);
  }
  SetResultColumns(chosen);
}

ScenesDialog* SearchPanel::OpenScenes() {
  if (auto* open = dynamic_cast<ScenesDialog*>(FindWindowByName(wxS("scenesDialog"), this))) {
    open->Raise();
    return open;
  }
  auto* dialog = new ScenesDialog(
      this, mSession, mCameras, mClock, mJobs, [this] { return mBar->Context(); },
      [this](const workstation::AccessContext& context, const search::Hit& hit) {
        auto* detail = new ReadDetailDialog(this, mWorkstation, mSession, mJobs, context, hit, mCameras);
        LendBaseMap(detail);
        detail->Show();
      });
  dialog->Show();
  return dialog;
}

void SearchPanel::OpenHit(const search::Hit& hit) {
  if (!mSearchContext) {
    return;
  }
  auto* dialog = new ReadDetailDialog(this, mWorkstation, mSession, mJobs, *mSearchContext, hit, mCameras);
  LendBaseMap(dialog);
  dialog->Show();
}

void SearchPanel::ShowByVehicle(bool byVehicle) { ShowResultsAs(byVehicle ? 1 : 0); }

void SearchPanel::ShowMap(bool map) { ShowResultsAs(map ? 2 : 0); }

void SearchPanel::ShowResultsAs(int view) {
  mByVehicle->SetValue(view == 1);
  mShowMap->SetValue(view == 2);
  mResults->Show(view == 0);
  mVehiclesPane->Show(view == 1);
  mMapPane->Show(view == 2);
  mLegend->Show(view != 2);  // the rows' colours and clicks; the map has its own line
  RefreshVehicles();
  mResults->GetParent()->Layout();
  if (view == 2 && !mBaseMapLoaded && !mBaseMapLoading) {
    LoadBaseMap();  // the first time, and again after a failure (a server's hiccup)
  }
  RefreshMap();
}

void SearchPanel::LoadBaseMap() {
  mBaseMapLoading = true;
  RunAsync(
      mJobs, this,
      [session = mSession](std::stop_token) -> Result<std::pair<std::shared_ptr<map::TileProvider>, std::string>> {
        auto settings = session->MapSource();
        if (!settings) return settings.Err();
        auto source = map::ParseTileSource(settings->tiles);
        if (!source) return source.Err();
        if (source->kind == map::TileSource::Kind::None)
          return std::pair<std::shared_ptr<map::TileProvider>, std::string>{nullptr, ""};
        auto tiles = map::OpenTiles(*source);
        if (!tiles) return tiles.Err();
        std::string credit = settings->attribution.empty() ? (*tiles)->Attribution() : settings->attribution;
        return std::pair<std::shared_ptr<map::TileProvider>, std::string>{std::move(*tiles), std::move(credit)};
      },
      [this](Result<std::pair<std::shared_ptr<map::TileProvider>, std::string>> loaded) {
        mBaseMapLoading = false;
        mBaseMapLoaded = loaded.Ok();
        if (!loaded) {
          mMap->SetProblem(wxString::Format(_("The base map cannot be loaded (%s); positions on a scale grid"),
                                            ToWx(loaded.Err().message)));
          return;
        }
        if (loaded->first) {
          mBaseTiles = loaded->first;
          mBaseCredit = ToWx(loaded->second);
          mMap->SetTiles(mBaseTiles, mBaseCredit);
          for (const auto& detail : mDetails) {  // opened before the map arrived
            if (detail) {
              detail->SetBaseMap(mBaseTiles, mBaseCredit);
            }
          }
        }
      });
}

void SearchPanel::LendBaseMap(ReadDetailDialog* detail) {
  detail->SetBaseMap(mBaseTiles, mBaseCredit);
  if (!mBaseMapLoaded && !mBaseMapLoading) {
    LoadBaseMap();  // first needed here: the detail gets it when it arrives
  }
  std::erase_if(mDetails, [](const wxWeakRef<ReadDetailDialog>& d) { return !d; });
  mDetails.emplace_back(detail);  // to lend it the base map if it arrives later
}

void SearchPanel::RefreshMap() {
  if (!mMapPane->IsShown()) {
    return;
  }
  // One marker per place a camera stood: its results there, or none (where it stands now).
  std::map<std::tuple<store::CameraId, double, double>, MapView::Marker> places;
  std::map<store::CameraId, const store::Camera*> byId;
  for (const auto& camera : mCameras) {
    byId[camera.id] = &camera;
    if (camera.retiredAt || camera.locations.empty()) {
      continue;
    }
    const auto& now = camera.locations.back();
    places[{camera.id, now.latitude, now.longitude}] =
        MapView::Marker{{now.latitude, now.longitude}, CameraLabel(camera), 0, camera.id};
  }
  for (const search::Hit& hit : mResults->Hits()) {
    const auto camera = byId.find(hit.camera);
    if (camera == byId.end()) {
      continue;
    }
    const auto where = CameraLocationAt(*camera->second, hit.capturedAt);
    if (!where) {
      continue;
    }
    auto& marker = places[{hit.camera, where->latitude, where->longitude}];
    marker.at = {where->latitude, where->longitude};
    marker.label = CameraLabel(*camera->second);
    marker.camera = hit.camera;
    ++marker.hits;
  }
  std::vector<MapView::Marker> markers;
  for (auto& [key, marker] : places) {
    markers.push_back(std::move(marker));
  }
  mMap->SetMarkers(std::move(markers));
  const auto lat = ParseNumber(mNearLat->GetValue());
  const auto lon = ParseNumber(mNearLon->GetValue());
  const auto km = ParseNumber(mNearKm->GetValue());
  if (lat && lon && km && *lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180 && *km > 0) {
    mMap->SetCircle(MapView::Circle{{*lat, *lon}, *km});
  } else {
    mMap->SetCircle(std::nullopt);
  }
  if (!mMapFitted && mMap->GetClientSize().x > 0) {
    mMap->FitToMarkers();
    mMapFitted = true;
  }
}

void SearchPanel::SetNear(double lat, double lon, double km) {
  mNearLat->ChangeValue(wxString::Format(wxS("%.4f"), lat));  // 11 m: as fine as a map is pointed at
  mNearLon->ChangeValue(wxString::Format(wxS("%.4f"), lon));
  mNearKm->ChangeValue(wxString::Format(wxS("%.3g"), km));
  CheckStale();  // the rows shown are now an earlier search's
  ShowStatus(wxString::Format(_("Near set from the map: within %s km of %.4f, %.4f. Press Search to run it."),
                              wxString::Format(wxS("%.3g"), km), lat, lon));
}

void SearchPanel::RefreshVehicles() {
  if (!mVehiclesPane->IsShown()) {
    return;
  }
  mVehicles->SetGroups(GroupByVehicle(mResults->Hits()));
  mTimeline->SetGroup(nullptr);
  if (mVehicles->GetItemCount() > 0) {
    mVehicles->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                            wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    mTimeline->SetGroup(mVehicles->GroupAt(0));
  }
  mVehiclesPane->Layout();
}

void SearchPanel::ClearForm() {
  mPlate->Clear();
  mOcr->SetValue(true);
  mCandidates->SetValue(true);
  mEdits->SetSelection(0);
  mStates->Clear();
  mUnknownState->SetValue(false);
  mHours->Clear();
  mTime->SetSelection(kLast7d);
  mFrom->Enable(false);
  mTo->Enable(false);
  for (unsigned i = 0; i < mCameraList->GetCount(); ++i) {
    mCameraList->Check(i, false);
  }
  mNearLat->Clear();
  mNearLon->Clear();
  mNearKm->Clear();
  for (ColourSwatch* swatch : mSwatches) {
    swatch->SetSelected(false);
  }
  mMake->SetValue(wxString());
  mModel->SetValue(wxString());
  mBody->SetSelection(0);
  mMinConfidence->SetValue(0);
  UpdatePreview();
}

}  // namespace platedesk::views

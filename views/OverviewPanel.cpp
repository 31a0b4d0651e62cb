// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/OverviewPanel.h"

#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include "platedesk/store/Types.h"

#include <wx/button.h>
#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>

#include <utility>

namespace platedesk::views {
namespace {

constexpr float kTitleScale = 1.5f;
constexpr float kTileValueScale = 2.0f;

// A rounded, lightly bordered card that groups related values; children draw on it.
class Card : public wxPanel {
 public:
  explicit Card(wxWindow* parent) : wxPanel(parent) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &Card::OnPaint, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
      Refresh();
      event.Skip();
    });
  }

 private:
  void OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) {
      return;
    }
    const wxSize size = GetClientSize();
    const bool dark = wxSystemSettings::GetAppearance().IsDark();
    gc->SetBrush(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW)));
    gc->SetPen(wxPen(dark ? wxColour(0x55, 0x55, 0x55) : wxColour(0xd6, 0xd9, 0xde), FromDIP(1)));
    const double radius = FromDIP(8);
    gc->DrawRoundedRectangle(0.5, 0.5, size.x - 1.0, size.y - 1.0, radius);
  }
};

// A card with a title row (icon + bold text) and a sizer for its content.
std::pair<Card*, wxSizer*> MakeCard(wxWindow* parent, std::string_view icon, const wxString& title) {
  auto* card = new Card(parent);
  card->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
  auto* outer = new wxBoxSizer(wxVERTICAL);
  auto* head = new wxBoxSizer(wxHORIZONTAL);
  head->Add(new wxStaticBitmap(card, wxID_ANY, Icon(icon, 20)), 0, wxALIGN_CENTER_VERTICAL);
  auto* label = new wxStaticText(card, wxID_ANY, title);
  label->SetFont(card->GetFont().Bold());
  head->Add(label, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, card->FromDIP(8));
  outer->Add(head, 0, wxLEFT | wxRIGHT | wxTOP, card->FromDIP(14));
  auto* content = new wxBoxSizer(wxVERTICAL);
  outer->Add(content, 1, wxEXPAND | wxALL, card->FromDIP(14));
  card->SetSizer(outer);
  return {card, content};
}

}  // namespace

OverviewPanel::OverviewPanel(wxWindow* parent, const workstation::UserInfo& user, UtcMs sessionStarted,
                             const std::string& where, std::function<void()> onRefresh)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("overviewPanel")),
      mOnRefresh(std::move(onRefresh)) {
  const int gap = FromDIP(16);
  auto* top = new wxBoxSizer(wxVERTICAL);

  // Title row: page name, when the counts were taken, refresh.
  auto* head = new wxBoxSizer(wxHORIZONTAL);
  auto* titles = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Overview"));
  title->SetFont(GetFont().Scaled(kTitleScale).Bold());
  titles->Add(title);
  auto* subtitle = new wxStaticText(this, wxID_ANY, _("Counts of this storage. No plate data is shown here."));
  subtitle->SetForegroundColour(MutedColour());
  titles->Add(subtitle, 0, wxTOP, FromDIP(2));
  head->Add(titles, 1, wxALIGN_CENTER_VERTICAL);
  mUpdated = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxALIGN_RIGHT,
                              wxS("overviewUpdated"));
  mUpdated->SetForegroundColour(MutedColour());
  head->Add(mUpdated, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
  mRefresh = new wxButton(this, wxID_REFRESH, _("&Refresh"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                          wxS("overviewRefresh"));
  mRefresh->SetBitmap(Icon("refresh", 16));
  mRefresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (mOnRefresh) {
      mOnRefresh();
    }
  });
  head->Add(mRefresh, 0, wxALIGN_CENTER_VERTICAL);
  top->Add(head, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

  // Demo and error notes (hidden until needed).
  auto makeNote = [&](std::string_view icon, const wxString& text, wxStaticText** label) {
    auto* row = new wxPanel(this);
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(new wxStaticBitmap(row, wxID_ANY, Icon(icon, 16)), 0, wxALIGN_CENTER_VERTICAL);
    auto* noteText = new wxStaticText(row, wxID_ANY, text);
    sizer->Add(noteText, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
    row->SetSizer(sizer);
    top->Add(row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    row->Hide();
    if (label != nullptr) {
      *label = noteText;
    }
    return row;
  };
  mDemoNote = makeNote("info",
                       _("This is a demo storage: every read, camera and image in it was generated. "
                         "Do not use it for investigations."),
                       nullptr);
  mErrorRow = makeNote("error", wxString(), &mError);
  mError->SetName(wxS("overviewError"));
  mOfflineRow = makeNote("warning", wxString(), &mOffline);
  mOffline->SetName(wxS("overviewOfflineCameras"));
  mFollowUpRow = makeNote("notice", wxString(), &mFollowUp);
  mFollowUp->SetName(wxS("overviewFollowUp"));

  // Tiles: the four counts.
  auto* tiles = new wxGridSizer(1, 4, 0, gap);
  mReads = AddTile(this, tiles, _("Reads"), wxS("overviewReads"));
  mCameras = AddTile(this, tiles, _("Cameras"), wxS("overviewCameras"));
  mImages = AddTile(this, tiles, _("Images"), wxS("overviewImages"));
  mQuarantined = AddTile(this, tiles, _("Quarantined inputs"), wxS("overviewQuarantined"));
  top->Add(tiles, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

  // Reads on record and the session, side by side.
  auto* middle = new wxGridSizer(1, 2, 0, gap);
  {
    auto [card, content] = MakeCard(this, "clock", _("Reads on record"));
    auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(16));
    grid->AddGrowableCol(1, 1);
    mOldest = AddField(card, grid, _("Oldest read"), wxS("overviewOldest"));
    mNewest = AddField(card, grid, _("Newest read"), wxS("overviewNewest"));
    mPeriod = AddField(card, grid, _("Period covered"), wxS("overviewPeriod"));
    content->Add(grid, 1, wxEXPAND);
    middle->Add(card, 1, wxEXPAND);
  }
  {
    auto [card, content] = MakeCard(this, "user", _("Signed in"));
    auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(16));
    grid->AddGrowableCol(1, 1);
    AddField(card, grid, _("Name"), wxS("overviewUser"), ToWx(user.displayName.empty() ? user.name : user.displayName));
    AddField(card, grid, _("User name"), wxS("overviewUserName"), ToWx(user.name));
    AddField(card, grid, _("Role"), wxS("overviewRole"), RoleText(user.role));
    AddField(card, grid, _("Signed in at"), wxS("overviewSince"), FormatLocalTime(sessionStarted));
    mTraining = AddField(card, grid, _("Training"), wxS("overviewTraining"), wxS("\u2026"));
    content->Add(grid, 1, wxEXPAND);
    middle->Add(card, 1, wxEXPAND);
  }
  top->Add(middle, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

  // The storage itself.
  {
    auto [card, content] = MakeCard(this, "storage", _("Storage"));
    auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(16));
    grid->AddGrowableCol(1, 1);
    wxStaticText* folderText = AddField(card, grid, _("Storage"), wxS("overviewFolder"), wxString::FromUTF8(where));
    folderText->SetToolTip(wxString::FromUTF8(where));
    mSize = AddField(card, grid, _("Size on disk"), wxS("overviewSize"));
    mSchema = AddField(card, grid, _("Schema version"), wxS("overviewSchema"));
    mUsers = AddField(card, grid, _("User accounts"), wxS("overviewUsers"));
    mDemo = AddField(card, grid, _("Demo storage"), wxS("overviewDemo"));
    mCameraHealth = AddField(card, grid, _("Cameras"), wxS("overviewCameraHealth"));
    content->Add(grid, 1, wxEXPAND);
    top->Add(card, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  }
  top->AddSpacer(gap);
  SetSizer(top);
  ShowLoading();
}

wxStaticText* OverviewPanel::AddTile(wxWindow* parent, wxSizer* row, const wxString& label, const wxString& name) {
  auto* card = new Card(parent);
  card->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* value =
      new wxStaticText(card, wxID_ANY, wxS("\u2014"), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE, name);
  value->SetFont(card->GetFont().Scaled(kTileValueScale).Bold());
  // Room for "10,000,000" so the layout does not jump when counts arrive.
  value->SetMinSize(wxSize(value->GetTextExtent(wxS("10,000,000")).x, -1));
  sizer->Add(value, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, card->FromDIP(14));
  auto* caption = new wxStaticText(card, wxID_ANY, label);
  caption->SetForegroundColour(MutedColour());
  sizer->AddSpacer(card->FromDIP(2));
  sizer->Add(caption, 0, wxLEFT | wxRIGHT | wxBOTTOM, card->FromDIP(14));
  card->SetSizer(sizer);
  row->Add(card, 1, wxEXPAND);
  return value;
}

wxStaticText* OverviewPanel::AddField(wxWindow* parent, wxSizer* grid, const wxString& label, const wxString& name,
                                      const wxString& value) {
  auto* caption = new wxStaticText(parent, wxID_ANY, label);
  caption->SetForegroundColour(MutedColour());
  grid->Add(caption, 0, wxALIGN_CENTER_VERTICAL);
  auto* text = new wxStaticText(parent, wxID_ANY, value.empty() ? wxString(wxS("\u2014")) : value, wxDefaultPosition,
                                wxDefaultSize, wxST_ELLIPSIZE_MIDDLE, name);
  grid->Add(text, 1, wxEXPAND | wxALIGN_CENTER_VERTICAL);
  return text;
}

void OverviewPanel::ShowLoading() {
  mUpdated->SetLabel(_("Counting") + wxS("\u2026"));
  mRefresh->Disable();
  Layout();
}

void OverviewPanel::ShowOverview(const workstation::Overview& overview, UtcMs fetchedAt) {
  mReads->SetLabel(FormatCount(overview.reads));
  mCameras->SetLabel(FormatCount(overview.cameras));
  mImages->SetLabel(FormatCount(overview.images));
  mQuarantined->SetLabel(FormatCount(overview.quarantined));
  mOldest->SetLabel(FormatLocalTime(overview.oldestRead));
  mNewest->SetLabel(FormatLocalTime(overview.newestRead));
  mPeriod->SetLabel(overview.oldestRead && overview.newestRead
                        ? FormatDuration(*overview.newestRead - *overview.oldestRead)
                        : wxString(wxS("\u2014")));
  mSize->SetLabel(FormatSize(overview.sizeBytes));
  mSchema->SetLabel(wxString::Format(wxS("%d"), overview.schemaVersion));
  mUsers->SetLabel(FormatCount(overview.users));
  mDemo->SetLabel(overview.demo ? _("Yes, generated sample data") : _("No"));
  mDemoNote->Show(overview.demo);
  mCameraHealth->SetLabel(wxString::Format(_("%s online, %s offline, %s never heard by a storage server"),
                                           FormatCount(overview.camerasOnline), FormatCount(overview.camerasOffline),
                                           FormatCount(overview.camerasNeverHeard)));
  wxString offline;
  for (const auto& period : overview.offlineCameras) {
    if (!offline.empty()) {
      offline += wxS("; ");
    }
    offline += wxString::Format(_("%s since %s"), ToWx(period.name.empty() ? period.externalId : period.name),
                                FormatLocalTime(period.from));
  }
  mOffline->SetLabel(_("Offline cameras (no read or heartbeat): ") + offline);
  mOfflineRow->Show(!overview.offlineCameras.empty());
  mErrorRow->Hide();
  mUpdated->SetLabel(wxString::Format(_("Updated %s"), FormatLocalTime(fetchedAt)));
  mRefresh->Enable();
  Layout();
}

void OverviewPanel::ShowAccount(const workstation::UserSummary& account, UtcMs now) {
  // Short enough for the card; the tooltip says what to do.
  wxString text;
  wxString tip;
  bool problem = false;
  if (!account.trainingCompleted) {
    text = _("none recorded");
    if (account.role != store::Role::Administrator) {
      text += _(" (no plate data)");
      tip = _("Plate data stays closed until an administrator records your LPR training.");
      problem = true;
    }
  } else if (account.trainingExpires && *account.trainingExpires <= now) {
    text = wxString::Format(_("expired %s"), ToWx(FormatDate(*account.trainingExpires)));
    tip = _("Plate data stays closed until an administrator records your refresher training.");
    problem = true;
  } else if (account.trainingExpires) {
    text = wxString::Format(_("current until %s"), ToWx(FormatDate(*account.trainingExpires)));
    tip = wxString::Format(_("Completed %s."), ToWx(FormatDate(*account.trainingCompleted)));
    if (*account.trainingExpires - now < 30 * kMsPerDay) {
      tip += _(" It runs out within a month: ask an administrator about the refresher.");
      problem = true;
    }
  } else {
    text = wxString::Format(_("completed %s"), ToWx(FormatDate(*account.trainingCompleted)));
  }
  mTraining->SetLabel(text);
  mTraining->SetToolTip(tip);
  mTraining->SetForegroundColour(problem ? ErrorColour() : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  Layout();
}

void OverviewPanel::ShowFollowUp(const wxString& text) {
  mFollowUp->SetLabel(text);
  mFollowUpRow->Show(!text.empty());
  Layout();
}

void OverviewPanel::ShowError(const wxString& text) {
  mError->SetLabel(text);
  mErrorRow->Show();
  mUpdated->SetLabel(wxString());
  mRefresh->Enable();
  Layout();
}

}  // namespace platedesk::views

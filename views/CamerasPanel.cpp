// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/CamerasPanel.h"

#include "views/FormDialog.h"
#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/listctrl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <charconv>
#include <utility>

namespace platedesk::views {
namespace {

using Action = workstation::CameraChange::Action;

constexpr int kHealthHours = 24;
const store::CameraKind kKinds[] = {store::CameraKind::Fixed, store::CameraKind::Mobile, store::CameraKind::Portable};

wxString KindText(store::CameraKind kind) {
  switch (kind) {
    case store::CameraKind::Fixed:
      return _("fixed");
    case store::CameraKind::Mobile:
      return _("mobile");
    case store::CameraKind::Portable:
      return _("portable");
  }
  return {};
}

std::vector<wxString> KindChoices() {
  std::vector<wxString> out;
  for (auto k : kKinds) out.push_back(KindText(k));
  return out;
}

const store::CameraLocation* Current(const store::Camera& c) {
  for (const auto& l : c.locations)
    if (!l.to) return &l;
  return nullptr;
}

std::optional<double> Degrees(const std::string& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// A place from the form's latitude, longitude, address and "since" (empty: now).
Result<store::CameraLocation> PlaceFrom(const std::string& lat, const std::string& lon, const std::string& address,
                                        const std::string& since) {
  const auto latitude = Degrees(lat);
  const auto longitude = Degrees(lon);
  if (!latitude || !longitude)
    return Fail(ErrorCode::InvalidArgument, "latitude and longitude are decimal degrees, e.g. 47.6905 and -122.3447");
  store::CameraLocation l;
  l.latitude = *latitude;
  l.longitude = *longitude;
  l.address = address;
  if (!since.empty()) {
    auto from = ParseIso8601(since);
    if (!from) return Fail(ErrorCode::InvalidArgument, "\"Since\" is a date or time such as 2026-12-01T08:00Z");
    l.from = *from;
  }
  return l;
}

}  // namespace

CamerasPanel::CamerasPanel(wxWindow* parent, workstation::Session& session, const Clock& clock)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("camerasPanel")),
      mSession(session),
      mClock(clock) {
  const int gap = FromDIP(12);
  auto* outer = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Camera register"));
  title->SetFont(GetFont().Scaled(1.2f).Bold());
  outer->Add(title, 0, wxLEFT | wxRIGHT | wxTOP, gap);
  auto* note = new wxStaticText(
      this, wxID_ANY,
      _("Every camera whose reads the storage holds: its kind sets how long its reads are kept; a move keeps the old "
        "place in the history, so a read's place is where its camera stood when it was taken. Every change is "
        "recorded."));
  note->SetForegroundColour(MutedColour());
  note->Wrap(FromDIP(900));
  outer->Add(note, 0, wxLEFT | wxRIGHT | wxTOP, gap);

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  auto button = [&](const wxString& label, const wxString& name) {
    auto* b = new wxButton(this, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, name);
    buttons->Add(b, 0, wxRIGHT, FromDIP(6));
    return b;
  };
  auto* add = button(_("&Add camera") + wxS("\u2026"), wxS("camerasAdd"));
  mRename = button(_("Re&name") + wxS("\u2026"), wxS("camerasRename"));
  mMove = button(_("&Move") + wxS("\u2026"), wxS("camerasMove"));
  mKind = button(_("&Kind") + wxS("\u2026"), wxS("camerasKind"));
  mRetire = button(_("&Retire") + wxS("\u2026"), wxS("camerasRetire"));
  auto* refresh = button(_("Refresh"), wxS("camerasRefresh"));
  refresh->SetBitmap(Icon("refresh", 16));
  mRetired = new wxCheckBox(this, wxID_ANY, _("Show retired"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("camerasRetired"));
  buttons->AddStretchSpacer();
  buttons->Add(mRetired, 0, wxALIGN_CENTER_VERTICAL);
  outer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  mMessage = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                              wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END, wxS("camerasMessage"));
  outer->Add(mMessage, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

  mList = ReportList(this, wxS("camerasList"),
                     {{_("Camera id"), 130},
                      {_("Name"), 220},
                      {_("Kind"), 70},
                      {_("Service"), 90},
                      {_("Health (24 h)"), 150},
                      {_("Stands at"), 260},
                      {_("Since"), 175},
                      {_("Moves"), 55}});
  outer->Add(mList, 3, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  auto* historyTitle = new wxStaticText(this, wxID_ANY, _("Location history of the selected camera"));
  historyTitle->SetFont(GetFont().Bold());
  outer->Add(historyTitle, 0, wxLEFT | wxRIGHT | wxTOP, gap);
  mHistory =
      ReportList(this, wxS("camerasHistory"),
                 {{_("From"), 175}, {_("To"), 175}, {_("Place"), 300}, {_("Latitude"), 90}, {_("Longitude"), 90}});
  outer->Add(mHistory, 2, wxEXPAND | wxALL, gap);
  SetSizer(outer);

  add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (FormDialog* d = MakeDialog(Action::Add)) {
      d->ShowModal();
      d->Destroy();
    }
  });
  for (auto [b, action] : {std::pair{mRename, Action::Rename}, std::pair{mMove, Action::Move},
                           std::pair{mKind, Action::SetKind}, std::pair{mRetire, Action::Retire}})
    b->Bind(wxEVT_BUTTON, [this, action = action](wxCommandEvent&) {
      if (FormDialog* d = MakeDialog(action)) {
        d->ShowModal();
        d->Destroy();
      }
    });
  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Reload(); });
  mRetired->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { Show(); });
  mList->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) {
    ShowHistory();
    UpdateButtons();
  });
  mList->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) {
    ShowHistory();
    UpdateButtons();
  });
  Reload();
}

void CamerasPanel::Reload() {
  auto cameras = mSession.Cameras();
  if (!cameras) {
    ShowMessage(ErrorText(cameras.Err()), true);
    return;
  }
  mCameras = std::move(*cameras);
  // Health is the storage server's view; a folder no server has held reports "never heard".
  auto health = mSession.CameraHealthList(kHealthHours);
  mHealth = health ? std::move(*health) : std::vector<store::CameraHealth>{};
  Show();
}

void CamerasPanel::Show() {
  const std::string selected = Selected() != nullptr ? Selected()->externalId : std::string();
  mListed.clear();
  for (const auto& c : mCameras)
    if (!c.retiredAt || mRetired->GetValue()) mListed.push_back(c);
  mList->Freeze();
  mList->DeleteAllItems();
  std::size_t retired = 0;
  for (const auto& c : mCameras) retired += c.retiredAt ? 1 : 0;
  for (const auto& c : mListed) {
    wxString health = _("never heard");
    for (const auto& h : mHealth)
      if (h.camera == c.id && h.lastHeard)
        health = h.online ? wxString::Format(_("online, %s"), FormatLocalMinute(*h.lastHeard))
                          : wxString::Format(_("offline since %s"), FormatLocalMinute(*h.lastHeard));
    const auto* here = Current(c);
    AppendRow(mList, {ToWx(c.externalId), ToWx(c.name), KindText(c.kind),
                      c.retiredAt ? wxString::Format(_("retired %s"), ToWx(FormatDate(*c.retiredAt))) : _("in service"),
                      health, here ? ToWx(here->address) : wxString(wxS("\u2014")),
                      here ? FormatLocalMinute(here->from) : wxString(),
                      FormatCount(static_cast<std::int64_t>(c.locations.empty() ? 0 : c.locations.size() - 1))});
    if (c.retiredAt) mList->SetItemTextColour(mList->GetItemCount() - 1, MutedColour());
  }
  mList->Thaw();
  if (!selected.empty()) SelectCamera(selected);
  ShowHistory();
  UpdateButtons();
  if (mMessage->GetLabel().empty())
    ShowMessage(wxString::Format(_("%s cameras in service, %s retired."),
                                 FormatCount(static_cast<std::int64_t>(mCameras.size() - retired)),
                                 FormatCount(static_cast<std::int64_t>(retired))),
                false);
}

void CamerasPanel::ShowHistory() {
  mHistory->DeleteAllItems();
  const store::Camera* c = Selected();
  if (c == nullptr) return;
  for (auto it = c->locations.rbegin(); it != c->locations.rend(); ++it)  // newest first
    AppendRow(mHistory, {FormatLocalMinute(it->from), it->to ? FormatLocalMinute(*it->to) : _("now"), ToWx(it->address),
                         wxString::Format(wxS("%.5f"), it->latitude), wxString::Format(wxS("%.5f"), it->longitude)});
}

bool CamerasPanel::SelectCamera(const std::string& externalId) {
  for (std::size_t i = 0; i < mListed.size(); ++i)
    if (mListed[i].externalId == externalId) {
      mList->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                          wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
      mList->EnsureVisible(static_cast<long>(i));
      ShowHistory();
      UpdateButtons();
      return true;
    }
  return false;
}

const store::Camera* CamerasPanel::Selected() const {
  const long row = mList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= mListed.size()) return nullptr;
  return &mListed[static_cast<std::size_t>(row)];
}

void CamerasPanel::UpdateButtons() {
  const store::Camera* c = Selected();
  const bool changeable = c != nullptr && !c->retiredAt;
  const wxString why = c == nullptr ? _("Select a camera first.")
                                    : (c->retiredAt ? _("A retired camera's record stays as it was.") : wxString());
  for (wxButton* b : {mRename, mMove, mKind, mRetire}) {
    b->Enable(changeable);
    b->SetToolTip(why);
  }
}

void CamerasPanel::ShowMessage(const wxString& text, bool problem) {
  mMessage->SetForegroundColour(problem ? ErrorColour() : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  mMessage->SetLabel(text);
  mMessage->SetToolTip(text);
}

Status CamerasPanel::Apply(const workstation::CameraChange& change) {
  auto changed = mSession.ChangeCamera(change);
  if (!changed) return changed.Err();
  wxString done;
  switch (change.action) {
    case Action::Add:
      done = _("Camera %s added.");
      break;
    case Action::Rename:
      done = _("Camera %s renamed.");
      break;
    case Action::Move:
      done = _("Camera %s moved; its earlier place stays in its history.");
      break;
    case Action::SetKind:
      done = _("Camera %s is now ") + KindText(changed->kind) + wxS(".");
      break;
    case Action::Retire:
      done = _("Camera %s retired; it is listed under \"Show retired\".");
      break;
  }
  ShowMessage(wxString::Format(done, ToWx(changed->externalId)), false);
  const std::string id = changed->externalId;
  Reload();
  if (change.action == Action::Retire && !mRetired->GetValue()) return {};
  SelectCamera(id);
  return {};
}

FormDialog* CamerasPanel::MakeDialog(Action action) {
  const store::Camera* c = Selected();
  if (action != Action::Add && c == nullptr) {
    ShowMessage(_("Select a camera first."), true);
    return nullptr;
  }
  const std::string id = c != nullptr ? c->externalId : std::string();
  workstation::CameraChange base;
  base.action = action;
  base.externalId = id;
  const wxString since = _("now, or e.g. 2026-12-01T08:00Z");
  switch (action) {
    case Action::Add:
      return new FormDialog(
          this, _("Add a camera"),
          _("The camera id is what its reads carry (an OpenALPR camera id, an agent's uid/N). The place is optional "
            "for a mobile camera."),
          {{wxS("cameraId"), _("Camera id"), _("e.g. 1414799424 or agent-7/2")},
           {wxS("cameraName"), _("Name"), _("e.g. Aurora Ave N & N 85th St")},
           {wxS("cameraKind"), _("Kind"), {}, true, false, KindChoices()},
           {wxS("cameraLat"), _("Latitude"), _("decimal degrees"), false},
           {wxS("cameraLon"), _("Longitude"), _("decimal degrees"), false},
           {wxS("cameraAddress"), _("Place"), _("the place in words"), false},
           {wxS("cameraSince"), _("Since"), since, false}},
          [this, base](const std::vector<std::string>& v) -> Status {
            workstation::CameraChange change = base;
            change.externalId = v[0];
            change.name = v[1];
            const std::size_t kind = v[2].empty() ? 0 : static_cast<std::size_t>(v[2][0] - '0');
            change.kind = kKinds[kind < 3 ? kind : 0];
            if (!v[3].empty() || !v[4].empty()) {
              auto place = PlaceFrom(v[3], v[4], v[5], v[6]);
              if (!place) return place.Err();
              change.location = *place;
            }
            return Apply(change);
          },
          _("Add camera"));
    case Action::Rename:
      return new FormDialog(
          this, _("Rename camera"), wxString::Format(_("The new name of camera %s."), ToWx(id)),
          {{wxS("cameraName"), _("Name"), {}, true, false, {}, false, ToWx(c->name)}},
          [this, base](const std::vector<std::string>& v) {
            workstation::CameraChange change = base;
            change.name = v[0];
            return Apply(change);
          },
          _("Rename"));
    case Action::Move:
      return new FormDialog(
          this, _("Move camera"),
          wxString::Format(_("Where camera %s stands from now on (or from the time given). Its current place is "
                             "closed there and stays in its history."),
                           ToWx(id)),
          {{wxS("cameraLat"), _("Latitude"), _("decimal degrees")},
           {wxS("cameraLon"), _("Longitude"), _("decimal degrees")},
           {wxS("cameraAddress"), _("Place"), _("the place in words")},
           {wxS("cameraSince"), _("Since"), since, false}},
          [this, base](const std::vector<std::string>& v) -> Status {
            auto place = PlaceFrom(v[0], v[1], v[2], v[3]);
            if (!place) return place.Err();
            workstation::CameraChange change = base;
            change.location = *place;
            return Apply(change);
          },
          _("Move"));
    case Action::SetKind:
      return new FormDialog(
          this, _("Camera kind"),
          wxString::Format(_("The kind of camera %s sets how long its reads are kept (from the next purge)."),
                           ToWx(id)),
          {{wxS("cameraKind"), _("Kind"), {}, true, false, KindChoices(), false, KindText(c->kind)}},
          [this, base](const std::vector<std::string>& v) {
            workstation::CameraChange change = base;
            const std::size_t kind = v[0].empty() ? 0 : static_cast<std::size_t>(v[0][0] - '0');
            change.kind = kKinds[kind < 3 ? kind : 0];
            return Apply(change);
          },
          _("Set kind"));
    case Action::Retire:
      return new FormDialog(
          this, _("Retire camera"),
          wxString::Format(_("Camera %s leaves service: its current place is closed and it stays listed with its "
                             "history. Its reads stay until retention deletes them."),
                           ToWx(id)),
          {{wxS("cameraSince"), _("Retired at"), since, false}},
          [this, base](const std::vector<std::string>& v) -> Status {
            workstation::CameraChange change = base;
            if (!v[0].empty()) {
              auto at = ParseIso8601(v[0]);
              if (!at) return Fail(ErrorCode::InvalidArgument, "\"Retired at\" is a date or time");
              change.at = *at;
            }
            return Apply(change);
          },
          _("Retire"));
  }
  return nullptr;
}

}  // namespace platedesk::views

// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ScenesDialog.h"

#include "views/support/ErrorText.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/listctrl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <charconv>
#include <set>

namespace platedesk::views {
namespace {

constexpr std::size_t kMaxScenes = 5;

}  // namespace

ScenesDialog::ScenesDialog(wxWindow* parent, std::shared_ptr<workstation::Session> session,
                           std::vector<store::Camera> cameras, const Clock& clock, AsyncJobs& jobs,
                           std::function<std::optional<workstation::AccessContext>()> context,
                           std::function<void(const workstation::AccessContext&, const search::Hit&)> open)
    : wxDialog(parent, wxID_ANY, _("Multi-scene search"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("scenesDialog")),
      mSession(std::move(session)),
      mCameras(std::move(cameras)),
      mJobs(jobs),
      mContext(std::move(context)),
      mOpen(std::move(open)) {
  const int gap = FromDIP(10);
  auto* outer = new wxBoxSizer(wxVERTICAL);
  outer->Add(Muted(this,
                   _("Which vehicles were at at least some of these places and times? Each scene is one or more "
                     "cameras and a time range. It runs under the case, purpose and justification of the Search "
                     "page. A multi-scene search is a broad search: it runs only under a supervisor's approval of "
                     "exactly this query."),
                   FromDIP(640)),
             0, wxALL, gap);

  // A scene: cameras and a range.
  auto* scene = new wxBoxSizer(wxHORIZONTAL);
  wxArrayString names;
  for (const auto& c : mCameras) names.Add(CameraLabel(c));
  mCameraList = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(300, 110)), names, 0,
                                   wxDefaultValidator, wxS("scenesCameras"));
  scene->Add(mCameraList, 1, wxEXPAND);
  auto* times = new wxFlexGridSizer(2, FromDIP(4), FromDIP(6));
  const wxDateTime today = wxDateTime(wxLongLong(clock.Now())).GetDateOnly();
  auto timeField = [&](const wxString& label, const wxString& initial, const wxString& name) {
    times->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
    auto* t = new wxTextCtrl(this, wxID_ANY, initial, wxDefaultPosition, FromDIP(wxSize(150, -1)), 0,
                             wxDefaultValidator, name);
    t->SetHint(_("YYYY-MM-DD HH:MM"));
    times->Add(t, 0);
    return t;
  };
  const wxString zone = LocalZoneName(clock.Now());
  mFrom = timeField(wxString::Format(_("From (%s)"), zone), today.Format(wxS("%Y-%m-%d")), wxS("scenesFrom"));
  mTo = timeField(wxString::Format(_("To (%s)"), zone), today.Format(wxS("%Y-%m-%d")), wxS("scenesTo"));
  auto* add = new wxButton(this, wxID_ANY, _("Add scene"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                           wxS("scenesAdd"));
  add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { AddScene(); });
  times->AddSpacer(0);
  times->Add(add, 0, wxTOP, FromDIP(4));
  scene->Add(times, 0, wxLEFT, gap);
  outer->Add(scene, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);

  // The scenes so far.
  mSceneList =
      ReportList(this, wxS("scenesList"), {{_("Scene"), 60}, {_("Cameras"), 280}, {_("From"), 175}, {_("To"), 175}});
  mSceneList->SetMinSize(FromDIP(wxSize(-1, 110)));
  outer->Add(mSceneList, 0, wxEXPAND | wxALL, gap);
  auto* options = new wxBoxSizer(wxHORIZONTAL);
  auto* remove = new wxButton(this, wxID_ANY, _("Remove scene"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, wxS("scenesRemove"));
  remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const long row = mSceneList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row >= 0 && static_cast<std::size_t>(row) < mScenes.size()) {
      mScenes.erase(mScenes.begin() + row);
      ShowScenes();
    }
  });
  options->Add(remove, 0, wxALIGN_CENTER_VERTICAL);
  options->Add(new wxStaticText(this, wxID_ANY, _("Seen at least at")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
  mMin = new wxSpinCtrl(this, wxID_ANY, wxS("2"), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 2, 5, 2,
                        wxS("scenesMin"));
  options->Add(mMin, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(4));
  options->Add(new wxStaticText(this, wxID_ANY, _("scenes; plate")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(4));
  mPlate = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(120, -1)), 0,
                          wxDefaultValidator, wxS("scenesPlate"));
  mPlate->SetHint(_("any vehicle"));
  options->Add(mPlate, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(4));
  options->Add(new wxStaticText(this, wxID_ANY, _("Approval no.")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
  mApproval = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(70, -1)), 0,
                             wxDefaultValidator, wxS("scenesApproval"));
  mApproval->SetToolTip(_("The number of the supervisor's approval of this exact query (Approvals page)."));
  options->Add(mApproval, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(4));
  outer->Add(options, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);

  auto* actions = new wxBoxSizer(wxHORIZONTAL);
  mStatus = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("scenesStatus"));
  actions->Add(mStatus, 1, wxALIGN_CENTER_VERTICAL);
  mRequest = new wxButton(this, wxID_ANY, _("Request approval..."), wxDefaultPosition, wxDefaultSize, 0,
                          wxDefaultValidator, wxS("scenesRequest"));
  mRequest->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { RequestApproval(); });
  mRequest->Hide();
  actions->Add(mRequest, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
  mRun = new wxButton(this, wxID_ANY, _("Search"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                      wxS("scenesRun"));
  mRun->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Run(); });
  actions->Add(mRun, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
  outer->Add(actions, 0, wxEXPAND | wxALL, gap);

  mResults = ReportList(
      this, wxS("scenesResults"),
      {{_("Plate"), 110}, {_("Scenes"), 90}, {_("Sightings"), 80}, {_("First seen"), 170}, {_("Last seen"), 170}});
  mResults->SetMinSize(FromDIP(wxSize(-1, 160)));
  mResults->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
    const long row = event.GetIndex();
    if (mRanUnder && mOpen && row >= 0 && static_cast<std::size_t>(row) < mVehicles.size() &&
        !mVehicles[static_cast<std::size_t>(row)].sightings.empty()) {
      mOpen(*mRanUnder, mVehicles[static_cast<std::size_t>(row)].sightings.front().second);
    }
  });
  outer->Add(mResults, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
  SetSizerAndFit(outer);
  ShowStatus(_("Add two to five scenes, then search."));
}

bool ScenesDialog::AddScene() {
  if (mScenes.size() >= kMaxScenes) {
    ShowStatus(_("At most five scenes."), true);
    return false;
  }
  search::Scene s;
  for (unsigned i = 0; i < mCameraList->GetCount(); ++i) {
    if (mCameraList->IsChecked(i)) s.cameras.push_back(mCameras[i].id);
  }
  const auto from = ParseLocalTime(mFrom->GetValue(), false);
  const auto to = ParseLocalTime(mTo->GetValue(), true);
  if (s.cameras.empty()) {
    ShowStatus(_("Tick the cameras of the scene."), true);
    return false;
  }
  if (!from || !to) {
    ShowStatus(_("Write the times as 2025-11-10 or 2025-11-10 08:30."), true);
    return false;
  }
  if (*to <= *from) {
    ShowStatus(_("The scene's range ends before it starts."), true);
    return false;
  }
  s.from = *from;
  s.to = *to;
  mScenes.push_back(std::move(s));
  for (unsigned i = 0; i < mCameraList->GetCount(); ++i) mCameraList->Check(i, false);
  ShowScenes();
  return true;
}

void ScenesDialog::ShowScenes() {
  mSceneList->DeleteAllItems();
  for (std::size_t i = 0; i < mScenes.size(); ++i) {
    wxString where;
    for (const auto id : mScenes[i].cameras) {
      const auto it =
          std::find_if(mCameras.begin(), mCameras.end(), [&](const store::Camera& c) { return c.id == id; });
      where += (where.empty() ? wxString() : wxString(wxS(", "))) +
               (it == mCameras.end() ? wxString::Format(wxS("%lld"), static_cast<long long>(id)) : CameraLabel(*it));
    }
    AppendRow(mSceneList, {wxString::Format(wxS("%zu"), i + 1), where, FormatLocalMinute(mScenes[i].from),
                           FormatLocalMinute(mScenes[i].to)});
  }
  mMin->SetRange(2, static_cast<int>(std::max<std::size_t>(mScenes.size(), 2)));
  ShowStatus(mScenes.size() < 2 ? _("Add at least two scenes.") : _("Ready: press Search."));
}

Result<search::MultiSceneQuery> ScenesDialog::BuildQuery() const {
  if (mScenes.size() < 2) return Fail(ErrorCode::InvalidArgument, "add at least two scenes");
  search::MultiSceneQuery q;
  q.scenes = mScenes;
  q.minScenes = std::min(mMin->GetValue(), static_cast<int>(mScenes.size()));
  if (const wxString plate = Trimmed(mPlate->GetValue()); !plate.empty()) q.plate = FromWx(plate);
  return q;
}

bool ScenesDialog::Run() {
  if (mBusy) return false;
  auto context = mContext ? mContext() : std::nullopt;
  if (!context) {
    ShowStatus(_("Fill in the case, purpose and justification on the Search page first."), true);
    return false;
  }
  auto query = BuildQuery();
  if (!query) {
    ShowStatus(ToWx(query.Err().message) + wxS("."), true);
    return false;
  }
  if (const std::string approval = FromWx(Trimmed(mApproval->GetValue())); !approval.empty()) {
    long long id = 0;
    const auto [end, ec] = std::from_chars(approval.data(), approval.data() + approval.size(), id);
    if (ec != std::errc() || end != approval.data() + approval.size() || id <= 0) {
      ShowStatus(_("The approval number is a whole number (Approvals page)."), true);
      return false;
    }
    context->approval = id;
  }
  SetBusy(true);
  ShowStatus(_("Searching") + wxS("\u2026"));
  auto session = mSession;
  RunAsync(
      mJobs, this,
      [session, context = *context, query = *query](std::stop_token stop) {
        return session->MultiScene(context, query, stop);
      },
      [this, context = *context, query = *query](Result<std::vector<search::SceneVehicle>> found) {
        SetBusy(false);
        mVehicles.clear();
        mResults->DeleteAllItems();
        if (!found) {
          const Error& e = found.Err();
          if (e.detail == ErrorDetail::ApprovalNeeded && context.approval == 0) {
            mRefused = std::make_pair(context, query);
            mRequest->Show();
            Layout();
          }
          LogError(e, Activity::DataAccess);
          ShowStatus(ErrorText(e, Activity::DataAccess), true);
          return;
        }
        mRanUnder = context;
        mVehicles = std::move(*found);
        for (const auto& v : mVehicles) {
          wxString scenes;
          for (const int s : v.scenes)
            scenes += (scenes.empty() ? wxString() : wxString(wxS(", "))) + wxString::Format(wxS("%d"), s + 1);
          UtcMs first = v.sightings.empty() ? 0 : v.sightings.front().second.capturedAt;
          UtcMs last = first;
          for (const auto& [scene, hit] : v.sightings) {
            first = std::min(first, hit.capturedAt);
            last = std::max(last, hit.capturedAt);
          }
          AppendRow(mResults, {ToWx(v.plate), scenes, FormatCount(static_cast<std::int64_t>(v.sightings.size())),
                               FormatLocalMinute(first), FormatLocalMinute(last)});
        }
        ShowStatus(wxString::Format(wxPLURAL("%zu vehicle was seen at %d or more of the scenes.",
                                             "%zu vehicles were seen at %d or more of the scenes.",
                                             static_cast<unsigned long>(mVehicles.size())),
                                    mVehicles.size(), query.minScenes));
      });
  return true;
}

bool ScenesDialog::RequestApproval() {
  if (!mRefused || mBusy) return false;
  SetBusy(true);
  ShowStatus(_("Sending the request for approval") + wxS("\u2026"));
  auto session = mSession;
  workstation::ApprovalSubject subject{std::nullopt, 0, mRefused->second};
  RunAsync(
      mJobs, this,
      [session, context = mRefused->first, subject](std::stop_token) {
        return session->RequestApproval(context, subject);
      },
      [this](Result<store::SearchApproval> made) {
        SetBusy(false);
        if (!made) {
          LogError(made.Err(), Activity::DataAccess);
          ShowStatus(ErrorText(made.Err(), Activity::DataAccess), true);
          return;
        }
        mRefused.reset();
        mRequest->Hide();
        Layout();
        mApproval->ChangeValue(wxString::Format(wxS("%lld"), static_cast<long long>(made->id)));
        ShowStatus(wxString::Format(_("Approval request %lld sent: once a supervisor approves it, press Search "
                                      "again (its number is filled in)."),
                                    static_cast<long long>(made->id)));
      });
  return true;
}

void ScenesDialog::SetBusy(bool busy) {
  mBusy = busy;
  mRun->Enable(!busy);
  mRequest->Enable(!busy);
}

void ScenesDialog::ShowStatus(const wxString& text, bool problem) {
  mStatus->SetLabel(text);
  mStatus->SetForegroundColour(problem ? ErrorColour() : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  mStatus->Wrap(FromDIP(460));
  Layout();
}

wxString ScenesDialog::StatusText() const { return mStatus->GetLabel(); }

}  // namespace platedesk::views

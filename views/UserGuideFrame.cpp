// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/UserGuideFrame.h"

#include "views/support/Icons.h"
#include "views/support/ImageDecode.h"

#include <wx/filename.h>
#include <wx/html/htmlwin.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/stdpaths.h>
#include <wx/utils.h>

namespace platedesk::views {
namespace {

// Links that leave the guide (a web page, a mail address) go to the user's browser; the guide's
// own anchors and pages stay here.
class GuidePage : public wxHtmlWindow {
 public:
  explicit GuidePage(wxWindow* parent)
      : wxHtmlWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxHW_SCROLLBAR_AUTO, wxS("userGuidePage")) {}

 protected:
  wxHtmlOpeningStatus OnOpeningURL(wxHtmlURLType type, const wxString& url, wxString* redirect) const override {
    if (type == wxHTML_URL_PAGE &&
        (url.StartsWith(wxS("http://")) || url.StartsWith(wxS("https://")) || url.StartsWith(wxS("mailto:")))) {
      wxLaunchDefaultBrowser(url);
      return wxHTML_BLOCK;
    }
    return wxHtmlWindow::OnOpeningURL(type, url, redirect);
  }
};

}  // namespace

std::optional<wxString> UserGuideFile() {
  std::vector<wxString> candidates;
  wxFileName beside(wxStandardPaths::Get().GetExecutablePath());
  beside.RemoveLastDir();
  beside.AppendDir(wxS("share"));
  beside.AppendDir(wxS("doc"));
  beside.AppendDir(wxS("platedesk"));
  beside.SetFullName(wxS("user-guide.html"));
  candidates.push_back(beside.GetFullPath());
#ifdef PLATEDESK_BUILD_GUIDE
  candidates.push_back(wxString::FromUTF8(PLATEDESK_BUILD_GUIDE));
#endif
  for (const wxString& c : candidates) {
    if (wxFileName::FileExists(c)) {
      return c;
    }
  }
  return std::nullopt;
}

UserGuideFrame::UserGuideFrame(wxWindow* parent)
    : wxFrame(parent, wxID_ANY, _("PlateDesk user guide"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_FRAME_STYLE,
              wxS("userGuide")) {
  SetIcons(AppIcons());
  EnsureImageHandlers();  // the guide's screenshots (an auditor's window has loaded no image yet)
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  if (const auto file = UserGuideFile()) {
    mPage = new GuidePage(this);
    mPage->LoadFile(wxFileName(*file));
    sizer->Add(mPage, 1, wxEXPAND);
  } else {
    auto* missing = new wxStaticText(
        this, wxID_ANY,
        _("The user guide is not installed with this copy of PlateDesk (share/doc/platedesk/user-guide.html beside "
          "the program folder). It is docs/user-guide.md in the source."),
        wxDefaultPosition, wxDefaultSize, 0, wxS("userGuideMissing"));
    missing->Wrap(FromDIP(480));
    sizer->Add(missing, 1, wxALL, FromDIP(16));
  }
  SetSizer(sizer);
  SetSize(FromDIP(wxSize(900, 700)));
  CentreOnParent();
}

}  // namespace platedesk::views

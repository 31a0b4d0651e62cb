// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlateDeskApp.h"

wxIMPLEMENT_APP(platedesk::app::PlateDeskApp);

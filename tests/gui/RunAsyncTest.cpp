// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiTestSupport.h"
#include "views/support/RunAsync.h"

#include <boost/test/unit_test.hpp>
#include <wx/frame.h>
#include <wx/toplevel.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace platedesk::views {

using platedesk::tests::PumpFor;
using platedesk::tests::PumpUntil;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(RunAsyncTest)

BOOST_AUTO_TEST_CASE(RunsTheJobOnAWorkerAndDeliversTheResultOnTheGuiThread) {
  auto* frame = new wxFrame(nullptr, wxID_ANY, wxS("RunAsync"));
  AsyncJobs jobs;
  bool delivered = false;
  bool deliveredOnGuiThread = false;
  std::thread::id workerThread;
  RunAsync(
      jobs, frame, [](std::stop_token) { return std::this_thread::get_id(); },
      [&](std::thread::id id) {
        delivered = true;
        deliveredOnGuiThread = wxThread::IsMain();
        workerThread = id;
      });
  BOOST_TEST(PumpUntil([&] { return delivered; }));
  BOOST_TEST(deliveredOnGuiThread);
  BOOST_TEST((workerThread != std::this_thread::get_id()));
  frame->Destroy();
  BOOST_TEST(PumpUntil([] { return wxTopLevelWindows.empty(); }));
}

BOOST_AUTO_TEST_CASE(DropsTheResultWhenTheWindowIsDestroyedFirst) {
  AsyncJobs jobs;  // outlives the window on purpose
  auto* frame = new wxFrame(nullptr, wxID_ANY, wxS("RunAsync"));
  std::atomic<bool> release = false;
  bool delivered = false;
  RunAsync(
      jobs, frame,
      [&release](std::stop_token) {
        while (!release.load()) {
          std::this_thread::sleep_for(1ms);
        }
        return 42;
      },
      [&](int) { delivered = true; });
  frame->Destroy();
  BOOST_TEST(PumpUntil([] { return wxTopLevelWindows.empty(); }));
  release = true;
  BOOST_TEST(PumpUntil([&] { return jobs.Running() == 0; }));
  PumpFor(200ms);  // the posted call runs now and must find the window gone
  BOOST_TEST(!delivered);
}

BOOST_AUTO_TEST_CASE(GuiPostDeliversWhileTheJobRunsAndNotAfterTheWindowIsGone) {
  AsyncJobs jobs;
  auto* frame = new wxFrame(nullptr, wxID_ANY, wxS("GuiPost"));
  std::atomic<bool> release = false;
  int posted = 0;
  bool onGuiThread = false;
  const GuiPost post(frame);
  RunAsync(
      jobs, frame,
      [&release, post, &posted, &onGuiThread](std::stop_token) {
        post.Post([&] {
          ++posted;
          onGuiThread = wxThread::IsMain();
        });
        while (!release.load()) {
          std::this_thread::sleep_for(1ms);
        }
        post.Post([&] { ++posted; });  // after the window is gone: dropped
        return 0;
      },
      [](int) {});
  BOOST_TEST(PumpUntil([&] { return posted == 1; }));
  BOOST_TEST(onGuiThread);
  frame->Destroy();
  BOOST_TEST(PumpUntil([] { return wxTopLevelWindows.empty(); }));
  release = true;
  BOOST_TEST(PumpUntil([&] { return jobs.Running() == 0; }));
  PumpFor(200ms);
  BOOST_TEST(posted == 1);
}

BOOST_AUTO_TEST_CASE(DestroyingTheOwnerStopsAndJoinsItsJobs) {
  std::atomic<bool> sawStop = false;
  {
    AsyncJobs jobs;
    jobs.Start([&sawStop](std::stop_token stop) {
      while (!stop.stop_requested()) {
        std::this_thread::sleep_for(1ms);
      }
      sawStop = true;
    });
    BOOST_TEST(jobs.Running() == 1u);
  }
  BOOST_TEST(sawStop.load());
}

BOOST_AUTO_TEST_CASE(AJoinedStopStopsWithEitherTheJobOrTheCancelButton) {
  std::stop_source job;
  Canceller cancel;
  {
    const JoinedStop stop(job.get_token(), cancel.Arm());
    BOOST_TEST(!stop.Token().stop_requested());
    cancel.Cancel();
    BOOST_TEST(stop.Token().stop_requested());
    BOOST_TEST(!job.stop_requested());  // Cancel stops this job only, not the application's
  }
  {
    const JoinedStop stop(job.get_token(), cancel.Arm());  // armed again: a fresh token
    BOOST_TEST(!stop.Token().stop_requested());
    job.request_stop();
    BOOST_TEST(stop.Token().stop_requested());
  }
  // Already stopped before the job starts: the job sees it at once.
  const JoinedStop late(job.get_token(), cancel.Arm());
  BOOST_TEST(late.Token().stop_requested());
}

BOOST_AUTO_TEST_CASE(CancelStopsAJobRunningOnAWorker) {
  auto* frame = new wxFrame(nullptr, wxID_ANY, wxS("RunAsync"));
  AsyncJobs jobs;
  Canceller cancel;
  bool stopped = false;
  RunAsync(
      jobs, frame,
      [token = cancel.Arm()](std::stop_token jobStop) {
        const JoinedStop stop(jobStop, token);
        while (!stop.Token().stop_requested()) {
          std::this_thread::sleep_for(1ms);
        }
        return true;
      },
      [&](bool result) { stopped = result; });
  PumpFor(50ms);
  BOOST_TEST(!stopped);
  cancel.Cancel();
  BOOST_TEST(PumpUntil([&] { return stopped; }));
  frame->Destroy();
  BOOST_TEST(PumpUntil([] { return wxTopLevelWindows.empty(); }));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views

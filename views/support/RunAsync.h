// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Progress.h"

#include <wx/app.h>
#include <wx/thread.h>
#include <wx/weakref.h>
#include <wx/window.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace platedesk::views {

/// The worker threads of the GUI, owned by the composition root so that closing a window never
/// waits for a job (a late result is dropped: see RunAsync). JoinAll() (also the destructor)
/// asks every job to stop and waits for it; call it before wxWidgets shuts down (wxApp::OnExit)
/// and before anything lent to the jobs (a Clock) goes away. GUI thread only.
class AsyncJobs {
 public:
  AsyncJobs() = default;
  ~AsyncJobs();
  AsyncJobs(const AsyncJobs&) = delete;
  AsyncJobs& operator=(const AsyncJobs&) = delete;

  /// Runs fn(stop) on a new std::jthread; joins threads that have already finished.
  void Start(std::function<void(std::stop_token)> fn);
  /// Asks every running job to stop; does not wait.
  void RequestStopAll();
  /// Asks every job to stop and waits until all have finished.
  void JoinAll();
  /// Jobs started and not yet seen finished (for tests and busy indicators).
  [[nodiscard]] std::size_t Running() const;

 private:
  struct Job {
    std::jthread thread;
    std::shared_ptr<std::atomic<bool>> finished;
  };
  void JoinFinished();
  std::vector<Job> mJobs;
};

namespace detail {

/// Deletes on the GUI thread: from a worker it posts the delete, because a wxWeakRef must only be
/// touched by the thread that owns its window.
template <class T>
std::shared_ptr<T> MakeGuiOwned(std::unique_ptr<T> object) {
  return std::shared_ptr<T>(object.release(), [](T* p) {
    if (wxThread::IsMain() || wxTheApp == nullptr) {
      delete p;
    } else {
      wxTheApp->CallAfter([p] { delete p; });
    }
  });
}

template <class R, class Done>
struct AsyncPayload {
  wxWeakRef<wxWindow> window;
  Done done;
  std::optional<R> result;
};

}  // namespace detail

/// A job's channel back to the GUI thread while it runs (the first page of a streamed search,
/// progress): Post(fn) runs fn on the GUI thread, but only if the window still exists then. Make
/// it on the GUI thread and copy it into the job; Post may be called from any thread.
class GuiPost {
 public:
  explicit GuiPost(wxWindow* window) : mWindow(detail::MakeGuiOwned(std::make_unique<wxWeakRef<wxWindow>>(window))) {}

  void Post(std::function<void()> fn) const {
    wxTheApp->CallAfter([window = mWindow, fn = std::move(fn)] {
      if (*window) {
        fn();
      }
    });
  }

 private:
  std::shared_ptr<wxWeakRef<wxWindow>> mWindow;  // touched and deleted on the GUI thread only
};

/// A core progress callback for a gauge of 0-1000: show(permille, done, total) runs on the worker
/// thread (it posts to the GUI itself, e.g. with GuiPost), at most about ten times a second (core's
/// ProgressThrottle, whatever the producer does); steps without a total are skipped.
inline ProgressFn GaugeProgress(std::function<void(int permille, std::uint64_t done, std::uint64_t total)> show) {
  auto throttle = std::make_shared<ProgressThrottle>([show = std::move(show)](std::uint64_t done, std::uint64_t total) {
    if (total > 0) {
      show(static_cast<int>(std::min<std::uint64_t>(1000, done * 1000 / total)), done, total);
    }
  });
  return [throttle](std::uint64_t done, std::uint64_t total) { throttle->Report(done, total); };
}

/// The GUI side of a Cancel button: Arm() before starting a job returns the token to hand to it
/// (with JoinedStop); Cancel() stops the job armed last (a stopped or finished job is not
/// affected by a later Arm). GUI thread only; the token may travel to any thread.
class Canceller {
 public:
  [[nodiscard]] std::stop_token Arm() {
    mSource = std::stop_source();
    return mSource.get_token();
  }
  void Cancel() { mSource.request_stop(); }

 private:
  std::stop_source mSource;
};

/// On the worker: one stop token that stops when either the job's own token (the application
/// closing, AsyncJobs) or the Cancel button's token (Canceller::Arm) does, whichever comes first.
/// Lives on the worker's stack for the length of the call it stops.
class JoinedStop {
 public:
  JoinedStop(const std::stop_token& job, const std::stop_token& cancel)
      : mOnJob(job, Request{&mSource}), mOnCancel(cancel, Request{&mSource}) {}
  JoinedStop(const JoinedStop&) = delete;
  JoinedStop& operator=(const JoinedStop&) = delete;

  [[nodiscard]] std::stop_token Token() const { return mSource.get_token(); }

 private:
  struct Request {
    std::stop_source* source;
    void operator()() const { source->request_stop(); }
  };
  std::stop_source mSource;  // declared first: the callbacks below may fire while being constructed
  std::stop_callback<Request> mOnJob;
  std::stop_callback<Request> mOnCancel;
};

/// Runs job(stop_token) on a worker thread owned by `jobs` and then calls done(result) on the GUI
/// thread, but only if `window` still exists then (it may close while the job runs). The job gets
/// copies of its inputs and must not touch widgets or the GUI thread's Workstation (one SQLite
/// connection per thread). Call on the GUI thread. The result type must be movable.
template <class Job, class Done>
void RunAsync(AsyncJobs& jobs, wxWindow* window, Job job, Done done) {
  using R = std::invoke_result_t<Job&, std::stop_token>;
  using Payload = detail::AsyncPayload<R, Done>;
  std::shared_ptr<Payload> payload =
      detail::MakeGuiOwned(std::unique_ptr<Payload>(new Payload{wxWeakRef<wxWindow>(window), std::move(done), {}}));
  jobs.Start([payload, job = std::move(job)](std::stop_token stop) mutable {
    payload->result.emplace(job(stop));
    // The queue's lock orders the write above before the read on the GUI thread.
    wxTheApp->CallAfter([payload] {
      if (payload->window) {
        payload->done(std::move(*payload->result));
      }
    });
  });
}

}  // namespace platedesk::views

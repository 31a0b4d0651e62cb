// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/RunAsync.h"

#include <algorithm>

namespace platedesk::views {

AsyncJobs::~AsyncJobs() { JoinAll(); }

void AsyncJobs::JoinAll() {
  RequestStopAll();
  mJobs.clear();  // each std::jthread joins in its destructor
}

void AsyncJobs::Start(std::function<void(std::stop_token)> fn) {
  JoinFinished();
  auto finished = std::make_shared<std::atomic<bool>>(false);
  std::jthread thread([fn = std::move(fn), finished](std::stop_token stop) {
    fn(stop);
    finished->store(true, std::memory_order_release);
  });
  mJobs.push_back(Job{std::move(thread), std::move(finished)});
}

void AsyncJobs::RequestStopAll() {
  for (Job& job : mJobs) {
    job.thread.request_stop();
  }
}

std::size_t AsyncJobs::Running() const {
  return static_cast<std::size_t>(std::count_if(
      mJobs.begin(), mJobs.end(), [](const Job& job) { return !job.finished->load(std::memory_order_acquire); }));
}

void AsyncJobs::JoinFinished() {
  std::erase_if(mJobs, [](const Job& job) { return job.finished->load(std::memory_order_acquire); });
}

}  // namespace platedesk::views

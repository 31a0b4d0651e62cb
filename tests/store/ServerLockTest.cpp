// SPDX-License-Identifier: GPL-3.0-or-later
// ServerLock: the OS lock platedesk-server holds on a storage folder it owns. Another process
// holding it is a child made with fork() that takes the lock and waits for the test to let go.
#include "StoreTestSupport.h"

#include "platedesk/store/ServerLock.h"

#include <boost/test/unit_test.hpp>

#ifndef _WIN32
#include <csignal>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;

namespace {

constexpr const char* kDescription = "platedesk-server pid 4242 on lpr-srv-01, listening on 0.0.0.0:8443";

#ifndef _WIN32
/// A child process holding the folder's server lock until destroyed.
class LockingChild {
 public:
  explicit LockingChild(const std::filesystem::path& folder) {
    int ready[2];
    int release[2];
    if (pipe(ready) != 0 || pipe(release) != 0) throw std::runtime_error("pipe");
    mPid = fork();
    if (mPid < 0) throw std::runtime_error("fork");
    if (mPid == 0) {
      close(ready[0]);
      close(release[1]);
      auto lock = ServerLock::Acquire(folder, kDescription);
      const char answer = lock.Ok() ? 'y' : 'n';
      (void)!write(ready[1], &answer, 1);
      char c = 0;
      (void)!read(release[0], &c, 1);  // returns when the parent closes its end
      _exit(lock.Ok() ? 0 : 1);
    }
    close(ready[1]);
    close(release[0]);
    mRelease = release[1];
    char answer = 0;
    const bool got = read(ready[0], &answer, 1) == 1;
    close(ready[0]);
    mLocked = got && answer == 'y';
  }
  ~LockingChild() { Stop(); }
  void Stop() {
    if (mPid <= 0) return;
    close(mRelease);
    int status = 0;
    waitpid(mPid, &status, 0);
    mPid = -1;
  }
  [[nodiscard]] bool Locked() const { return mLocked; }

 private:
  pid_t mPid = -1;
  int mRelease = -1;
  bool mLocked = false;
};
#endif

}  // namespace

BOOST_AUTO_TEST_SUITE(ServerLockTest)

BOOST_AUTO_TEST_CASE(NobodyHoldsAFreshFolder) {
  StorageFixture f;
  auto holder = ServerLock::Holder(f.folder);
  BOOST_REQUIRE(holder.Ok());
  BOOST_TEST(!holder->has_value());
  BOOST_TEST(!std::filesystem::exists(f.folder / ServerLock::FileName()));  // asking creates nothing
}

BOOST_AUTO_TEST_CASE(TheHoldingProcessIsNotItsOwnHolderAndCannotTakeItTwice) {
  StorageFixture f;
  auto lock = ServerLock::Acquire(f.folder, kDescription);
  BOOST_REQUIRE(lock.Ok());
  BOOST_TEST(!ServerLock::Holder(f.folder)->has_value());
  auto again = ServerLock::Acquire(f.folder, "a second server in the same process");
  BOOST_REQUIRE(!again.Ok());
  BOOST_TEST((again.Err().code == ErrorCode::Locked));
  BOOST_TEST(ReadFile(f.folder / ServerLock::FileName()).Value() == std::string(kDescription) + "\n");
#ifndef _WIN32
  struct stat st {};
  BOOST_REQUIRE(stat((f.folder / ServerLock::FileName()).c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
#endif
  // Moving the lock keeps it; destroying the last owner releases it.
  ServerLock moved = std::move(*lock);
  BOOST_TEST((ServerLock::Acquire(f.folder, "x").Err().code == ErrorCode::Locked));
  { ServerLock gone = std::move(moved); }
  auto after = ServerLock::Acquire(f.folder, "after release");
  BOOST_TEST(after.Ok());
}

BOOST_AUTO_TEST_CASE(AMissingFolderIsNotFound) {
  TempFolder temp("platedesk-lock-test");
  auto lock = ServerLock::Acquire(temp.Path() / "no-such-folder", kDescription);
  BOOST_TEST((lock.Err().code == ErrorCode::NotFound));
}

#ifndef _WIN32
BOOST_AUTO_TEST_CASE(AnotherProcessHoldingTheLockIsReportedWithItsDescription) {
  StorageFixture f;
  {
    LockingChild child(f.folder);
    BOOST_REQUIRE(child.Locked());
    auto holder = ServerLock::Holder(f.folder);
    BOOST_REQUIRE(holder.Ok());
    BOOST_REQUIRE(holder->has_value());
    BOOST_TEST(**holder == kDescription);
    auto mine = ServerLock::Acquire(f.folder, "a second server");
    BOOST_REQUIRE(!mine.Ok());
    BOOST_TEST((mine.Err().code == ErrorCode::Locked));
    BOOST_TEST(mine.Err().message.find(kDescription) != std::string::npos);
    // Asking did not disturb the holder.
    BOOST_TEST(ServerLock::Holder(f.folder)->has_value());
    child.Stop();
    // The child has ended: the OS released its lock.
    BOOST_TEST(!ServerLock::Holder(f.folder)->has_value());
  }
  BOOST_TEST(ServerLock::Acquire(f.folder, kDescription).Ok());
}
#endif

BOOST_AUTO_TEST_SUITE_END()

// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/audit/Checkpoint.h"
#include "platedesk/audit/Merkle.h"

#include <boost/test/unit_test.hpp>

#include <vector>

using namespace platedesk;
using namespace platedesk::audit;

BOOST_AUTO_TEST_SUITE(CheckpointTest)

BOOST_AUTO_TEST_CASE(BodyHasOriginSizeAndBase64RootLines) {
  TreeHead head{"platedesk.local/abc", 1, LeafHash("")};
  BOOST_TEST(FormatCheckpointBody(head) == "platedesk.local/abc\n1\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n");
  auto parsed = ParseCheckpointBody(FormatCheckpointBody(head));
  BOOST_REQUIRE(parsed.Ok());
  BOOST_TEST(parsed->origin == head.origin);
  BOOST_TEST(parsed->size == 1u);
  BOOST_TEST((parsed->root == head.root));
}

BOOST_AUTO_TEST_CASE(ParserAcceptsExtensionLinesAndRejectsMalformedBodies) {
  const std::string root = "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=";
  BOOST_TEST(ParseCheckpointBody("o\n18446744073709551615\n" + root + "\nextension line\n").Ok());
  BOOST_TEST(ParseCheckpointBody("o\n0\n" + root + "\n").Ok());
  for (const std::string& bad : std::vector<std::string>{
           "o\n01\n" + root + "\n", "o\n-1\n" + root + "\n", "o\n1x\n" + root + "\n", "o\n1\n" + root,
           "\n1\n" + root + "\n", "o\n1\nAAAA\n", "o\n\n" + root + "\n", "o\n18446744073709551616\n" + root + "\n"})
    BOOST_TEST(!ParseCheckpointBody(bad).Ok(), bad);
}

BOOST_AUTO_TEST_CASE(OpenCheckpointChecksTheSignature) {
  auto signer = NoteSigner::Generate("platedesk.local/abc");
  auto other = NoteSigner::Generate("platedesk.local/abc");
  BOOST_REQUIRE(signer.Ok() && other.Ok());
  const TreeHead head{"platedesk.local/abc", 42, LeafHash("x")};
  auto note = signer->Sign(FormatCheckpointBody(head));
  BOOST_REQUIRE(note.Ok());
  // C2SP form: body, blank line, "— <name> <base64>" signature line.
  BOOST_TEST(note->find("platedesk.local/abc\n42\n") == 0u);
  BOOST_TEST(note->find("\n\n\xE2\x80\x94 platedesk.local/abc ") != std::string::npos);
  auto opened = OpenCheckpoint(*note, signer->Verifier());
  BOOST_REQUIRE(opened.Ok());
  BOOST_TEST(opened->size == 42u);
  auto wrong = OpenCheckpoint(*note, other->Verifier());
  BOOST_REQUIRE(!wrong.Ok());
  BOOST_TEST((wrong.Err().code == ErrorCode::PermissionDenied));
  std::string tampered = *note;
  tampered[tampered.find("42")] = '4';
  tampered[tampered.find("42") + 1] = '3';
  BOOST_TEST(!OpenCheckpoint(tampered, signer->Verifier()).Ok());
}

BOOST_AUTO_TEST_SUITE_END()

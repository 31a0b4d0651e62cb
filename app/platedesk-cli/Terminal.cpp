// SPDX-License-Identifier: GPL-3.0-or-later
#include "Terminal.h"

#include <cstdio>
#include <iostream>

#ifdef _WIN32
#include <io.h>
#include <windows.h>
#define PLATEDESK_ISATTY _isatty
#define PLATEDESK_FILENO _fileno
#else
#include <termios.h>
#include <unistd.h>
#define PLATEDESK_ISATTY isatty
#define PLATEDESK_FILENO fileno
#endif

namespace platedesk::cli {

bool StdinIsTerminal() { return PLATEDESK_ISATTY(PLATEDESK_FILENO(stdin)) != 0; }
bool StderrIsTerminal() { return PLATEDESK_ISATTY(PLATEDESK_FILENO(stderr)) != 0; }

std::optional<std::string> ReadStdinLine() {
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::optional<std::string> ReadSecret(const std::string& prompt) {
  std::cerr << prompt << std::flush;
#ifdef _WIN32
  HANDLE h = GetStdHandle(STD_INPUT_HANDLE);
  DWORD mode = 0;
  GetConsoleMode(h, &mode);
  SetConsoleMode(h, mode & ~ENABLE_ECHO_INPUT);
  auto line = ReadStdinLine();
  SetConsoleMode(h, mode);
#else
  termios old{};
  const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  auto line = ReadStdinLine();
  if (tty) tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
#endif
  std::cerr << "\n";
  return line;
}

}  // namespace platedesk::cli

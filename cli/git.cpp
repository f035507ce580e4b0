#include "cli/git.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cli/common.hpp"

extern char** environ;

namespace vrfleak::cli {
namespace {

namespace fs = std::filesystem;

struct Result {
  int status = -1;
  std::string out;
  std::string err;
};

/// Runs `git ARGS` in `dir` (the working directory when empty), collecting both outputs.
Result run_git(const std::vector<std::string>& args, const std::string& dir = {}) {
  std::vector<std::string> argv_strings = {"git"};
  if (!dir.empty()) argv_strings.insert(argv_strings.end(), {"-C", dir});
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0)
    throw UsageError{fmt::format("cannot run git: {}", std::strerror(errno))};
  if (pipe(err_pipe) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    throw UsageError{fmt::format("cannot run git: {}", std::strerror(errno))};
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
    posix_spawn_file_actions_addclose(&actions, fd);
  }
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  Result result;
  if (spawned != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    throw UsageError{fmt::format("--git needs the 'git' program: {}", std::strerror(spawned))};
  }
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_count = 2;
  char buffer[1 << 16];
  while (open_count > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string first_line(std::string text) {
  text = text.substr(0, text.find('\n'));
  return text;
}

}  // namespace

GitRevision::GitRevision(std::string revision) : revision_(std::move(revision)) {
  const Result top = run_git({"rev-parse", "--show-toplevel"});
  if (top.status != 0) {
    throw UsageError{fmt::format("--git: the working directory is not in a git repository ({})",
                                 first_line(top.err))};
  }
  top_ = first_line(top.out);
  if (revision_.empty() || revision_[0] == '-') {
    throw UsageError{fmt::format("unknown git revision '{}'", revision_)};
  }
  const Result commit =
      run_git({"rev-parse", "--verify", "--quiet", "--end-of-options", revision_ + "^{commit}"});
  if (commit.status != 0) {
    throw UsageError{
        fmt::format("unknown git revision '{}' in the repository '{}'", revision_, top_)};
  }
  commit_ = first_line(commit.out);
}

std::string GitRevision::in_repository(const std::string& path) const {
  std::error_code ec;
  const fs::path top = fs::weakly_canonical(top_, ec);
  const fs::path full = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path relative = full.lexically_relative(top);
  if (ec || relative.empty() || *relative.begin() == "..") {
    throw UsageError{fmt::format(
        "'{}' is outside the git repository '{}'; --git compares paths inside it", path, top_)};
  }
  return relative == "." ? std::string() : relative.generic_string();
}

std::vector<std::string> GitRevision::files(const std::string& path) const {
  std::vector<std::string> args = {"ls-tree", "-r", "-z", "--name-only", "--full-tree", commit_};
  if (!path.empty()) args.insert(args.end(), {"--", path});
  const Result listed = run_git(args, top_);
  if (listed.status != 0) {
    throw UsageError{fmt::format("git ls-tree {} failed: {}", revision_, first_line(listed.err))};
  }
  std::vector<std::string> names;
  size_t at = 0;
  while (at < listed.out.size()) {
    size_t end = listed.out.find('\0', at);
    if (end == std::string::npos) end = listed.out.size();
    names.push_back(listed.out.substr(at, end - at));
    at = end + 1;
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string GitRevision::show(const std::string& path) const {
  const Result shown = run_git({"show", commit_ + ":" + path}, top_);
  if (shown.status != 0) {
    throw UsageError{fmt::format("cannot read '{}' at git revision '{}': {}", path, revision_,
                                 first_line(shown.err))};
  }
  return shown.out;
}

}  // namespace vrfleak::cli

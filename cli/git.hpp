// cli/git: reading a config repository at a revision (`vrfleak diff --git REV [PATH...]`).
//
// Runs the `git` program (never a shell) and reports what goes wrong as UsageError (exit 2):
// not a repository, an unknown revision, a path outside the repository, git missing.
#pragma once

#include <string>
#include <vector>

namespace vrfleak::cli {

/// A repository and a revision of it, checked to exist.
class GitRevision {
 public:
  /// Finds the repository holding the working directory and resolves `revision` to a commit.
  explicit GitRevision(std::string revision);

  const std::string& revision() const { return revision_; }
  /// The top of the working tree (absolute).
  const std::string& top() const { return top_; }
  /// `path` (relative to the working directory, or absolute) relative to the top; throws when
  /// it lies outside the repository. "" is the top itself.
  std::string in_repository(const std::string& path) const;
  /// The files at the revision under `path` (relative to the top; "" for everything), relative to
  /// the top, sorted.
  std::vector<std::string> files(const std::string& path) const;
  /// The bytes of a file at the revision (`git show REV:path`).
  std::string show(const std::string& path) const;

 private:
  std::string revision_;
  std::string commit_;
  std::string top_;
};

}  // namespace vrfleak::cli

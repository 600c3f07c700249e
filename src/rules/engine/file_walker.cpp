// A work-queue walker: each directory is one task; worker threads list a
// directory, read its audited files and queue its subdirectories. Results are
// gathered per thread and sorted at the end, so timing never shows in output.
#include "rules/engine/file_walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "rules/engine/gitignore.h"

namespace rampart::rules::engine {
namespace {

struct DirId {
  dev_t dev;
  ino_t ino;
};

// The chain of (device, inode) from the walk's start to a directory, shared
// between children, used to detect symlink loops without global state.
struct Ancestry {
  DirId id;
  std::shared_ptr<const Ancestry> parent;
  bool Contains(DirId d) const {
    for (const Ancestry* a = this; a; a = a->parent.get()) {
      if (a->id.dev == d.dev && a->id.ino == d.ino) return true;
    }
    return false;
  }
};

struct DirTask {
  std::string abs;  // absolute path
  std::string rel;  // relative to root ("" for the root itself)
  std::shared_ptr<const IgnoreRules> ignores;
  std::shared_ptr<const Ancestry> ancestry;
};

std::string Join(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Larger files are reported and skipped: no hand-written source is this big,
// and reading a multi-gigabyte generated file would stall the whole run.
constexpr off_t kMaxFileBytes = 32 << 20;

// Reads a whole file; returns an error message or "".
std::string ReadFile(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::strerror(errno);
  struct stat st;
  if (::fstat(fd, &st) == 0) {
    if (st.st_size > kMaxFileBytes) {
      ::close(fd);
      return "larger than 32 MiB, skipped";
    }
    if (st.st_size > 0) out->reserve(static_cast<size_t>(st.st_size));
  }
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string error = std::strerror(errno);
      ::close(fd);
      return error;
    }
    out->append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return "";
}

class Walker {
 public:
  explicit Walker(const WalkOptions& options) : options_(options) {
    auto base = std::make_shared<IgnoreRules>();
    if (options.use_default_excludes) {
      for (const std::string& p : DefaultExcludes()) base->AddPattern(p, "", "default excludes");
    }
    for (const std::string& p : options.excludes) base->AddPattern(p, "", "exclude");
    base_ignores_ = base;
  }

  WalkResult Run() {
    for (const std::string& target : options_.targets) AddTarget(target);
    unsigned threads = options_.threads ? options_.threads : std::thread::hardware_concurrency();
    threads = std::max(1u, threads);
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back([this] { Work(); });
    Work();
    for (std::thread& t : pool) t.join();

    std::sort(result_.files.begin(), result_.files.end(),
              [](const SourceInput& a, const SourceInput& b) { return a.path < b.path; });
    result_.files.erase(std::unique(result_.files.begin(), result_.files.end(),
                                    [](const SourceInput& a, const SourceInput& b) {
                                      return a.path == b.path;
                                    }),
                        result_.files.end());
    std::sort(result_.errors.begin(), result_.errors.end());
    result_.errors.erase(std::unique(result_.errors.begin(), result_.errors.end()),
                         result_.errors.end());
    return std::move(result_);
  }

 private:
  std::string Relative(const std::string& abs) const {
    const std::string& root = options_.root;
    if (abs == root) return "";
    if (abs.size() > root.size() && abs.compare(0, root.size(), root) == 0) {
      size_t skip = root.size() + (root.back() == '/' ? 0 : 1);
      return abs.substr(skip);
    }
    return abs;  // outside the root: keep the absolute path
  }

  // The ignore rules in force inside `rel_dir`: the base rules plus every
  // .gitignore from the root down to it (for targets below the root).
  std::shared_ptr<const IgnoreRules> RulesFor(const std::string& rel_dir) {
    auto rules = std::make_shared<IgnoreRules>(*base_ignores_);
    if (!options_.respect_gitignore) return rules;
    auto add = [&](const std::string& rel) {
      std::string text;
      std::string path = Join(Join(options_.root, rel), ".gitignore");
      if (ReadFile(path, &text).empty()) rules->AddFile(text, rel, path);
    };
    add("");  // the root's own; deeper ones follow, parents first
    size_t pos = 0;
    while (!rel_dir.empty() && pos != std::string::npos) {
      size_t slash = rel_dir.find('/', pos);
      add(rel_dir.substr(0, slash));
      pos = slash == std::string::npos ? slash : slash + 1;
    }
    return rules;
  }

  void AddTarget(const std::string& abs) {
    struct stat st;
    if (::stat(abs.c_str(), &st) != 0) {
      Error(abs, std::strerror(errno));
      return;
    }
    std::string rel = Relative(abs);
    if (S_ISDIR(st.st_mode)) {
      std::string parent_rel = rel.empty() ? "" : rel.substr(0, rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/'));
      DirTask task;
      task.abs = abs;
      task.rel = rel;
      // Rules of the parents apply to the target directory's contents too; the
      // target's own .gitignore is added when it is listed.
      task.ignores = rel.empty() ? base_ignores_ : RulesFor(parent_rel);
      task.ancestry = std::make_shared<Ancestry>(Ancestry{{st.st_dev, st.st_ino}, nullptr});
      Push(std::move(task));
    } else if (S_ISREG(st.st_mode)) {
      AddFile(abs, rel, /*explicit_target=*/true);
    } else {
      Error(abs, "not a regular file or directory");
    }
  }

  void AddFile(const std::string& abs, const std::string& rel, bool explicit_target) {
    if (!explicit_target && !IsAuditedFile(rel)) return;
    SourceInput input;
    input.path = rel;
    input.abs_path = abs;
    std::string error = ReadFile(abs, &input.bytes);
    if (!error.empty()) {
      Error(abs, "cannot read file: " + error);
      return;
    }
    std::lock_guard lock(mutex_);
    result_.files.push_back(std::move(input));
  }

  // Errors name the path relative to the root, like findings do.
  void Error(const std::string& path, const std::string& message) {
    std::string shown = Relative(path);
    if (shown.empty()) shown = path;
    std::lock_guard lock(mutex_);
    result_.errors.push_back(shown + ": " + message);
  }

  void Push(DirTask task) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(task));
      ++pending_;
    }
    cv_.notify_one();
  }

  void Work() {
    for (;;) {
      DirTask task;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return !queue_.empty() || pending_ == 0; });
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      ListDirectory(task);
      {
        std::lock_guard lock(mutex_);
        ++result_.directories;
        if (--pending_ == 0) cv_.notify_all();
      }
    }
  }

  void ListDirectory(const DirTask& task) {
    DIR* dir = ::opendir(task.abs.c_str());
    if (!dir) {
      Error(task.abs, std::string("cannot read directory: ") + std::strerror(errno));
      return;
    }
    std::shared_ptr<const IgnoreRules> ignores = task.ignores;
    std::vector<std::pair<std::string, unsigned char>> entries;
    bool has_gitignore = false;
    while (struct dirent* entry = ::readdir(dir)) {
      std::string name = entry->d_name;
      if (name == "." || name == "..") continue;
      if (name == ".gitignore") has_gitignore = true;
      entries.emplace_back(std::move(name), entry->d_type);
    }
    ::closedir(dir);
    if (has_gitignore && options_.respect_gitignore) {
      std::string text;
      std::string path = Join(task.abs, ".gitignore");
      if (ReadFile(path, &text).empty()) {
        auto extended = std::make_shared<IgnoreRules>(*ignores);
        extended->AddFile(text, task.rel, path);
        ignores = extended;
      }
    }
    for (const auto& [name, type] : entries) {
      std::string abs = Join(task.abs, name);
      std::string rel = task.rel.empty() ? name : task.rel + "/" + name;
      bool is_dir = type == DT_DIR;
      bool is_file = type == DT_REG;
      bool is_link = type == DT_LNK;
      struct stat st;
      if (type == DT_UNKNOWN || is_link) {
        if (::stat(abs.c_str(), &st) != 0) {
          if (errno == ELOOP) {
            Error(abs, "symlink loop");
          } else if (is_link) {
            Error(abs, "broken symlink");
          } else {
            Error(abs, std::strerror(errno));
          }
          continue;
        }
        is_dir = S_ISDIR(st.st_mode);
        is_file = S_ISREG(st.st_mode);
      }
      if (ignores->Match(rel, is_dir) == IgnoreVerdict::kIgnored) continue;
      if (is_dir) {
        if (!is_link && type != DT_UNKNOWN && ::stat(abs.c_str(), &st) != 0) {
          Error(abs, std::string("cannot read directory: ") + std::strerror(errno));
          continue;
        }
        DirId id{st.st_dev, st.st_ino};
        if (task.ancestry->Contains(id)) {
          Error(abs, "symlink loop: points to one of its parent directories");
          continue;
        }
        DirTask child;
        child.abs = abs;
        child.rel = rel;
        child.ignores = ignores;
        child.ancestry = std::make_shared<Ancestry>(Ancestry{id, task.ancestry});
        Push(std::move(child));
      } else if (is_file) {
        AddFile(abs, rel, /*explicit_target=*/false);
      }
    }
  }

  const WalkOptions& options_;
  std::shared_ptr<const IgnoreRules> base_ignores_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<DirTask> queue_;
  size_t pending_ = 0;
  WalkResult result_;
};

}  // namespace

bool IsAuditedFile(std::string_view rel) {
  if (EndsWith(rel, ".py") || EndsWith(rel, ".pyi")) return true;
  bool template_ext = EndsWith(rel, ".html") || EndsWith(rel, ".htm") || EndsWith(rel, ".jinja") ||
                      EndsWith(rel, ".jinja2") || EndsWith(rel, ".j2");
  if (!template_ext) return false;
  // Inside a `templates` folder at any depth.
  return rel.rfind("templates/", 0) == 0 || rel.find("/templates/") != std::string_view::npos;
}

WalkResult WalkProject(const WalkOptions& options) { return Walker(options).Run(); }

}  // namespace rampart::rules::engine

// PY609 linux-commands-wildcard-injection (bandit B609, ruff S609).
#include <array>
#include <vector>

#include "rules/injection/process_calls.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY609",
    .name = "linux-commands-wildcard-injection",
    .summary = "`chown`, `chmod`, `tar` or `rsync` is run through the shell with a `*` wildcard",
    .fix_hint = "list the files in Python (`pathlib.Path.glob`) and pass them after `--` without a shell",
    .severity = Severity::kHigh,
    .confidence = Confidence::kMedium,
    .cwe = {155},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B609", "ruff:S609"},
    .docs =
        {
            .what_it_does =
                "Finds shell command lines (`os.system`, `os.popen`, `subprocess.getoutput`, "
                "`subprocess.*` with `shell=True` ...) that run `chown`, `chmod`, `tar` or "
                "`rsync` with an unquoted argument containing `*`.\n\n"
                "Differences from Bandit: Bandit matches the program names as substrings "
                "anywhere in the command (`start` contains `tar`); rampart matches whole "
                "command words (also `/bin/tar`) and ignores a quoted `'*'`.",
            .why_bad =
                "The shell expands `*` to the file names in the directory, and these programs "
                "read names that start with `-` as options. Anyone who can create a file named "
                "`--checkpoint-action=exec=sh x.sh` (tar) or `--reference=attacker` (chown) "
                "next to the files gets their option applied, often code execution as the "
                "application user.",
            .example = "import os\n"
                       "\n"
                       "def backup_uploads():\n"
                       "    os.system(\"cd /srv/uploads && tar czf /backup/uploads.tgz *\")\n",
            .use_instead = "import subprocess\n"
                           "\n"
                           "def backup_uploads():\n"
                           "    subprocess.run([\"/bin/tar\", \"czf\", \"/backup/uploads.tgz\", \"-C\", \"/srv/uploads\", \".\"], check=True)\n",
            .references =
                "- [Exploiting wildcards on Linux (DefenseCode)](https://www.exploit-db.com/papers/33930)\n"
                "- [Bandit B609](https://bandit.readthedocs.io/en/latest/plugins/b609_linux_commands_wildcard_injection.html)\n"
                "- [CWE-155: Improper Neutralization of Wildcards](https://cwe.mitre.org/data/definitions/155.html)",
        },
};

constexpr std::array<std::string_view, 4> kPrograms = {"chown", "chmod", "tar", "rsync"};

// Splits a shell command line into simple commands of words; quoted words are
// kept with their quotes so a quoted `*` can be told apart.
std::vector<std::vector<std::string>> SimpleCommands(std::string_view text) {
  std::vector<std::vector<std::string>> commands(1);
  std::string word;
  char quote = 0;
  auto flush = [&] {
    if (!word.empty()) commands.back().push_back(word);
    word.clear();
  };
  for (char c : text) {
    if (quote != 0) {
      word += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      word += c;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      flush();
    } else if (c == ';' || c == '|' || c == '&' || c == '(' || c == ')') {
      flush();
      if (!commands.back().empty()) commands.emplace_back();
    } else {
      word += c;
    }
  }
  flush();
  return commands;
}

bool HasUnquotedStar(std::string_view word) {
  char quote = 0;
  for (char c : word) {
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '*') {
      return true;
    }
  }
  return false;
}

std::string_view Basename(std::string_view word) {
  size_t slash = word.rfind('/');
  return slash == std::string_view::npos ? word : word.substr(slash + 1);
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  injection::ProcessCall process = injection::ClassifyProcessCall(context.model(), call);
  const bool shell = process.kind == injection::ProcessKind::kShell ||
                     (process.kind == injection::ProcessKind::kSubprocess &&
                      injection::ShellIsTrue(context.model(), call));
  if (!shell || process.command == nullptr) return;
  std::optional<std::string> text = injection::CommandText(context.model(), process.command);
  if (!text) return;
  for (const std::vector<std::string>& words : SimpleCommands(*text)) {
    // The program is the first word that is not a `VAR=value` assignment or sudo.
    size_t index = 0;
    while (index < words.size() &&
           (words[index].find('=') != std::string::npos || words[index] == "sudo")) {
      ++index;
    }
    if (index >= words.size()) continue;
    std::string_view program = Basename(words[index]);
    bool dangerous = false;
    for (std::string_view name : kPrograms) dangerous = dangerous || program == name;
    if (!dangerous) continue;
    for (size_t i = index + 1; i < words.size(); ++i) {
      if (!HasUnquotedStar(words[i])) continue;
      context.Report(process.command, "`" + std::string(program) + "` with the wildcard `" + words[i] +
                                          "`: file names starting with `-` become options");
      return;
    }
  }
}

}  // namespace

const Rule& LinuxCommandsWildcardInjection() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

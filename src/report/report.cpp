// Format dispatch, atomic file writing and the helpers every reporter shares.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include "report/report_internal.h"

namespace rampart::report {
namespace {

struct FormatText {
  Format format;
  std::string_view name;
};
constexpr FormatText kFormats[] = {
    {Format::kText, "text"},   {Format::kJson, "json"},     {Format::kSarif, "sarif"},
    {Format::kJunit, "junit"}, {Format::kGithub, "github"}, {Format::kCycloneDx, "cyclonedx"},
};

}  // namespace

bool ParseFormat(std::string_view name, Format* out) {
  for (const FormatText& f : kFormats) {
    if (f.name == name) {
      *out = f.format;
      return true;
    }
  }
  return false;
}

std::string_view FormatName(Format format) {
  for (const FormatText& f : kFormats) {
    if (f.format == format) return f.name;
  }
  return "text";
}

void Write(Format format, const ReportInput& input, std::ostream& out) {
  switch (format) {
    case Format::kText: return internal::WriteText(input, out);
    case Format::kJson: return internal::WriteJson(input, out);
    case Format::kSarif: return internal::WriteSarif(input, out);
    case Format::kJunit: return internal::WriteJunit(input, out);
    case Format::kGithub: return internal::WriteGithub(input, out);
    case Format::kCycloneDx: return internal::WriteCycloneDx(input, out);
  }
}

std::string WriteFileAtomically(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return "cannot write `" + path + "`: directory does not exist";
  // A unique temp name in the same folder, so rename() is atomic (same file system).
  std::random_device rd;
  std::string name = std::string(".").append(target.filename().string()).append(".tmp");
  name.append(std::to_string(::getpid())).append("-").append(std::to_string(rd()));
  std::string tmp = (dir / name).string();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot write `" + path + "`: " + std::strerror(errno);
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string error = "cannot write `" + path + "`: " + std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return error;
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string error = "cannot write `" + path + "`: " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return error;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string error = "cannot write `" + path + "`: " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return error;
  }
  return "";
}

namespace internal {

RuleLookup::RuleLookup(const ReportInput& input)
    : catalogue_(input.catalogue ? input.catalogue : &RuleCatalogue::Get()) {}

const RuleInfo& RuleLookup::Get(std::string_view code) {
  if (const RuleInfo* rule = catalogue_->FindByCode(code)) return *rule;
  auto it = unknown_.find(code);
  if (it != unknown_.end()) return it->second;
  RuleInfo& rule = unknown_[std::string(code)];
  // The string_views point into the map key, which is stable.
  auto key = unknown_.find(code);
  rule.code = key->first;
  rule.name = key->first;
  rule.severity = Severity::kMedium;
  rule.confidence = Confidence::kMedium;
  rule.practice = Practice::kAudits;
  return rule;
}

SourceLines::SourceLines(const ReportInput& input) {
  for (const auto& [path, text] : input.sources) files_[path].text = text;
}

bool SourceLines::Line(std::string_view path, uint32_t line, std::string_view* out) {
  auto it = files_.find(path);
  if (it == files_.end() || line == 0) return false;
  Entry& entry = it->second;
  if (entry.starts.empty()) {
    entry.starts.push_back(0);
    for (size_t i = 0; i < entry.text.size(); ++i) {
      if (entry.text[i] == '\n') entry.starts.push_back(i + 1);
    }
  }
  if (line > entry.starts.size()) return false;
  size_t begin = entry.starts[line - 1];
  if (begin >= entry.text.size() && line > 1) return false;  // after the final newline
  size_t end = line < entry.starts.size() ? entry.starts[line] - 1 : entry.text.size();
  std::string_view text = entry.text.substr(begin, end - begin);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  *out = text;
  return true;
}

std::string_view SecuritySeverity(Severity severity) {
  switch (severity) {
    case Severity::kCritical: return "9.5";
    case Severity::kHigh: return "8.0";
    case Severity::kMedium: return "5.5";
    case Severity::kLow: return "3.0";
  }
  return "5.5";
}

std::string_view SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kCritical:
    case Severity::kHigh: return "error";
    case Severity::kMedium: return "warning";
    case Severity::kLow: return "note";
  }
  return "warning";
}

uint32_t CodePointColumn(std::string_view line, uint32_t byte_column) {
  if (byte_column == 0) return 0;
  uint32_t column = 1;
  size_t limit = std::min<size_t>(byte_column - 1, line.size());
  for (size_t i = 0; i < limit; ++i) {
    // Count bytes that are not UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  // Columns past the end of the line (e.g. an exclusive end) keep their offset.
  if (byte_column - 1 > line.size()) column += static_cast<uint32_t>(byte_column - 1 - line.size());
  return column;
}

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= text.size();
    for (size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (ok && len == 2 && c < 0xC2) ok = false;  // overlong
    if (ok) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string XmlEscape(std::string_view raw) {
  std::string text = ValidUtf8(raw);
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters, even escaped.
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
          out += "?";
        } else {
          out += ch;
        }
    }
  }
  return out;
}

std::string TitleOf(const Finding& finding, const RuleInfo& rule) {
  std::string title(rule.code);
  if (rule.name != rule.code) {
    title += " ";
    title += rule.name;
  }
  return title;
}

Counts CountFindings(const ReportInput& input) {
  Counts counts;
  for (const Finding& f : input.findings) {
    if (f.suppressed()) {
      ++counts.suppressed;
      continue;
    }
    ++counts.total;
    ++counts.by_severity[static_cast<int>(f.severity)];
  }
  return counts;
}

}  // namespace internal
}  // namespace rampart::report

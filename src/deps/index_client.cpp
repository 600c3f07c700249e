#include "deps/index_client.h"

#include <curl/curl.h>

#include <map>
#include <nlohmann/json.hpp>

namespace rampart::deps {
namespace {

using nlohmann::json;

size_t Append(char* data, size_t size, size_t n, void* user) {
  auto* body = static_cast<std::string*>(user);
  // Project pages are small; refuse anything absurd rather than exhaust memory.
  if (body->size() + size * n > (64u << 20)) return 0;
  body->append(data, size * n);
  return size * n;
}

// "Django-4.2.1-py3-none-any.whl" / "Django-4.2.1.tar.gz" -> "4.2.1".
std::optional<Version> VersionFromFilename(std::string_view file) {
  std::string_view stem;
  bool wheel = false;
  for (std::string_view ext : {".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", ".egg"}) {
    if (file.size() > ext.size() && file.substr(file.size() - ext.size()) == ext) {
      stem = file.substr(0, file.size() - ext.size());
      wheel = ext == ".whl" || ext == ".egg";
      break;
    }
  }
  if (stem.empty()) return std::nullopt;
  if (wheel) {
    size_t a = stem.find('-');
    if (a == std::string_view::npos) return std::nullopt;
    std::string_view rest = stem.substr(a + 1);
    return Version::Parse(rest.substr(0, rest.find('-')));
  }
  for (size_t i = stem.size(); i-- > 0;) {
    if (stem[i] == '-' && i + 1 < stem.size() && std::isdigit(static_cast<unsigned char>(stem[i + 1]))) {
      return Version::Parse(stem.substr(i + 1));
    }
  }
  return std::nullopt;
}

}  // namespace

bool LatestFromProjectJson(std::string_view body, Version* latest, std::string* error) {
  json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (!j.is_object()) {
    *error = "not a PEP 691 JSON response";
    return false;
  }
  // A version counts when at least one of its files is not yanked (PEP 592).
  std::map<std::string, bool> available;  // normalised version text -> has a non-yanked file
  std::map<std::string, Version> parsed;
  if (auto files = j.find("files"); files != j.end() && files->is_array()) {
    for (const json& f : *files) {
      if (!f.is_object() || !f.contains("filename") || !f["filename"].is_string()) continue;
      auto v = VersionFromFilename(f["filename"].get<std::string>());
      if (!v) continue;
      bool yanked = false;
      if (auto y = f.find("yanked"); y != f.end()) yanked = y->is_string() || (y->is_boolean() && y->get<bool>());
      std::string key = v->ToString();
      available[key] = available[key] || !yanked;
      parsed.emplace(key, *v);
    }
  }
  if (auto versions = j.find("versions"); versions != j.end() && versions->is_array()) {
    // PEP 700 lists versions explicitly; files decide yanked-ness when present.
    for (const json& s : *versions) {
      if (!s.is_string()) continue;
      auto v = Version::Parse(s.get<std::string>());
      if (!v) continue;
      std::string key = v->ToString();
      if (!available.count(key)) available[key] = true;
      parsed.emplace(key, *v);
    }
  }
  bool found = false;
  for (const auto& [key, ok] : available) {
    if (!ok) continue;
    const Version& v = parsed.at(key);
    if (v.IsPrerelease()) continue;
    if (!found || Compare(v, *latest) > 0) {
      *latest = v;
      found = true;
    }
  }
  if (!found) *error = "no final, non-yanked release listed";
  return found;
}

IndexResult FetchLatestVersions(const std::string& index_url, const std::vector<std::string>& names,
                                long timeout_seconds) {
  IndexResult result;
  static const bool initialized = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialized) {
    result.warnings.push_back("cannot initialise libcurl");
    return result;
  }
  CURL* curl = curl_easy_init();
  std::string base = index_url;
  if (!base.empty() && base.back() != '/') base += '/';
  struct curl_slist* headers = curl_slist_append(nullptr, "Accept: application/vnd.pypi.simple.v1+json");
  size_t failures = 0;
  for (const std::string& name : names) {
    if (failures >= 3) {
      result.warnings.push_back(index_url + ": giving up after 3 failed requests");
      break;
    }
    std::string body;
    char curl_error[CURL_ERROR_SIZE] = {0};
    std::string url = base + name + "/";
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "rampart-deps");
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK) {
      ++failures;
      result.warnings.push_back(url + ": " + (curl_error[0] ? curl_error : curl_easy_strerror(rc)));
      continue;
    }
    if (status == 404) continue;
    if (status != 200) {
      ++failures;
      result.warnings.push_back(url + ": HTTP " + std::to_string(status));
      continue;
    }
    Version latest;
    std::string error;
    if (LatestFromProjectJson(body, &latest, &error)) {
      result.latest.emplace(name, latest);
    } else if (error == "not a PEP 691 JSON response") {
      ++failures;
      result.warnings.push_back(url + ": " + error + " (is `--index-url` a PEP 691 simple index?)");
    }
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return result;
}

}  // namespace rampart::deps

// Every manifest and lockfile format, including the awkward cases of pip's
// requirements syntax. Fixtures: tests/deps/fixtures/manifests/.
#include "deps/manifests.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace rampart::deps {
namespace {

const std::string kFixtures = std::string(RAMPART_SOURCE_DIR) + "/tests/deps/fixtures/manifests";

ReadOptions LinuxPython311() {
  ReadOptions options;
  options.environment.values.clear();
  options.environment.SetPythonVersion("3.11.4");
  options.environment.SetPlatform("linux");
  options.getenv = [](const std::string& name) -> std::optional<std::string> {
    if (name == "ENVPKG_VERSION") return "4.5.6";
    return std::nullopt;
  };
  return options;
}

const Dependency* Find(const ManifestSet& set, std::string_view name) {
  for (const Dependency& d : set.dependencies) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

bool HasError(const ManifestSet& set, std::string_view path, uint32_t line, std::string_view text) {
  for (const ManifestError& e : set.errors) {
    if (e.path == path && e.line == line && e.message.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string Errors(const ManifestSet& set) {
  std::string out;
  for (const ManifestError& e : set.errors) out += e.ToString() + "\n";
  return out;
}

TEST(Requirements, FullPipSyntax) {
  ManifestSet set;
  ReadManifest(kFixtures + "/requirements", "requirements.txt", ManifestKind::kRequirements, LinuxPython311(), &set);
  const std::string file = "requirements.txt";

  const Dependency* demo = Find(set, "demo-pkg");
  ASSERT_NE(demo, nullptr);
  EXPECT_EQ(demo->display_name, "Demo_Pkg");
  EXPECT_EQ(demo->pinned->ToString(), "1.1.0");
  EXPECT_EQ(demo->line, 5u);
  EXPECT_EQ(demo->column, 1u);
  EXPECT_EQ(demo->version_line, 5u);
  EXPECT_EQ(demo->version_column, 11u);  // after `Demo_Pkg==`
  EXPECT_EQ(demo->version_end_column, 16u);

  const Dependency* requests = Find(set, "requests");
  ASSERT_NE(requests, nullptr);
  EXPECT_FALSE(requests->pinned.has_value());
  ASSERT_EQ(requests->any_of.size(), 1u);
  EXPECT_EQ(requests->any_of[0].specifiers().size(), 2u);

  EXPECT_EQ(Find(set, "win-only"), nullptr) << "marker false on linux";
  EXPECT_GE(set.skipped_by_marker, 1u);

  const Dependency* flask = Find(set, "flask");  // continued over two lines
  ASSERT_NE(flask, nullptr);
  EXPECT_EQ(flask->line, 8u);
  EXPECT_EQ(flask->specifier_text, ">=2.0,<3");

  const Dependency* other = Find(set, "other-lib");  // --hash options stripped
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->pinned->ToString(), "1.0");
  EXPECT_EQ(other->requirement, "other.lib==1.0");

  const Dependency* editable = Find(set, "editable-pkg");
  ASSERT_NE(editable, nullptr);
  EXPECT_TRUE(editable->editable);
  EXPECT_FALSE(editable->pinned.has_value());

  const Dependency* pip = Find(set, "pip");
  ASSERT_NE(pip, nullptr);
  EXPECT_EQ(pip->url, "https://github.com/pypa/pip/archive/22.0.zip");

  const Dependency* wheel = Find(set, "wheelpkg");
  ASSERT_NE(wheel, nullptr);
  EXPECT_EQ(wheel->pinned->ToString(), "3.1.4");
  const Dependency* sdist = Find(set, "sdistpkg");
  ASSERT_NE(sdist, nullptr);
  EXPECT_EQ(sdist->pinned->ToString(), "0.9");

  const Dependency* env = Find(set, "envpkg");  // ${VAR} expansion
  ASSERT_NE(env, nullptr);
  EXPECT_EQ(env->pinned->ToString(), "4.5.6");
  EXPECT_EQ(env->version_line, 0u) << "an expanded line is not rewritable";

  const Dependency* bare = Find(set, "bare-name");
  ASSERT_NE(bare, nullptr);
  EXPECT_TRUE(bare->any_of.empty());

  // Includes: -r relative to the including file, -c as constraints.
  const Dependency* base = Find(set, "base-dep");
  ASSERT_NE(base, nullptr);
  EXPECT_EQ(base->manifest, "sub/base.txt");
  EXPECT_EQ(base->line, 1u);
  const Dependency* compact = Find(set, "compact");  // `name@url` without spaces
  ASSERT_NE(compact, nullptr);
  EXPECT_EQ(compact->url, "https://example.org/dl/compact-1.0.tar.gz");
  EXPECT_EQ(compact->pinned->ToString(), "1.0");  // from the archive name
  const Dependency* ssh = Find(set, "sshdep");     // `@` inside the URL
  ASSERT_NE(ssh, nullptr);
  EXPECT_EQ(ssh->url, "git+ssh://git@github.com/example/sshdep.git#egg=sshdep");
  EXPECT_FALSE(ssh->pinned.has_value());
  const Dependency* constrained = Find(set, "constrained");
  ASSERT_NE(constrained, nullptr);
  EXPECT_EQ(constrained->group, "constraints");

  // Errors name file and line, and do not hide the lines after them.
  EXPECT_TRUE(HasError(set, file, 17, "missing version")) << Errors(set);
  EXPECT_TRUE(HasError(set, file, 18, "unknown option `--unknown-option`")) << Errors(set);
  EXPECT_EQ(set.errors.size(), 2u) << Errors(set);
  const Dependency* after = Find(set, "after-error");
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->line, 19u);
  EXPECT_EQ(set.files, (std::vector<std::string>{"requirements.txt", "sub/base.txt", "sub/constraints.txt"}));
}

TEST(Requirements, IncludeCycleAndMissingInclude) {
  ManifestSet set;
  ReadManifest(kFixtures + "/cycle", "requirements-a.txt", ManifestKind::kRequirements, LinuxPython311(), &set);
  EXPECT_TRUE(HasError(set, "b.txt", 1, "include cycle")) << Errors(set);
  EXPECT_TRUE(HasError(set, "b.txt", 2, "`missing.txt` not found")) << Errors(set);
  EXPECT_NE(Find(set, "from-a"), nullptr);
  EXPECT_NE(Find(set, "from-b"), nullptr);
}

TEST(Pyproject, Pep621Pep735AndPdm) {
  ManifestSet set;
  ReadManifest(kFixtures + "/pyproject", "pyproject.toml", ManifestKind::kPyproject, LinuxPython311(), &set);
  EXPECT_TRUE(set.errors.empty()) << Errors(set);
  const Dependency* demo = Find(set, "demo-pkg");
  ASSERT_NE(demo, nullptr);
  EXPECT_EQ(demo->line, 5u);
  EXPECT_EQ(demo->column, 4u);
  EXPECT_EQ(demo->version_column, 14u);
  EXPECT_EQ(demo->group, "main");
  const Dependency* literal = Find(set, "literal-quoted");
  ASSERT_NE(literal, nullptr);
  EXPECT_EQ(literal->pinned->ToString(), "3.0");
  EXPECT_EQ(Find(set, "markered"), nullptr);
  ASSERT_NE(Find(set, "sphinx"), nullptr);
  EXPECT_EQ(Find(set, "sphinx")->group, "optional:docs");
  ASSERT_NE(Find(set, "pytest"), nullptr);
  EXPECT_EQ(Find(set, "pytest")->group, "group:test");
  ASSERT_NE(Find(set, "ruff"), nullptr);
  ASSERT_NE(Find(set, "pdm-dev"), nullptr);
  EXPECT_EQ(set.dependencies.size(), 7u);
}

TEST(Pyproject, PoetryConstraints) {
  ManifestSet set;
  ReadManifest(kFixtures + "/poetry", "pyproject.toml", ManifestKind::kPyproject, LinuxPython311(), &set);
  EXPECT_TRUE(set.errors.empty()) << Errors(set);
  EXPECT_EQ(Find(set, "python"), nullptr);
  auto allows = [&](std::string_view name, std::string_view version) {
    const Dependency* d = Find(set, name);
    EXPECT_NE(d, nullptr) << name;
    if (!d) return false;
    auto v = Version::Parse(version);
    if (d->any_of.empty()) return true;
    for (const SpecifierSet& s : d->any_of) {
      if (s.Contains(*v)) return true;
    }
    return false;
  };
  EXPECT_TRUE(allows("demo-pkg", "1.9.9"));
  EXPECT_FALSE(allows("demo-pkg", "2.0"));
  EXPECT_FALSE(allows("demo-pkg", "0.9"));
  EXPECT_TRUE(allows("caret-zero", "0.2.9"));
  EXPECT_FALSE(allows("caret-zero", "0.3.0"));
  EXPECT_TRUE(allows("tilde", "1.2.7"));
  EXPECT_FALSE(allows("tilde", "1.3"));
  EXPECT_TRUE(allows("starred", "99"));
  EXPECT_TRUE(allows("either", "3.5"));
  EXPECT_FALSE(allows("either", "2.0"));
  EXPECT_TRUE(allows("table-form", "1.5"));
  EXPECT_FALSE(allows("table-form", "2.0"));
  const Dependency* exact = Find(set, "exact");
  ASSERT_NE(exact, nullptr);
  EXPECT_EQ(exact->pinned->ToString(), "2.0.1");
  EXPECT_EQ(exact->version_line, 9u);
  EXPECT_EQ(Find(set, "win-marker"), nullptr);
  ASSERT_NE(Find(set, "git-dep"), nullptr);
  EXPECT_FALSE(Find(set, "git-dep")->url.empty());
  ASSERT_NE(Find(set, "pytest"), nullptr);
  EXPECT_EQ(Find(set, "pytest")->group, "group:dev");
  EXPECT_EQ(Find(set, "pytest")->pinned->ToString(), "7.0.0");
}

TEST(SetupCfg, InstallAndExtrasRequire) {
  ManifestSet set;
  ReadManifest(kFixtures + "/setupcfg", "setup.cfg", ManifestKind::kSetupCfg, LinuxPython311(), &set);
  EXPECT_TRUE(set.errors.empty()) << Errors(set);
  ASSERT_EQ(set.dependencies.size(), 4u);
  EXPECT_EQ(Find(set, "demo-pkg")->line, 7u);
  EXPECT_EQ(Find(set, "demo-pkg")->column, 5u);
  EXPECT_EQ(Find(set, "flask")->specifier_text, ">=2.0");
  EXPECT_EQ(Find(set, "other-lib")->pinned->ToString(), "1.0");
  EXPECT_EQ(Find(set, "prerel-lib")->group, "optional:security");
}

TEST(Lockfiles, AllFormats) {
  ManifestSet set;
  auto options = LinuxPython311();
  for (const auto& [file, kind] : std::vector<std::pair<std::string, ManifestKind>>{
           {"poetry.lock", ManifestKind::kPoetryLock}, {"Pipfile.lock", ManifestKind::kPipfileLock},
           {"uv.lock", ManifestKind::kUvLock},         {"pdm.lock", ManifestKind::kPdmLock},
           {"pylock.toml", ManifestKind::kPylock}}) {
    EXPECT_EQ(ClassifyManifest(file), kind) << file;
    ReadManifest(kFixtures + "/locks", file, kind, options, &set);
  }
  EXPECT_TRUE(set.errors.empty()) << Errors(set);
  auto pins = [&](std::string_view manifest) {
    std::vector<std::string> out;
    for (const Dependency& d : set.dependencies) {
      if (d.manifest == manifest) out.push_back(d.name + "@" + d.pinned->ToString() + ":" + std::to_string(d.line));
    }
    return out;
  };
  EXPECT_EQ(pins("poetry.lock"), (std::vector<std::string>{"demo-pkg@1.1.0:2", "flask@3.0.0:9"}));
  EXPECT_EQ(pins("Pipfile.lock"), (std::vector<std::string>{"demo-pkg@2.0.1:4", "pytest@8.0.0:9"}));
  EXPECT_EQ(pins("uv.lock"), (std::vector<std::string>{"demo-pkg@2.4.0:10"}));
  EXPECT_EQ(pins("pdm.lock"), (std::vector<std::string>{"other-lib@1.1rc1:5"}));
  EXPECT_EQ(pins("pylock.toml"), (std::vector<std::string>{"demo-pkg@1.0:5"}));
  EXPECT_EQ(set.skipped_by_marker, 2u);  // win-only in Pipfile.lock and pylock.toml
}

TEST(Lockfiles, SyntaxErrorNamesLine) {
  ManifestSet set;
  ReadOptions options = LinuxPython311();
  // A TOML error: reported with its line, nothing else read from that file.
  std::string dir = ::testing::TempDir() + "/rampart_badlock";
  std::filesystem::create_directories(dir);
  FILE* f = std::fopen((dir + "/poetry.lock").c_str(), "w");
  std::fputs("[[package]]\nname = \"a\"\nversion = \"1.0\n", f);
  std::fclose(f);
  ReadManifest(dir, "poetry.lock", ManifestKind::kPoetryLock, options, &set);
  ASSERT_EQ(set.errors.size(), 1u);
  EXPECT_EQ(set.errors[0].line, 3u) << set.errors[0].ToString();
  f = std::fopen((dir + "/Pipfile.lock").c_str(), "w");
  std::fputs("{\n  \"default\": {\n    \"a\": {\"version\": \"==1.0\"},\n  }\n}\n", f);
  std::fclose(f);
  ReadManifest(dir, "Pipfile.lock", ManifestKind::kPipfileLock, options, &set);
  ASSERT_EQ(set.errors.size(), 2u);
  EXPECT_EQ(set.errors[1].line, 4u) << set.errors[1].ToString();
}

TEST(SitePackages, DistInfoMetadata) {
  ManifestSet set;
  ReadSitePackages(kFixtures + "/site", kFixtures + "/site/lib", &set);
  ASSERT_EQ(set.dependencies.size(), 2u) << Errors(set);
  EXPECT_EQ(Find(set, "demo-pkg")->pinned->ToString(), "1.1.0");
  EXPECT_EQ(Find(set, "demo-pkg")->manifest, "lib/demo_pkg-1.1.0.dist-info/METADATA");
  EXPECT_EQ(Find(set, "demo-pkg")->line, 3u);
  EXPECT_TRUE(HasError(set, "lib/broken-1.0.dist-info/METADATA", 1, "`Name:`")) << Errors(set);
}

TEST(Discovery, FindsEveryFormatAndSkipsVirtualenvs) {
  EXPECT_EQ(ClassifyManifest("requirements-dev.txt"), ManifestKind::kRequirements);
  EXPECT_EQ(ClassifyManifest("requirements/prod.txt"), ManifestKind::kRequirements);
  EXPECT_EQ(ClassifyManifest("dev-requirements.in"), ManifestKind::kRequirements);
  EXPECT_EQ(ClassifyManifest("pylock.dev.toml"), ManifestKind::kPylock);
  EXPECT_FALSE(ClassifyManifest("notes.txt").has_value());
  EXPECT_FALSE(ClassifyManifest("Pipfile").has_value());
  ManifestSet set = DiscoverAndRead(kFixtures, LinuxPython311());
  // site/lib holds dist-info folders, not manifests: only --site-packages reads them.
  for (const std::string& f : set.files) EXPECT_EQ(f.find("site/"), std::string::npos) << f;
  std::vector<std::string> expected = {"cycle/requirements-a.txt", "cycle/b.txt", "locks/Pipfile.lock",
                                       "locks/pdm.lock", "locks/poetry.lock", "locks/pylock.toml",
                                       "locks/uv.lock", "poetry/pyproject.toml", "pyproject/pyproject.toml",
                                       "requirements/requirements.txt", "requirements/sub/base.txt",
                                       "requirements/sub/constraints.txt", "setupcfg/setup.cfg"};
  std::vector<std::string> files = set.files;
  std::sort(files.begin(), files.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(files, expected);
}

}  // namespace
}  // namespace rampart::deps

namespace rampart::deps {
namespace {

// Hostile and binary input: every reader returns errors, never crashes or hangs.
TEST(HostileInput, GarbageNeverCrashes) {
  std::string dir = ::testing::TempDir() + "/rampart_hostile_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  std::string garbage;
  uint32_t seed = 12345;
  for (int i = 0; i < 20000; ++i) {
    seed = seed * 1103515245 + 12345;
    garbage.push_back(static_cast<char>(seed >> 16));
    if (i % 97 == 0) garbage += "\n==1.0 ; (( [ \\\n";
  }
  const std::string deep_marker = "pkg==1.0 ; " + std::string(100000, '(') + "python_version > '3'";
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"requirements.txt", garbage},
      {"requirements-deep.txt", deep_marker + "\nok==1.0\n"},
      {"requirements-bom.txt", "\xEF\xBB\xBF" "flask==3.0.3\n"},
      {"pyproject.toml", garbage},
      {"setup.cfg", "[options]\ninstall_requires =\n" + garbage},
      {"poetry.lock", garbage},
      {"Pipfile.lock", garbage},
      {"uv.lock", "[[package]]\nname = 1\nversion = []\n"},
      {"pylock.toml", "packages = \"not an array\"\n"},
  };
  for (const auto& [name, text] : inputs) {
    FILE* f = std::fopen((dir + "/" + name).c_str(), "wb");
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  ReadOptions options;
  ManifestSet set = DiscoverAndRead(dir, options);
  EXPECT_FALSE(set.errors.empty());
  bool deep_error = false, bom_ok = false, after_deep = false;
  for (const ManifestError& e : set.errors) {
    EXPECT_FALSE(e.path.empty());
    if (e.path == "requirements-deep.txt" && e.line == 1 && e.message.find("nested too deeply") != std::string::npos) {
      deep_error = true;
    }
  }
  for (const Dependency& d : set.dependencies) {
    if (d.manifest == "requirements-bom.txt" && d.name == "flask" && d.column == 1) bom_ok = true;
    if (d.manifest == "requirements-deep.txt" && d.name == "ok") after_deep = true;
  }
  EXPECT_TRUE(deep_error);
  EXPECT_TRUE(bom_ok);
  EXPECT_TRUE(after_deep);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rampart::deps

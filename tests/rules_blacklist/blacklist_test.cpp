// Tests for the blacklist rule family (PY301-PY324, PY401-PY415) beyond what the
// one-file fixtures can express: helper semantics, module-wide exemptions,
// exact report ranges, messages that name the safe API, and robustness.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/rule_info.h"
#include "python/parser.h"
#include "rules/analyze.h"
#include "rules/calls/support.h"
#include "rules/imports/support.h"
#include "rules/rule.h"
#include "sema/model.h"

namespace rampart::rules {
namespace {

// Runs one rule (by code) over one in-memory file.
std::vector<Finding> RunRule(std::string_view code, std::string source) {
  ProjectInput input;
  input.root = "/snippet";
  input.files.push_back({"snippet.py", "/snippet/snippet.py", std::move(source)});
  std::string wanted(code);
  input.enabled = [wanted](std::string_view c) { return c == wanted; };
  input.threads = 1;
  ProjectResult result = AnalyzeProject(input);
  return result.findings;
}

// The codes this family registers.
std::vector<std::string> FamilyCodes() {
  std::vector<std::string> codes;
  for (const Rule* rule : AllRules()) {
    std::string_view code = rule->info.code;
    if (code.size() == 5 && code.starts_with("PY") && (code[2] == '3' || code[2] == '4')) {
      codes.emplace_back(code);
    }
  }
  return codes;
}

TEST(BlacklistHelpers, SecretNamesAreMatchedByWholeWords) {
  EXPECT_TRUE(calls::IsSecretName("token"));
  EXPECT_TRUE(calls::IsSecretName("csrf_token"));
  EXPECT_TRUE(calls::IsSecretName("generateApiToken"));
  EXPECT_TRUE(calls::IsSecretName("SESSION_ID"));
  EXPECT_TRUE(calls::IsSecretName("new_password"));
  EXPECT_TRUE(calls::IsSecretName("otp2"));
  EXPECT_TRUE(calls::IsSecretName("secret_key"));
  // Words that merely contain a secret word are not secrets.
  EXPECT_FALSE(calls::IsSecretName("keyboard"));
  EXPECT_FALSE(calls::IsSecretName("monkey"));
  EXPECT_FALSE(calls::IsSecretName("tokenizer"));
  EXPECT_FALSE(calls::IsSecretName("delay"));
  // Lookup keys are not secrets.
  EXPECT_FALSE(calls::IsSecretName("sort_key"));
  EXPECT_FALSE(calls::IsSecretName("cacheKey"));
  EXPECT_FALSE(calls::IsSecretName(""));
}

TEST(BlacklistHelpers, ModulesMatchByWholeDottedComponents) {
  EXPECT_TRUE(imports::InModule("lxml", "lxml"));
  EXPECT_TRUE(imports::InModule("lxml.etree", "lxml"));
  EXPECT_FALSE(imports::InModule("lxmlx", "lxml"));
  EXPECT_FALSE(imports::InModule("lxm", "lxml"));
  EXPECT_FALSE(imports::InModule("xml.etree", "xml.etree.ElementTree"));
  EXPECT_TRUE(imports::InModule("xml.etree.ElementTree.parse", "xml.etree.ElementTree"));
}

TEST(BlacklistHelpers, LastPart) {
  EXPECT_EQ(calls::LastPart("pickle.loads"), "loads");
  EXPECT_EQ(calls::LastPart("eval"), "eval");
  EXPECT_EQ(calls::LastPart(""), "");
}

TEST(BlacklistHelpers, FlowsIntoNameFollowsValuesToTheirTarget) {
  python::Arena arena;
  python::ParseResult parse = python::Parse(
      "import random\n"
      "token = ''.join(random.choice('ab') for _ in range(8))\n"
      "delay = 1 + random.random()\n"
      "data = {'nonce': str(random.random())}\n"
      "def make_secret():\n"
      "    return random.random()\n"
      "log(random.random())\n",
      "t.py", arena);
  ASSERT_TRUE(parse.ok());
  sema::ModuleModel model(parse, "t", false, nullptr);
  std::vector<const python::Call*> random_calls;
  python::Walk(parse.module, [&](python::Node* node) {
    if (const auto* call = node->As<python::Call>()) {
      std::optional<std::string> callee = model.CalleeName(call);
      if (callee && callee->starts_with("random.")) random_calls.push_back(call);
    }
    return true;
  });
  ASSERT_EQ(random_calls.size(), 5u);
  EXPECT_TRUE(calls::FlowsIntoName(random_calls[0], model, calls::IsSecretName));   // token = ...
  EXPECT_FALSE(calls::FlowsIntoName(random_calls[1], model, calls::IsSecretName));  // delay = ...
  EXPECT_TRUE(calls::FlowsIntoName(random_calls[2], model, calls::IsSecretName));   // {'nonce': ...}
  EXPECT_TRUE(calls::FlowsIntoName(random_calls[3], model, calls::IsSecretName));   // return in make_secret
  EXPECT_FALSE(calls::FlowsIntoName(random_calls[4], model, calls::IsSecretName));  // log(...)
  EXPECT_EQ(calls::EnclosingFunctionName(random_calls[3], model), "make_secret");
  EXPECT_EQ(calls::EnclosingFunctionName(random_calls[0], model), "");
}

// ---- module-wide exemptions

TEST(BlacklistRules, DefuseStdlibSilencesStandardLibraryXmlRules) {
  const std::string unsafe =
      "import xml.etree.ElementTree as ET\n"
      "from xml.dom import minidom\n"
      "def read(upload, text):\n"
      "    return ET.parse(upload), minidom.parseString(text)\n";
  const std::string defused = "import defusedxml\ndefusedxml.defuse_stdlib()\n" + unsafe;
  for (std::string_view code : {"PY314", "PY318", "PY405", "PY408"}) {
    EXPECT_EQ(RunRule(code, unsafe).size(), 1u) << code;
    EXPECT_TRUE(RunRule(code, defused).empty()) << code;
  }
  // A mention that is not a call does not count.
  const std::string mention = "import defusedxml\nhook = defusedxml.defuse_stdlib\n" + unsafe;
  EXPECT_EQ(RunRule("PY314", mention).size(), 1u);
  // Defusing does not cover lxml.
  EXPECT_EQ(RunRule("PY320",
                    "import defusedxml\ndefusedxml.defuse_stdlib()\nfrom lxml import etree\netree.parse(f)\n")
                .size(),
            1u);
}

TEST(BlacklistRules, XmlrpcMonkeyPatchSilencesTheImportRule) {
  const std::string plain = "from xmlrpc.server import SimpleXMLRPCServer\n";
  EXPECT_EQ(RunRule("PY411", plain).size(), 1u);
  EXPECT_TRUE(
      RunRule("PY411", "from defusedxml.xmlrpc import monkey_patch\n" + plain + "monkey_patch()\n").empty());
}

TEST(BlacklistRules, OnlyTheTypeCheckingBranchIsExempt) {
  EXPECT_TRUE(
      RunRule("PY403", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pickle\n").empty());
  EXPECT_TRUE(RunRule("PY403", "import typing\nif typing.TYPE_CHECKING:\n    import pickle\n").empty());
  // The `else:` branch runs.
  std::vector<Finding> findings = RunRule(
      "PY403", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    pass\nelse:\n    import pickle\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].range.start.line, 5u);
  // Any other condition runs too.
  EXPECT_EQ(RunRule("PY403", "import sys\nif sys.version_info < (3,):\n    import cPickle\n").size(), 1u);
}

// ---- ranges and messages

TEST(BlacklistRules, ReportsTheNarrowestRange) {
  // hashlib.new("md5"): the algorithm name.
  std::vector<Finding> findings = RunRule("PY324", "import hashlib\nh = hashlib.new(\"md5\")\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].range.start.line, 2u);
  EXPECT_EQ(findings[0].range.start.column, 17u);
  EXPECT_EQ(findings[0].range.end.column, 22u);
  // A call: the callee expression, not the whole call.
  findings = RunRule("PY301", "import pickle\nx = pickle.loads(data)\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].range.start.column, 5u);
  EXPECT_EQ(findings[0].range.end.column, 17u);
  // PyCryptodome ECB: the mode argument.
  findings = RunRule("PY305", "from Crypto.Cipher import AES\nc = AES.new(key, AES.MODE_ECB)\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].range.start.column, 18u);
  EXPECT_EQ(findings[0].range.end.column, 30u);
  // HTTPSConnection: the offending keyword.
  findings =
      RunRule("PY309", "import http.client\nc = http.client.HTTPSConnection(h, check_hostname=False)\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].range.start.column, 36u);
  // Imports: the alias, not the statement.
  findings = RunRule("PY403", "import os, pickle as p\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].range.start.column, 12u);
  EXPECT_EQ(findings[0].range.end.column, 23u);
  // One finding per statement, even when several names match.
  EXPECT_EQ(RunRule("PY403", "from pickle import loads, load, Unpickler\n").size(), 1u);
}

TEST(BlacklistRules, MessagesNameTheSafeApi) {
  struct Case {
    std::string_view code;
    std::string source;
    std::string_view expected;
  };
  const std::vector<Case> cases = {
      {"PY301", "import pickle\npickle.loads(b)\n", "`json.loads`"},
      {"PY302", "import marshal\nmarshal.loads(b)\n", "`json.loads`"},
      {"PY306", "import tempfile\ntempfile.mktemp()\n", "`tempfile.mkstemp`"},
      {"PY307", "eval(x)\n", "`ast.literal_eval`"},
      {"PY311", "import random\ntoken = random.random()\n", "`secrets"},
      {"PY313", "import xml.etree.cElementTree as c\nc.parse(f)\n", "`defusedxml.cElementTree.parse`"},
      {"PY314", "import xml.etree.ElementTree as ET\nET.fromstring(t)\n",
       "`defusedxml.ElementTree.fromstring`"},
      {"PY317", "import xml.sax\nxml.sax.parseString(t, h)\n", "`defusedxml.sax.parse`"},
      {"PY318", "from xml.dom import minidom\nminidom.parse(f)\n", "`defusedxml.minidom.parseString`"},
      {"PY321", "import ftplib\nftplib.FTP(h)\n", "`ftplib.FTP_TLS`"},
      {"PY323", "import ssl\nssl._create_unverified_context()\n", "`ssl.create_default_context()`"},
      {"PY405", "import xml.etree.ElementTree\n", "`defusedxml.ElementTree`"},
      {"PY411", "import xmlrpc.client\n", "`defusedxml.xmlrpc.monkey_patch()`"},
  };
  for (const Case& c : cases) {
    std::vector<Finding> findings = RunRule(c.code, c.source);
    ASSERT_EQ(findings.size(), 1u) << c.code;
    EXPECT_NE(findings[0].message.find(c.expected), std::string::npos)
        << c.code << ": " << findings[0].message;
    // Style: lowercase start, no trailing period.
    EXPECT_FALSE(findings[0].message.back() == '.') << c.code;
    EXPECT_FALSE(findings[0].message.front() >= 'A' && findings[0].message.front() <= 'Z') << c.code;
  }
}

TEST(BlacklistRules, BanditAndRuffAliasesResolve) {
  const RuleCatalogue& catalogue = RuleCatalogue::Get();
  ASSERT_NE(catalogue.Find("bandit:B301"), nullptr);
  EXPECT_EQ(catalogue.Find("bandit:B301")->code, "PY301");
  ASSERT_NE(catalogue.Find("S405"), nullptr);
  EXPECT_EQ(catalogue.Find("S405")->code, "PY405");
  ASSERT_NE(catalogue.Find("B324"), nullptr);
  EXPECT_EQ(catalogue.Find("B324")->code, "PY324");
  // Removed from Bandit and not implemented: no rule claims them.
  EXPECT_EQ(catalogue.Find("bandit:B322"), nullptr);
  EXPECT_EQ(catalogue.Find("bandit:B414"), nullptr);
}

// ---- robustness

TEST(BlacklistRules, HostileInputNeverCrashesOrHangs) {
  std::vector<std::string> inputs = {
      "",
      "import\nfrom import\nfrom . import\nimport pickle as\n",
      "pickle.loads(\n",
      "random.choice(((((((((((\n",
      "\xff\xfe\x00garbage\x00",
      "from __future__ import annotations\nif TYPE_CHECKING:\n",
  };
  // Deeply nested values between a random call and its target: the upward walk is bounded.
  std::string nested = "import random\ntoken = ";
  for (int i = 0; i < 150; ++i) nested += "str(";
  nested += "random.random()";
  for (int i = 0; i < 150; ++i) nested += ")";
  nested += "\n";
  inputs.push_back(nested);
  std::string many_imports;
  for (int i = 0; i < 2000; ++i)
    many_imports += "import pickle, subprocess, lxml.etree as e" + std::to_string(i) + "\n";
  inputs.push_back(many_imports);
  for (const std::string& code : FamilyCodes()) {
    for (const std::string& input : inputs) {
      std::vector<Finding> findings = RunRule(code, input);
      for (const Finding& finding : findings) EXPECT_EQ(finding.rule_code, code);
    }
  }
  EXPECT_EQ(FamilyCodes().size(), 36u);  // 22 call rules + 14 import rules
}

TEST(BlacklistRules, RandomStaysQuietForNonSecretUses) {
  EXPECT_TRUE(RunRule("PY311", "import random\nrandom.shuffle(items)\nx = random.choice(items)\n").empty());
  EXPECT_TRUE(RunRule("PY311", "import random\ndef jitter():\n    return random.uniform(0, 1)\n").empty());
  EXPECT_EQ(
      RunRule("PY311", "import random\ndef new_session_id():\n    return random.getrandbits(64)\n").size(),
      1u);
  // `secrets` and SystemRandom are the fix.
  EXPECT_TRUE(RunRule("PY311", "import random\ntoken = random.SystemRandom().choice('ab')\n").empty());
}

}  // namespace
}  // namespace rampart::rules

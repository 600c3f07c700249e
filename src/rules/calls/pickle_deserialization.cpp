// PY301 pickle-deserialization (bandit B301, ruff S301).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY301",
    .name = "pickle-deserialization",
    .summary = "data is loaded with `pickle` or a module built on it, which can run arbitrary code",
    .fix_hint =
        "exchange data as JSON (`json.loads`); if pickle is unavoidable, authenticate it with "
        "`hmac` first",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {502},
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B301", "ruff:S301"},
    .docs =
        {
            .what_it_does =
                "Finds deserialization with `pickle` and the modules that wrap it: `pickle.load`, "
                "`pickle.loads`, `pickle.Unpickler` (also `cPickle` and `_pickle`), `dill.load`, "
                "`dill.loads`, `dill.Unpickler`, `shelve.open`, `shelve.DbfilenameShelf`, "
                "`jsonpickle.decode`, `jsonpickle.unpickler.decode`, `jsonpickle.unpickler.Unpickler` "
                "and `pandas.read_pickle`, however the module or function was imported or aliased. "
                "Serializing (`pickle.dumps`) is not reported.\n"
                "\n"
                "Differences from Bandit: the list is Bandit 1.7's (1.6.2 lacks `shelve`, `jsonpickle` "
                "and `pandas`) plus `_pickle`, the C module behind `pickle`. A local object that happens "
                "to be named `pickle` is not reported; Bandit matches the spelling and reports it.",
            .why_bad =
                "A pickle is a program for a small stack machine: loading one can import any module and "
                "call any function, so `pickle.loads(data)` on bytes from a cookie, a cache shared with "
                "other services, an upload or a message queue gives whoever controls the bytes code "
                "execution on the server. Nothing in the format can be validated before it runs.",
            .example = "import pickle\n"
                       "\n"
                       "from flask import request\n"
                       "\n"
                       "\n"
                       "def load_cart():\n"
                       "    return pickle.loads(request.cookies[\"cart\"].encode())\n",
            .use_instead = "import json\n"
                           "\n"
                           "from flask import request\n"
                           "\n"
                           "\n"
                           "def load_cart():\n"
                           "    return json.loads(request.cookies[\"cart\"])\n",
            .references =
                "- [Python docs: `pickle` security warning](https://docs.python.org/3/library/pickle.html)\n"
                "- [Bandit B301](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b301-pickle)\n"
                "- [CWE-502: Deserialization of Untrusted Data](https://cwe.mitre.org/data/definitions/502.html)",
        },
};

// Entry points that turn bytes into objects by running pickle opcodes.
constexpr std::array<std::string_view, 18> kCallees = {"pickle.load",
                                                       "pickle.loads",
                                                       "pickle.Unpickler",
                                                       "cPickle.load",
                                                       "cPickle.loads",
                                                       "cPickle.Unpickler",
                                                       "_pickle.load",
                                                       "_pickle.loads",
                                                       "_pickle.Unpickler",
                                                       "dill.load",
                                                       "dill.loads",
                                                       "dill.Unpickler",
                                                       "shelve.open",
                                                       "shelve.DbfilenameShelf",
                                                       "jsonpickle.decode",
                                                       "jsonpickle.unpickler.decode",
                                                       "jsonpickle.unpickler.Unpickler",
                                                       "pandas.read_pickle"};

void Check(const python::Node& node, RuleContext& context) {
  calls::ReportListedCall(node, context, kCallees,
                          " can run arbitrary code while loading untrusted data; use `json.loads` or "
                          "authenticate the bytes with `hmac` first");
}

}  // namespace

const Rule& PickleDeserialization() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

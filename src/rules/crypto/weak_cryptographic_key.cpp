// PY505 weak-cryptographic-key (bandit B505, ruff S505).
#include "rules/crypto/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY505",
    .name = "weak-cryptographic-key",
    .summary = "an RSA, DSA or elliptic-curve key is generated with a key size that is too small",
    .fix_hint = "use at least 2048 bits for RSA/DSA (3072 recommended) and a curve of 224 bits or more (e.g. `SECP256R1`)",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {326},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B505", "ruff:S505"},
    .docs =
        {
            .what_it_does =
                "Finds key generation with a constant key size below the safe minimum: RSA "
                "and DSA below 2048 bits (high severity below 1024, medium otherwise) and "
                "elliptic curves below 224 bits (high below 160), in `cryptography` "
                "(`rsa.generate_private_key`, `dsa.generate_private_key`, "
                "`ec.generate_private_key` with `SECP192R1`, `SECT163K1`, `SECT163R2`) and "
                "PyCrypto / PyCryptodome (`Crypto.PublicKey.RSA.generate`, `DSA.generate`, "
                "also under `Cryptodome`). Sizes are folded through constants "
                "(`KEY_BITS = 1024`).\n\n"
                "Differences from Bandit: the functions are resolved through imports and "
                "aliases and the key size may be a named constant; a size that is not a "
                "constant is not reported.",
            .why_bad =
                "Keys of 1024 bits (RSA/DSA) and curves under 224 bits can be broken with "
                "resources available to well-funded attackers today; NIST SP 800-131A "
                "disallows them. Everything the key protects (TLS sessions, signatures, "
                "tokens) becomes forgeable or readable.",
            .example = "from cryptography.hazmat.primitives.asymmetric import rsa\n"
                       "\n"
                       "key = rsa.generate_private_key(public_exponent=65537, key_size=1024)\n",
            .use_instead = "from cryptography.hazmat.primitives.asymmetric import rsa\n"
                           "\n"
                           "key = rsa.generate_private_key(public_exponent=65537, key_size=3072)\n",
            .references =
                "- [NIST SP 800-131A Rev. 2: key lengths](https://csrc.nist.gov/publications/detail/sp/800-131a/rev-2/final)\n"
                "- [cryptography: RSA key generation](https://cryptography.io/en/latest/hazmat/primitives/asymmetric/rsa/)\n"
                "- [Bandit B505](https://bandit.readthedocs.io/en/latest/plugins/b505_weak_cryptographic_key.html)\n"
                "- [CWE-326: Inadequate Encryption Strength](https://cwe.mitre.org/data/definitions/326.html)",
        },
};

struct KeyFunction {
  std::string_view callee;
  std::string_view algorithm;  // "RSA", "DSA", "EC"
  int position;                // of the key size (EC: of the curve)
  std::string_view keyword;
};
constexpr KeyFunction kKeyFunctions[] = {
    {"cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key", "RSA", 1, "key_size"},
    {"cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key", "DSA", 0, "key_size"},
    {"cryptography.hazmat.primitives.asymmetric.dsa.generate_parameters", "DSA", 0, "key_size"},
    {"cryptography.hazmat.primitives.asymmetric.ec.generate_private_key", "EC", 0, "curve"},
    {"Crypto.PublicKey.RSA.generate", "RSA", 0, "bits"},
    {"Crypto.PublicKey.DSA.generate", "DSA", 0, "bits"},
    {"Cryptodome.PublicKey.RSA.generate", "RSA", 0, "bits"},
    {"Cryptodome.PublicKey.DSA.generate", "DSA", 0, "bits"},
};

struct WeakCurve {
  std::string_view name;
  int bits;
};
constexpr WeakCurve kWeakCurves[] = {{"SECP192R1", 192}, {"SECT163K1", 163}, {"SECT163R2", 163}};

// The curve size when `curve` names (or instantiates) a weak curve class of
// `cryptography.hazmat.primitives.asymmetric.ec`; 0 otherwise.
int WeakCurveBits(const sema::ModuleModel& model, const python::ExprNode* curve) {
  if (const auto* call = curve->As<python::Call>()) curve = call->func;
  std::optional<std::string> name = model.QualifiedName(curve);
  if (!name || !name->starts_with("cryptography.hazmat.primitives.asymmetric.ec.")) return 0;
  for (const WeakCurve& weak : kWeakCurves) {
    if (rules::crypto::LastComponent(*name) == weak.name) return weak.bits;
  }
  return 0;
}

// "cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key" ->
// "rsa.generate_private_key": the spelling users write.
std::string ShortName(std::string_view qualified) {
  size_t last = qualified.rfind('.');
  if (last == std::string_view::npos || last == 0) return std::string(qualified);
  size_t previous = qualified.rfind('.', last - 1);
  return std::string(previous == std::string_view::npos ? qualified : qualified.substr(previous + 1));
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee) return;
  const KeyFunction* function = nullptr;
  for (const KeyFunction& known : kKeyFunctions) {
    if (*callee == known.callee) function = &known;
  }
  if (function == nullptr) return;
  const python::ExprNode* argument = sema::Argument(call, function->position, function->keyword);
  if (argument == nullptr) return;
  std::string algorithm(function->algorithm);

  if (algorithm == "EC") {
    int bits = WeakCurveBits(context.model(), argument);
    if (bits == 0) return;
    ReportOptions options;
    options.severity = bits < 160 ? Severity::kHigh : Severity::kMedium;
    context.Report(argument, "`" + ShortName(*callee) + "` uses a " + std::to_string(bits) +
                                 "-bit elliptic curve: use a curve of at least 224 bits",
                   options);
    return;
  }
  std::optional<sema::Value> size = context.model().ConstantValue(argument);
  if (!size || size->kind != sema::Value::Kind::kInt || !size->int_fits) return;
  if (size->int_value >= 2048) return;
  ReportOptions options;
  options.severity = size->int_value < 1024 ? Severity::kHigh : Severity::kMedium;
  context.Report(argument, "`" + ShortName(*callee) + "` creates a " + std::to_string(size->int_value) + "-bit " +
                               algorithm + " key: use at least 2048 bits",
                 options);
}

}  // namespace

const Rule& WeakCryptographicKey() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

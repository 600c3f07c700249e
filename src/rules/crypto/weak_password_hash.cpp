// PY950 weak-password-hash (no Bandit equivalent; B324 covers weak hashes in general).
#include <array>

#include "rules/crypto/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY950",
    .name = "weak-password-hash",
    .summary = "a password is hashed with a fast general-purpose hash instead of a password hashing function",
    .fix_hint = "hash passwords with argon2, bcrypt, scrypt or `hashlib.pbkdf2_hmac` (Django: `make_password`)",
    .severity = Severity::kHigh,
    .confidence = Confidence::kMedium,
    .cwe = {916, 328},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kFrameworkSecurity,
    .aliases = {},
    .docs =
        {
            .what_it_does =
                "Finds passwords hashed with `hashlib` digests (`md5`, `sha1`, `sha256`, "
                "`sha512`, `sha3_*`, `blake2*`, `hashlib.new(...)`) or PyCryptodome "
                "`Crypto.Hash.*.new`: the hashed data mentions a password-like name "
                "(`password`, `passwd`, `pwd`, `passphrase`, `request.form[\"password\"]`), "
                "the digest is stored to a password-like name (`user.password_hash = "
                "hashlib.sha256(...).hexdigest()`), or a hash object fed with "
                "`.update(password)`. Also finds Django's `make_password(..., hasher=...)` "
                "with an unsalted or MD5/SHA1 hasher, and Werkzeug's "
                "`generate_password_hash(..., method=...)` with a method other than "
                "`pbkdf2:*` / `scrypt:*`. Names that mention a token, salt or "
                "reset code are not passwords and stay quiet, and neither do challenge-response "
                "digests that hash the password with a `nonce`, `realm` or `challenge` (HTTP "
                "Digest and WS-Security prescribe them; nothing is stored).\n\n"
                "Bandit has no such rule: its B324 (owned by rampart's blacklist rules) flags "
                "MD5/SHA1 everywhere, but says nothing about `sha256(password)`, which is "
                "just as unfit for passwords.",
            .why_bad =
                "General-purpose hashes are built to be fast: a single GPU tries billions of "
                "SHA-256 candidates per second, so a leaked table of such hashes gives up "
                "most real passwords within hours, salted or not. Password hashing functions "
                "(argon2, bcrypt, scrypt, PBKDF2) are deliberately slow and salted.",
            .example = "import hashlib\n"
                       "\n"
                       "def store(user, password):\n"
                       "    user.password_hash = hashlib.sha256(password.encode()).hexdigest()\n",
            .use_instead = "from django.contrib.auth.hashers import make_password\n"
                           "\n"
                           "def store(user, password):\n"
                           "    user.password_hash = make_password(password)\n",
            .references =
                "- [OWASP Password Storage Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html)\n"
                "- [Django: password management](https://docs.djangoproject.com/en/stable/topics/auth/passwords/)\n"
                "- [Python docs: `hashlib.scrypt` / `pbkdf2_hmac`](https://docs.python.org/3/library/hashlib.html#key-derivation)\n"
                "- [CWE-916: Use of Password Hash With Insufficient Computational Effort](https://cwe.mitre.org/data/definitions/916.html)",
        },
};

constexpr std::array<std::string_view, 15> kHashlibDigests = {
    "md5",      "sha1",     "sha224",   "sha256",    "sha384",     "sha512",    "sha3_224", "sha3_256",
    "sha3_384", "sha3_512", "blake2b",  "blake2s",   "shake_128",  "shake_256", "new"};

constexpr std::array<std::string_view, 6> kWeakDjangoHashers = {
    "md5", "sha1", "unsalted_md5", "unsalted_sha1", "crypt", "plain"};

// The digest name ("sha256") when the call creates a fast hash object; "" otherwise.
std::string DigestName(const sema::ModuleModel& model, const python::Call* call) {
  std::optional<std::string> callee = model.CalleeName(call);
  if (!callee) return "";
  std::string_view last = rules::crypto::LastComponent(*callee);
  if (*callee == "hashlib." + std::string(last)) {
    for (std::string_view digest : kHashlibDigests) {
      if (last == digest) return std::string(last);
    }
    return "";
  }
  // PyCryptodome: Crypto.Hash.SHA256.new(data)
  if ((callee->starts_with("Crypto.Hash.") || callee->starts_with("Cryptodome.Hash.")) && last == "new") {
    std::string_view module = rules::crypto::LastComponent(std::string_view(*callee).substr(0, callee->size() - 4));
    // MACs take a key first, and a keyed MAC of a password is a different question.
    if (module == "HMAC" || module == "CMAC" || module == "Poly1305") return "";
    return std::string(module);
  }
  return "";
}

// The data argument of a hash constructor: `hashlib.new(name, data)` takes it
// second, the others first (`string=` / `data=` as keywords).
const python::ExprNode* HashedData(const python::Call* call, std::string_view digest) {
  if (digest == "new") return sema::Argument(call, 1, "data");
  if (const python::ExprNode* data = sema::Argument(call, 0, "data")) return data;
  return sema::FindKeyword(call, "string") != nullptr ? sema::FindKeyword(call, "string")->value : nullptr;
}

// The name an expression is stored to: climbs `.hexdigest()` / `.digest()` and
// returns the target of the enclosing assignment when it is password-like.
bool StoredToPasswordName(const sema::ModuleModel& model, const python::Call* call) {
  const python::Node* node = call;
  for (int steps = 0; steps < 4; ++steps) {
    const python::Node* parent = model.Parent(node);
    if (parent == nullptr) return false;
    if (const auto* attribute = parent->As<python::Attribute>()) {
      if (attribute->attr->text != "hexdigest" && attribute->attr->text != "digest") return false;
      node = parent;
      continue;
    }
    if (const auto* outer = parent->As<python::Call>()) {
      if (outer->func != node) return false;
      node = parent;
      continue;
    }
    if (const auto* assign = parent->As<python::Assign>()) {
      for (const python::ExprNode* target : assign->targets) {
        if (rules::crypto::MentionsPassword(target)) return true;
      }
      return false;
    }
    if (const auto* annotated = parent->As<python::AnnAssign>()) {
      return rules::crypto::MentionsPassword(annotated->target);
    }
    return false;
  }
  return false;
}

std::string Message(std::string_view digest) {
  return "password hashed with `" + std::string(digest) +
         "`, a fast hash that is cheap to brute-force: use argon2, bcrypt, scrypt or pbkdf2";
}

void CheckMakePassword(const python::Call* call, RuleContext& context) {
  const python::ExprNode* hasher = sema::Argument(call, 2, "hasher");
  if (hasher == nullptr) return;
  std::optional<std::string> name = context.model().ConstantString(hasher);
  if (!name) return;
  for (std::string_view weak : kWeakDjangoHashers) {
    if (*name == weak) {
      context.Report(hasher, "`make_password` with the `" + *name +
                                 "` hasher stores passwords with a fast or unsalted hash");
      return;
    }
  }
}

// Werkzeug's `generate_password_hash(password, method=...)`: only the
// `pbkdf2:*` and `scrypt:*` methods are key derivation functions; a bare digest
// name (`"sha256"`, accepted before Werkzeug 2.3) is one salted HMAC round.
void CheckWerkzeug(const python::Call* call, RuleContext& context) {
  const python::ExprNode* method = sema::Argument(call, 1, "method");
  if (method == nullptr) return;
  std::optional<std::string> name = context.model().ConstantString(method);
  if (!name || name->starts_with("pbkdf2") || name->starts_with("scrypt")) return;
  context.Report(method, "`generate_password_hash` with `method=\"" + *name +
                             "\"` stores passwords with a fast hash instead of pbkdf2 or scrypt");
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  const sema::ModuleModel& model = context.model();
  if (model.IsCallTo(call, "django.contrib.auth.hashers.make_password")) return CheckMakePassword(call, context);
  if (model.IsCallTo(call, "werkzeug.security.generate_password_hash")) return CheckWerkzeug(call, context);

  // `h.update(password)` on a hash object created in the same scope.
  if (const auto* method = call->func->As<python::Attribute>(); method != nullptr && method->attr->text == "update") {
    const auto* constructor = rules::crypto::AssignedValue(model, method->value)->As<python::Call>();
    if (constructor == nullptr || call->args.empty()) return;
    std::string digest = DigestName(model, constructor);
    if (digest.empty() || !rules::crypto::MentionsPassword(call->args[0])) return;
    context.Report(call->args[0], Message(digest == "new" ? "hashlib.new" : digest));
    return;
  }

  std::string digest = DigestName(model, call);
  if (digest.empty()) return;
  std::string shown = digest == "new" ? "hashlib.new" : digest;
  const python::ExprNode* data = HashedData(call, digest);
  if (data != nullptr && rules::crypto::MentionsPassword(data)) {
    if (rules::crypto::MentionsProtocolChallenge(data)) return;  // HTTP Digest / WSSE, not storage
    context.Report(data, Message(shown));
    return;
  }
  if (StoredToPasswordName(model, call)) context.Report(call->func, Message(shown));
}

}  // namespace

const Rule& WeakPasswordHash() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

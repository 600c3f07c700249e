// PY507 ssh-no-host-key-verification (bandit B507, ruff S507).
#include "rules/crypto/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY507",
    .name = "ssh-no-host-key-verification",
    .summary = "a paramiko SSH client accepts unknown host keys (`AutoAddPolicy` / `WarningPolicy`)",
    .fix_hint = "load known hosts (`client.load_system_host_keys()`) and keep the default `RejectPolicy`",
    .severity = Severity::kHigh,
    .confidence = Confidence::kMedium,
    .cwe = {295},
    .owasp = "A07:2021-Identification and Authentication Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B507", "ruff:S507"},
    .docs =
        {
            .what_it_does =
                "Finds `set_missing_host_key_policy(...)` calls given paramiko's "
                "`AutoAddPolicy` or `WarningPolicy` (the class or an instance), however "
                "paramiko was imported.\n\n"
                "Differences from Bandit: the policy is resolved through imports "
                "(`from paramiko.client import AutoAddPolicy as Trust`), and a class of the "
                "same name that does not come from paramiko is not reported.",
            .why_bad =
                "The host key is what proves the client talks to the real server. Accepting "
                "any unknown key lets a machine on the network path impersonate the server, "
                "capture the password or key exchange and the commands sent over the session.",
            .example = "import paramiko\n"
                       "\n"
                       "client = paramiko.SSHClient()\n"
                       "client.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n",
            .use_instead = "import paramiko\n"
                           "\n"
                           "client = paramiko.SSHClient()\n"
                           "client.load_system_host_keys()\n"
                           "client.set_missing_host_key_policy(paramiko.RejectPolicy())\n",
            .references =
                "- [Paramiko: `SSHClient.set_missing_host_key_policy`](https://docs.paramiko.org/en/latest/api/client.html)\n"
                "- [Bandit B507](https://bandit.readthedocs.io/en/latest/plugins/b507_ssh_no_host_key_verification.html)\n"
                "- [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)",
        },
};

// The accepting policies, under every module paramiko exports them from.
bool IsAcceptingPolicy(std::string_view qualified) {
  if (!qualified.starts_with("paramiko.")) return false;
  std::string_view last = rules::crypto::LastComponent(qualified);
  return last == "AutoAddPolicy" || last == "WarningPolicy";
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  const auto* method = call->func->As<python::Attribute>();
  if (method == nullptr || method->attr->text != "set_missing_host_key_policy") return;
  const python::ExprNode* policy = sema::Argument(call, 0, "policy");
  if (policy == nullptr) return;
  const python::ExprNode* policy_class = rules::crypto::AssignedValue(context.model(), policy);
  if (const auto* instance = policy_class->As<python::Call>()) policy_class = instance->func;
  std::optional<std::string> name = context.model().QualifiedName(policy_class);
  if (!name || !IsAcceptingPolicy(*name)) return;
  context.Report(policy, "`" + std::string(rules::crypto::LastComponent(*name)) +
                             "` accepts any unknown SSH host key, so the server is not authenticated");
}

}  // namespace

const Rule& SshNoHostKeyVerification() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY601 paramiko-calls (bandit B601, ruff S601).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY601",
    .name = "paramiko-calls",
    .summary = "a command built at run time is run on a remote host with paramiko's `exec_command`",
    .fix_hint = "quote every dynamic part with `shlex.quote`, or allow-list the command",
    .severity = Severity::kMedium,
    .confidence = Confidence::kMedium,
    .cwe = {78},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B601", "ruff:S601"},
    .docs =
        {
            .what_it_does =
                "Finds `exec_command` calls on a paramiko `SSHClient` (or, in a module that "
                "imports paramiko, on any object) whose command is not a constant string.\n\n"
                "Differences from Bandit: constant commands are not reported (Bandit reports "
                "every `exec_command` call in a module that imports paramiko), and a "
                "receiver known to be a paramiko client is recognised even when the module "
                "does not import paramiko itself.",
            .why_bad =
                "`exec_command` hands its string to the remote user's login shell. A host "
                "name, file name or branch from a request that reaches it runs arbitrary "
                "commands on the remote machine.",
            .example = "import paramiko\n"
                       "\n"
                       "def tail_log(host, name):\n"
                       "    client = paramiko.SSHClient()\n"
                       "    client.connect(host)\n"
                       "    return client.exec_command(\"tail -n 100 /var/log/\" + name)\n",
            .use_instead = "import shlex\n"
                           "\n"
                           "import paramiko\n"
                           "\n"
                           "def tail_log(host):\n"
                           "    client = paramiko.SSHClient()\n"
                           "    client.connect(host)\n"
                           "    return client.exec_command(\"tail -n 100 /var/log/app.log\")\n",
            .references =
                "- [Paramiko docs: `SSHClient.exec_command`](https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.SSHClient.exec_command)\n"
                "- [Bandit B601](https://bandit.readthedocs.io/en/latest/plugins/b601_paramiko_calls.html)\n"
                "- [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr || general::MethodName(call) != "exec_command") return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  ReportOptions options;
  if (callee && general::StartsWith(*callee, "paramiko.")) {
    options.confidence = Confidence::kHigh;
  } else if (callee || !general::ImportsModule(context.model(), "paramiko")) {
    return;  // resolved to something else, or no paramiko in sight
  }
  const python::ExprNode* command = sema::Argument(call, 0, "command");
  if (command == nullptr || context.model().IsConstantString(command)) return;
  context.Report(command, "`exec_command` runs a command built at run time in the remote shell", options);
}

}  // namespace

const Rule& ParamikoCalls() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

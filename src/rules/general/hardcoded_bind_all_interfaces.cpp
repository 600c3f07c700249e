// PY104 hardcoded-bind-all-interfaces (bandit B104, ruff S104).
#include <array>

#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY104",
    .name = "hardcoded-bind-all-interfaces",
    .summary = "a server is bound to every network interface (`0.0.0.0` / `::`)",
    .fix_hint = "bind to `127.0.0.1` behind a reverse proxy, or take the address from configuration",
    .severity = Severity::kMedium,
    .confidence = Confidence::kMedium,
    .cwe = {605},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kFrameworkSecurity,
    .aliases = {"bandit:B104", "ruff:S104"},
    .docs =
        {
            .what_it_does =
                "Finds `0.0.0.0`, `::` (and `0.0.0.0:PORT`, `[::]:PORT`) used as the address a "
                "server listens on: the host of `Flask.run`, `uvicorn.run`, `uvicorn.Config`, "
                "`werkzeug.serving.run_simple`, `wsgiref.simple_server.make_server`, "
                "`aiohttp.web.run_app`, `waitress.serve`, `SocketIO.run`, `asyncio.start_server`; "
                "the `(host, port)` tuple given to a socket's `bind`, `socket.create_server`, "
                "`socketserver` / `http.server` servers and `gevent` servers (where `\"\"` also "
                "means every interface; port 0, an ephemeral client port, is skipped); a default in `os.environ.get(\"HOST\", \"0.0.0.0\")`; "
                "and module or class settings named `HOST`, `BIND`, `LISTEN`, `BIND_ADDRESS` "
                "... (gunicorn's `bind = \"0.0.0.0:8000\"`).\n\n"
                "Differences from Bandit: Bandit reports every string equal to `0.0.0.0`, "
                "including comparisons and unrelated data; rampart reports only bind contexts, "
                "and also catches `\"\"` in a socket address and `[::]:PORT` bind strings.",
            .why_bad =
                "A development server or internal service bound to all interfaces is reachable "
                "from every network the host is on: the Wi-Fi of a laptop, the whole VPC of a "
                "cloud instance. Services meant to sit behind a reverse proxy then bypass its "
                "TLS, authentication and rate limits.",
            .example = "from flask import Flask\n"
                       "\n"
                       "app = Flask(__name__)\n"
                       "\n"
                       "if __name__ == \"__main__\":\n"
                       "    app.run(host=\"0.0.0.0\", port=8000)\n",
            .use_instead = "import os\n"
                           "\n"
                           "from flask import Flask\n"
                           "\n"
                           "app = Flask(__name__)\n"
                           "\n"
                           "if __name__ == \"__main__\":\n"
                           "    app.run(host=os.environ.get(\"HOST\", \"127.0.0.1\"), port=8000)\n",
            .references =
                "- [Flask docs: externally visible server](https://flask.palletsprojects.com/en/latest/quickstart/#debug-mode)\n"
                "- [Bandit B104](https://bandit.readthedocs.io/en/latest/plugins/b104_hardcoded_bind_all_interfaces.html)\n"
                "- [CWE-605](https://cwe.mitre.org/data/definitions/605.html)",
        },
};

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// `0.0.0.0`, `::`, and with a port (`0.0.0.0:8000`, `[::]:8000`) when `with_port`.
bool IsBindAll(std::string_view text, bool with_port) {
  if (text == "0.0.0.0" || text == "::" || text == "[::]") return true;
  if (!with_port) return false;
  if (general::StartsWith(text, "0.0.0.0:")) return AllDigits(text.substr(8));
  if (general::StartsWith(text, "[::]:")) return AllDigits(text.substr(5));
  return false;
}

// The expression whose constant value is the bind address: the value itself, or
// the default of `os.environ.get(NAME, default)` / `os.getenv(NAME, default)`.
const python::ExprNode* AddressExpr(const sema::ModuleModel& model, const python::ExprNode* expr,
                                    bool* from_default) {
  *from_default = false;
  const auto* call = expr->As<python::Call>();
  if (call == nullptr) return expr;
  if (!general::CalleeIn(model, call, {"os.environ.get", "os.getenv"})) return expr;
  *from_default = true;
  return sema::Argument(call, 1, "default");
}

// Reports `expr` when it is (or defaults to) an all-interfaces address.
void CheckAddress(const python::ExprNode* expr, bool allow_empty, bool with_port,
                  std::string_view where, RuleContext& context) {
  if (expr == nullptr) return;
  bool from_default = false;
  const python::ExprNode* address = AddressExpr(context.model(), expr, &from_default);
  if (address == nullptr) return;
  std::optional<std::string> text = context.model().ConstantString(address);
  if (!text) return;
  if (!IsBindAll(*text, with_port) && !(allow_empty && text->empty())) return;
  ReportOptions options;
  if (from_default) options.confidence = Confidence::kLow;  // the environment may override it
  const std::string shown = text->empty() ? "\"\"" : *text;
  context.Report(address, "`" + std::string(where) + "` listens on every interface (`" + shown + "`)",
                 options);
}

struct HostCall {
  std::string_view callee;
  int position;  // of the host argument; -1 when keyword-only
  std::string_view keyword;
};
constexpr std::array<HostCall, 11> kHostCalls = {{
    {"flask.Flask.run", 0, "host"},
    {"flask_socketio.SocketIO.run", 1, "host"},
    {"uvicorn.run", -1, "host"},
    {"uvicorn.Config", -1, "host"},
    {"uvicorn.config.Config", -1, "host"},
    {"werkzeug.serving.run_simple", 0, "hostname"},
    {"werkzeug.run_simple", 0, "hostname"},
    {"wsgiref.simple_server.make_server", 0, "host"},
    {"aiohttp.web.run_app", -1, "host"},
    {"waitress.serve", -1, "host"},
    {"asyncio.start_server", 1, "host"},
}};

// Calls taking a `(host, port)` address as their first argument.
constexpr std::array<std::string_view, 12> kAddressCalls = {
    "socket.create_server",        "socketserver.TCPServer",
    "socketserver.UDPServer",      "socketserver.ThreadingTCPServer",
    "socketserver.ForkingTCPServer", "socketserver.ThreadingUDPServer",
    "http.server.HTTPServer",      "http.server.ThreadingHTTPServer",
    "gevent.pywsgi.WSGIServer",    "gevent.server.StreamServer",
    "gevent.server.DatagramServer", "xmlrpc.server.SimpleXMLRPCServer"};

void CheckTupleAddress(const python::ExprNode* address, std::string_view where, RuleContext& context) {
  if (address == nullptr) return;
  const python::ExprNode* value = general::FollowAssignment(context.model(), address);
  const auto* tuple = value->As<python::Tuple>();
  if (tuple == nullptr || tuple->elts.size() < 2) return;
  // Port 0 asks for an ephemeral port: a client or UDP socket, not a service.
  std::optional<sema::Value> port = context.model().ConstantValue(tuple->elts[1]);
  if (port && port->kind == sema::Value::Kind::kInt && port->int_fits && port->int_value == 0) return;
  CheckAddress(tuple->elts[0], /*allow_empty=*/true, /*with_port=*/false, where, context);
}

void CheckCall(const python::Call* call, RuleContext& context) {
  const sema::ModuleModel& model = context.model();
  std::optional<std::string> callee = model.CalleeName(call);
  if (callee) {
    for (const HostCall& host_call : kHostCalls) {
      if (*callee != host_call.callee) continue;
      const python::ExprNode* host =
          host_call.position >= 0 ? sema::Argument(call, host_call.position, host_call.keyword)
                                  : sema::FindKeyword(call, host_call.keyword) != nullptr
                                        ? sema::FindKeyword(call, host_call.keyword)->value
                                        : nullptr;
      CheckAddress(host, false, false, *callee, context);
      if (*callee == "waitress.serve") {
        const python::Keyword* listen = sema::FindKeyword(call, "listen");
        if (listen != nullptr) CheckAddress(listen->value, false, true, *callee, context);
      }
      return;
    }
    for (std::string_view address_call : kAddressCalls) {
      if (*callee == address_call) {
        CheckTupleAddress(sema::Argument(call, 0, ""), *callee, context);
        return;
      }
    }
  }
  // `<socket>.bind((host, port))`: a bind call given a (host, port) tuple is a
  // socket bind whatever the receiver's type.
  if (general::MethodName(call) == "bind" && call->args.size() == 1 && call->keywords.empty()) {
    CheckTupleAddress(call->args[0], "bind", context);
  }
}

bool IsBindSettingName(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  static constexpr std::array<std::string_view, 9> kExact = {
      "HOST", "BIND", "LISTEN", "BIND_HOST", "BIND_ADDRESS", "BIND_ADDR",
      "LISTEN_HOST", "LISTEN_ADDRESS", "LISTEN_ADDR"};
  for (std::string_view exact : kExact) {
    if (upper == exact) return true;
  }
  static constexpr std::array<std::string_view, 7> kSuffixes = {
      "_BIND", "_BIND_HOST", "_BIND_ADDRESS", "_LISTEN_ADDRESS", "_LISTEN_HOST", "SERVER_HOST",
      "RUN_HOST"};
  for (std::string_view suffix : kSuffixes) {
    if (general::EndsWith(upper, suffix)) return true;
  }
  return false;
}

void CheckAssign(const python::Assign* assign, RuleContext& context) {
  // Settings live at module or class level; a local `host = "0.0.0.0"` is
  // reported where it reaches a bind call instead.
  const sema::Scope* scope = context.model().ScopeOf(assign);
  if (scope == nullptr ||
      (scope->kind() != sema::ScopeKind::kModule && scope->kind() != sema::ScopeKind::kClass))
    return;
  if (assign->targets.size() != 1) return;
  const auto* target = assign->targets[0]->As<python::Name>();
  if (target == nullptr || !IsBindSettingName(general::IdText(target->id))) return;
  std::string where(general::IdText(target->id));
  if (const auto* list = assign->value->As<python::List>()) {
    for (const python::ExprNode* element : list->elts) CheckAddress(element, false, true, where, context);
    return;
  }
  CheckAddress(assign->value, false, true, where, context);
}

void Check(const python::Node& node, RuleContext& context) {
  if (const auto* call = node.As<python::Call>()) {
    CheckCall(call, context);
    return;
  }
  if (const auto* assign = node.As<python::Assign>()) CheckAssign(assign, context);
}

}  // namespace

const Rule& HardcodedBindAllInterfaces() {
  static const Rule rule{.info = kInfo,
                         .node_kinds = {python::NodeKind::kCall, python::NodeKind::kAssign},
                         .check = Check};
  return rule;
}

}  // namespace rampart::rules

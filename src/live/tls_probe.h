// TLS inspection with OpenSSL directly, against the HTTPS origin's host:port:
// one handshake to read and verify the certificate, one per legacy protocol
// version (TLS 1.0, 1.1) pinned with min/max version, and one offering only weak
// cipher suites. Callers may rely on: at most four connections, each bounded by
// `timeout_seconds`; no HTTP is spoken; failures are values in the report.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace rampart::live {

struct TlsReport {
  bool reachable = false;  // the verification handshake completed
  std::string error;       // why not, when !reachable
  std::string protocol;    // negotiated by the default handshake, e.g. "TLSv1.3"
  // Certificate (valid only when reachable).
  bool trusted = false;          // chain verifies against system roots + --cacert
  std::string verify_error;      // OpenSSL's reason when !trusted
  bool self_signed = false;
  bool hostname_matches = false;
  long long seconds_to_expiry = 0;  // negative when expired
  bool not_yet_valid = false;
  std::string subject;
  std::string issuer;
  std::vector<std::string> legacy_protocols;  // accepted: "TLSv1", "TLSv1.1"
  std::string weak_cipher;                    // a weak suite the server accepted
};

struct TlsProbeOptions {
  std::string host;
  int port = 443;
  std::string ca_file;  // extra trusted CA bundle (--cacert), may be empty
  double timeout_seconds = 10;
};

TlsReport ProbeTls(const TlsProbeOptions& options);

}  // namespace rampart::live

#include "live/tls_probe.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace rampart::live {
namespace {

// Weak suites: no encryption, no authentication, export-grade, 56/64-bit and
// RC4/3DES/MD5. SECLEVEL=0 lets this client offer them at all.
constexpr char kWeakCiphers[] = "eNULL:aNULL:EXPORT:LOW:RC4:3DES:DES:MD5:@SECLEVEL=0";

struct SslCtxDeleter {
  void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};
struct SslDeleter {
  void operator()(SSL* ssl) const { SSL_free(ssl); }
};
struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};

std::string BareHost(const std::string& host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') return host.substr(1, host.size() - 2);
  return host;
}

bool IsIpLiteral(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

// Connects with a bounded wait and returns a blocking socket whose reads and
// writes time out too, or -1 with `error` set.
int ConnectBounded(const std::string& host, int port, double timeout, std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* addresses = nullptr;
  std::string port_text = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), port_text.c_str(), &hints, &addresses); rc != 0) {
    error = std::string("cannot resolve host: ") + gai_strerror(rc);
    return -1;
  }
  int fd = -1;
  error = "connection refused";
  for (addrinfo* address = addresses; address != nullptr; address = address->ai_next) {
    fd = socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
    if (fd < 0) continue;
    int flags = fcntl(fd, F_GETFL, 0);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    int rc = connect(fd, address->ai_addr, address->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      pollfd pfd{fd, POLLOUT, 0};
      rc = poll(&pfd, 1, static_cast<int>(timeout * 1000));
      if (rc == 1) {
        int so_error = 0;
        socklen_t length = sizeof(so_error);
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &length);
        rc = so_error == 0 ? 0 : -1;
        if (so_error != 0) error = std::strerror(so_error);
      } else {
        rc = -1;
        error = "connection timed out";
      }
    } else if (rc != 0) {
      error = std::strerror(errno);
    }
    if (rc == 0) {
      fcntl(fd, F_SETFL, flags);
      timeval tv{};
      tv.tv_sec = static_cast<time_t>(timeout);
      tv.tv_usec = static_cast<suseconds_t>((timeout - static_cast<double>(tv.tv_sec)) * 1e6);
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
      setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
      break;
    }
    close(fd);
    fd = -1;
  }
  freeaddrinfo(addresses);
  for (char& c : error) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return fd;
}

struct Handshake {
  std::unique_ptr<SSL, SslDeleter> ssl;
  int fd = -1;
  std::string error;
  ~Handshake() {
    if (ssl) SSL_shutdown(ssl.get());
    ssl.reset();
    if (fd >= 0) close(fd);
  }
};

// Runs one handshake with `ctx`; on success `handshake.ssl` is connected.
void Connect(SSL_CTX* ctx, const TlsProbeOptions& options, Handshake& handshake) {
  std::string host = BareHost(options.host);
  handshake.fd = ConnectBounded(host, options.port, options.timeout_seconds, handshake.error);
  if (handshake.fd < 0) return;
  std::unique_ptr<SSL, SslDeleter> ssl(SSL_new(ctx));
  if (!ssl) {
    handshake.error = "cannot create a tls session";
    return;
  }
  if (!IsIpLiteral(host)) SSL_set_tlsext_host_name(ssl.get(), host.c_str());
  SSL_set_fd(ssl.get(), handshake.fd);
  ERR_clear_error();
  if (SSL_connect(ssl.get()) != 1) {
    unsigned long code = ERR_get_error();
    char buffer[256] = "handshake failed";
    if (code != 0) ERR_error_string_n(code, buffer, sizeof(buffer));
    handshake.error = buffer;
    return;
  }
  handshake.ssl = std::move(ssl);
}

std::unique_ptr<SSL_CTX, SslCtxDeleter> LegacyContext(int version, const char* ciphers) {
  std::unique_ptr<SSL_CTX, SslCtxDeleter> ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) return ctx;
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  // Security level 0 is what lets this client offer old protocols and suites;
  // the point of the probe is to learn whether the server still accepts them.
  SSL_CTX_set_security_level(ctx.get(), 0);
  SSL_CTX_set_min_proto_version(ctx.get(), version);
  SSL_CTX_set_max_proto_version(ctx.get(), version);
  SSL_CTX_set_cipher_list(ctx.get(), ciphers);
  return ctx;
}

std::string NameLine(X509_NAME* name) {
  if (name == nullptr) return "";
  char buffer[512];
  X509_NAME_oneline(name, buffer, sizeof(buffer));
  return buffer;
}

}  // namespace

TlsReport ProbeTls(const TlsProbeOptions& options) {
  TlsReport report;
  std::string host = BareHost(options.host);
  {
    std::unique_ptr<SSL_CTX, SslCtxDeleter> ctx(SSL_CTX_new(TLS_client_method()));
    if (!ctx) {
      report.error = "cannot create a tls context";
      return report;
    }
    SSL_CTX_set_default_verify_paths(ctx.get());
    if (!options.ca_file.empty() &&
        SSL_CTX_load_verify_locations(ctx.get(), options.ca_file.c_str(), nullptr) != 1) {
      report.error = "cannot load `--cacert` file " + options.ca_file;
      return report;
    }
    // Verify, but finish the handshake either way: an untrusted certificate is
    // a finding to report, not a reason to stop.
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    Handshake handshake;
    Connect(ctx.get(), options, handshake);
    if (!handshake.ssl) {
      report.error = handshake.error;
      return report;
    }
    report.reachable = true;
    report.protocol = SSL_get_version(handshake.ssl.get());
    std::unique_ptr<X509, X509Deleter> cert(SSL_get1_peer_certificate(handshake.ssl.get()));
    long verify = SSL_get_verify_result(handshake.ssl.get());
    report.trusted = cert != nullptr && verify == X509_V_OK;
    if (!report.trusted) {
      report.verify_error = cert ? X509_verify_cert_error_string(verify) : "no certificate presented";
    }
    if (cert) {
      report.subject = NameLine(X509_get_subject_name(cert.get()));
      report.issuer = NameLine(X509_get_issuer_name(cert.get()));
      report.self_signed = verify == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT ||
                           X509_check_issued(cert.get(), cert.get()) == X509_V_OK;
      report.hostname_matches =
          IsIpLiteral(host) ? X509_check_ip_asc(cert.get(), host.c_str(), 0) == 1
                            : X509_check_host(cert.get(), host.c_str(), host.size(), 0, nullptr) == 1;
      int days = 0, seconds = 0;
      if (ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notAfter(cert.get())) == 1) {
        report.seconds_to_expiry = static_cast<long long>(days) * 86400 + seconds;
      }
      if (ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notBefore(cert.get())) == 1) {
        report.not_yet_valid = days > 0 || seconds > 0;
      }
    }
  }
  struct Legacy {
    int version;
    const char* name;
  };
  for (Legacy legacy : {Legacy{TLS1_VERSION, "TLSv1"}, Legacy{TLS1_1_VERSION, "TLSv1.1"}}) {
    auto ctx = LegacyContext(legacy.version, "ALL:@SECLEVEL=0");
    if (!ctx) continue;
    Handshake handshake;
    Connect(ctx.get(), options, handshake);
    if (handshake.ssl) report.legacy_protocols.push_back(legacy.name);
  }
  {
    std::unique_ptr<SSL_CTX, SslCtxDeleter> ctx(SSL_CTX_new(TLS_client_method()));
    if (ctx) {
      SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
      SSL_CTX_set_security_level(ctx.get(), 0);
      SSL_CTX_set_min_proto_version(ctx.get(), TLS1_VERSION);
      // TLS 1.3 suites are all strong; capping at 1.2 makes the server choose
      // among the weak suites offered or fail.
      SSL_CTX_set_max_proto_version(ctx.get(), TLS1_2_VERSION);
      if (SSL_CTX_set_cipher_list(ctx.get(), kWeakCiphers) == 1) {
        Handshake handshake;
        Connect(ctx.get(), options, handshake);
        if (handshake.ssl) report.weak_cipher = SSL_get_cipher_name(handshake.ssl.get());
      }
    }
  }
  return report;
}

}  // namespace rampart::live

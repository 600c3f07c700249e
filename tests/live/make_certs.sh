#!/bin/sh
# Creates the TLS material the live tests need, in DIR (fresh keys every run;
# nothing here is committed):
#   ca.pem/ca.key      a private test CA
#   good.pem/good.key  signed by it, for 127.0.0.1 and localhost, valid 365 days
#   bad.pem/bad.key    self-signed, for wrong.example only, valid 10 days
set -eu
dir=$1
cd "$dir"
curve="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
openssl req -x509 $curve -keyout ca.key -out ca.pem -days 30 -subj "/CN=rampart test CA" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req $curve -keyout good.key -out good.csr -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > good.ext
openssl x509 -req -in good.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out good.pem -days 365 \
  -extfile good.ext 2>/dev/null
openssl req -x509 $curve -keyout bad.key -out bad.pem -days 10 -subj "/CN=wrong.example" \
  -addext subjectAltName=DNS:wrong.example 2>/dev/null

/* OpenSSL's libcrypto, for SHA-256 only (EVP digests; SHA-NI/AVX2 picked at run time). */
#include <openssl/evp.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

// OpenSSL 3 frees its tables in an atexit handler; a thread still hashing when the process exits
// (a failed command, Ctrl-C) would then crash. Called once before any other OpenSSL function.
static inline void listscrub_crypto_init(void) {
  OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, NULL);
}

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

// OpenSSL 3 frees its tables in an atexit handler; a thread still hashing when the process exits
// (a failed command, Ctrl-C) would then crash. Called once before any other OpenSSL function.
static inline void listscrub_crypto_init(void) {
  OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, NULL);
}

// A PEM passphrase callback that gives none: an encrypted key fails to read instead of
// prompting on the terminal.
static inline int listscrub_no_passphrase(char *buf, int size, int rwflag, void *u) {
  (void)buf;
  (void)size;
  (void)rwflag;
  (void)u;
  return 0;
}

// The Ed25519 helpers' results.
enum {
  LISTSCRUB_ED25519_OK = 0,
  LISTSCRUB_ED25519_UNREADABLE = -1,  // not a PEM key (or an encrypted one)
  LISTSCRUB_ED25519_WRONG_TYPE = -2,  // a key, but not Ed25519
  LISTSCRUB_ED25519_FAILED = -3,      // libcrypto refused to sign or to export the key
};

// Reads a PEM key: a private key (`openssl genpkey -algorithm ed25519`) when `want_private`,
// else a public key (`openssl pkey -pubout`), or a private key's public half.
static inline int listscrub_pem_key(const char *pem, size_t pem_len, int want_private, EVP_PKEY **out) {
  *out = NULL;
  BIO *bio = BIO_new_mem_buf(pem, (int)pem_len);
  if (bio == NULL) return LISTSCRUB_ED25519_FAILED;
  EVP_PKEY *key = NULL;
  if (want_private) {
    key = PEM_read_bio_PrivateKey(bio, NULL, listscrub_no_passphrase, NULL);
  } else {
    key = PEM_read_bio_PUBKEY(bio, NULL, listscrub_no_passphrase, NULL);
    if (key == NULL) {
      BIO_free(bio);
      bio = BIO_new_mem_buf(pem, (int)pem_len);
      if (bio == NULL) return LISTSCRUB_ED25519_FAILED;
      key = PEM_read_bio_PrivateKey(bio, NULL, listscrub_no_passphrase, NULL);
    }
  }
  BIO_free(bio);
  if (key == NULL) return LISTSCRUB_ED25519_UNREADABLE;
  if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(key);
    return LISTSCRUB_ED25519_WRONG_TYPE;
  }
  *out = key;
  return LISTSCRUB_ED25519_OK;
}

// The raw 32-byte public key of a PEM key (private or public).
static inline int listscrub_ed25519_public_key(const char *pem, size_t pem_len, unsigned char public_key[32]) {
  EVP_PKEY *key = NULL;
  int status = listscrub_pem_key(pem, pem_len, 0, &key);
  if (status != LISTSCRUB_ED25519_OK) return status;
  size_t length = 32;
  int ok = EVP_PKEY_get_raw_public_key(key, public_key, &length) == 1 && length == 32;
  EVP_PKEY_free(key);
  return ok ? LISTSCRUB_ED25519_OK : LISTSCRUB_ED25519_FAILED;
}

// Signs `message` with the PEM private key: the 64-byte signature and the key's raw public key.
static inline int listscrub_ed25519_sign(
  const char *pem, size_t pem_len, const unsigned char *message, size_t message_len,
  unsigned char signature[64], unsigned char public_key[32]
) {
  EVP_PKEY *key = NULL;
  int status = listscrub_pem_key(pem, pem_len, 1, &key);
  if (status != LISTSCRUB_ED25519_OK) return status;
  int ok = 0;
  EVP_MD_CTX *context = EVP_MD_CTX_new();
  if (context != NULL && EVP_DigestSignInit(context, NULL, NULL, NULL, key) == 1) {
    size_t length = 64;
    size_t public_length = 32;
    ok = EVP_DigestSign(context, signature, &length, message, message_len) == 1 && length == 64
      && EVP_PKEY_get_raw_public_key(key, public_key, &public_length) == 1 && public_length == 32;
  }
  EVP_MD_CTX_free(context);
  EVP_PKEY_free(key);
  return ok ? LISTSCRUB_ED25519_OK : LISTSCRUB_ED25519_FAILED;
}

// 1 when `signature` is the raw public key's Ed25519 signature of `message`, else 0.
static inline int listscrub_ed25519_verify(
  const unsigned char public_key[32], const unsigned char *message, size_t message_len,
  const unsigned char signature[64]
) {
  EVP_PKEY *key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, public_key, 32);
  if (key == NULL) return 0;
  int ok = 0;
  EVP_MD_CTX *context = EVP_MD_CTX_new();
  if (context != NULL && EVP_DigestVerifyInit(context, NULL, NULL, NULL, key) == 1) {
    ok = EVP_DigestVerify(context, signature, 64, message, message_len) == 1;
  }
  EVP_MD_CTX_free(context);
  EVP_PKEY_free(key);
  return ok;
}

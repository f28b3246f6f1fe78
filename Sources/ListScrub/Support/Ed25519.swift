import CCrypto
import Foundation

/// Ed25519 signatures through OpenSSL's libcrypto: the detached signature of a certificate
/// (`scrub audit certificate --sign KEY`) and its check (`audit verify-certificate`). Keys are
/// PEM, as `openssl genpkey -algorithm ed25519` writes a private key and `openssl pkey -pubout`
/// its public half; a public key travels raw (32 bytes), in base64.
public enum Ed25519 {
  /// Why a key could not be used.
  public enum KeyProblem: Error, Equatable, Sendable {
    /// Not a PEM key, or an encrypted one (a passphrase is never asked for).
    case unreadable
    /// A PEM key of another algorithm (RSA, EC).
    case notEd25519
    /// libcrypto refused (it should not).
    case failed
  }

  /// libcrypto without its exit-time cleanup (see shim.h), as `SHA256` sets it up.
  private static let initialized: Void = listscrub_crypto_init()

  private static func check(_ status: Int32) throws {
    switch status {
    case 0: return
    case -1: throw KeyProblem.unreadable
    case -2: throw KeyProblem.notEd25519
    default: throw KeyProblem.failed
    }
  }

  /// Signs `message` with the private key in `pem`: the 64-byte signature and the key's raw
  /// 32-byte public key.
  public static func sign(_ message: [UInt8], privateKeyPEM pem: [UInt8]) throws -> (
    signature: [UInt8], publicKey: [UInt8]
  ) {
    _ = initialized
    var signature = [UInt8](repeating: 0, count: 64)
    var publicKey = [UInt8](repeating: 0, count: 32)
    let status = pem.withUnsafeBufferPointer { pemBytes in
      message.withUnsafeBufferPointer { messageBytes in
        pemBytes.withMemoryRebound(to: CChar.self) { pemChars in
          listscrub_ed25519_sign(
            pemChars.baseAddress, pemChars.count, messageBytes.baseAddress, messageBytes.count, &signature,
            &publicKey)
        }
      }
    }
    try check(status)
    return (signature, publicKey)
  }

  /// The raw 32-byte public key of the PEM key in `pem` (a public key, or a private key's half).
  public static func publicKey(pem: [UInt8]) throws -> [UInt8] {
    _ = initialized
    var publicKey = [UInt8](repeating: 0, count: 32)
    let status = pem.withUnsafeBufferPointer { pemBytes in
      pemBytes.withMemoryRebound(to: CChar.self) {
        listscrub_ed25519_public_key($0.baseAddress, $0.count, &publicKey)
      }
    }
    try check(status)
    return publicKey
  }

  /// True when `signature` is `publicKey`'s signature of `message`; false for any other
  /// signature, and for a key or signature of the wrong length.
  public static func verify(_ signature: [UInt8], of message: [UInt8], publicKey: [UInt8]) -> Bool {
    _ = initialized
    guard signature.count == 64, publicKey.count == 32 else { return false }
    return message.withUnsafeBufferPointer { messageBytes in
      listscrub_ed25519_verify(publicKey, messageBytes.baseAddress, messageBytes.count, signature) == 1
    }
  }
}

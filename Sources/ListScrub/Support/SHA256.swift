import CCrypto

/// SHA-256, streaming, through OpenSSL's libcrypto (hardware-accelerated where the CPU allows).
/// Registry files are hashed for the proof of scrub and for idempotent re-imports.
public struct SHA256 {
  private final class Context {
    let pointer: OpaquePointer

    /// libcrypto without its exit-time cleanup (see shim.h), set up before the first digest.
    private static let initialized: Void = listscrub_crypto_init()

    init() {
      _ = Context.initialized
      pointer = EVP_MD_CTX_new()
      EVP_DigestInit_ex(pointer, EVP_sha256(), nil)
    }

    deinit {
      EVP_MD_CTX_free(pointer)
    }
  }

  private let context = Context()

  public init() {}

  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    EVP_DigestUpdate(context.pointer, base, bytes.count)
  }

  public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
    Array(bytes).withUnsafeBytes { update($0) }
  }

  /// The digest as lower-case hex. The hasher is spent afterwards.
  public mutating func finalizeHex() -> String {
    var digest = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    EVP_DigestFinal_ex(context.pointer, &digest, &length)
    let hexDigits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(64)
    for byte in digest.prefix(Int(length)) {
      out.append(hexDigits[Int(byte >> 4)])
      out.append(hexDigits[Int(byte & 0xf)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  public static func hex<S: Sequence>(of bytes: S) -> String where S.Element == UInt8 {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalizeHex()
  }
}

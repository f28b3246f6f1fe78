import Foundation

/// The detached signature of a certificate file (`cert.html.sig`): an Ed25519 signature of the
/// file's exact bytes, with the public key that checks it. Text, one `name value` a line:
///
///     scrub-certificate-signature 1
///     algorithm ed25519
///     certificate-sha256 <hex: SHA-256 of the signed file>
///     public-key <base64: the raw 32-byte Ed25519 public key>
///     signature <base64: the 64-byte signature>
///
/// The key in the file proves only that the file was not changed since whoever holds it signed;
/// `audit verify-certificate --key PUB.pem` checks that it is the key you trust.
public struct CertificateSignature: Equatable, Sendable {
  public static let header = "scrub-certificate-signature 1"

  public var certificateSHA256: String
  public var publicKey: [UInt8]
  public var signature: [UInt8]

  public init(certificateSHA256: String, publicKey: [UInt8], signature: [UInt8]) {
    self.certificateSHA256 = certificateSHA256
    self.publicKey = publicKey
    self.signature = signature
  }

  /// Signs `certificate` (the file's bytes) with the PEM private key read from `keyPath`.
  public static func sign(_ certificate: [UInt8], privateKeyPEM pem: [UInt8], keyPath: String) throws
    -> CertificateSignature
  {
    do {
      let (signature, publicKey) = try Ed25519.sign(certificate, privateKeyPEM: pem)
      return CertificateSignature(
        certificateSHA256: SHA256.hex(of: certificate), publicKey: publicKey, signature: signature)
    } catch let problem as Ed25519.KeyProblem {
      throw keyError(problem, path: keyPath, kind: "private")
    }
  }

  /// The error for a key that cannot be used: what it is not, and how to make one.
  public static func keyError(_ problem: Ed25519.KeyProblem, path: String, kind: String) -> ScrubError {
    let what: UserText =
      switch problem {
      case .unreadable: "not an unencrypted Ed25519 \(kind) key in PEM"
      case .notEd25519: "a key of another algorithm, not Ed25519"
      case .failed: "a key libcrypto could not use"
      }
    let hint: UserText =
      kind == "private"
      ? "make one with openssl genpkey -algorithm ed25519 -out key.pem and pass it to \(option: .signingKey)"
      : "pass \(option: .publicKey) the public half: openssl pkey -in key.pem -pubout -out key.pub.pem"
    return .badData(location: path, message: "\(what)", hint: hint)
  }

  /// The public key's fingerprint: `sha256:` and the first 16 hex digits of its SHA-256.
  public var keyFingerprint: String { Self.fingerprint(publicKey) }

  public static func fingerprint(_ publicKey: [UInt8]) -> String {
    "sha256:" + SHA256.hex(of: publicKey).prefix(16)
  }

  /// The file's text.
  public var text: String {
    """
    \(Self.header)
    algorithm ed25519
    certificate-sha256 \(certificateSHA256)
    public-key \(Data(publicKey).base64EncodedString())
    signature \(Data(signature).base64EncodedString())

    """
  }

  /// Reads a signature file's text; `path` names it in errors (exit 65).
  public static func parse(_ text: String, path: String) throws -> CertificateSignature {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    func bad(_ line: Int, _ message: UserText) -> ScrubError {
      .badData(
        location: "\(path):\(line)", message: message,
        hint: "pass the .sig file scrub audit certificate --sign wrote (or \(option: .signatureFile) FILE)")
    }
    guard lines.first == header else { throw bad(1, "not a certificate signature (no \(header) line)") }
    var fields: [String: (line: Int, value: String)] = [:]
    for (i, line) in lines.enumerated().dropFirst() where !line.isEmpty {
      let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { throw bad(i + 1, "a line that is not `name value`") }
      guard fields[parts[0]] == nil else { throw bad(i + 1, "\(parts[0]) given twice") }
      fields[parts[0]] = (i + 1, parts[1])
    }
    func field(_ name: String) throws -> (line: Int, value: String) {
      guard let f = fields[name] else { throw bad(lines.count, "no \(name) line") }
      return f
    }
    let algorithm = try field("algorithm")
    guard algorithm.value == "ed25519" else {
      throw bad(algorithm.line, "algorithm \(algorithm.value) is not ed25519, the only one scrub signs with")
    }
    let digest = try field("certificate-sha256")
    guard digest.value.count == 64, digest.value.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
      throw bad(digest.line, "certificate-sha256 is not 64 lower-case hex digits")
    }
    let key = try field("public-key")
    guard let keyBytes = Data(base64Encoded: key.value), keyBytes.count == 32 else {
      throw bad(key.line, "public-key is not 32 bytes in base64")
    }
    let signature = try field("signature")
    guard let signatureBytes = Data(base64Encoded: signature.value), signatureBytes.count == 64 else {
      throw bad(signature.line, "signature is not 64 bytes in base64")
    }
    return CertificateSignature(
      certificateSHA256: digest.value, publicKey: Array(keyBytes), signature: Array(signatureBytes))
  }
}

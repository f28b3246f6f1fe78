import Foundation

/// `scrub audit verify-certificate`: a certificate file checked against its signature and
/// against the database. Each check that fails throws ``ScrubError/refused(_:hint:)`` (exit 65)
/// saying what no longer holds; one that passes says what it proved.
public struct CertificateCheck: Equatable, Sendable {
  public enum SignatureResult: Equatable, Sendable {
    /// Good, by the key `--key` named (the key you trust).
    case trustedKey(fingerprint: String)
    /// Good, by the key the signature file carries: the file is unchanged since that key signed
    /// it, whoever holds it.
    case embeddedKey(fingerprint: String)
    /// Not checked (`--unsigned`).
    case notChecked
  }

  public var runID: Int64
  public var recordSHA256: String
  public var signature: SignatureResult
  /// The page was written again by this tool and compared whole; false when another version of
  /// scrub wrote it (only its data section, the header's hash of it and the signature were then
  /// compared).
  public var pageCompared: Bool
  /// The tool that wrote the certificate.
  public var generator: String

  /// Checks the certificate `bytes` (read from `path`): its signature, when `signature` is given
  /// (by `trustedKey`, a raw public key, when given, else by the key in the signature), then its
  /// data section against run records in `store`, then (when this tool, `generator`, wrote it)
  /// every byte of the page.
  public static func verify(
    certificate bytes: [UInt8], path: String, signature: CertificateSignature?, signaturePath: String,
    trustedKey: [UInt8]?, store: Store, generator: String
  ) throws -> CertificateCheck {
    var signatureResult = SignatureResult.notChecked
    if let signature {
      if let trustedKey, trustedKey != signature.publicKey {
        throw ScrubError.refused(
          "\(signaturePath): signed by key \(signature.keyFingerprint), not by the key \(option: .publicKey) names (\(CertificateSignature.fingerprint(trustedKey)))",
          hint: "the certificate was not signed by the key you trust: ask its sender which key signed it")
      }
      guard Ed25519.verify(signature.signature, of: bytes, publicKey: signature.publicKey) else {
        let actual = SHA256.hex(of: bytes)
        let why =
          actual == signature.certificateSHA256
          ? "the signature does not match the file"
          : "the file was changed after it was signed (its SHA-256 is \(actual), the signature's file had \(signature.certificateSHA256))"
        throw ScrubError.refused(
          "\(path): bad signature: \(why)",
          hint: "do not rely on this certificate; write a new one with scrub audit certificate RUN --sign KEY"
        )
      }
      signatureResult =
        trustedKey == nil
        ? .embeddedKey(fingerprint: signature.keyFingerprint)
        : .trustedKey(fingerprint: signature.keyFingerprint)
    }

    let html = String(decoding: bytes, as: UTF8.self)
    let parts = try CertificatePage.parse(html, path: path)
    guard let data = try CertificateData.of(run: parts.runID, in: store) else {
      throw ScrubError.refused(
        "\(path): certifies run \(parts.runID), which \(store.path) does not hold",
        hint:
          "check the database the run was recorded in with \(option: .db) (the certificate names \(parts.database))"
      )
    }
    let derived = try data.canonicalJSON()
    guard derived == parts.dataSection else {
      throw ScrubError.refused(
        "\(path): no longer matches run \(parts.runID) in \(store.path): \(differences(parts.dataSection, derived)) differ",
        hint:
          "the certificate was changed, or belongs to another database: compare with scrub audit show \(parts.runID), and check \(option: .db)"
      )
    }
    var pageCompared = false
    if parts.generator == generator {
      let page = CertificatePage(generator: parts.generator, database: parts.database, data: data)
      guard try page.html() == html else {
        throw ScrubError.refused(
          "\(path): its page was changed outside the data section: it is not what scrub writes for run \(parts.runID)",
          hint:
            "do not rely on what the page shows; write it again with scrub audit certificate \(parts.runID)")
      }
      pageCompared = true
    }
    return CertificateCheck(
      runID: parts.runID, recordSHA256: data.recordSHA256, signature: signatureResult,
      pageCompared: pageCompared,
      generator: parts.generator)
  }

  /// The top-level fields whose values differ between two data sections, as a phrase.
  static func differences(_ a: String, _ b: String) -> String {
    guard let x = try? JSONSerialization.jsonObject(with: Data(a.utf8)) as? [String: Any],
      let y = try? JSONSerialization.jsonObject(with: Data(b.utf8)) as? [String: Any]
    else { return "the data sections" }
    let keys = Set(x.keys).union(y.keys).sorted().filter { key in
      guard let u = x[key], let v = y[key] else { return true }
      let options: JSONSerialization.WritingOptions = [.sortedKeys, .fragmentsAllowed]
      return (try? JSONSerialization.data(withJSONObject: u, options: options))
        != (try? JSONSerialization.data(withJSONObject: v, options: options))
    }
    return keys.isEmpty ? "the data sections' bytes" : keys.joined(separator: ", ")
  }

  /// What the check proved, for a person: one line a check.
  public var lines: [UserText] {
    var out: [UserText] = []
    switch signature {
    case .trustedKey(let fingerprint):
      out.append("signature: good, by the key you gave (\(fingerprint))")
    case .embeddedKey(let fingerprint):
      out.append(
        "signature: good, by the key in the signature file (\(fingerprint)); pass \(option: .publicKey) PUB.pem to check that it is the one you trust"
      )
    case .notChecked:
      out.append("signature: not checked (\(option: .unsigned))")
    }
    out.append("data: matches run \(runID)'s record (record sha256 \(recordSHA256))")
    out.append(
      pageCompared
        ? "page: every byte is what this scrub writes for the record"
        : "page: written by \(generator), not this scrub: only the data section and the signature were compared"
    )
    return out
  }
}

extension CertificateCheck {
  /// A file's bytes (a certificate, its signature, a key); one that cannot be read is
  /// `missingInput` (exit 66).
  public static func readFile(_ path: String) throws -> [UInt8] {
    do {
      return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      let reason =
        FileManager.default.fileExists(atPath: path) ? "it cannot be read" : "no such file"
      throw ScrubError.missingInput(path: path, reason: reason)
    }
  }
}

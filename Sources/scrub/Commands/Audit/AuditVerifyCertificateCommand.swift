import ArgumentParser
import Foundation
import ListScrub

struct AuditVerifyCertificateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify-certificate",
    abstract: "Check a certificate's signature, and that it still matches the database's run.",
    discussion: """
      Checks the detached signature (CERT.sig unless --sig names it) against the certificate's \
      bytes, by the public key --key names (a PEM public key, or the private key itself) or, \
      without --key, by the key the signature carries. Then derives the certificate's data again \
      from the run it names, in the database, and compares: the data section, its hash in the \
      header and, when this version of scrub wrote the page, every byte. Exit 0 when every check \
      holds; 65 when the signature fails, another key signed, or the certificate no longer \
      matches the database; 66 when a file cannot be read.

      Examples:
        scrub audit verify-certificate run-12.html --key signer.pub.pem
        scrub audit verify-certificate run-12.html --sig run-12.sig
        scrub audit verify-certificate run-12.html --unsigned
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: ArgumentHelp("The certificate file (scrub audit certificate wrote it).", valueName: "cert"))
  var certificate: String

  @Option(help: ArgumentHelp("The detached signature (default: CERT.sig).", valueName: "file"))
  var sig: String?

  @Option(
    help: ArgumentHelp(
      "The Ed25519 public key (PEM) the signature must be by. Default: the key in the signature file.",
      valueName: "pub.pem"))
  var key: String?

  @Flag(help: "The certificate is not signed: check it against the database only.")
  var unsigned = false

  @Flag(help: "Print nothing on stdout; the exit status and any error still tell.")
  var quiet = false

  func run() throws {
    try runReportingErrors {
      if unsigned && (sig != nil || key != nil) {
        throw ScrubError.usage(
          "--unsigned checks no signature, so --sig and --key have nothing to do",
          hint: "leave out --unsigned to check the signature, or --sig and --key to check the data alone")
      }
      let bytes = try CertificateCheck.readFile(certificate)
      let signaturePath = sig ?? certificate + ".sig"
      var signature: CertificateSignature?
      if !unsigned {
        guard FileManager.default.fileExists(atPath: signaturePath) || sig != nil else {
          throw ScrubError.missingInput(
            path: signaturePath,
            reason:
              "no signature beside the certificate (pass --sig FILE, or --unsigned for a certificate written without --sign)"
          )
        }
        let text = String(decoding: try CertificateCheck.readFile(signaturePath), as: UTF8.self)
        signature = try CertificateSignature.parse(text, path: signaturePath)
      }
      let trusted = try key.map { path in
        do {
          return try Ed25519.publicKey(pem: try CertificateCheck.readFile(path))
        } catch let problem as Ed25519.KeyProblem {
          throw CertificateSignature.keyError(problem, path: path, kind: "public")
        }
      }
      let check = try CertificateCheck.verify(
        certificate: bytes, path: certificate, signature: signature, signaturePath: signaturePath,
        trustedKey: trusted, store: try store.open(create: false), generator: "scrub \(ToolInfo.version)")
      if !quiet {
        print("\(certificate): certifies run \(check.runID): every check holds")
        for line in check.lines { print("  " + line.forCommandLine) }
      }
    }
  }
}

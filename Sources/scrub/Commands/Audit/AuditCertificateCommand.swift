import ArgumentParser
import Foundation
import ListScrub

struct AuditCertificateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "certificate",
    abstract: "Write a one-page HTML proof of scrub for one run, optionally signed (Ed25519).",
    discussion: """
      The page is self-contained (no script, no network, no external font or image) and prints \
      on one A4 or Letter page: the input's and outputs' SHA-256, every registry snapshot used \
      (source, download date, file hashes), the ledger position, the rules applied, the counts \
      by reason and callable_until, all from the run's stored record. Phone numbers are never \
      shown: digits in a --where, a campaign or a path are masked. The data is embedded as \
      canonical JSON, and the header gives its SHA-256.

      --sign KEY signs the file with an Ed25519 private key in PEM (openssl genpkey -algorithm \
      ed25519 -out key.pem) and writes the detached signature beside it, as FILE.sig (docs/audit.md \
      gives its format). scrub audit verify-certificate checks both against the database.

      Examples:
        scrub audit certificate 12 -o run-12.html
        scrub audit certificate 12 -o run-12.html --sign key.pem
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: ArgumentHelp("The run's number (scrub audit runs lists them).", valueName: "run"))
  var runID: Int64

  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp(
      "The certificate file to write (- for standard output, without --sign).", valueName: "file"))
  var output: String

  @Option(
    help: ArgumentHelp(
      "Sign the certificate with this Ed25519 private key (PEM); the signature goes to FILE.sig. Default: not signed.",
      valueName: "key"))
  var sign: String?

  @Flag(help: "No message on stderr once the certificate is written (errors still print).")
  var quiet = false

  func run() throws {
    try runReportingErrors {
      let signaturePath = output + ".sig"
      if sign != nil && output == "-" {
        throw ScrubError.usage(
          "--sign writes the signature beside the certificate, and -o - has no place beside it",
          hint: "give -o a file name, or leave out --sign")
      }
      try DistinctFiles.check(
        inputs: sign.map { [.init("--sign", $0)] } ?? [],
        outputs: [.init("-o", output)] + (sign == nil ? [] : [.init("-o FILE.sig", signaturePath)]),
        database: store.path)
      let db = try store.open(create: false)
      guard let data = try CertificateData.of(run: runID, in: db) else {
        throw ScrubError.notFound("no scrub run \(runID)", hint: "scrub audit runs lists the runs")
      }
      let page = CertificatePage(generator: "scrub \(ToolInfo.version)", database: db.path, data: data)
      let html = try page.html()
      // Signed before anything is written: a key that does not serve leaves no file behind.
      let signature = try sign.map { key in
        try CertificateSignature.sign(
          Array(html.utf8), privateKeyPEM: try CertificateCheck.readFile(key), keyPath: key)
      }
      let out = try AtomicOutput(path: output)
      try out.write(html)
      try out.finishWriting()
      if let signature {
        let sig = try AtomicOutput(path: signaturePath)
        try sig.write(signature.text)
        try sig.finishWriting()
        try out.commit()
        try sig.commit()
      } else {
        try out.commit()
      }
      if !quiet && output != "-" {
        Console.error(
          "scrub: wrote the certificate of run \(runID) to \(output)"
            + (signature.map { ", signed by \($0.keyFingerprint) (\(signaturePath))" } ?? ""))
      }
    }
  }
}

/// libFuzzer target: the `--where` lexer and parser, then evaluation of whatever parses against
/// cells taken from the same input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let headers = ["name", "state", "age", "phone", "zip", "Signup Date", "score"]
  guard let expression = try? FilterExpression.parse(text, headers: headers) else { return 0 }
  let cells = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
  _ = expression.evaluate { cells.isEmpty ? "" : cells[$0 % cells.count] }
  _ = expression.evaluate { _ in "" }
  _ = expression.evaluate { _ in "2026-11-22" }
  return 0
}

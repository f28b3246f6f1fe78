/// Converts between stored E.164 integers and text, and reads numbers typed on a command line:
/// `+…` as E.164, otherwise NANP in any common punctuation. (`scrub clean` uses the full
/// normalizer; this is for registry files and `scrub check`.)
public enum NumberText {
  public static func e164(_ number: Int64) -> String {
    "+\(number)"
  }

  /// The E.164 integer for `text`, or the reason it is not a number we can look up.
  public static func parse(_ text: String) -> Result<Int64, LineRejection> {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { p in
      do throws(LineRejection) {
        guard let number = try RegistryLineParser.cell(UnsafeBufferPointer(p)) else {
          return .failure(.wrongLength)
        }
        return .success(number)
      } catch {
        return .failure(error)
      }
    }
  }
}

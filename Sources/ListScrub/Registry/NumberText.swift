/// Stored E.164 integers as text.
public enum NumberText {
  public static func e164(_ number: Int64) -> String {
    "+\(number)"
  }
}

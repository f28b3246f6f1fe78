import CPhoneNumber
import GRDBSQLite

/// Versions `scrub --version` reports and each snapshot records.
public enum ToolInfo {
  public static let version = "0.1.0"

  public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
  public static var libphonenumberVersion: String { String(cString: lsp_library_version()) }
}

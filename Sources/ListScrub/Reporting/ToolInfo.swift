import CCSV
import GRDBSQLite

/// Versions `scrub --version` reports and each snapshot records.
public enum ToolInfo {
  public static let version = "0.1.0"

  /// The SQLite library the binary runs with (`sqlite3_libversion()`, not the header it was
  /// built against): a compliance officer asking "which SQLite wrote this file" wants this one.
  public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
  /// libcsv publishes its version only as header macros, so this is the version built against.
  public static var libcsvVersion: String { "\(CSV_MAJOR).\(CSV_MINOR).\(CSV_RELEASE)" }

  /// What `scrub --version` prints: the tool's version, then one line per library it runs with.
  public static var versionText: String {
    """
    scrub \(version)
    phone data \(PhoneNormalizer.engineDataVersion) (libphonenumber metadata, every region)
    libcsv \(libcsvVersion)
    SQLite \(sqliteVersion)
    NANP data \(PhoneNormalizer.nanpDataVersion)
    """
  }
}

#ifndef LISTSCRUB_CPHONENUMBER_H
#define LISTSCRUB_CPHONENUMBER_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The libphonenumber version this binary was built against, e.g. "8.12.57".
const char *lsp_library_version(void);

/// What libphonenumber said about one piece of text. Plain data so Swift can keep it on the stack.
typedef struct lsp_result {
  /// 0 when the text parsed; otherwise libphonenumber's ErrorType (1 invalid country code,
  /// 2 not a number, 3 too short after IDD, 4 too short NSN, 5 too long), or -1 when the shim
  /// caught a C++ exception.
  int32_t parse_error;
  /// libphonenumber's ValidationResult from IsPossibleNumberWithReason: 0 possible,
  /// 1 possible local only, 2 invalid country code, 3 too short, 4 invalid length, 5 too long.
  int32_t possibility;
  /// 1 when IsValidNumber said yes, 0 when no, -1 when not asked (it is asked only of a
  /// possible number: `possibility` 0).
  int32_t valid;
  /// The country calling code, e.g. 1 or 44.
  int32_t country_code;
  /// The E.164 digits as an integer (leading zeros of the national number included).
  uint64_t e164;
  /// Number of bytes in `extension` (0 when there is none); at most 31.
  int32_t extension_length;
  char extension[32];
} lsp_result;

/// Parses `length` bytes of UTF-8 `text` with the ISO 3166 `region` (two letters, NUL-terminated)
/// as default. Never throws: every C++ exception is caught and reported as parse_error -1.
/// When `check_nanp_validity` is 0, IsValidNumber is skipped for country code 1 (the caller has
/// fresher NANP data); it is asked for other country codes whenever the number is possible.
void lsp_parse(const char *text, size_t length, const char *region, int check_nanp_validity,
               lsp_result *out);

/// libphonenumber's PhoneNumberType for the E.164 number `e164` (0 FIXED_LINE, 1 MOBILE,
/// 2 FIXED_LINE_OR_MOBILE, 3 TOLL_FREE, 4 PREMIUM_RATE, 5 SHARED_COST, 6 VOIP, 7 PERSONAL_NUMBER,
/// 8 PAGER, 9 UAN, 10 VOICEMAIL, 11 UNKNOWN), or -1 when it does not parse or a C++ exception
/// was caught.
int32_t lsp_number_type(uint64_t e164);

/// The country calling code of `region`, or 0 when libphonenumber does not know the region.
int32_t lsp_country_code_for_region(const char *region);

#ifdef __cplusplus
}
#endif
#endif

#include "CPhoneNumber.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <cstring>
#include <string>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Debian's libphonenumber-dev defines no version macro, so the packaged version is written here.
// Keep it in step with the package (`dpkg -s libphonenumber-dev`) when the base image changes.
extern "C" const char *lsp_library_version(void) {
#ifdef LIBPHONENUMBER_VERSION
  return LIBPHONENUMBER_VERSION;
#else
  return "8.12.57";
#endif
}

static void lsp_reset(lsp_result *out) {
  out->parse_error = -1;
  out->possibility = -1;
  out->valid = -1;
  out->country_code = 0;
  out->e164 = 0;
  out->extension_length = 0;
  out->extension[0] = '\0';
}

extern "C" void lsp_parse(const char *text, size_t length, const char *region,
                          int check_nanp_validity, lsp_result *out) {
  lsp_reset(out);
  // libphonenumber reports errors by value, but std::string and protobuf can still throw
  // (bad_alloc, length_error); an exception must never unwind into Swift.
  try {
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    std::string input(text, length);
    PhoneNumberUtil::ErrorType error = util.Parse(input, std::string(region), &number);
    out->parse_error = static_cast<int32_t>(error);
    if (error != PhoneNumberUtil::NO_PARSING_ERROR) return;
    out->country_code = number.country_code();
    out->possibility = static_cast<int32_t>(util.IsPossibleNumberWithReason(number));
    // Validity is the expensive question (tens of microseconds of regular expressions) and is
    // only asked of a possible number: an impossible one is rejected on its length already.
    if (out->possibility == PhoneNumberUtil::IS_POSSIBLE &&
        (number.country_code() != 1 || check_nanp_validity)) {
      out->valid = util.IsValidNumber(number) ? 1 : 0;
    }
    // E.164 has at most 15 digits, so it fits; format rather than rebuild so that leading zeros
    // (Italy, and numbers_of_leading_zeros) come out exactly as libphonenumber writes them.
    PhoneNumber bare(number);
    bare.clear_extension();
    std::string e164;
    util.Format(bare, PhoneNumberUtil::E164, &e164);
    uint64_t value = 0;
    int digits = 0;
    for (char c : e164) {
      if (c >= '0' && c <= '9') {
        if (++digits > 19) {
          value = 0;
          break;
        }
        value = value * 10 + static_cast<uint64_t>(c - '0');
      }
    }
    out->e164 = value;
    if (number.has_extension()) {
      const std::string &ext = number.extension();
      size_t n = ext.size() < sizeof(out->extension) - 1 ? ext.size() : sizeof(out->extension) - 1;
      std::memcpy(out->extension, ext.data(), n);
      out->extension[n] = '\0';
      out->extension_length = static_cast<int32_t>(n);
    }
  } catch (...) {
    lsp_reset(out);
  }
}

extern "C" int32_t lsp_country_code_for_region(const char *region) {
  try {
    return PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(std::string(region));
  } catch (...) {
    return 0;
  }
}

extern "C" int32_t lsp_number_type(uint64_t e164) {
  try {
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    // "+" and the digits: the country code leads, so no default region is needed.
    if (util.Parse("+" + std::to_string(e164), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
      return -1;
    }
    return static_cast<int32_t>(util.GetNumberType(number));
  } catch (...) {
    return -1;
  }
}

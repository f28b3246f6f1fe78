#include "CPhoneNumber.h"

#include <phonenumbers/phonenumberutil.h>

extern "C" const char *lsp_library_version(void) {
#ifdef LIBPHONENUMBER_VERSION
  return LIBPHONENUMBER_VERSION;
#else
  return "8.12.57";
#endif
}

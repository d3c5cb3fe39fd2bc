// License codes are found whatever case they are typed in: a lookup compares the upper-case
// forms of the stored code and of the code asked for, and an index on the stored code's form
// keeps it one index probe and makes two codes that differ only in case impossible. One text
// for both stores. (Codes are issued in upper case; those issued earlier with lower-case
// letters keep them, and are found in either case all the same.)
#pragma once

namespace licensor::storage::license_code_sql {

// The condition a lookup by code uses; the placeholder's value is the code asked for.
#define LICENSOR_LICENSE_CODE_IS(placeholder) "upper(l.code) = upper(" placeholder ")"

}  // namespace licensor::storage::license_code_sql

#include "kvitto_build.h"

#ifndef KVITTO_BUILD_COMMIT
#define KVITTO_BUILD_COMMIT ""
#endif

const char *kvitto_build_commit(void) {
    return KVITTO_BUILD_COMMIT;
}

#ifndef KVITTO_BUILD_H
#define KVITTO_BUILD_H

/// The commit the binary was built from, as scripts/release passes it (-Xcc -DKVITTO_BUILD_COMMIT="…"),
/// or an empty string for any other build. In C because a Swift compilation condition carries no value.
const char *kvitto_build_commit(void);

#endif

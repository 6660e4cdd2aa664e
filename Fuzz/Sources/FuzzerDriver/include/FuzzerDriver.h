// libFuzzer's driver, for an executable whose `main` is its own (SwiftPM renames a Swift
// executable's entry point and points `main` at it, so libFuzzer's `main` is not used).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

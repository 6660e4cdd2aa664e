// Declarations only: LLVMFuzzerRunDriver comes from the libFuzzer runtime (-sanitize=fuzzer).
#include "FuzzerDriver.h"

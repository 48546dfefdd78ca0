// SPDX-License-Identifier: Apache-2.0
// The main() of a harness built without libFuzzer: feeds LLVMFuzzerTestOneInput every file
// named on the command line, and every file of every directory named (sorted, not recursive),
// once each. ctest runs it on the harness's committed corpus (tests/fuzz/CMakeLists.txt).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg(argv[i]);
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            for (const fs::directory_entry& entry : fs::directory_iterator(arg, ec)) {
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            }
            if (ec) {
                std::fprintf(stderr, "FAIL: cannot list %s: %s\n", argv[i], ec.message().c_str());
                return 1;
            }
        } else {
            files.push_back(arg);
        }
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::fprintf(stderr, "FAIL: no input: usage: %s FILE|DIR...\n", argc > 0 ? argv[0] : "replay");
        return 1;
    }
    for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "FAIL: cannot read %s\n", file.c_str());
            return 1;
        }
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // A copy on the heap of exactly the input's size, as libFuzzer passes it, so an overread
        // shows under AddressSanitizer here too.
        std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
        LLVMFuzzerTestOneInput(data.data(), data.size());
        std::printf("PASS: %s (%zu bytes)\n", file.filename().c_str(), data.size());
    }
    std::printf("Totals: %zu inputs replayed\n", files.size());
    return 0;
}

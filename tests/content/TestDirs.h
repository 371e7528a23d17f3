#pragma once
// Helpers shared by the content tests: a fresh temporary folder and the test-data paths.
#include <filesystem>
#include <random>
#include <string>

namespace psoas::content::test {

// A new empty folder under the system temp dir, removed when the object goes away.
class TempDir {
public:
    TempDir()
    {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() / ("psoas-content-test-" + std::to_string(rd()) + "-" +
                                                           std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

inline std::string dataDir(const std::string& sub) { return std::string(PSOAS_TEST_DATA_DIR) + "/content/" + sub; }

} // namespace psoas::content::test

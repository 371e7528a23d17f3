#include "GzipPly.h"

#include <zlib.h>

#include <cstring>
#include <stdexcept>
#include <sstream>

namespace psoas::fidelity {

namespace {

constexpr std::size_t kMaxBytes = std::size_t(512) << 20; // refuse anything that inflates past 512 MB

bool inflateFile(const std::string& path, std::string& bytes, std::string& error)
{
    gzFile f = gzopen(path.c_str(), "rb"); // also reads uncompressed files
    if (!f) {
        error = path + ": cannot open";
        return false;
    }
    char buf[1 << 16];
    int n = 0;
    while ((n = gzread(f, buf, sizeof buf)) > 0) {
        bytes.append(buf, std::size_t(n));
        if (bytes.size() > kMaxBytes) break;
    }
    const bool ok = n == 0 && bytes.size() <= kMaxBytes;
    gzclose(f);
    if (!ok) error = path + ": not a readable gzip file, or larger than 512 MB";
    return ok;
}

struct Header {
    std::size_t vertices = 0, faces = 0, dataOffset = 0;
};

// Accepts exactly the layout described in GzipPly.h.
bool parseHeader(const std::string& bytes, Header& h, std::string& why)
{
    const std::size_t end = bytes.find("end_header\n");
    if (bytes.compare(0, 4, "ply\n") != 0 || end == std::string::npos) {
        why = "not a PLY file";
        return false;
    }
    h.dataOffset = end + std::strlen("end_header\n");
    std::istringstream in(bytes.substr(0, end));
    std::string line, expected = "x";
    bool binaryLe = false, faceList = false;
    while (std::getline(in, line)) {
        std::istringstream w(line);
        std::string a, b, c, d, e;
        w >> a >> b >> c >> d >> e;
        if (a == "format") binaryLe = b == "binary_little_endian";
        else if (a == "element" && b == "vertex") h.vertices = std::stoul(c);
        else if (a == "element" && b == "face") h.faces = std::stoul(c);
        else if (a == "property" && b == "float" && c == expected) expected = c == "x" ? "y" : c == "y" ? "z" : "-";
        else if (a == "property" && b == "list") faceList = c == "uchar" && (d == "int" || d == "uint") && e == "vertex_indices";
        else if (a == "property") {
            why = "unsupported property '" + line + "'";
            return false;
        }
    }
    if (!binaryLe || expected != "-" || !faceList || h.vertices == 0 || h.faces == 0) {
        why = "expected binary little-endian float x y z and a uchar/int face list";
        return false;
    }
    return true;
}

template <typename T> T readLe(const char* p)
{
    T v; // the build targets little-endian machines (x86-64, arm64)
    std::memcpy(&v, p, sizeof v);
    return v;
}

bool parseBody(const std::string& bytes, const Header& h, TriMesh& mesh, std::string& why)
{
    const std::size_t need = h.dataOffset + h.vertices * 12 + h.faces * 13;
    if (bytes.size() < need) {
        why = "truncated";
        return false;
    }
    const char* p = bytes.data() + h.dataOffset;
    mesh.vertices.resize(h.vertices);
    for (Eigen::Vector3d& v : mesh.vertices) {
        v = Eigen::Vector3d(readLe<float>(p), readLe<float>(p + 4), readLe<float>(p + 8));
        if (!v.allFinite()) {
            why = "non-finite vertex coordinate";
            return false;
        }
        p += 12;
    }
    mesh.faces.resize(h.faces);
    for (auto& f : mesh.faces) {
        if (std::uint8_t(*p) != 3) {
            why = "a face that is not a triangle";
            return false;
        }
        for (int k = 0; k < 3; ++k) {
            f[std::size_t(k)] = readLe<std::uint32_t>(p + 1 + 4 * k);
            if (f[std::size_t(k)] >= h.vertices) {
                why = "a face index out of range";
                return false;
            }
        }
        p += 13;
    }
    return true;
}

} // namespace

bool readGzipPly(const std::string& path, TriMesh& mesh, std::string& error)
{
    std::string bytes, why;
    if (!inflateFile(path, bytes, error)) return false;
    Header h;
    bool ok = false;
    try {
        ok = parseHeader(bytes, h, why) && parseBody(bytes, h, mesh, why);
    } catch (const std::exception&) { // std::stoul on a malformed count
        why = "malformed header";
    }
    if (!ok) {
        error = path + ": " + why;
        mesh = TriMesh{};
        return false;
    }
    return true;
}

} // namespace psoas::fidelity

// libFuzzer: our own JSON files through their loaders. The first byte picks the file kind
// (catalog.json, rig.json, coordinates.json, a pose preset), the rest is the file's text. A
// loader must refuse with a message that starts with the file's name, or accept; a throw (an
// nlohmann type error escaping a field read) is a crash.
#include "anatomy/Catalog.h"
#include "solver/CoordinateTable.h"
#include "solver/PresetLibrary.h"
#include "solver/RigData.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

const psoas::solver::CoordinateTable& shippedTable()
{
    static const psoas::solver::CoordinateTable table = [] {
        auto t = psoas::solver::CoordinateTable::load(std::string(PSOAS_ASSETS_DIR) + "/models/coordinates.json");
        if (!t) std::abort(); // the harness needs the shipped coordinates for preset limits
        return *t;
    }();
    return table;
}

void requireNamed(const std::string& message, const std::string& name)
{
    if (message.rfind(name + ":", 0) != 0) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace psoas;
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (data[0] % 4) {
    case 0:
        if (auto c = anatomy::Catalog::fromJsonText(text, "catalog.json"); !c) requireNamed(c.message(), "catalog.json");
        break;
    case 1:
        if (auto r = solver::RigData::fromJsonText(text, "rig.json"); !r) requireNamed(r.message(), "rig.json");
        break;
    case 2:
        if (auto t = solver::CoordinateTable::fromJsonText(text, "coordinates.json"); !t)
            requireNamed(t.message(), "coordinates.json");
        break;
    default:
        if (auto p = solver::PresetLibrary::parse(text, "pose.json", shippedTable()); !p)
            requireNamed(p.message(), "pose.json");
        break;
    }
    return 0;
}

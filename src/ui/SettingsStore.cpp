#include "ui/SettingsStore.h"

namespace psoas::ui {

namespace {
QString g_settingsFile;
}

std::unique_ptr<QSettings> settingsStore()
{
    if (!g_settingsFile.isEmpty()) return std::make_unique<QSettings>(g_settingsFile, QSettings::IniFormat);
    return std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope, "PsoasAtlas", "psoas-atlas");
}

void setSettingsFile(const QString& path) { g_settingsFile = path; }

} // namespace psoas::ui

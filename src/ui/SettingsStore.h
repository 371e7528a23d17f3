#pragma once
// The program's settings file: ~/.config/PsoasAtlas/psoas-atlas.ini (INI format), or the
// file a test names with setSettingsFile().
#include <QSettings>
#include <QString>

#include <memory>

namespace psoas::ui {

std::unique_ptr<QSettings> settingsStore();
// Empty: the user's file again.
void setSettingsFile(const QString& path);

} // namespace psoas::ui

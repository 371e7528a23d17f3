#pragma once
// Where the file dialogs start. Each kind of file ("lesson", "image", "plot", "model", ...)
// remembers the folder it was last saved to or opened from (QSettings, [folders]); the first
// time it is the user's Documents folder (home when there is none). A proposal never lies
// inside the shipped data folder (core::assetsDir()): saving there would overwrite a file that
// ships with the program (or fail, once installed), so a shipped lesson's "Save As" proposes
// its file name in the user's folder instead.
#include <QString>

class QWidget;

namespace psoas::ui {

// True when `path` is the shipped data folder or inside it.
bool isShippedPath(const QString& path);
// True once a folder was remembered for `kind` (and it still exists).
bool hasRememberedFolder(const QString& kind);
// The folder a dialog for `kind` starts in.
QString startFolder(const QString& kind);
// startFolder(kind) + "/" + fileName (only the file name part of `fileName` is used).
QString proposedPath(const QString& kind, const QString& fileName);
// Remembers the folder of `path` for `kind` (no-op for an empty path).
void rememberFolder(const QString& kind, const QString& path);

// Save and open dialogs that start in startFolder(kind) and remember the chosen folder.
// Empty when cancelled.
QString chooseSaveFile(QWidget* parent, const QString& kind, const QString& title, const QString& fileName,
                       const QString& filter);
// `folder`: where to start instead (e.g. the shipped lessons); empty = startFolder(kind).
QString chooseOpenFile(QWidget* parent, const QString& kind, const QString& title, const QString& filter,
                       const QString& folder = {});

} // namespace psoas::ui

#include "ui/FileDialogs.h"

#include "core/AssetPaths.h"
#include "ui/SettingsStore.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace psoas::ui {

namespace {

QString canonicalOrClean(const QString& path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    if (!canonical.isEmpty()) return canonical;
    // A file not written yet: resolve its folder.
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return folder.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : folder + "/" + info.fileName();
}

QString settingsKey(const QString& kind) { return "folders/" + kind; }

QString documentsFolder()
{
    const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!docs.isEmpty() && QFileInfo(docs).isDir()) return docs;
    return QDir::homePath();
}

} // namespace

bool isShippedPath(const QString& path)
{
    if (path.isEmpty()) return false;
    const QString assets = QFileInfo(QString::fromStdString(core::assetsDir())).canonicalFilePath();
    if (assets.isEmpty()) return false;
    const QString p = canonicalOrClean(path);
    return p == assets || p.startsWith(assets + "/");
}

bool hasRememberedFolder(const QString& kind)
{
    const QString last = settingsStore()->value(settingsKey(kind)).toString();
    return !last.isEmpty() && QFileInfo(last).isDir() && !isShippedPath(last);
}

QString startFolder(const QString& kind)
{
    return hasRememberedFolder(kind) ? settingsStore()->value(settingsKey(kind)).toString() : documentsFolder();
}

QString proposedPath(const QString& kind, const QString& fileName)
{
    const QString name = QFileInfo(fileName).fileName();
    return QDir(startFolder(kind)).filePath(name.isEmpty() ? QString("untitled") : name);
}

void rememberFolder(const QString& kind, const QString& path)
{
    if (path.isEmpty()) return;
    const QString folder = QFileInfo(path).absolutePath();
    if (isShippedPath(folder)) return; // the shipped folders are offered explicitly where they fit
    settingsStore()->setValue(settingsKey(kind), folder);
}

QString chooseSaveFile(QWidget* parent, const QString& kind, const QString& title, const QString& fileName,
                       const QString& filter)
{
    const QString path = QFileDialog::getSaveFileName(parent, title, proposedPath(kind, fileName), filter);
    rememberFolder(kind, path);
    return path;
}

QString chooseOpenFile(QWidget* parent, const QString& kind, const QString& title, const QString& filter,
                       const QString& folder)
{
    const QString path =
        QFileDialog::getOpenFileName(parent, title, folder.isEmpty() ? startFolder(kind) : folder, filter);
    rememberFolder(kind, path);
    return path;
}

} // namespace psoas::ui

#include "ui/ExternalLinks.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QMessageBox>

namespace psoas::ui {

bool ExternalLinks::isWebLink(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && !url.host().isEmpty() &&
           (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

bool ExternalLinks::askUser(QWidget* parent, const QUrl& url)
{
    return QMessageBox::question(parent, QCoreApplication::translate("ExternalLinks", "Open web page"),
                                 QCoreApplication::translate("ExternalLinks",
                                                             "Open this address in your web browser?\n\n%1")
                                     .arg(url.toString())) == QMessageBox::Yes;
}

bool ExternalLinks::open(QWidget* parent, const QUrl& url, const ConfirmFn& confirm)
{
    if (!isWebLink(url)) return false;
    const bool yes = confirm ? confirm(url) : askUser(parent, url);
    return yes && QDesktopServices::openUrl(url);
}

} // namespace psoas::ui

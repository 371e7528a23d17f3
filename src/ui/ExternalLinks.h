#pragma once
// Web links in shown text (content articles, lesson steps): only http(s) addresses open, and
// only after the user confirms, in the system's browser. Any other scheme is refused here;
// callers handle their own in-app links (content:, structure:, pose:) first.
#include <QUrl>

#include <functional>

class QWidget;

namespace psoas::ui {

class ExternalLinks {
public:
    // Returns true to open the address. The default asks with a question box.
    using ConfirmFn = std::function<bool(const QUrl& url)>;

    static bool isWebLink(const QUrl& url);
    // The default confirmation dialog, parented to `parent`.
    static bool askUser(QWidget* parent, const QUrl& url);
    // Opens a web link after `confirm` (empty: askUser) says yes. False when the link is not
    // http(s), the user declined, or the browser could not be started.
    static bool open(QWidget* parent, const QUrl& url, const ConfirmFn& confirm = {});
};

} // namespace psoas::ui

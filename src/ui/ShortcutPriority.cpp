#include "ui/ShortcutPriority.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QTextEdit>
#include <QWidget>

namespace psoas::ui {

namespace {

bool isEditingKey(QKeyEvent* e)
{
    for (auto k : {QKeySequence::Copy, QKeySequence::Cut, QKeySequence::Paste, QKeySequence::Undo, QKeySequence::Redo,
                   QKeySequence::SelectAll, QKeySequence::Delete, QKeySequence::Backspace, QKeySequence::DeleteStartOfWord,
                   QKeySequence::DeleteEndOfWord, QKeySequence::MoveToNextWord, QKeySequence::MoveToPreviousWord,
                   QKeySequence::SelectNextWord, QKeySequence::SelectPreviousWord})
        if (e->matches(k)) return true;
    return false;
}

class Filter : public QObject {
public:
    explicit Filter(QWidget* window) : QObject(window), m_window(window) {}

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() != QEvent::ShortcutOverride || !m_window) return false;
        auto* w = qobject_cast<QWidget*>(watched);
        if (!w || w->window() != m_window) return false;
        if (!qobject_cast<QLineEdit*>(w) && !qobject_cast<QPlainTextEdit*>(w) && !qobject_cast<QTextEdit*>(w))
            return false;
        auto* key = static_cast<QKeyEvent*>(event);
        if (!(key->modifiers() & Qt::ControlModifier) || isEditingKey(key)) return false;
        const QKeySequence pressed(key->keyCombination());
        for (QAction* a : m_window->findChildren<QAction*>()) {
            if (!a->isEnabled()) continue;
            for (const QKeySequence& s : a->shortcuts())
                if (s == pressed) return true; // not accepted: the window's shortcut runs
        }
        return false;
    }

private:
    QPointer<QWidget> m_window;
};

} // namespace

void giveWindowShortcutsPriority(QWidget* window)
{
    if (window && qApp) qApp->installEventFilter(new Filter(window));
}

} // namespace psoas::ui

#pragma once
// The "My notes" tab of the content panel: the user's own note on the selected structure,
// loaded when the structure changes and saved to the user notes database after a pause in
// typing (and before another structure's note is loaded). With no notes database the editor
// is disabled and says why.
#include <QString>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTimer;

namespace psoas::content { class UserNotes; }

namespace psoas::ui {

class NotesTab : public QWidget {
    Q_OBJECT
public:
    // `notes` may be null (no database); it must outlive the tab.
    explicit NotesTab(content::UserNotes* notes, QWidget* parent = nullptr);

    // Saves a pending edit, then shows the note of `id` ("" = nothing selected); `name` is
    // how the status line names the structure.
    void setStructure(const QString& id, const QString& name);
    // Saves the editor now; false (and the message in the status line) on failure.
    bool save();
    bool dirty() const { return m_dirty; }
    void setError(const QString& message);
    void setAutosaveDelay(int ms);

signals:
    void saved(const QString& structureId);

private:
    content::UserNotes* m_notes = nullptr;
    QString m_structure; // the structure whose note is in the editor
    bool m_dirty = false;
    QPlainTextEdit* m_edit = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_autosave = nullptr;
};

} // namespace psoas::ui

#include "ui/NotesTab.h"

#include "content/UserNotes.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QTimer>
#include <QVBoxLayout>

namespace psoas::ui {

NotesTab::NotesTab(content::UserNotes* notes, QWidget* parent) : QWidget(parent), m_notes(notes)
{
    auto* layout = new QVBoxLayout(this);
    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(QStringLiteral("notesEdit"));
    m_edit->setPlaceholderText(tr("Your own notes on this structure. They are saved on this computer as you type."));
    layout->addWidget(m_edit, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("notesStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_autosave = new QTimer(this);
    m_autosave->setSingleShot(true);
    m_autosave->setInterval(1200);
    connect(m_autosave, &QTimer::timeout, this, [this] { save(); });
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        m_dirty = true;
        m_status->setText(tr("Editing..."));
        m_autosave->start();
    });
    if (!m_notes) {
        m_edit->setEnabled(false);
        m_status->setText(tr("Your notes are not available."));
    }
}

void NotesTab::setError(const QString& message)
{
    m_edit->setEnabled(false);
    m_status->setText(message);
}

void NotesTab::setAutosaveDelay(int ms) { m_autosave->setInterval(ms); }

void NotesTab::setStructure(const QString& id, const QString& name)
{
    if (m_dirty) save();
    m_autosave->stop();
    m_dirty = false;
    m_structure = id;
    const QSignalBlocker quiet(m_edit); // loading is not editing
    m_edit->clear();
    if (!m_notes) return;
    if (id.isEmpty()) {
        m_edit->setEnabled(false);
        m_status->setText(tr("Select a structure to write notes about it."));
        return;
    }
    auto text = m_notes->note(id.toStdString());
    if (!text) {
        m_edit->setEnabled(false);
        m_status->setText(QString::fromStdString(text.message()));
        return;
    }
    m_edit->setPlainText(QString::fromStdString(text.value()));
    m_edit->setEnabled(true);
    m_status->setText(tr("Notes on %1").arg(name));
}

bool NotesTab::save()
{
    m_autosave->stop();
    if (!m_notes || !m_dirty || m_structure.isEmpty()) return true;
    auto status = m_notes->save(m_structure.toStdString(), m_edit->toPlainText().toStdString());
    if (!status) {
        m_status->setText(QString::fromStdString(status.message()));
        return false;
    }
    m_dirty = false;
    m_status->setText(tr("Saved"));
    emit saved(m_structure);
    return true;
}

} // namespace psoas::ui

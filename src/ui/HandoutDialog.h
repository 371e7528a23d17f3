#pragma once
// File > Export Handout… (and the Lesson dock's button): page size, an optional note from the
// clinician and the PDF to write. The export runs `psoas-atlas --handout` as a separate
// process (the same off-screen code as the command line, with its own GL context, so the
// viewer's window context is never touched) while a busy dialog shows; errors come back in a
// message box with the command's own message.
#include "app/Lesson.h"

#include <QDialog>
#include <QString>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace psoas::ui {

class HandoutDialog : public QDialog {
    Q_OBJECT
public:
    HandoutDialog(const app::Lesson& lesson, const QString& lessonPath, QWidget* parent = nullptr);

    // The folder the file chooser starts in: the last one used, else Documents; never inside
    // the shipped assets folder.
    static QString startFolder();
    // The program run for the export (default: this executable; tests give psoas-atlas).
    static void setProgram(const QString& program);

    void setOutput(const QString& path);
    void setPage(const QString& page); // "a4" or "letter"
    void setNote(const QString& note);
    // Writes the handout; false (and *error set to the command's message) on failure.
    bool exportHandout(QString* error);

    void accept() override;

private:
    void chooseFile();

    app::Lesson m_lesson;
    QString m_lessonPath;
    QComboBox* m_page = nullptr;
    QPlainTextEdit* m_note = nullptr;
    QLineEdit* m_output = nullptr;
};

} // namespace psoas::ui

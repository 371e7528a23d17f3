#include "ui/HandoutDialog.h"
#include "ui/FileDialogs.h"

#include "core/AssetPaths.h"

#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace psoas::ui {

namespace {

QString& program()
{
    static QString p;
    return p;
}

} // namespace

void HandoutDialog::setProgram(const QString& p) { program() = p; }

QString HandoutDialog::startFolder() { return ui::startFolder("handout"); }

HandoutDialog::HandoutDialog(const app::Lesson& lesson, const QString& lessonPath, QWidget* parent)
    : QDialog(parent), m_lesson(lesson), m_lessonPath(lessonPath)
{
    setWindowTitle(tr("Export Handout"));
    setObjectName("handoutDialog");
    auto* form = new QFormLayout(this);
    auto* intro = new QLabel(tr("A printable PDF of \"%1\" for patients: each step's picture and text, your note, "
                                "the disclaimer and the sources.")
                                 .arg(QString::fromStdString(lesson.title).toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    form->addRow(intro);
    m_page = new QComboBox(this);
    m_page->setObjectName("handoutPage");
    m_page->addItem(tr("A4"), "a4");
    m_page->addItem(tr("Letter"), "letter");
    const auto country = QLocale().territory();
    if (country == QLocale::UnitedStates || country == QLocale::Canada) m_page->setCurrentIndex(1);
    form->addRow(tr("Page size:"), m_page);
    m_note = new QPlainTextEdit(this);
    m_note->setObjectName("handoutNote");
    m_note->setPlaceholderText(tr("Optional: a note for the patient, printed on the first page"));
    m_note->setFixedHeight(90);
    form->addRow(tr("Your note:"), m_note);
    auto* fileRow = new QHBoxLayout;
    m_output = new QLineEdit(this);
    m_output->setObjectName("handoutOutput");
    QString base = QFileInfo(lessonPath).completeBaseName();
    if (base.endsWith(".psoas-lesson")) base.chop(13);
    if (base.isEmpty()) base = tr("handout");
    m_output->setText(QDir(startFolder()).filePath(base + ".pdf"));
    auto* choose = new QPushButton(tr("Choose…"), this);
    connect(choose, &QPushButton::clicked, this, &HandoutDialog::chooseFile);
    fileRow->addWidget(m_output, 1);
    fileRow->addWidget(choose);
    form->addRow(tr("Save as:"), fileRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &HandoutDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    resize(520, sizeHint().height());
}

void HandoutDialog::setOutput(const QString& path) { m_output->setText(path); }
void HandoutDialog::setPage(const QString& page) { m_page->setCurrentIndex(std::max(0, m_page->findData(page))); }
void HandoutDialog::setNote(const QString& note) { m_note->setPlainText(note); }

void HandoutDialog::chooseFile()
{
    QString start = m_output->text();
    if (start.isEmpty() || isShippedPath(start))
        start = QDir(startFolder()).filePath(QFileInfo(start).fileName());
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Handout"), start, tr("PDF (*.pdf)"));
    if (path.isEmpty()) return;
    m_output->setText(path.endsWith(".pdf", Qt::CaseInsensitive) ? path : path + ".pdf");
}

bool HandoutDialog::exportHandout(QString* error)
{
    const QString out = m_output->text().trimmed();
    if (out.isEmpty()) {
        if (error) *error = tr("Choose the PDF file to write.");
        return false;
    }
    // The lesson as it is now (edits included) goes to the command as a file.
    QTemporaryDir dir;
    const QString name = QFileInfo(m_lessonPath).fileName().isEmpty() ? QStringLiteral("lesson.json")
                                                                        : QFileInfo(m_lessonPath).fileName();
    const QString lessonFile = dir.filePath(name);
    if (auto s = m_lesson.save(QFile::encodeName(lessonFile).toStdString()); !dir.isValid() || !s) {
        if (error) *error = tr("Could not prepare the lesson for export: %1").arg(QString::fromStdString(s.message()));
        return false;
    }
    QStringList args{"--handout", out, "--page", m_page->currentData().toString()};
    const QString note = m_note->toPlainText().trimmed();
    if (!note.isEmpty()) args << "--note" << note;
    args << lessonFile;

    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    QProgressDialog busy(tr("Rendering the handout's pictures…"), QString(), 0, 0, this);
    busy.setWindowModality(Qt::WindowModal);
    busy.setMinimumDuration(300);
    QApplication::setOverrideCursor(Qt::BusyCursor);
    process.start(program().isEmpty() ? QCoreApplication::applicationFilePath() : program(), args);
    bool started = process.waitForStarted(10000);
    while (started && !process.waitForFinished(50)) {
        busy.setValue(0);
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        if (process.state() == QProcess::NotRunning) break;
    }
    QApplication::restoreOverrideCursor();
    busy.reset();
    QString message = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
    message.replace(QStringLiteral("psoas-atlas: "), QString());
    if (!started || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        if (error)
            *error = message.isEmpty() ? tr("The handout could not be written (the export stopped).") : message;
        return false;
    }
    rememberFolder("handout", out);
    return true;
}

void HandoutDialog::accept()
{
    QString error;
    if (!exportHandout(&error)) {
        QMessageBox::warning(this, tr("Cannot export the handout"), error);
        return;
    }
    QDialog::accept();
}

} // namespace psoas::ui

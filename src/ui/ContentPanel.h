#pragma once
// The content side panel (a dock): for the selected structure its name, Latin name, article
// (rendered from Markdown), symptom notes, exercises with "Show on model", related topics
// and sources; items linked to the current pose; search as you type; and the user's own
// notes per structure (autosaved to the user database).
//
// Works without content: with a null store it shows `loadError` and the rest keeps working
// (names come from displayName, notes still save). With a null notes store the notes editor
// is disabled. The store and notes must outlive the panel.
//
// Links in the text: content:<id> opens the item here, structure:<id> selects the structure
// (emits structureChosen), pose:<preset> emits poseRequested, http(s) links open in the
// browser only after the user confirms.
#include <QDockWidget>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QToolButton;
class QVBoxLayout;

namespace psoas::content {
class ContentStore;
class UserNotes;
} // namespace psoas::content

namespace psoas::ui {

class NotesTab;

class ContentPanel : public QDockWidget {
    Q_OBJECT
public:
    using DisplayNameFn = std::function<QString(const QString& id)>;
    using LinkConfirmFn = std::function<bool(const QUrl& url)>;

    ContentPanel(content::ContentStore* store, const QString& loadError, content::UserNotes* notes,
                 DisplayNameFn displayName, QWidget* parent = nullptr);
    ~ContentPanel() override; // saves a pending note

    QString selectedStructure() const { return m_structure; }
    QString currentPose() const { return m_pose; }
    QString shownItem() const { return m_item; } // id of the item in the text view ("" if none)

    // Replaces the "open this web page?" dialog (tests, kiosk mode). Return true to open.
    void setExternalLinkConfirmer(LinkConfirmFn confirm) { m_confirmLink = std::move(confirm); }
    // Shown in the notes tab when the user notes database could not be opened.
    void setNotesError(const QString& message);
    // Milliseconds of typing pause before a note is saved (default 1200).
    void setAutosaveDelay(int ms);

public slots:
    void setSelectedStructure(const QString& id);
    void setCurrentPose(const QString& presetName);
    void showItem(const QString& itemId);   // opens an item's text in the article view
    void setSearchText(const QString& text);
    bool saveNote();                        // saves the editor now; false (and a message) on failure

signals:
    void structureChosen(const QString& id);
    void poseRequested(const QString& presetName);
    void quizRequested(const QString& quizId); // quiz:<id>: assets/quizzes/<id>.json
    void noteSaved(const QString& structureId);

private:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void buildUi();
    QWidget* buildArticleTab(); // back button and article view
    QWidget* buildRelatedTab(); // symptom notes, exercises and related topics
    void runSearch(const QString& text);
    void chooseResult(QListWidgetItem* item);
    void openLink(const QUrl& url);
    void showStructureArticle();
    void updateHeading();
    void fillRelated();
    void fillPoseList();
    void goBack();
    QString structureName(const QString& id) const;
    QString itemHtml(const QString& itemId) const;
    void setArticleHtml(const QString& html, const QString& itemId);

    content::ContentStore* m_store = nullptr;
    content::UserNotes* m_notes = nullptr;
    DisplayNameFn m_displayName;
    LinkConfirmFn m_confirmLink;
    QString m_loadError;

    QString m_structure;
    QString m_pose;
    QString m_item;
    QStringList m_history; // previously shown items, for Back

    QLabel* m_message = nullptr;
    QLineEdit* m_search = nullptr;
    QListWidget* m_results = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_latin = nullptr;
    QTabWidget* m_tabs = nullptr;
    QToolButton* m_back = nullptr;
    QTextBrowser* m_article = nullptr;
    QListWidget* m_symptoms = nullptr;
    QWidget* m_exercises = nullptr;
    QVBoxLayout* m_exerciseLayout = nullptr;
    QListWidget* m_related = nullptr;
    QLabel* m_poseTitle = nullptr;
    QListWidget* m_poseList = nullptr;
    NotesTab* m_notesTab = nullptr;
};

} // namespace psoas::ui

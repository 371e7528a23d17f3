// The content side panel, driven as a user would: select a structure, search, click links
// and buttons, write notes; and with no content database at all.
#define CATCH_CONFIG_RUNNER
#include "content/ContentDatabaseWriter.h"
#include "content/ContentLibrary.h"
#include "content/ContentStore.h"
#include "content/DefaultIds.h"
#include "content/UserNotes.h"
#include "ui/ContentPanel.h"
#include "TestDirs.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

using namespace psoas;
using psoas::ui::ContentPanel;

namespace {

struct Env {
    content::test::TempDir dir;
    std::unique_ptr<content::ContentStore> store;
    std::unique_ptr<content::UserNotes> notes;

    explicit Env(bool withStore = true)
    {
        if (withStore) {
            std::vector<content::Diagnostic> problems;
            auto lib = content::ContentLibrary::load(content::test::dataDir("small"), problems);
            REQUIRE(problems.empty());
            auto structures = content::defaultStructures();
            for (auto& s : structures)
                if (s.id == "psoas_major_r") s.latin = "Musculus psoas major dexter";
            REQUIRE(content::ContentDatabaseWriter::write(lib, structures, dir.file("content.db")).ok());
            auto opened = content::ContentStore::open(dir.file("content.db"));
            REQUIRE(opened.ok());
            store = std::move(opened.value());
        }
        auto n = content::UserNotes::open(dir.file("notes.db"));
        REQUIRE(n.ok());
        notes = std::move(n.value());
    }
};

QString displayName(const QString& id) { return QStringLiteral("Name of ") + id; }

template <class T>
T* child(ContentPanel& panel, const char* name)
{
    T* w = panel.findChild<T*>(QString::fromLatin1(name));
    REQUIRE(w);
    return w;
}

QStringList rows(QListWidget* list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i) out << list->item(i)->text();
    return out;
}

} // namespace

TEST_CASE("selecting a structure shows its name, Latin name, article and sources", "[content][panel]")
{
    Env env;
    ContentPanel panel(env.store.get(), QString(), env.notes.get(), displayName, nullptr);
    panel.setSelectedStructure(QStringLiteral("psoas_major_r"));
    CHECK(child<QLabel>(panel, "titleLabel")->text() == QStringLiteral("Psoas major (right)"));
    CHECK(child<QLabel>(panel, "latinLabel")->text() == QStringLiteral("Musculus psoas major dexter"));
    const QString text = child<QTextBrowser>(panel, "articleView")->toPlainText();
    CHECK(text.contains(QStringLiteral("Psoas major")));
    CHECK(text.contains(QStringLiteral("lesser trochanter")));
    CHECK(text.contains(QStringLiteral("Sources")));
    CHECK(text.contains(QStringLiteral("A test textbook")));
    CHECK(panel.shownItem() == QStringLiteral("psoas_major"));
    CHECK_FALSE(child<QLabel>(panel, "messageLabel")->isVisibleTo(&panel));
    CHECK(rows(child<QListWidget>(panel, "symptomList")) == QStringList{QStringLiteral("Pain at the front of the hip")});

    // a structure with no article says so
    panel.setSelectedStructure(QStringLiteral("l3"));
    CHECK(child<QTextBrowser>(panel, "articleView")->toPlainText().contains(QStringLiteral("no article")));
}

TEST_CASE("exercise buttons request their pose, links are handled inside", "[content][panel]")
{
    Env env;
    ContentPanel panel(env.store.get(), QString(), env.notes.get(), displayName, nullptr);
    QSignalSpy poses(&panel, &ContentPanel::poseRequested);
    QSignalSpy chosen(&panel, &ContentPanel::structureChosen);
    panel.setSelectedStructure(QStringLiteral("psoas_major_l"));
    QTest::mouseClick(child<QPushButton>(panel, "showOnModel_kneeling_lunge"), Qt::LeftButton);
    REQUIRE(poses.count() == 1);
    CHECK(poses.at(0).at(0).toString() == QStringLiteral("kneeling_lunge"));

    auto* browser = child<QTextBrowser>(panel, "articleView");
    emit browser->anchorClicked(QUrl(QStringLiteral("content:iliacus")));
    CHECK(panel.shownItem() == QStringLiteral("iliacus"));
    CHECK(browser->toPlainText().contains(QStringLiteral("iliac fossa")));
    // The heading names what the text is about, not the psoas still selected.
    CHECK_FALSE(child<QLabel>(panel, "titleLabel")->text().contains(QStringLiteral("psoas"), Qt::CaseInsensitive));
    CHECK(child<QLabel>(panel, "titleLabel")->text().contains(QStringLiteral("iliacus"), Qt::CaseInsensitive));
    QTest::mouseClick(child<QToolButton>(panel, "backButton"), Qt::LeftButton);
    CHECK(panel.shownItem() == QStringLiteral("psoas_major"));
    CHECK(child<QLabel>(panel, "titleLabel")->text().contains(QStringLiteral("psoas"), Qt::CaseInsensitive));

    emit browser->anchorClicked(QUrl(QStringLiteral("structure:psoas_major_r")));
    REQUIRE(chosen.count() == 1);
    CHECK(chosen.at(0).at(0).toString() == QStringLiteral("psoas_major_r"));
    CHECK(panel.selectedStructure() == QStringLiteral("psoas_major_r"));

    // an exercise's text carries its own "Show on model" link
    panel.showItem(QStringLiteral("kneeling_lunge"));
    emit browser->anchorClicked(QUrl(QStringLiteral("pose:kneeling_lunge")));
    CHECK(poses.count() == 2);

    // http(s) links ask first; declining opens nothing
    QList<QUrl> asked;
    panel.setExternalLinkConfirmer([&](const QUrl& url) {
        asked << url;
        return false;
    });
    emit browser->anchorClicked(QUrl(QStringLiteral("https://example.org/book")));
    emit browser->anchorClicked(QUrl(QStringLiteral("file:///etc/passwd")));
    REQUIRE(asked.size() == 1);
    CHECK(asked.front().toString() == QStringLiteral("https://example.org/book"));
}

TEST_CASE("search shows results as you type, choosing one selects or opens it", "[content][panel]")
{
    Env env;
    ContentPanel panel(env.store.get(), QString(), env.notes.get(), displayName, nullptr);
    panel.show();
    QSignalSpy chosen(&panel, &ContentPanel::structureChosen);
    auto* edit = child<QLineEdit>(panel, "searchEdit");
    auto* results = child<QListWidget>(panel, "searchResults");
    QTest::keyClicks(edit, QStringLiteral("ili"));
    REQUIRE(results->isVisible());
    REQUIRE(results->count() > 0);
    CHECK(rows(results).join(QLatin1Char('|')).contains(QStringLiteral("Iliacus")));

    QListWidgetItem* structureRow = nullptr;
    QListWidgetItem* articleRow = nullptr;
    for (int i = 0; i < results->count(); ++i) {
        if (results->item(i)->text().endsWith(QStringLiteral("(structure)")) && !structureRow)
            structureRow = results->item(i);
        if (results->item(i)->text() == QStringLiteral("Iliacus  (article)")) articleRow = results->item(i);
    }
    REQUIRE(structureRow);
    REQUIRE(articleRow);
    emit results->itemClicked(articleRow);
    CHECK(panel.shownItem() == QStringLiteral("iliacus"));
    emit results->itemClicked(structureRow);
    REQUIRE(chosen.count() == 1);
    CHECK(chosen.at(0).at(0).toString().startsWith(QStringLiteral("iliacus_")));

    edit->clear();
    CHECK_FALSE(results->isVisible());
    QTest::keyClicks(edit, QStringLiteral("qqqzzz"));
    CHECK(rows(results) == QStringList{QStringLiteral("No matches")});
}

TEST_CASE("search finds my notes by their text and a note result opens the note", "[content][panel]")
{
    Env env;
    REQUIRE(env.notes->save("iliacus_r", "Tender two fingers below the front hip point.").ok());
    ContentPanel panel(env.store.get(), QString(), env.notes.get(), displayName, nullptr);
    panel.show();
    QSignalSpy chosen(&panel, &ContentPanel::structureChosen);
    auto* edit = child<QLineEdit>(panel, "searchEdit");
    auto* results = child<QListWidget>(panel, "searchResults");
    QTest::keyClicks(edit, QStringLiteral("fingers"));
    REQUIRE(results->isVisible());
    QListWidgetItem* noteRow = nullptr;
    for (int i = 0; i < results->count(); ++i)
        if (results->item(i)->text().endsWith(QStringLiteral("(my note)"))) noteRow = results->item(i);
    REQUIRE(noteRow);
    CHECK(noteRow->toolTip().contains(QStringLiteral("Tender two fingers")));
    emit results->itemClicked(noteRow);
    REQUIRE(chosen.count() == 1);
    CHECK(chosen.at(0).at(0).toString() == QStringLiteral("iliacus_r"));
    CHECK(child<QTabWidget>(panel, "contentTabs")->currentWidget()->findChild<QPlainTextEdit*>(QStringLiteral("notesEdit")));
}

TEST_CASE("the pose brings up the items linked to it", "[content][panel]")
{
    Env env;
    ContentPanel panel(env.store.get(), QString(), env.notes.get(), displayName, nullptr);
    panel.show();
    auto* list = child<QListWidget>(panel, "poseList");
    panel.setCurrentPose(QStringLiteral("neutral"));
    CHECK_FALSE(list->isVisible());
    panel.setCurrentPose(QStringLiteral("anterior_pelvic_tilt"));
    CHECK(list->isVisible());
    CHECK(rows(list) == QStringList{QStringLiteral("Anterior pelvic tilt and hyperlordosis  (topic)")});
    emit list->itemClicked(list->item(0));
    CHECK(panel.shownItem() == QStringLiteral("anterior_pelvic_tilt"));
}

TEST_CASE("my notes are saved on a pause and on structure change", "[content][panel]")
{
    Env env;
    {
        ContentPanel panel(env.store.get(), QString(), env.notes.get(), displayName, nullptr);
        panel.setAutosaveDelay(50);
        auto* edit = child<QPlainTextEdit>(panel, "notesEdit");
        panel.setSelectedStructure(QStringLiteral("iliacus_r"));
        edit->setPlainText(QStringLiteral("Palpate below the ASIS."));
        for (int i = 0; i < 100 && env.notes->note("iliacus_r").value().empty(); ++i) QTest::qWait(20);
        CHECK(env.notes->note("iliacus_r").value() == "Palpate below the ASIS.");

        panel.setAutosaveDelay(60000);
        edit->setPlainText(QStringLiteral("Second thought."));
        panel.setSelectedStructure(QStringLiteral("psoas_major_r")); // saves before switching
        CHECK(env.notes->note("iliacus_r").value() == "Second thought.");
        CHECK(edit->toPlainText().isEmpty());
        edit->setPlainText(QStringLiteral("Unsaved when the panel closes."));
    }
    CHECK(env.notes->note("psoas_major_r").value() == "Unsaved when the panel closes.");
    ContentPanel panel(env.store.get(), QString(), env.notes.get(), displayName, nullptr);
    panel.setSelectedStructure(QStringLiteral("iliacus_r"));
    CHECK(child<QPlainTextEdit>(panel, "notesEdit")->toPlainText() == QStringLiteral("Second thought."));
}

TEST_CASE("a missing content database shows a clear message and the panel stays usable", "[content][panel]")
{
    Env env(false);
    auto missing = content::ContentStore::open(env.dir.file("content.db"));
    REQUIRE_FALSE(missing.ok());
    const QString error = QString::fromStdString(missing.message());
    ContentPanel panel(nullptr, error, env.notes.get(), displayName, nullptr);
    panel.show();
    auto* message = child<QLabel>(panel, "messageLabel");
    CHECK(message->isVisible());
    CHECK(message->text().contains(QStringLiteral("missing")));
    CHECK(message->text().contains(QStringLiteral("content.db")));
    CHECK_FALSE(child<QLineEdit>(panel, "searchEdit")->isEnabled());

    panel.setSelectedStructure(QStringLiteral("psoas_major_r"));
    CHECK(child<QLabel>(panel, "titleLabel")->text() == QStringLiteral("Name of psoas_major_r"));
    CHECK(child<QTextBrowser>(panel, "articleView")->toPlainText().contains(QStringLiteral("not available")));
    panel.setCurrentPose(QStringLiteral("sitting"));
    panel.showItem(QStringLiteral("psoas_major"));
    panel.setSearchText(QStringLiteral("psoas"));
    // notes still work
    auto* edit = child<QPlainTextEdit>(panel, "notesEdit");
    CHECK(edit->isEnabled());
    edit->setPlainText(QStringLiteral("Works offline."));
    CHECK(panel.saveNote());
    CHECK(env.notes->note("psoas_major_r").value() == "Works offline.");

    ContentPanel noNotes(nullptr, error, nullptr, nullptr, nullptr);
    noNotes.setSelectedStructure(QStringLiteral("l3"));
    CHECK(child<QLabel>(noNotes, "titleLabel")->text() == QStringLiteral("l3"));
    CHECK_FALSE(child<QPlainTextEdit>(noNotes, "notesEdit")->isEnabled());
}

// Not run by default: writes screenshots of the panel on the real content for review.
//   PSOAS_SCREENSHOT_DIR=/tmp/shots ./content_panel_tests "[.screenshot]"
TEST_CASE("panel screenshots on the real content", "[.screenshot]")
{
    const QString outDir = qEnvironmentVariable("PSOAS_SCREENSHOT_DIR");
    REQUIRE_FALSE(outDir.isEmpty());
    const QString db = qEnvironmentVariable("PSOAS_CONTENT_DB");
    auto store = content::ContentStore::open(db.toStdString());
    REQUIRE(store.ok());
    Env env(false);
    ContentPanel panel(store.value().get(), QString(), env.notes.get(), displayName, nullptr);
    panel.resize(460, 900);
    panel.show();
    panel.setSelectedStructure(QStringLiteral("psoas_major_r"));
    panel.setCurrentPose(QStringLiteral("anterior_pelvic_tilt"));
    QTest::qWait(50);
    CHECK(panel.grab().save(outDir + QStringLiteral("/panel_article.png")));
    child<QTabWidget>(panel, "contentTabs")->setCurrentIndex(1);
    QTest::qWait(50);
    CHECK(panel.grab().save(outDir + QStringLiteral("/panel_related.png")));
    child<QTabWidget>(panel, "contentTabs")->setCurrentIndex(0);
    panel.setSearchText(QStringLiteral("psoas mi"));
    QTest::qWait(50);
    CHECK(panel.grab().save(outDir + QStringLiteral("/panel_search.png")));
    ContentPanel missing(nullptr, QString::fromStdString(content::ContentStore::open("/opt/psoas/content.db").message()),
                         env.notes.get(), displayName, nullptr);
    missing.resize(460, 600);
    missing.show();
    missing.setSelectedStructure(QStringLiteral("psoas_major_r"));
    QTest::qWait(50);
    CHECK(missing.grab().save(outDir + QStringLiteral("/panel_missing_db.png")));
}

int main(int argc, char** argv)
{
    // The panel needs no window system: offscreen always. Test discovery runs this program at
    // build time, where tools/dev.sh has QT_QPA_PLATFORM=xcb and there is no display; with
    // xcb it aborted and ctest silently lost all of these tests.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}

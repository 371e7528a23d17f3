#include "ui/ContentPanel.h"
#include "ui/DockBody.h"

#include "content/ContentStore.h"
#include "content/MarkdownRenderer.h"
#include "content/UserNotes.h"
#include "ui/ExternalLinks.h"
#include "ui/NotesTab.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>

#include <algorithm>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace psoas::ui {
namespace {

enum Role { KindRole = Qt::UserRole + 1, IdRole };

QString q(const std::string& s) { return QString::fromStdString(s); }
std::string s8(const QString& s) { return s.toStdString(); }
QString esc(const std::string& s) { return q(content::MarkdownRenderer::escapeHtml(s)); }

QString typeLabel(content::ItemType t)
{
    switch (t) {
    case content::ItemType::Article: return ContentPanel::tr("article");
    case content::ItemType::Topic: return ContentPanel::tr("topic");
    case content::ItemType::Symptom: return ContentPanel::tr("symptom");
    case content::ItemType::Exercise: return ContentPanel::tr("exercise");
    case content::ItemType::Disclaimer: return ContentPanel::tr("disclaimer");
    }
    return {};
}

QListWidgetItem* addItemRow(QListWidget* list, const content::ItemSummary& item)
{
    auto* row = new QListWidgetItem(q(item.title), list);
    row->setData(KindRole, QStringLiteral("item"));
    row->setData(IdRole, q(item.id));
    row->setToolTip(q(item.summary));
    return row;
}

} // namespace

ContentPanel::ContentPanel(content::ContentStore* store, const QString& loadError, content::UserNotes* notes,
                           DisplayNameFn displayName, QWidget* parent)
    : QDockWidget(tr("Anatomy notes"), parent), m_store(store), m_notes(notes), m_displayName(std::move(displayName)),
      m_loadError(loadError)
{
    setObjectName(QStringLiteral("contentPanel"));
    m_confirmLink = [this](const QUrl& url) { return ExternalLinks::askUser(this, url); };
    buildUi();
    if (!m_store) {
        m_message->setText(loadError.isEmpty() ? tr("The anatomy texts are not available.") : loadError);
        m_message->show();
        m_search->setEnabled(false);
        m_search->setPlaceholderText(tr("Search is unavailable without the content database"));
    }
    setSelectedStructure(QString());
}

ContentPanel::~ContentPanel()
{
    if (m_notesTab->dirty()) saveNote();
}

void ContentPanel::buildUi()
{
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(6, 6, 6, 6);

    m_message = new QLabel(body);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #5c4400; padding: 6px; "
                                            "border: 1px solid #e0c870; }"));
    m_message->hide();
    layout->addWidget(m_message);

    m_search = new QLineEdit(body);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search structures, articles, symptoms, exercises"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    m_results = new QListWidget(body);
    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setMaximumHeight(220);
    m_results->hide();
    layout->addWidget(m_results);
    connect(m_search, &QLineEdit::textChanged, this, &ContentPanel::runSearch);
    connect(m_results, &QListWidget::itemActivated, this, &ContentPanel::chooseResult);
    connect(m_results, &QListWidget::itemClicked, this, &ContentPanel::chooseResult);
    m_search->installEventFilter(this); // Down moves into the results, Enter there opens one
    m_results->installEventFilter(this);

    m_title = new QLabel(body);
    m_title->setObjectName(QStringLiteral("titleLabel"));
    m_title->setWordWrap(true);
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    m_title->setFont(f);
    layout->addWidget(m_title);
    m_latin = new QLabel(body);
    m_latin->setObjectName(QStringLiteral("latinLabel"));
    m_latin->setWordWrap(true);
    QFont lf = m_latin->font();
    lf.setItalic(true);
    m_latin->setFont(lf);
    layout->addWidget(m_latin);

    m_tabs = new QTabWidget(body);
    m_tabs->setObjectName(QStringLiteral("contentTabs"));
    layout->addWidget(m_tabs, 1);

    m_tabs->addTab(buildArticleTab(), tr("Article"));

    // A short tab name: the three tabs fit a narrow dock without scroll arrows.
    const int relIndex = m_tabs->addTab(buildRelatedTab(), tr("Related"));
    m_tabs->setTabToolTip(relIndex, tr("Symptom notes, exercises (with Show on model) and related topics"));

    // My notes
    m_notesTab = new NotesTab(m_notes, m_tabs);
    connect(m_notesTab, &NotesTab::saved, this, &ContentPanel::noteSaved);
    m_tabs->addTab(m_notesTab, tr("My notes"));

    // For this pose (shown only when something is linked to it)
    m_poseTitle = new QLabel(body);
    m_poseTitle->setObjectName(QStringLiteral("poseTitle"));
    layout->addWidget(m_poseTitle);
    m_poseList = new QListWidget(body);
    m_poseList->setObjectName(QStringLiteral("poseList"));
    m_poseList->setMaximumHeight(110);
    layout->addWidget(m_poseList);
    m_poseTitle->hide();
    m_poseList->hide();
    for (QListWidget* list : {m_symptoms, m_related, m_poseList})
        connect(list, &QListWidget::itemClicked, this, [this](QListWidgetItem* it) { showItem(it->data(IdRole).toString()); });

    setScrollableDockWidget(this, body);
}

QWidget* ContentPanel::buildArticleTab()
{
    auto* articleTab = new QWidget(m_tabs);
    auto* al = new QVBoxLayout(articleTab);
    al->setContentsMargins(0, 0, 0, 0);
    m_back = new QToolButton(articleTab);
    m_back->setText(tr("Back"));
    m_back->setObjectName(QStringLiteral("backButton"));
    m_back->setEnabled(false);
    connect(m_back, &QToolButton::clicked, this, &ContentPanel::goBack);
    al->addWidget(m_back, 0, Qt::AlignLeft);
    m_article = new QTextBrowser(articleTab);
    m_article->setObjectName(QStringLiteral("articleView"));
    m_article->setOpenLinks(false);
    m_article->setOpenExternalLinks(false);
    m_article->document()->setDefaultStyleSheet(QStringLiteral(
        "h1 { font-size: x-large; } h2 { font-size: large; } h3 { font-size: medium; } a.external { color: #2a5db0; }"));
    connect(m_article, &QTextBrowser::anchorClicked, this, &ContentPanel::openLink);
    al->addWidget(m_article, 1);
    return articleTab;
}

QWidget* ContentPanel::buildRelatedTab()
{
    // Symptoms, exercises and related topics
    auto* relTab = new QWidget(m_tabs);
    auto* rl = new QVBoxLayout(relTab);
    rl->addWidget(new QLabel(tr("<b>Symptom notes</b>"), relTab));
    m_symptoms = new QListWidget(relTab);
    m_symptoms->setObjectName(QStringLiteral("symptomList"));
    rl->addWidget(m_symptoms, 1);
    rl->addWidget(new QLabel(tr("<b>Exercises</b>"), relTab));
    m_exercises = new QWidget(relTab);
    m_exercises->setObjectName(QStringLiteral("exerciseBox"));
    m_exerciseLayout = new QVBoxLayout(m_exercises);
    m_exerciseLayout->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(m_exercises);
    rl->addWidget(new QLabel(tr("<b>Related topics</b>"), relTab));
    m_related = new QListWidget(relTab);
    m_related->setObjectName(QStringLiteral("relatedList"));
    rl->addWidget(m_related, 1);
    return relTab;
}

void ContentPanel::setNotesError(const QString& message) { m_notesTab->setError(message); }

void ContentPanel::setAutosaveDelay(int ms) { m_notesTab->setAutosaveDelay(ms); }

bool ContentPanel::saveNote() { return m_notesTab->save(); }

QString ContentPanel::structureName(const QString& id) const
{
    if (m_store)
        if (auto s = m_store->structure(s8(id)); s && !s->name.empty()) return q(s->name);
    if (m_displayName) {
        QString name = m_displayName(id);
        if (!name.isEmpty()) return name;
    }
    return id;
}

void ContentPanel::setSelectedStructure(const QString& id)
{
    if (id == m_structure && !id.isEmpty()) return;
    if (m_notesTab->dirty()) saveNote();
    m_structure = id;
    m_history.clear();
    m_back->setEnabled(false);
    if (id.isEmpty()) {
        m_title->setText(tr("Nothing selected"));
        m_latin->clear();
        m_latin->hide();
    } else {
        m_title->setText(structureName(id));
        QString latin;
        if (m_store)
            if (auto s = m_store->structure(s8(id))) latin = q(s->latin);
        m_latin->setText(latin);
        m_latin->setVisible(!latin.isEmpty());
    }
    showStructureArticle();
    fillRelated();
    m_notesTab->setStructure(id, id.isEmpty() ? QString() : structureName(id));
}

void ContentPanel::showStructureArticle()
{
    if (!m_store) {
        QString html = QStringLiteral("<p><b>%1</b></p>").arg(tr("The anatomy texts are not available."));
        if (!m_loadError.isEmpty()) html += QStringLiteral("<p>%1</p>").arg(m_loadError.toHtmlEscaped());
        setArticleHtml(html, QString());
        return;
    }
    if (m_structure.isEmpty()) {
        setArticleHtml(tr("<p>Select a structure in the view, or search above, to read about it.</p>"), QString());
        return;
    }
    auto article = m_store->articleForStructure(s8(m_structure));
    if (!article) {
        auto items = m_store->itemsForStructure(s8(m_structure));
        if (!items.empty()) article = items.front();
    }
    if (article) setArticleHtml(itemHtml(q(article->id)), q(article->id));
    else setArticleHtml(tr("<p>There is no article about %1 yet.</p>").arg(structureName(m_structure).toHtmlEscaped()),
                        QString());
}

QString ContentPanel::itemHtml(const QString& itemId) const
{
    auto item = m_store ? m_store->item(s8(itemId)) : std::nullopt;
    if (!item) return tr("<p>This text is not in the content database.</p>");
    // The body usually opens with its own "# Title"; otherwise the title is added here.
    QString body = q(m_store->html(item->id));
    QString head;
    if (body.startsWith(QLatin1String("<h1>"))) {
        int end = body.indexOf(QLatin1String("</h1>"));
        head = body.left(end + 5);
        body = body.mid(end + 5);
    } else {
        head = QStringLiteral("<h1>%1</h1>").arg(esc(item->title));
    }
    QString html = head;
    if (!item->latin.empty()) html += QStringLiteral("<p><i>%1</i></p>").arg(esc(item->latin));
    if (item->type == content::ItemType::Exercise && !item->pose.empty())
        html += QStringLiteral("<p><a href=\"pose:%1\">%2</a></p>").arg(esc(item->pose), tr("Show on model"));
    html += body;
    auto sources = m_store->sourcesOf(item->id);
    if (!sources.empty()) {
        html += QStringLiteral("<h3>%1</h3><ol>").arg(tr("Sources"));
        for (const auto& s : sources) {
            QString line = QStringLiteral("<i>%1</i>, %2").arg(esc(s.title), esc(s.site));
            if (!s.author.empty()) line = esc(s.author) + QStringLiteral(": ") + line;
            if (s.kind == "popular-article") line += tr(" (popular web article, cited as an example of what people read)");
            if (s.kind == "model-data") line += tr(" (where the model's numbers come from; not a published source)");
            if (!s.doi.empty())
                line += QStringLiteral(". doi: <a href=\"https://doi.org/%1\">%1</a>").arg(esc(s.doi));
            if (!s.isbn.empty()) line += QStringLiteral(". ISBN %1").arg(esc(s.isbn));
            if (!s.url.empty())
                line += QStringLiteral(" (<a href=\"%1\">%2</a>)").arg(esc(s.url), tr("link"));
            html += QStringLiteral("<li><a name=\"source-%1\"></a>%2</li>").arg(esc(s.id), line);
        }
        html += QStringLiteral("</ol>");
    }
    return html;
}

void ContentPanel::setArticleHtml(const QString& html, const QString& itemId)
{
    m_item = itemId;
    m_article->setHtml(html);
    updateHeading();
}

void ContentPanel::updateHeading()
{
    // The heading names what the text is about: the selected structure, or, for an article
    // about another structure (opened from a link or the related list), that one.
    QString shownId = m_structure;
    if (m_store && !m_item.isEmpty() && !m_structure.isEmpty())
        if (auto item = m_store->item(s8(m_item))) {
            const auto& about = item->structures;
            if (!about.empty() && std::find(about.begin(), about.end(), s8(m_structure)) == about.end()) {
                shownId = q(about.front());
                // The same side as the selection: the left psoas's link to the iliacus names the left one.
                const QString side = m_structure.right(2);
                for (const auto& a : about)
                    if ((side == "_l" || side == "_r") && q(a).endsWith(side)) shownId = q(a);
            }
        }
    if (shownId.isEmpty()) return; // "Nothing selected" stays
    m_title->setText(structureName(shownId));
    QString latin;
    if (m_store)
        if (auto st = m_store->structure(s8(shownId))) latin = q(st->latin);
    m_latin->setText(latin);
    m_latin->setVisible(!latin.isEmpty());
}

void ContentPanel::showItem(const QString& itemId)
{
    if (!m_store || itemId.isEmpty()) return;
    if (!m_store->item(s8(itemId))) return;
    if (!m_item.isEmpty() && m_item != itemId) m_history.push_back(m_item);
    m_back->setEnabled(!m_history.isEmpty());
    setArticleHtml(itemHtml(itemId), itemId);
    m_tabs->setCurrentIndex(0);
}

void ContentPanel::goBack()
{
    if (m_history.isEmpty()) return;
    QString id = m_history.takeLast();
    setArticleHtml(itemHtml(id), id);
    m_back->setEnabled(!m_history.isEmpty());
}

void ContentPanel::fillRelated()
{
    m_symptoms->clear();
    m_related->clear();
    while (QLayoutItem* it = m_exerciseLayout->takeAt(0)) {
        delete it->widget(); // never called from one of these rows' own signals
        delete it;
    }
    if (!m_store || m_structure.isEmpty()) return;
    const std::string id = s8(m_structure);
    for (const auto& s : m_store->symptomsForStructure(id)) addItemRow(m_symptoms, s);
    for (const auto& ex : m_store->exercisesForStructure(id)) {
        auto* row = new QWidget(m_exercises);
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto* open = new QPushButton(q(ex.title), row);
        open->setFlat(true);
        open->setToolTip(q(ex.summary));
        open->setObjectName(QStringLiteral("exercise_") + q(ex.id));
        const QString exId = q(ex.id), pose = q(ex.pose);
        connect(open, &QPushButton::clicked, this, [this, exId] { showItem(exId); });
        h->addWidget(open, 1, Qt::AlignLeft);
        auto* show = new QPushButton(tr("Show on model"), row);
        show->setObjectName(QStringLiteral("showOnModel_") + q(ex.id));
        show->setEnabled(!pose.isEmpty());
        connect(show, &QPushButton::clicked, this, [this, pose] { emit poseRequested(pose); });
        h->addWidget(show);
        m_exerciseLayout->addWidget(row);
    }
    for (const auto& it : m_store->itemsForStructure(id))
        if ((it.type == content::ItemType::Article || it.type == content::ItemType::Topic) && q(it.id) != m_item)
            addItemRow(m_related, it);
}

void ContentPanel::setCurrentPose(const QString& presetName)
{
    if (presetName == m_pose) return;
    m_pose = presetName;
    fillPoseList();
}

void ContentPanel::fillPoseList()
{
    m_poseList->clear();
    if (m_store && !m_pose.isEmpty())
        for (const auto& it : m_store->itemsForPose(s8(m_pose))) {
            auto* row = addItemRow(m_poseList, it);
            row->setText(q(it.title) + QStringLiteral("  (") + typeLabel(it.type) + QStringLiteral(")"));
        }
    const bool any = m_poseList->count() > 0;
    m_poseTitle->setText(tr("<b>For this pose</b> (%1)").arg(QString(m_pose).replace(QLatin1Char('_'), QLatin1Char(' '))));
    m_poseTitle->setVisible(any);
    m_poseList->setVisible(any);
}

void ContentPanel::setSearchText(const QString& text) { m_search->setText(text); }

void ContentPanel::runSearch(const QString& text)
{
    m_results->clear();
    if (!m_store || text.trimmed().isEmpty()) {
        m_results->hide();
        return;
    }
    for (const auto& hit : m_store->search(s8(text), 20)) {
        const bool structure = hit.kind == content::HitKind::Structure;
        QString label = q(hit.title) + QStringLiteral("  (") + (structure ? tr("structure") : typeLabel(hit.itemType)) +
                        QStringLiteral(")");
        auto* row = new QListWidgetItem(label, m_results);
        row->setData(KindRole, structure ? QStringLiteral("structure") : QStringLiteral("item"));
        row->setData(IdRole, q(hit.id));
        row->setToolTip(hit.approximate ? tr("Similar spelling: %1").arg(q(hit.detail)) : q(hit.detail));
    }
    // The user's own notes (from notes.db, never from the shipped content).
    if (m_notes)
        if (auto notes = m_notes->search(s8(text), 10); notes.ok())
            for (const auto& hit : notes.value()) {
                const QString id = q(hit.structureId);
                auto* row = new QListWidgetItem(structureName(id) + QStringLiteral("  (") + tr("my note") +
                                                    QStringLiteral(")"),
                                                m_results);
                row->setData(KindRole, QStringLiteral("note"));
                row->setData(IdRole, id);
                row->setToolTip(q(hit.snippet));
            }
    if (m_results->count() == 0) {
        auto* none = new QListWidgetItem(tr("No matches"), m_results);
        none->setFlags(Qt::NoItemFlags);
    }
    m_results->show();
}

// Keys in the search box and its results: Down goes into the list, Enter opens the current
// result (the first one from the box), Up on the first row or Esc goes back to the box.
bool ContentPanel::eventFilter(QObject* watched, QEvent* event)
{
    const int key = event->type() == QEvent::KeyPress ? static_cast<QKeyEvent*>(event)->key() : 0;
    if (!key || m_results->isHidden() || m_results->count() == 0) return QDockWidget::eventFilter(watched, event);
    const bool inList = watched == m_results, firstEnabled = m_results->item(0)->flags() & Qt::ItemIsEnabled;
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
        chooseResult(inList ? m_results->currentItem() : m_results->item(0));
    } else if (!inList && (key == Qt::Key_Down || key == Qt::Key_PageDown) && firstEnabled) {
        m_results->setFocus(Qt::TabFocusReason);
        m_results->setCurrentRow(0);
    } else if (inList && (key == Qt::Key_Escape || (key == Qt::Key_Up && m_results->currentRow() <= 0))) {
        m_search->setFocus(Qt::TabFocusReason);
    } else {
        return QDockWidget::eventFilter(watched, event);
    }
    return true;
}

void ContentPanel::chooseResult(QListWidgetItem* item)
{
    if (!item || !(item->flags() & Qt::ItemIsEnabled)) return;
    const QString id = item->data(IdRole).toString();
    m_results->hide(); // shown again as soon as the search text changes
    if (item->data(KindRole).toString() == QLatin1String("structure")) {
        setSelectedStructure(id);
        emit structureChosen(id);
    } else if (item->data(KindRole).toString() == QLatin1String("note")) {
        setSelectedStructure(id);
        emit structureChosen(id);
        m_tabs->setCurrentWidget(m_notesTab);
    } else {
        showItem(id);
    }
}

void ContentPanel::openLink(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    const QString target = url.path();
    if (scheme == QLatin1String("content")) {
        showItem(target);
    } else if (scheme == QLatin1String("structure")) {
        setSelectedStructure(target);
        emit structureChosen(target);
    } else if (scheme == QLatin1String("pose")) {
        emit poseRequested(target);
    } else if (scheme == QLatin1String("quiz")) {
        emit quizRequested(target);
    } else if (scheme == QLatin1String("source")) {
        m_article->scrollToAnchor(QStringLiteral("source-") + target); // the item's list of sources
    } else if (ExternalLinks::isWebLink(url)) {
        ExternalLinks::open(this, url, m_confirmLink);
    }
    // anything else is ignored: the content never contains other links
}

} // namespace psoas::ui

#include "handout/Handout.h"

#include "content/ContentStore.h"
#include "content/MarkdownRenderer.h"

#include <QRegularExpression>

#include <set>

namespace psoas::handout {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
QString esc(const std::string& s) { return q(s).toHtmlEscaped(); }

} // namespace

QString printableHtml(const std::string& markdown)
{
    QString html = q(content::MarkdownRenderer::toHtml(markdown));
    // Paper has no links: web links keep their address after the text, the others only the text.
    static const QRegularExpression web(QStringLiteral("<a href=\"(https?://[^\"]*)\"[^>]*>(.*?)</a>"),
                                        QRegularExpression::DotMatchesEverythingOption);
    html.replace(web, QStringLiteral("\\2 (\\1)"));
    static const QRegularExpression anchor(QStringLiteral("</?a\\b[^>]*>"));
    html.remove(anchor);
    return html;
}

QString sourceHtml(const content::Source& s)
{
    QString line = QStringLiteral("<i>%1</i>, %2").arg(esc(s.title), esc(s.site));
    if (!s.author.empty()) line = esc(s.author) + QStringLiteral(": ") + line;
    // The kind in words, unless the site already says it ("... (popular web article)").
    if (s.kind == "popular-article" && s.site.find("popular web article") == std::string::npos)
        line += QStringLiteral(" (popular web article, cited as an example of what people read)");
    if (s.kind == "model-data") line += QStringLiteral(" (where the model's numbers come from; not a published source)");
    if (!s.doi.empty()) line += QStringLiteral(". doi: %1").arg(esc(s.doi));
    if (!s.isbn.empty()) line += QStringLiteral(". ISBN %1").arg(esc(s.isbn));
    if (!s.url.empty()) line += QStringLiteral(". %1").arg(esc(s.url));
    return line;
}

core::Status addContent(Handout& handout, const app::Lesson& lesson, const content::ContentStore& store,
                        const std::vector<content::Source>& allSources)
{
    auto disclaimer = store.item("disclaimer");
    if (!disclaimer)
        return core::makeError("The content database '" + store.path() +
                               "' has no disclaimer; rebuild it (target psoas_content_db) or reinstall.");
    handout.disclaimerTitle = q(disclaimer->title);
    QString body = printableHtml(disclaimer->body);
    // The body opens with its own "# Medical disclaimer": the handout prints the title itself.
    static const QRegularExpression firstHeading(QStringLiteral("^\\s*<h1>.*?</h1>"));
    body.remove(firstHeading);
    handout.disclaimerHtml = body;

    std::set<std::string> seen;
    auto cite = [&](const std::vector<content::Source>& sources) {
        for (const auto& s : sources)
            if (seen.insert(s.id).second) handout.sourcesHtml.push_back(sourceHtml(s));
    };
    for (const auto& step : lesson.steps) {
        for (const auto& id : step.selection) {
            auto article = store.articleForStructure(id);
            if (!article) {
                auto items = store.itemsForStructure(id);
                if (!items.empty()) article = items.front();
            }
            if (article) cite(store.sourcesOf(article->id));
        }
        for (const auto& link : content::MarkdownRenderer::links(step.text)) {
            std::string id;
            const auto kind = content::classifyLink(link.target, &id);
            if (kind == content::LinkKind::Content) cite(store.sourcesOf(id));
            else if (kind == content::LinkKind::Source)
                for (const auto& s : allSources)
                    if (s.id == id) cite({s});
        }
    }
    cite(store.sourcesOf(disclaimer->id));
    return core::Status::success();
}

} // namespace psoas::handout

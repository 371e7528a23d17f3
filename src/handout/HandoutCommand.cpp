#include "handout/HandoutCommand.h"

#include "app/Document.h"
#include "app/Lesson.h"
#include "app/LessonStepApply.h"
#include "app/OffscreenRenderer.h"
#include "app/Session.h"
#include "content/ContentStore.h"
#include "content/SourceList.h"
#include "core/AssetPaths.h"
#include "core/AtomicFile.h"
#include "core/FileKind.h"
#include "handout/Handout.h"
#include "handout/HandoutPdf.h"
#include "scene/OrbitCamera.h"

#include <QImage>

#include <filesystem>
#include <ostream>

namespace psoas::handout {

namespace {

constexpr int kSamples = 4;
// A light background that prints well (the viewer's is dark).
const Vec3 kBackgroundTop{0.93f, 0.945f, 0.96f};
const Vec3 kBackgroundBottom{0.84f, 0.87f, 0.90f};

int fail(std::ostream& err, const std::string& message, int code)
{
    err << "psoas-atlas: " << message << "\n";
    return code;
}

} // namespace

int runHandoutCommand(const HandoutRequest& request, std::ostream& err, const HandoutProgress& progress)
{
    if (request.output.empty())
        return fail(err, "--handout needs an output file, for example --handout lesson.pdf LESSON.json", 2);
    if (request.lesson.empty())
        return fail(err, "--handout " + request.output + " needs a lesson file after it, for example --handout " +
                             request.output + " assets/lessons/anterior_pelvic_tilt_for_patients.json",
                    2);
    PageSize page = PageSize::A4;
    if (auto s = parsePageSize(request.page, page); !s) return fail(err, s.message(), 2);
    // Checked before the work as well as by the writer: a FIFO, device or folder is never replaced.
    if (const std::string kind = core::specialFileKind(request.output); !kind.empty())
        return fail(err, "cannot write the handout to '" + request.output + "': it is " + kind +
                             ", not a regular file, and is left as it is. Give a file name such as lesson.pdf.",
                    2);
    {
        std::error_code ec;
        const auto folder = std::filesystem::absolute(request.output, ec).parent_path();
        if (!ec && !std::filesystem::is_directory(folder, ec))
            return fail(err, "cannot write the handout to '" + request.output + "': the folder '" + folder.string() +
                                 "' does not exist. Create it or give another file name.",
                        1);
    }
    // The lesson first (a missing or broken file fails before the model is loaded).
    if (auto quick = app::Lesson::load(request.lesson); !quick) return fail(err, quick.message(), 1);

    const std::string modelPath = request.modelPath.empty() ? app::Document::defaultModelPath() : request.modelPath;
    auto doc = app::Document::open(modelPath, app::Document::catalogFor(modelPath));
    if (!doc) return fail(err, doc.message(), 1);
    auto loaded = app::Lesson::load(request.lesson, app::LessonVocabulary::fromDocument(*doc.value()));
    if (!loaded) return fail(err, loaded.message(), 1);
    for (const auto& w : loaded->warnings) err << "psoas-atlas: " << w << "\n";
    const app::Lesson& lesson = loaded->lesson;
    if (lesson.steps.empty())
        return fail(err, "the lesson '" + request.lesson + "' has no steps; add steps in the viewer's Lesson panel.", 1);

    auto store = content::ContentStore::open(core::contentDatabasePath());
    if (!store) return fail(err, store.message(), 1);
    std::vector<content::Source> allSources;
    if (auto sources = content::SourceList::load(core::assetPath("content/sources.json")))
        allSources = std::move(sources).value();

    Handout handout;
    handout.title = QString::fromStdString(lesson.title);
    handout.descriptionHtml = printableHtml(lesson.description);
    handout.note = QString::fromStdString(request.note);
    if (auto s = addContent(handout, lesson, *store.value(), allSources); !s) return fail(err, s.message(), 1);

    const QSize size = stepImageSize(page);
    auto renderer = app::OffscreenRenderer::create(size.width(), size.height(), kSamples);
    if (!renderer) return fail(err, renderer.message(), 1);
    renderer.value()->setBackground(kBackgroundTop, kBackgroundBottom);
    app::Session session;
    session.setDocument(doc.value().get());
    scene::OrbitCamera camera;
    camera.setViewport(size.width(), size.height());
    const int count = int(lesson.steps.size());
    for (int i = 0; i < count; ++i) {
        if (progress) progress(i + 1, count);
        const app::LessonStep& step = lesson.steps[std::size_t(i)];
        if (auto s = app::applyLessonStep(session, step, camera); !s)
            err << "psoas-atlas: " << request.lesson << ": step " << i + 1 << " (\"" << step.title
                << "\"): " << s.message() << " The step is shown without it.\n";
        auto pixels = renderer.value()->draw(*doc.value(), camera);
        QImage image(pixels.data(), size.width(), size.height(), size.width() * 4, QImage::Format_RGBA8888);
        handout.steps.push_back({QString::fromStdString(step.title), printableHtml(step.text),
                                 image.convertToFormat(QImage::Format_RGB888)});
    }
    if (progress) progress(count, count);
    const QByteArray pdf = writePdf(handout, page);
    if (auto s = core::writeFileAtomically(request.output, pdf.toStdString()); !s) return fail(err, s.message(), 1);
    return 0;
}

} // namespace psoas::handout

// `psoas-atlas --handout OUT.pdf LESSON.json` on every shipped lesson, A4 and Letter, read back
// the way a reader sees it: pdfinfo (page size and count), pdftotext (every step's title, the
// note, the disclaimer, the sources) and pdftoppm (every step's picture on a page, with the
// model in it); and the messages for bad input. Runs the program as a process, with no display.
#include "app/Lesson.h"
#include "handout/Handout.h"
#include "handout/HandoutPdf.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <sys/wait.h>

using namespace psoas;
namespace fs = std::filesystem;

namespace {

struct Run {
    int exitCode = -1;
    std::string out; // stdout and stderr together
};

std::string quote(const std::string& s)
{
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

Run shell(const std::string& command)
{
    Run r;
    FILE* p = popen((command + " 2>&1").c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf{};
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
    const int status = pclose(p);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -2;
    return r;
}

// psoas-atlas with no display server, as on a headless CI machine.
Run atlas(const std::vector<std::string>& args)
{
    std::string cmd = "env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM " + quote(PSOAS_ATLAS_EXE);
    for (const auto& a : args) cmd += " " + quote(a);
    return shell(cmd);
}

struct TempDir {
    fs::path path;
    TempDir()
    {
        char tmpl[] = "/tmp/psoas-handout-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

// pdftotext joins words with single spaces and may use ligatures: compare in that form.
QString normalised(QString s)
{
    s.replace(QChar(0xFB01), "fi").replace(QChar(0xFB02), "fl").replace(QChar(0xFB00), "ff");
    return s.simplified();
}

std::vector<std::string> shippedLessons()
{
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(fs::path(PSOAS_ASSETS_DIR) / "lessons"))
        if (e.path().extension() == ".json") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Rows of a page image that belong to a step picture: a run of rows where most of the text
// width is not paper white. Returns the runs as [first, last] rows.
std::vector<std::pair<int, int>> pictureRuns(const QImage& page)
{
    std::vector<std::pair<int, int>> runs;
    int start = -1;
    for (int y = 0; y <= page.height(); ++y) {
        int dark = 0;
        if (y < page.height())
            for (int x = 0; x < page.width(); ++x) {
                const QRgb c = page.pixel(x, y);
                if (qRed(c) < 245 || qGreen(c) < 245 || qBlue(c) < 245) ++dark;
            }
        const bool picture = y < page.height() && dark > page.width() * 6 / 10;
        if (picture && start < 0) start = y;
        if (!picture && start >= 0) {
            if (y - start >= page.height() / 5) runs.push_back({start, y - 1});
            start = -1;
        }
    }
    return runs;
}

// Pixels of the model in a picture: coloured (muscle red, bone ivory, the selection's gold),
// unlike the blue-grey background.
int modelPixels(const QImage& page, std::pair<int, int> run)
{
    int n = 0;
    for (int y = run.first; y <= run.second; ++y)
        for (int x = 0; x < page.width(); ++x) {
            const QRgb c = page.pixel(x, y);
            if (qRed(c) > qBlue(c) + 12) ++n; // warm: not the cool background or the grey frame
        }
    return n;
}

void checkHandout(const std::string& lessonPath, const std::string& page, const TempDir& dir)
{
    auto loaded = app::Lesson::load(lessonPath);
    REQUIRE(loaded);
    const app::Lesson& lesson = loaded->lesson;
    const std::string pdf = dir.file(fs::path(lessonPath).stem().string() + "-" + page + ".pdf");
    const std::string note = "Practise this twice a day for five minutes.";
    const Run run = atlas({"--handout", pdf, "--page", page, "--note", note, lessonPath});
    INFO(run.out);
    REQUIRE(run.exitCode == 0);

    const Run info = shell("pdfinfo " + quote(pdf));
    REQUIRE(info.exitCode == 0);
    CHECK(info.out.find(page == "a4" ? "595 x 842 pts (A4)" : "612 x 792 pts (letter)") != std::string::npos);
    QRegularExpressionMatch m = QRegularExpression("Pages:\\s+(\\d+)").match(QString::fromStdString(info.out));
    REQUIRE(m.hasMatch());
    const int pages = m.captured(1).toInt();
    const int steps = int(lesson.steps.size());
    CHECK(pages >= 1 + steps / 2);
    CHECK(pages <= steps + 4);

    const Run text = shell("pdftotext " + quote(pdf) + " -");
    REQUIRE(text.exitCode == 0);
    const QString all = normalised(QString::fromStdString(text.out));
    CHECK(all.contains(normalised(QString::fromStdString(lesson.title))));
    for (int i = 0; i < steps; ++i) {
        const QString heading = QStringLiteral("Step %1 of %2: %3").arg(i + 1).arg(steps).arg(
            QString::fromStdString(lesson.steps[std::size_t(i)].title));
        INFO(heading.toStdString());
        CHECK(all.contains(normalised(heading)));
    }
    CHECK(all.contains(normalised(QString::fromStdString(note))));
    CHECK(all.contains("Medical disclaimer"));
    CHECK(all.contains("It is not medical advice."));
    CHECK(all.contains(QRegularExpression("Sources 1\\. \\S+")));
    CHECK(all.contains(QStringLiteral("Page %1 of %1").arg(pages)));

    // Every step's picture is on a page, whole, with the model in it.
    const std::string prefix = dir.file(fs::path(pdf).stem().string());
    REQUIRE(shell("pdftoppm -r 40 -png " + quote(pdf) + " " + quote(prefix)).exitCode == 0);
    int pictures = 0;
    for (int p = 1; p <= pages; ++p) {
        const QString png = QString::fromStdString(prefix) + (pages >= 10 && p < 10 ? "-0" : "-") +
                            QString::number(p) + ".png";
        QImage image(png);
        INFO(png.toStdString());
        REQUIRE(!image.isNull());
        for (const auto& r : pictureRuns(image)) {
            ++pictures;
            CHECK(modelPixels(image, r) > 150);
        }
    }
    CHECK(pictures == steps);
}

} // namespace

TEST_CASE("Handout: psoas-atlas --handout writes a PDF of every shipped lesson, A4 and Letter, with every step's picture and text",
          "[handout][gl]")
{
    TempDir dir;
    const auto lessons = shippedLessons();
    REQUIRE(lessons.size() >= 3);
    for (const auto& lesson : lessons)
        for (const char* page : {"a4", "letter"}) {
            INFO(lesson << " " << page);
            checkHandout(lesson, page, dir);
        }
}

TEST_CASE("Handout: psoas-atlas --handout refuses bad input with a message naming it", "[handout]")
{
    TempDir dir;
    const std::string lesson = shippedLessons().front();
    const std::string out = dir.file("out.pdf");

    SECTION("a missing lesson file")
    {
        const std::string missing = dir.file("no-such-lesson.json");
        const Run r = atlas({"--handout", out, missing});
        CHECK(r.exitCode == 1);
        CHECK(r.out.find(missing) != std::string::npos);
        CHECK_FALSE(fs::exists(out));
    }
    SECTION("a broken lesson file")
    {
        const std::string broken = dir.file("broken.json");
        std::ofstream(broken) << "{ \"title\": \"half a lesson\", \"steps\": [ ";
        const Run r = atlas({"--handout", out, broken});
        CHECK(r.exitCode == 1);
        CHECK(r.out.find(broken) != std::string::npos);
        CHECK_FALSE(fs::exists(out));
    }
    SECTION("a folder as the output")
    {
        const Run r = atlas({"--handout", dir.path.string(), lesson});
        CHECK(r.exitCode == 2);
        CHECK(r.out.find("cannot write the handout to '" + dir.path.string() + "': it is a folder") !=
              std::string::npos);
        CHECK(fs::is_directory(dir.path));
    }
    SECTION("a named pipe as the output")
    {
        const std::string fifo = dir.file("pipe.pdf");
        REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
        const Run r = atlas({"--handout", fifo, lesson});
        CHECK(r.exitCode == 2);
        CHECK(r.out.find("cannot write the handout to '" + fifo + "': it is a named pipe (FIFO)") != std::string::npos);
        CHECK(fs::is_fifo(fifo));
    }
    SECTION("an output folder that does not exist")
    {
        const std::string nowhere = dir.file("no-folder/out.pdf");
        const Run r = atlas({"--handout", nowhere, lesson});
        CHECK(r.exitCode == 1);
        CHECK(r.out.find("cannot write the handout to '" + nowhere + "'") != std::string::npos);
    }
    SECTION("an unknown page size")
    {
        const Run r = atlas({"--handout", out, "--page", "a5", lesson});
        CHECK(r.exitCode == 2);
        CHECK(r.out.find("--page 'a5' is not a page size. Use a4 or letter.") != std::string::npos);
    }
    SECTION("no lesson, two lessons, options of other commands")
    {
        Run r = atlas({"--handout", out});
        CHECK(r.exitCode == 2);
        CHECK(r.out.find("--handout needs the lesson file after it") != std::string::npos);
        r = atlas({"--handout", out, lesson, lesson});
        CHECK(r.exitCode == 2);
        CHECK(r.out.find("one handout from one lesson, but 2 files were given") != std::string::npos);
        r = atlas({"--handout", out, "--view", "left", lesson});
        CHECK(r.exitCode == 2);
        CHECK(r.out.find("--view is not used by --handout") != std::string::npos);
        r = atlas({"--render", dir.file("x.png"), "--page", "a4"});
        CHECK(r.exitCode == 2);
        CHECK(r.out.find("--page is used with --handout only") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("Handout: links print as text, page sizes parse", "[handout]")
{
    const QString html = handout::printableHtml(
        "See the [psoas](structure:psoas_major_r), [this note](content:disclaimer) and [NICE](https://www.nice.org.uk).");
    CHECK_FALSE(html.contains("<a"));
    CHECK(html.contains("See the psoas, this note and NICE (https://www.nice.org.uk)."));
    handout::PageSize size = handout::PageSize::A4;
    CHECK(handout::parsePageSize("Letter", size));
    CHECK(size == handout::PageSize::Letter);
    CHECK(handout::parsePageSize("A4", size));
    CHECK(size == handout::PageSize::A4);
    const auto bad = handout::parsePageSize("legal", size);
    REQUIRE_FALSE(bad);
    CHECK(bad.message() == "--page 'legal' is not a page size. Use a4 or letter.");
    // Print resolution: at least 150 dpi across the text width.
    CHECK(handout::stepImageSize(handout::PageSize::A4).width() >= int((210 - 32) / 25.4 * 150));
}

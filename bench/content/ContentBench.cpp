// Search latency of the content store (target: < 5 ms per query) and the cost of the
// panel's other queries, on the real content.db built from assets/content.
#include "content/ContentStore.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

using psoas::content::ContentStore;

namespace {

const char* const kQueries[] = {"p",       "ps",        "pso",          "psoas",     "psoas maj", "ili",
                                "hip pain", "diaph",    "lesser troch", "stretch",   "l3",        "bridge",
                                "tilt",    "breathing", "qqqzzz",       "m. psoas",
                                // typo tolerance (a word matching nothing is retried within one edit)
                                "ilicus",  "diaphram",  "snaping hip",  "psaos majr", "back pain", "qqqzzzx"};

ContentStore& store()
{
    static std::unique_ptr<ContentStore> s = [] {
        const char* env = std::getenv("PSOAS_CONTENT_DB");
        auto r = ContentStore::open(env && *env ? env : PSOAS_CONTENT_DB);
        if (!r) {
            std::fprintf(stderr, "%s\n", r.message().c_str());
            std::exit(1);
        }
        return std::move(r.value());
    }();
    return *s;
}

void BM_Search(benchmark::State& state)
{
    const char* q = kQueries[state.range(0)];
    std::size_t hits = 0;
    for (auto _ : state) {
        auto r = store().search(q, 20);
        hits = r.size();
        benchmark::DoNotOptimize(r);
    }
    state.SetLabel(std::string("\"") + q + "\" -> " + std::to_string(hits) + " hits");
}
BENCHMARK(BM_Search)->DenseRange(0, sizeof kQueries / sizeof kQueries[0] - 1)->Unit(benchmark::kMicrosecond);

// Typing "psoas major" one key at a time: one search per keystroke.
void BM_SearchAsYouType(benchmark::State& state)
{
    const std::string text = "psoas major";
    for (auto _ : state)
        for (std::size_t n = 1; n <= text.size(); ++n) benchmark::DoNotOptimize(store().search(text.substr(0, n), 20));
    state.SetItemsProcessed(static_cast<long>(state.iterations() * text.size()));
}
BENCHMARK(BM_SearchAsYouType)->Unit(benchmark::kMicrosecond);

// Everything the panel asks for when a structure is selected.
void BM_SelectStructure(benchmark::State& state)
{
    for (auto _ : state) {
        auto s = store().structure("psoas_major_r");
        auto article = store().articleForStructure("psoas_major_r");
        std::string html = article ? store().html(article->id) : std::string();
        auto sources = article ? store().sourcesOf(article->id) : decltype(store().sourcesOf("")){};
        auto symptoms = store().symptomsForStructure("psoas_major_r");
        auto exercises = store().exercisesForStructure("psoas_major_r");
        benchmark::DoNotOptimize(s);
        benchmark::DoNotOptimize(html);
        benchmark::DoNotOptimize(sources);
        benchmark::DoNotOptimize(symptoms);
        benchmark::DoNotOptimize(exercises);
    }
}
BENCHMARK(BM_SelectStructure)->Unit(benchmark::kMicrosecond);

void BM_Open(benchmark::State& state)
{
    for (auto _ : state) {
        auto r = ContentStore::open(store().path());
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_Open)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();

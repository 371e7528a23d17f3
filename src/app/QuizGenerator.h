#pragma once
// Random "find it" and "name it" quizzes from the catalog and the attachment areas, for what is
// shown now: a structure that is hidden or absent from the model is never asked about, and an
// attachment question is only asked for a shown muscle that has attachment areas on a shown bone.
#include "app/Quiz.h"

#include <cstdint>

namespace psoas::app {

class Session;

struct QuizGeneratorOptions {
    int count = 8;
    bool find = true;        // "Click the ..."
    bool name = true;        // "What is the highlighted structure called?"
    bool attachments = true; // find questions on origins and insertions
    std::uint32_t randomState = 1; // the same value gives the same quiz
};

class QuizGenerator {
public:
    // Structures that may be asked about: catalog bones, cartilages, discs and muscles that
    // are mesh nodes of the model and visible in the session's layers.
    static std::vector<std::string> candidates(const Session& session);
    static Quiz generate(const Session& session, const QuizGeneratorOptions& options = {});
};

} // namespace psoas::app

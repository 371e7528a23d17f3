#pragma once
// INTERNAL to psoas_app (included only by Quiz.cpp and QuizReader.cpp, never by a public
// header): reading one question of a quiz file, forgiving per field, every problem one
// warning naming the file, the question and the field.
#include "app/Quiz.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace psoas::app::quizfile {

// What a JSON value is, in words ("a number", "a list", ...).
std::string typeName(const nlohmann::json& j);

class QuestionReader {
public:
    QuestionReader(const std::string& file, int index, std::vector<std::string>& warnings)
        : m_file(file), m_index(index), m_warnings(warnings)
    {
    }
    void setId(const std::string& id) { m_id = id; }
    std::string prefix() const;
    void warn(const std::string& field, const std::string& what);
    bool text(const nlohmann::json& q, const char* key, std::string& out, bool required);
    bool number(const nlohmann::json& q, const char* key, double& out, bool required);
    // A list of ids (a single id is accepted too); each must pass `ok`, which warns itself.
    std::vector<std::string> ids(const nlohmann::json& q, const char* key,
                                 const std::function<bool(const std::string&)>& ok);

private:
    std::string m_file;
    int m_index;
    std::string m_id;
    std::vector<std::string>& m_warnings;
};

// Reads question `index` of `file` into q; false when it is left out. `ids` holds the ids of
// the questions read so far (a repeated one is renamed).
bool readQuestion(const nlohmann::json& j, QuestionReader& r, int index, const std::string& file,
                  const QuizVocabulary& vocab, std::set<std::string>& ids, QuizQuestion& q);

} // namespace psoas::app::quizfile

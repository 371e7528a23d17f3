#pragma once
// The one checked reader for fields of our own JSON files (catalog.json, rig.json,
// coordinates.json, poses/*.json). nlohmann's value()/get<>() throw on a wrong type, and an
// uncaught throw ends the program; every field read goes through here instead. A read of the
// wrong type records the first error, which names the file, the field's path and what to do:
//   "<file>: structures[3].color should be text but is the number 5. <fix>"
// Absent (or null) optional fields keep the value the caller set; absent required fields are
// errors.
#include "core/Error.h"

#include <glm/vec3.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace psoas::core {

class JsonFields {
public:
    using json = nlohmann::json;
    enum Need { Optional, Required };

    // fix: what to do, appended to every message ("Fix the value or restore the file ...").
    JsonFields(std::string file, std::string fix);

    bool text(const json& object, const char* key, const std::string& where, std::string& out, Need need = Optional);
    // Finite numbers only (NaN/Inf cannot be written in JSON, but 1e999 overflows to Inf).
    bool number(const json& object, const char* key, const std::string& where, double& out, Need need = Optional);
    bool boolean(const json& object, const char* key, const std::string& where, bool& out, Need need = Optional);
    bool textList(const json& object, const char* key, const std::string& where, std::vector<std::string>& out,
                  Need need = Optional);
    bool vec3(const json& object, const char* key, const std::string& where, glm::dvec3& out, Need need = Required);
    // The member if present and of that type; nullptr (and an error when required or of the
    // wrong type) otherwise.
    const json* array(const json& object, const char* key, const std::string& where, Need need = Optional);
    const json* object(const json& object, const char* key, const std::string& where, Need need = Optional);
    // Checks that a value itself (an array element, the root) is an object.
    bool isObject(const json& value, const std::string& where);

    // Records an error of the caller's own (a value of the right type that is not allowed).
    bool fail(const std::string& where, const std::string& what);
    bool ok() const { return m_error.empty(); }
    const std::string& message() const { return m_error; }
    Error error() const { return makeError(m_error); }
    const std::string& file() const { return m_file; }

    // "the number 5", "text \"abc\"", "an array", ... for messages.
    static std::string describe(const json& value);
    // The kind of a value in plain words, without the value: "null", "a true/false value",
    // "a number", "text", "a list", "an object" (lesson and quiz messages).
    static std::string kindName(const json& value);

private:
    const json* member(const json& object, const char* key, const std::string& where, Need need, bool& failed);
    bool wrongType(const std::string& path, const char* expected, const json& value);

    std::string m_file;
    std::string m_fix;
    std::string m_error;
};

// "where.key", or "key" when where is empty.
std::string fieldPath(const std::string& where, const char* key);

} // namespace psoas::core

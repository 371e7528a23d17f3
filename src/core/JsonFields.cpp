#include "core/JsonFields.h"

#include <cmath>

namespace psoas::core {

std::string fieldPath(const std::string& where, const char* key)
{
    return where.empty() ? std::string(key) : where + "." + key;
}

JsonFields::JsonFields(std::string file, std::string fix) : m_file(std::move(file)), m_fix(std::move(fix)) {}

std::string JsonFields::kindName(const json& value)
{
    if (value.is_null()) return "null";
    if (value.is_boolean()) return "a true/false value";
    if (value.is_number()) return "a number";
    if (value.is_string()) return "text";
    if (value.is_array()) return "a list";
    return "an object";
}

std::string JsonFields::describe(const json& value)
{
    switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "the number " + formatNumber(value.get<double>());
    case json::value_t::string: {
        std::string s = value.get<std::string>();
        if (s.size() > 40) s = s.substr(0, 37) + "...";
        return "the text \"" + s + "\"";
    }
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "a value of another kind";
    }
}

bool JsonFields::fail(const std::string& where, const std::string& what)
{
    if (m_error.empty()) m_error = m_file + ": " + (where.empty() ? "" : where + ": ") + what + ". " + m_fix;
    return false;
}

bool JsonFields::wrongType(const std::string& path, const char* expected, const json& value)
{
    if (m_error.empty())
        m_error = m_file + ": " + path + " should be " + expected + " but is " + describe(value) + ". " + m_fix;
    return false;
}

const nlohmann::json* JsonFields::member(const json& object, const char* key, const std::string& where, Need need,
                                         bool& failed)
{
    failed = false;
    if (!object.is_object()) {
        failed = true;
        wrongType(where.empty() ? "the top level" : where, "an object", object);
        return nullptr;
    }
    auto it = object.find(key);
    if (it == object.end() || (it->is_null() && need == Optional)) {
        if (need == Required) {
            failed = true;
            fail(where, std::string("the field \"") + key + "\" is missing");
        }
        return nullptr;
    }
    return &*it;
}

bool JsonFields::text(const json& object, const char* key, const std::string& where, std::string& out, Need need)
{
    bool failed;
    const json* v = member(object, key, where, need, failed);
    if (!v) return !failed;
    if (!v->is_string()) return wrongType(fieldPath(where, key), "text", *v);
    out = v->get<std::string>();
    return true;
}

bool JsonFields::number(const json& object, const char* key, const std::string& where, double& out, Need need)
{
    bool failed;
    const json* v = member(object, key, where, need, failed);
    if (!v) return !failed;
    if (!v->is_number()) return wrongType(fieldPath(where, key), "a number", *v);
    double d = v->get<double>();
    if (!std::isfinite(d)) return fail(fieldPath(where, key), "the number is too large");
    out = d;
    return true;
}

bool JsonFields::boolean(const json& object, const char* key, const std::string& where, bool& out, Need need)
{
    bool failed;
    const json* v = member(object, key, where, need, failed);
    if (!v) return !failed;
    if (!v->is_boolean()) return wrongType(fieldPath(where, key), "true or false", *v);
    out = v->get<bool>();
    return true;
}

bool JsonFields::textList(const json& object, const char* key, const std::string& where,
                          std::vector<std::string>& out, Need need)
{
    bool failed;
    const json* v = member(object, key, where, need, failed);
    if (!v) return !failed;
    if (!v->is_array()) return wrongType(fieldPath(where, key), "an array of text", *v);
    std::vector<std::string> list;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const json& e = (*v)[i];
        if (!e.is_string()) return wrongType(fieldPath(where, key) + "[" + std::to_string(i) + "]", "text", e);
        list.push_back(e.get<std::string>());
    }
    out = std::move(list);
    return true;
}

bool JsonFields::vec3(const json& object, const char* key, const std::string& where, glm::dvec3& out, Need need)
{
    bool failed;
    const json* v = member(object, key, where, need, failed);
    if (!v) return !failed;
    const std::string path = fieldPath(where, key);
    if (!v->is_array() || v->size() != 3) return wrongType(path, "an array of 3 numbers", *v);
    for (std::size_t i = 0; i < 3; ++i) {
        const json& e = (*v)[i];
        if (!e.is_number()) return wrongType(path + "[" + std::to_string(i) + "]", "a number", e);
        double d = e.get<double>();
        if (!std::isfinite(d)) return fail(path + "[" + std::to_string(i) + "]", "the number is too large");
        out[static_cast<glm::length_t>(i)] = d;
    }
    return true;
}

const nlohmann::json* JsonFields::array(const json& object, const char* key, const std::string& where, Need need)
{
    bool failed;
    const json* v = member(object, key, where, need, failed);
    if (!v) return nullptr;
    if (!v->is_array()) {
        wrongType(fieldPath(where, key), "an array", *v);
        return nullptr;
    }
    return v;
}

const nlohmann::json* JsonFields::object(const json& object, const char* key, const std::string& where, Need need)
{
    bool failed;
    const json* v = member(object, key, where, need, failed);
    if (!v) return nullptr;
    if (!v->is_object()) {
        wrongType(fieldPath(where, key), "an object", *v);
        return nullptr;
    }
    return v;
}

bool JsonFields::isObject(const json& value, const std::string& where)
{
    if (value.is_object()) return true;
    return wrongType(where.empty() ? "the top level" : where, "an object", value);
}

} // namespace psoas::core

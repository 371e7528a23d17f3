#pragma once
// Two error channels (see README): programming mistakes are assertions; bad files and
// bad user input come back as an Error that names the file or value, what is wrong and
// what to do about it.
#include <string>
#include <utility>
#include <variant>

namespace psoas::core {

struct Error {
    std::string message;
};

inline Error makeError(std::string message) { return Error{std::move(message)}; }

// A value or an Error. Minimal stand-in for std::expected (C++23).
template <class T>
class Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_v); }
    const std::string& message() const { return error().message; }

private:
    std::variant<T, Error> m_v;
};

// Result for operations with no value.
class Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error.message)), m_failed(true) {}
    static Status success() { return Status(); }
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const std::string& message() const { return m_error; }

private:
    std::string m_error;
    bool m_failed = false;
};

// Formats a double the way users typed it (no trailing zeros), for messages.
std::string formatNumber(double v);

} // namespace psoas::core

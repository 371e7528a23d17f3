#include "content/ContentItem.h"

namespace psoas::content {

const char* toString(ItemType type)
{
    switch (type) {
    case ItemType::Article: return "article";
    case ItemType::Topic: return "topic";
    case ItemType::Symptom: return "symptom";
    case ItemType::Exercise: return "exercise";
    case ItemType::Disclaimer: return "disclaimer";
    }
    return "article";
}

std::optional<ItemType> itemTypeFromString(const std::string& s)
{
    if (s == "article") return ItemType::Article;
    if (s == "topic") return ItemType::Topic;
    if (s == "symptom") return ItemType::Symptom;
    if (s == "exercise") return ItemType::Exercise;
    if (s == "disclaimer") return ItemType::Disclaimer;
    return std::nullopt;
}

bool isCheckableSource(const Source& source) { return source.kind != "model-data"; }

} // namespace psoas::content
